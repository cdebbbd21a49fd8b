/** Fill in: a short text answer, one of several accepted. Response: the text typed. */
import { cleanText, normaliseText } from '../../quiz/text.ts';
import { defineQuestionType } from '../question-type.ts';
import type { FillInQuestion } from './fillin.authoring.ts';

export const fillin = defineQuestionType<FillInQuestion, string>({
  name: 'fillin',
  score(question, response) {
    if (typeof response !== 'string' || !response.trim()) return undefined;
    const typed = normaliseText(response, question.caseSensitive);
    return { correct: question.answers.some((a) => normaliseText(a, question.caseSensitive) === typed) };
  },
  correctResponse: (question): string => question.answers[0]!,
  wrongResponse: (): string => 'not the answer',
  seedWrongResponse: (): string => 'lowest price',
  clean: (question, response) => cleanText(String(response), question.maxLength),
  encode: (_question, response) => response,
  decode: (_question, value) => (typeof value === 'string' ? value : undefined),
  // `"` is doubled by JSON: the longest serialised text.
  longestResponse: (question) => '"'.repeat(question.maxLength),
  interaction: (question, response) => ({
    type: 'fill-in',
    response: { kind: 'text', text: response, caseMatters: question.caseSensitive },
    correct: question.answers.map((text) => ({ kind: 'text', text, caseMatters: question.caseSensitive })),
  }),
});
