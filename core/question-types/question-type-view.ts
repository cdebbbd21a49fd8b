/**
 * How a question type shows itself in the player: a render function per type, in the type's own
 * folder as `<name>-view.ts` (browser code: checked with the DOM, never imported by core/'s pure
 * files). `src/components/question/question-view.ts` finds every `*-view.ts` by its file name,
 * so a new type's view needs no line anywhere else.
 */
import type { TemplateResult } from 'lit';
import type { QuestionBase, QuestionTypeDefinition } from './question-type.ts';

export interface QuestionViewContext<Q, R> {
  question: Q;
  /** A name unique to this question, for form control names and ids. */
  name: string;
  /** What the learner has answered so far, or the type's starting response. */
  response: R | undefined;
  /** Checked: the answer is locked and marked. */
  checked: boolean;
  /** The content's language, for `lang` on content text. */
  lang: string;
  /** Display order of the options (see the type's displayOrder). */
  displayOrder: number[];
  answer(response: R): void;
  /** Says something to screen readers (a polite live region). */
  announce(text: string): void;
  /** Moves focus, once the next render is done, to the first element matching `selector`. */
  focusAfterUpdate(selector: string): void;
  /** The learner pressed Enter in a text field: check the answer. */
  submit(): void;
}

export interface QuestionTypeView<Q, R> {
  readonly type: string;
  /** The answer controls, prompt included (a fieldset with its legend, or a labelled control). */
  render(context: QuestionViewContext<Q, R>): TemplateResult;
  /** Feedback on what the learner chose, shown after the general feedback. */
  chosenFeedback?(question: Q, response: R | undefined): { text: string; feedback: string }[];
  /** What to tell a learner whose response is not an answer yet (default: answer the question first). */
  notAnAnswer?(question: Q, response: R | undefined): string | undefined;
}

/** Declares the view of a question type, typed by its definition. */
export function defineQuestionView<Q extends QuestionBase, R>(type: QuestionTypeDefinition<Q, R>, view: Omit<QuestionTypeView<Q, R>, 'type'>): QuestionTypeView<Q, R> {
  return { type: type.name, ...view };
}
