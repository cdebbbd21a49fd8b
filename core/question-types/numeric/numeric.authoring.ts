/** The build-time half of the numeric type: its schema. */
import { defineQuestionAuthoring, type QuestionFrom, type SchemaKit } from '../question-type.ts';
import { containsNumber } from '../item-writing.authoring.ts';

export const authoring = defineQuestionAuthoring({
  schema: ({ z, questionBase }: SchemaKit) =>
    z.strictObject({
      ...questionBase,
      type: z.literal('numeric'),
      answer: z.number(),
      /** Accepted distance from the answer (inclusive). */
      tolerance: z.number().min(0).default(0),
      unit: z.string().max(20).optional(),
    }),
  itemWriting: (question) => ({ answerInPrompt: containsNumber(question.prompt, question.answer) }),
});

export type NumericQuestion = QuestionFrom<typeof authoring.schema>;
