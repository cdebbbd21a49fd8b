/** The build-time half of the numeric type: its schema. */
import { defineQuestionAuthoring, type QuestionFrom, type SchemaKit } from '../question-type.ts';
import { containsNumber } from '../item-writing.authoring.ts';

export const authoring = defineQuestionAuthoring({
  title: 'Numeric answer',
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
  describe: (question, text) => ({
    kind: 'write',
    rows: [],
    key: text(`${question.answer}${question.unit ? ` ${question.unit}` : ''}${question.tolerance ? ` (± ${question.tolerance})` : ''}`),
  }),
});

export type NumericQuestion = QuestionFrom<typeof authoring.schema>;
