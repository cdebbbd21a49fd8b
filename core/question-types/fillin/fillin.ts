/** Fill in: a short text answer, one of several accepted. Response: the text typed. */
import { cleanText, normaliseText } from '../../quiz/text.ts';
import { defineQuestionType, type SchemaKit } from '../question-type.ts';

export const fillin = defineQuestionType({
  name: 'fillin',
  schema: ({ z, questionBase, text }: SchemaKit) =>
    z.strictObject({
      ...questionBase,
      type: z.literal('fillin'),
      /** Accepted answers; surrounding spaces and repeated inner spaces are ignored. */
      answers: z.array(text.max(100)).min(1, 'needs at least one accepted answer'),
      caseSensitive: z.boolean().default(false),
      maxLength: z.number().int().min(1).max(100).default(60),
    }),
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
  check(question, checks) {
    question.answers.forEach((a, ai) => {
      if (a.length > question.maxLength) checks.add(['answers', ai], `${checks.name}: accepted answer "${a}" is longer than maxLength ${question.maxLength}`);
    });
  },
});
