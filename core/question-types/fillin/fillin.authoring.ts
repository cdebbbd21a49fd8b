/** The build-time half of the fillin type: its schema and checks. */
import { defineQuestionAuthoring, type QuestionFrom, type SchemaKit } from '../question-type.ts';
import { containsPhrase } from '../item-writing.authoring.ts';

export const authoring = defineQuestionAuthoring({
  title: 'Fill in the blank',
  schema: ({ z, questionBase, text }: SchemaKit) =>
    z.strictObject({
      ...questionBase,
      type: z.literal('fillin'),
      /** Accepted answers; surrounding spaces and repeated inner spaces are ignored. */
      answers: z.array(text.max(100)).min(1, 'needs at least one accepted answer'),
      caseSensitive: z.boolean().default(false),
      maxLength: z.number().int().min(1).max(100).default(60),
    }),
  check(question, checks) {
    question.answers.forEach((a, ai) => {
      if (a.length > question.maxLength) checks.add(['answers', ai], `${checks.name}: accepted answer "${a}" is longer than maxLength ${question.maxLength}`);
    });
  },
  itemWriting: (question) => ({ answerInPrompt: question.answers.some((answer) => containsPhrase(question.prompt, answer)) }),
  describe: (question, text) => ({
    kind: 'write',
    rows: [],
    key: question.answers.map(text).join(' / ') + (question.caseSensitive ? ' (case matters)' : ''),
  }),
});

export type FillInQuestion = QuestionFrom<typeof authoring.schema>;
