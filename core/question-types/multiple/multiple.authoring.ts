/** The build-time half of the multiple type: its schema, checks and compilation. */
import { defineQuestionAuthoring, type QuestionFrom, type SchemaKit } from '../question-type.ts';
import { checkOptionFeedbackAndIds, checkOptions, compileOptions, describeOptions } from '../choice-options.authoring.ts';

export const authoring = defineQuestionAuthoring({
  title: 'Multiple response',
  schema: ({ z, questionBase, choiceOptionSchema }: SchemaKit) =>
    z.strictObject({
      ...questionBase,
      type: z.literal('multiple'),
      options: z.array(choiceOptionSchema).min(2, 'needs at least 2 options').max(10),
    }),
  check(question, checks) {
    const correct = checkOptions(question, checks);
    if (correct === question.options.length) checks.add(['options'], `${checks.name} has every option correct: nothing to discriminate`);
    checkOptionFeedbackAndIds(question, checks);
  },
  compile: compileOptions,
  describe: describeOptions,
});

export type MultipleResponseQuestion = QuestionFrom<typeof authoring.schema>;
