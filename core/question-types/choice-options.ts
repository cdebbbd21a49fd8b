/** What the two choice types (single, multiple) share: options with ids, text and feedback. */
import type { Choice } from '../interactions/parts.ts';
import type { LanguageMap } from './question-type.ts';

export interface ChoiceQuestion {
  type: string;
  options: { id: string; text: string; correct: boolean; feedback?: string | undefined }[];
}

export const optionChoice = (question: ChoiceQuestion, index: number): Choice => ({ index, id: question.options[index]!.id });

export const correctOptions = (question: ChoiceQuestion): number[] => question.options.flatMap((o, i) => (o.correct ? [i] : []));

export const optionComponents = (question: ChoiceQuestion, text: (html: string) => LanguageMap) => ({
  choices: question.options.map((o) => ({ id: o.id, description: text(o.text) })),
});

export const optionOrder = (question: ChoiceQuestion, shuffled: (count: number) => number[], quizShuffles: boolean): number[] =>
  quizShuffles ? shuffled(question.options.length) : question.options.map((_, i) => i);
