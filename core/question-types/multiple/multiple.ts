/** Multiple response: every right option and no wrong one. Response: the chosen indices, ascending. */
import { defineQuestionType } from '../question-type.ts';
import type { MultipleResponseQuestion } from './multiple.authoring.ts';
import { correctOptions, optionChoice, optionComponents, optionOrder } from '../choice-options.ts';

export const multiple = defineQuestionType<MultipleResponseQuestion, number[]>({
  name: 'multiple',
  score(question, response) {
    if (!Array.isArray(response) || response.length === 0) return undefined;
    const chosen = new Set(response);
    return { correct: question.options.every((o, i) => o.correct === chosen.has(i)) };
  },
  correctResponse: (question): number[] => correctOptions(question),
  wrongResponse(question): number[] {
    const wrong = question.options.flatMap((o, i) => (o.correct ? [] : [i]));
    return wrong.length ? wrong : [question.options.findIndex((o) => !o.correct)];
  },
  seedWrongResponse: (question): number[] => question.options.flatMap((o, i) => (o.correct === (i === 0) ? [] : [i])).slice(0, 2).sort((a, b) => a - b),
  encode: (_question, response) => response.reduce((mask, i) => mask | (1 << i), 0),
  decode: (question, value) => (typeof value === 'number' ? question.options.map((_, i) => i).filter((i) => value & (1 << i)) : undefined),
  longestResponse: (question) => question.options.map((_, i) => i),
  interaction: (question, response) => ({
    type: 'choice',
    response: { kind: 'choices', choices: response.map((i) => optionChoice(question, i)) },
    correct: [{ kind: 'choices', choices: correctOptions(question).map((i) => optionChoice(question, i)) }],
  }),
  xapiComponents: optionComponents,
  displayOrder: optionOrder,
});
