/** What the two choice types (single, multiple) share: options with ids, text and feedback. */
import type { Choice } from '../interactions/parts.ts';
import type { LanguageMap, QuestionChecks } from './question-type.ts';

export interface ChoiceQuestion {
  type: string;
  options: { id: string; text: string; correct: boolean; feedback?: string | undefined }[];
}

export const optionChoice = (question: ChoiceQuestion, index: number): Choice => ({ index, id: question.options[index]!.id });

export const correctOptions = (question: ChoiceQuestion): number[] => question.options.flatMap((o, i) => (o.correct ? [i] : []));

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

export const optionComponents = (question: ChoiceQuestion, text: (html: string) => LanguageMap) => ({
  choices: question.options.map((o) => ({ id: o.id, description: text(o.text) })),
});

export const optionOrder = (question: ChoiceQuestion, shuffled: (count: number) => number[], quizShuffles: boolean): number[] =>
  quizShuffles ? shuffled(question.options.length) : question.options.map((_, i) => i);
