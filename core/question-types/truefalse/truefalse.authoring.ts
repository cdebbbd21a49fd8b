/** The build-time half of the truefalse type: its schema. */
import { defineQuestionAuthoring, type QuestionFrom, type SchemaKit } from '../question-type.ts';

export const authoring = defineQuestionAuthoring({
  title: 'True or false',
  schema: ({ z, questionBase }: SchemaKit) => z.strictObject({ ...questionBase, type: z.literal('truefalse'), answer: z.boolean() }),
  itemWriting: (question) => ({ keyedTrue: question.answer }),
  describe: (question) => ({ kind: 'judge', rows: [], key: question.answer ? 'True' : 'False', truth: question.answer }),
});

export type TrueFalseQuestion = QuestionFrom<typeof authoring.schema>;
