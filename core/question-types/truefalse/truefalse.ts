/** True or false: a statement to judge. Response: the learner's verdict. */
import { defineQuestionType } from '../question-type.ts';
import type { TrueFalseQuestion } from './truefalse.authoring.ts';

export const truefalse = defineQuestionType<TrueFalseQuestion, boolean>({
  name: 'truefalse',
  score: (question, response) => (typeof response === 'boolean' ? { correct: response === question.answer } : undefined),
  correctResponse: (question): boolean => question.answer,
  wrongResponse: (question): boolean => !question.answer,
  seedWrongResponse: (question): boolean => !question.answer,
  encode: (_question, response) => (response ? 1 : 0),
  decode: (_question, value) => value === 1,
  longestResponse: () => true,
  interaction: (question, response) => ({
    type: 'true-false',
    response: { kind: 'boolean', value: response },
    correct: [{ kind: 'boolean', value: question.answer }],
  }),
});
