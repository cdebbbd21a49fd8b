/** Single choice: one option is right. Response: the chosen option's index. */
import { defineQuestionType } from '../question-type.ts';
import type { SingleChoiceQuestion } from './single.authoring.ts';
import { correctOptions, optionChoice, optionComponents, optionOrder } from '../choice-options.ts';

export const single = defineQuestionType<SingleChoiceQuestion, number>({
  name: 'single',
  score: (question, response) => (typeof response === 'number' ? { correct: question.options[response]?.correct === true } : undefined),
  correctResponse: (question): number => question.options.findIndex((o) => o.correct),
  wrongResponse: (question): number => question.options.findIndex((o) => !o.correct),
  seedWrongResponse(question, random): number {
    const wrong = question.options.map((o, i) => (o.correct ? -1 : i)).filter((i) => i >= 0);
    // Learners favour the first wrong option: the "most chosen distractor" is known.
    return random() < 0.6 ? wrong[0]! : wrong[Math.floor(random() * wrong.length)]!;
  },
  encode: (_question, response) => response,
  decode: (question, value) => (typeof value === 'number' && value >= 0 && value < question.options.length ? value : undefined),
  longestResponse: (question) => question.options.length - 1,
  interaction: (question, response) => ({
    type: 'choice',
    response: { kind: 'choices', choices: [optionChoice(question, response)] },
    correct: [{ kind: 'choices', choices: correctOptions(question).map((i) => optionChoice(question, i)) }],
  }),
  xapiComponents: optionComponents,
  displayOrder: optionOrder,
});
