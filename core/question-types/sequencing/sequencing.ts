/** Sequencing: items into their order. Response: item indices in the order the learner put them. */
import { B36 } from '../../state/b36.ts';
import { defineQuestionType } from '../question-type.ts';
import type { SequencingQuestion } from './sequencing.authoring.ts';

export const sequencing = defineQuestionType<SequencingQuestion, number[]>({
  name: 'sequencing',
  score(question, response) {
    if (!Array.isArray(response) || response.length !== question.items.length) return undefined;
    return { correct: response.every((item, position) => item === position) };
  },
  correctResponse: (question): number[] => question.items.map((_, i) => i),
  wrongResponse: (question): number[] => question.items.map((_, i) => question.items.length - 1 - i),
  seedWrongResponse: (question): number[] => question.items.map((_, i) => question.items.length - 1 - i),
  // The learner starts from the shuffled order and moves items from there.
  initialResponse: (_question, displayOrder) => displayOrder,
  encode: (_question, response) => response.map((t) => B36[t]).join(''),
  decode: (_question, value) => (typeof value === 'string' ? [...value].map((c) => B36.indexOf(c)) : undefined),
  longestResponse: (question) => question.items.map((_, i) => i),
  interaction(question, response) {
    const item = (index: number) => ({ index, id: question.items[index]!.id });
    return {
      type: 'sequencing',
      response: { kind: 'sequence', choices: response.map(item) },
      correct: [{ kind: 'sequence', choices: question.items.map((_, i) => item(i)) }],
    };
  },
  xapiComponents: (question, text) => ({ choices: question.items.map((i) => ({ id: i.id, description: text(i.text) })) }),
  displayOrder(question, shuffled) {
    // Never start in the correct order.
    const order = shuffled(question.items.length);
    return order.every((item, i) => item === i) ? [...order.slice(1), order[0]!] : order;
  },
});
