/**
 * Matching: each prompt to its target, with distractors among the targets. Response: for each
 * pair (prompt), the index of the chosen target, or -1 while none is chosen. Targets are numbered
 * pairs first (target i matches pair i), then distractors.
 */
import { B36 } from '../../state/b36.ts';
import { defineQuestionType } from '../question-type.ts';
import type { MatchingQuestion } from './matching.authoring.ts';

export const matching = defineQuestionType<MatchingQuestion, number[]>({
  name: 'matching',
  score(question, response) {
    if (!Array.isArray(response) || response.every((t) => t < 0)) return undefined;
    const right = question.pairs.filter((_, i) => response[i] === i).length;
    const correct = right === question.pairs.length;
    return { correct, credit: question.partialCredit ? right / question.pairs.length : correct ? 1 : 0 };
  },
  correctResponse: (question): number[] => question.pairs.map((_, i) => i),
  wrongResponse: (question): number[] => question.pairs.map((_, i) => (i + 1) % question.pairs.length),
  seedWrongResponse: (question): number[] => question.pairs.map((_, i) => (i + 1) % question.pairs.length),
  initialResponse: (question) => question.pairs.map(() => -1),
  encode: (_question, response) => response.map((t) => (t < 0 ? '-' : B36[t])).join(''),
  decode: (_question, value) => (typeof value === 'string' ? [...value].map((c) => (c === '-' ? -1 : B36.indexOf(c))) : undefined),
  longestResponse: (question) => question.pairs.map(() => question.pairs.length + question.distractors.length - 1),
  interaction(question, response) {
    const targets = matchingTargets(question);
    const pair = (source: number, target: number) => ({ source: { index: source, id: question.pairs[source]!.id }, target: { index: target, id: targets[target]!.id } });
    return {
      type: 'matching',
      response: { kind: 'pairs', pairs: response.flatMap((target, source) => (target >= 0 ? [pair(source, target)] : [])) },
      correct: [{ kind: 'pairs', pairs: question.pairs.map((_, i) => pair(i, i)) }],
    };
  },
  xapiComponents: (question, text) => ({
    source: question.pairs.map((p) => ({ id: p.id, description: text(p.prompt) })),
    target: [...question.pairs.map((p) => p.match), ...question.distractors.map((d) => d.text)].map((t, i) => ({ id: String.fromCharCode(97 + i), description: text(t) })),
  }),
  // Targets are always shuffled: in source order they would line up with their prompts.
  displayOrder: (question, shuffled) => shuffled(question.pairs.length + question.distractors.length),
});

/** The targets of a matching question: pairs' matches first, then distractors. */
export function matchingTargets(question: { pairs: { id: string; match: string }[]; distractors: { id: string; text: string }[] }): { id: string; text: string }[] {
  return [...question.pairs.map((p) => ({ id: p.id, text: p.match })), ...question.distractors];
}
