/** Numeric: a number within a tolerance. Response: the number as typed ("140 000", "1,5"). */
import { parseNumber } from '../../quiz/text.ts';
import { defineQuestionType } from '../question-type.ts';
import type { NumericQuestion } from './numeric.authoring.ts';

/** Longest numeric answer a learner can type. */
export const NUMERIC_MAX_LENGTH = 20;

export const numeric = defineQuestionType<NumericQuestion, string>({
  name: 'numeric',
  score(question, response) {
    if (typeof response !== 'string' || !response.trim()) return undefined;
    const value = parseNumber(response);
    // Text that is no number is not an answer yet: the learner is asked for a number.
    if (!Number.isFinite(value)) return undefined;
    return { correct: Math.abs(value - question.answer) <= question.tolerance + 1e-9 };
  },
  correctResponse: (question): string => String(question.answer),
  wrongResponse: (question): string => String(question.answer + question.tolerance + 1),
  seedWrongResponse: (question): string => String(question.answer * 2 + 1),
  encode: (_question, response) => response,
  decode: (_question, value) => (typeof value === 'string' ? value : undefined),
  longestResponse: () => '-'.repeat(NUMERIC_MAX_LENGTH),
  interaction: (question, response) => ({
    type: 'numeric',
    response: { kind: 'number', value: parseNumber(response) },
    correct: [{ kind: 'range', min: question.answer - question.tolerance, max: question.answer + question.tolerance }],
  }),
});
