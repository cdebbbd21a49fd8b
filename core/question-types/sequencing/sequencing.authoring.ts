/** The build-time half of the sequencing type: its schema, checks and compilation. */
import { defineQuestionAuthoring, type QuestionFrom, type SchemaKit } from '../question-type.ts';

export const authoring = defineQuestionAuthoring({
  title: 'Sequencing',
  schema: ({ z, questionBase, id, inlineMarkdown }: SchemaKit) =>
    z.strictObject({
      ...questionBase,
      type: z.literal('sequencing'),
      /** Items in their correct order; the learner sees them shuffled. */
      items: z.array(z.strictObject({ id, text: inlineMarkdown })).min(3, 'needs at least 3 items').max(8),
    }),
  check: (question, checks) => checks.duplicates(question.items.map((i) => i.id), (i) => ['items', i, 'id'], `item id in ${checks.name}`),
  compile: (question, inline) => ({ ...question, items: question.items.map((i) => ({ ...i, text: inline(i.text) })) }),
  describe: (question) => ({ kind: 'order', rows: question.items.map((i) => ({ id: i.id, html: i.text, key: true })), key: question.items.map((i) => i.id).join(' → ') }),
});

export type SequencingQuestion = QuestionFrom<typeof authoring.schema>;
