/** The build-time half both choice types share: option checks and compilation. */
import type { ChoiceQuestion } from './choice-options.ts';
import type { AnswerKey, QuestionChecks } from './question-type.ts';

export function checkOptions(question: ChoiceQuestion, checks: QuestionChecks): number {
  const correct = question.options.filter((o) => o.correct).length;
  if (correct === 0) checks.add(['options'], `${checks.name} has no correct answer`);
  return correct;
}

export function checkOptionFeedbackAndIds(question: ChoiceQuestion, checks: QuestionChecks): void {
  question.options.forEach((o, oi) => {
    if (!o.feedback) checks.add(['options', oi], `${checks.name}, option '${o.id}' has no feedback`);
  });
  checks.duplicates(question.options.map((o) => o.id), (i) => ['options', i, 'id'], `option id in ${checks.name}`);
}

export function compileOptions<Q extends ChoiceQuestion>(question: Q, inline: (markdown: string) => string): Q {
  return { ...question, options: question.options.map((o) => ({ ...o, text: inline(o.text), ...(o.feedback ? { feedback: inline(o.feedback) } : {}) })) };
}

/** A choice question's key: its options, the correct ones marked, and their ids. */
export function describeOptions(question: ChoiceQuestion): AnswerKey {
  return {
    kind: 'choose',
    rows: question.options.map((o) => ({ id: o.id, html: o.text, ...(o.correct ? { key: true } : {}), ...(o.feedback ? { feedback: o.feedback } : {}) })),
    key: question.options.filter((o) => o.correct).map((o) => o.id).join(', '),
  };
}
