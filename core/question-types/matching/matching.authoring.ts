/** The build-time half of the matching type: its schema, checks and compilation. */
import { defineQuestionAuthoring, type QuestionFrom, type SchemaKit } from '../question-type.ts';

export const authoring = defineQuestionAuthoring({
  title: 'Matching',
  schema: ({ z, questionBase, id, inlineMarkdown }: SchemaKit) =>
    z.strictObject({
      ...questionBase,
      type: z.literal('matching'),
      /** Each prompt and the target that matches it. Targets are offered shuffled. */
      pairs: z
        .array(z.strictObject({ id, prompt: inlineMarkdown, match: inlineMarkdown }))
        .min(2, 'needs at least 2 pairs')
        .max(8),
      /** Targets that match no prompt. */
      distractors: z.array(z.strictObject({ id, text: inlineMarkdown })).max(4).default([]),
      /** Score the share of correct pairs instead of all-or-nothing. */
      partialCredit: z.boolean().default(false),
    }),
  check(question, checks) {
    const ids = [...question.pairs.map((p) => p.id), ...question.distractors.map((d) => d.id)];
    const at = (i: number, field: string) => (i < question.pairs.length ? ['pairs', i, field] : ['distractors', i - question.pairs.length, field === 'match' ? 'text' : field]);
    checks.duplicates(ids, (i) => at(i, 'id'), `pair or distractor id in ${checks.name}`);
    const matches = [...question.pairs.map((p) => p.match), ...question.distractors.map((d) => d.text)].map((t) => t.trim().toLowerCase());
    checks.duplicates(matches, (i) => at(i, 'match'), `target text in ${checks.name}`);
    if (question.distractors.length < 2) {
      checks.warn([question.distractors.length ? 'distractors' : 'pairs'], `${checks.name} has ${question.distractors.length} distractor${question.distractors.length === 1 ? '' : 's'}: give at least 2, so the last pair is not found by elimination`);
    }
  },
  compile: (question, inline) => ({
    ...question,
    pairs: question.pairs.map((p) => ({ ...p, prompt: inline(p.prompt), match: inline(p.match) })),
    distractors: question.distractors.map((d) => ({ ...d, text: inline(d.text) })),
  }),
  describe: (question) => ({
    kind: 'match',
    rows: [
      ...question.pairs.map((p) => ({ id: p.id, html: p.prompt, match: p.match, key: true })),
      ...question.distractors.map((d) => ({ id: d.id, html: '', match: d.text })),
    ],
    key: question.pairs.map((p) => p.id).join(', '),
  }),
});

export type MatchingQuestion = QuestionFrom<typeof authoring.schema>;
