/** The build-time half of the single type: its schema, checks and compilation. */
import { defineQuestionAuthoring, type QuestionFrom, type SchemaKit } from '../question-type.ts';
import { checkOptionFeedbackAndIds, checkOptions, compileOptions, describeOptions } from '../choice-options.authoring.ts';
import { isLongest } from '../item-writing.authoring.ts';

export const authoring = defineQuestionAuthoring({
  title: 'Single choice',
  schema: ({ z, questionBase, choiceOptionSchema }: SchemaKit) =>
    z.strictObject({
      ...questionBase,
      type: z.literal('single'),
      options: z.array(choiceOptionSchema).min(2, 'needs at least 2 options').max(10),
    }),
  check(question, checks) {
    const correct = checkOptions(question, checks);
    if (correct > 1) checks.add(['options'], `${checks.name} is single choice but has ${correct} correct options (use type: multiple)`);
    checkOptionFeedbackAndIds(question, checks);
  },
  compile: compileOptions,
  describe: describeOptions,
  itemWriting: (question) => ({ keyIsLongest: isLongest(question.options.map((o) => o.text), question.options.findIndex((o) => o.correct)) }),
});

export type SingleChoiceQuestion = QuestionFrom<typeof authoring.schema>;
