import { msg } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Question } from '../../../core/content/schema.ts';
import type { Response } from '../../../core/quiz/responses.ts';
import type { QuestionTypeView } from '../../../core/question-types/question-type-view.ts';
import { contentStyles } from '../shared/content-styles.ts';
import { PlayerElement } from '../shared/player-element.ts';
import { baseStyles } from '../shared/styles.ts';

/**
 * Every question type's view, found by file name: `core/question-types/<name>/<name>-view.ts`
 * exports `view` (a new type needs no line here).
 */
const VIEWS = new Map(
  Object.values(import.meta.glob<{ view: QuestionTypeView<any, any> }>('../../../core/question-types/*/*-view.ts', { eager: true })).map(({ view }) => [view.type, view]),
);

export function viewOf(question: Question): QuestionTypeView<any, any> {
  const view = VIEWS.get(question.type);
  if (!view) throw new Error(`question type "${question.type}" has no view (core/question-types/${question.type}/${question.type}-view.ts)`);
  return view;
}

/**
 * One quiz question of any type, with its answer controls and, once checked, its feedback.
 * Every control is a native form control (radio, checkbox, select, text input, button), so the
 * keyboard and screen readers work as they do everywhere.
 *
 * @tag inp-question
 * @attr question-index - The question's index in the quiz (source order), or in the pre-check.
 * @attr precheck - The question is the pre-check's: answered without feedback.
 * @csspart feedback - The feedback shown after checking.
 */
@customElement('inp-question')
export class QuestionView extends PlayerElement {
  static override styles = [
    baseStyles,
    contentStyles,
    css`
      .prompt { font-size: 1.1rem; font-weight: 600; margin: 0 0 1rem; }
      legend.prompt { padding: 0; }
      fieldset.question { border: 0; padding: 0; margin: 0; }
      .choices { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
      .choice {
        display: flex; gap: .75rem; align-items: flex-start; padding: .6rem .75rem; border: 1px solid var(--inp-border);
        border-radius: .375rem; cursor: pointer; background: var(--inp-surface);
      }
      .choice:has(input:checked) { border-width: 2px; border-color: var(--inp-primary); background: var(--inp-subtle); }
      .choice input { width: 1.25rem; height: 1.25rem; margin: .15rem 0 0; flex: none; accent-color: var(--inp-primary); }
      .choice.is-correct { border-color: var(--inp-correct); background: var(--inp-correct-bg); }
      .choice.is-incorrect { border-color: var(--inp-incorrect); background: var(--inp-incorrect-bg); }
      .mark { font-weight: 700; margin-left: auto; white-space: nowrap; }
      .is-correct .mark { color: var(--inp-correct); }
      .is-incorrect .mark { color: var(--inp-incorrect); }
      .hint { color: var(--inp-muted); margin: -.5rem 0 1rem; }
      .pairs { display: grid; gap: .75rem; }
      .pair { display: grid; grid-template-columns: minmax(10rem, 1fr) minmax(10rem, 1fr); gap: .75rem; align-items: center; }
      @media (max-width: 40rem) { .pair { grid-template-columns: 1fr; } }
      select, input[type='text'] {
        min-height: 2.75rem; padding: .4rem .6rem; border: 2px solid var(--inp-border); border-radius: .375rem;
        background: var(--inp-surface); color: var(--inp-text); width: 100%; max-width: 28rem;
      }
      .sequence { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; counter-reset: seq; }
      .sequence li {
        display: flex; gap: .75rem; align-items: center; padding: .5rem .75rem; border: 1px solid var(--inp-border);
        border-radius: .375rem; counter-increment: seq;
      }
      .sequence li::before { content: counter(seq) '.'; font-weight: 700; min-width: 1.5rem; }
      .sequence .text { flex: 1; }
      .sequence button { min-height: 2.5rem; padding: .25rem .6rem; }
      .unit { margin-left: .5rem; }
      .numeric { display: flex; align-items: center; max-width: 20rem; }
      [part='feedback']:focus { outline: none; }
      [part='feedback']:focus-visible { outline: 3px solid var(--inp-focus); }
      .option-feedback { margin: .5rem 0 0; padding-left: 1.25rem; }
    `,
  ];

  @property({ type: Number, attribute: 'question-index' }) questionIndex = 0;
  @property({ type: Boolean }) precheck = false;
  /** Announced after a sequencing move ("moved to position 2 of 5"). */
  @state() private announcement = '';

  private get question(): Question {
    return (this.precheck ? this.player.content.precheck! : this.player.content.quiz!).questions[this.questionIndex]!;
  }

  private get checked(): boolean {
    return !this.precheck && this.player.state.quiz.checked[this.questionIndex] === true;
  }

  private get response(): Response | undefined {
    return this.precheck ? this.player.precheckResponseFor(this.questionIndex) : this.player.responseFor(this.questionIndex);
  }

  private answer(response: Response): void {
    if (this.precheck) this.player.setPrecheckAnswer(this.questionIndex, response);
    else this.player.setAnswer(this.questionIndex, response);
    this.requestUpdate();
  }

  override render() {
    const q = this.question;
    return html`${this.renderControls(q)}
      <div part="feedback" tabindex="-1" aria-live="polite" id="feedback">${this.checked ? this.renderFeedback(q) : nothing}</div>
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>`;
  }

  /** Focuses the feedback after checking, so it is read out and the next control is one Tab away. */
  async focusFeedback(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="feedback"]')?.focus();
  }

  private renderControls(q: Question): TemplateResult {
    const view = viewOf(q);
    return view.render({
      question: q,
      name: `${this.precheck ? 'pre' : 'q'}-${q.id}`,
      response: this.response,
      checked: this.checked,
      lang: this.contentLang,
      displayOrder: this.precheck ? this.player.precheckDisplayOrder(this.questionIndex) : this.player.displayOrder(this.questionIndex),
      answer: (response) => this.answer(response),
      announce: (text) => (this.announcement = text),
      focusAfterUpdate: async (selector) => {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
      },
      submit: () => this.dispatchEvent(new Event('submit-answer', { bubbles: true, composed: true })),
    });
  }

  private renderFeedback(q: Question): TemplateResult {
    const result = this.player.questionResult(this.questionIndex);
    const partial = !result.correct && result.credit > 0;
    const verdict = result.correct ? msg('Correct.') : partial ? msg('Partly correct.') : msg('Not quite.');
    const general = result.correct ? q.feedback?.correct : q.feedback?.incorrect;
    const chosenFeedback = viewOf(q).chosenFeedback?.(q, this.response) ?? [];
    return html`<div class="feedback ${result.correct ? 'correct' : 'incorrect'}">
      <p class="verdict">${verdict}</p>
      ${general ? html`<p lang=${this.contentLang}>${unsafeHTML(general)}</p>` : nothing}
      ${chosenFeedback.length
        ? html`<ul class="option-feedback">
            ${chosenFeedback.map((o) => html`<li lang=${this.contentLang}><strong>${unsafeHTML(o.text)}</strong>: ${unsafeHTML(o.feedback)}</li>`)}
          </ul>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inp-question': QuestionView;
  }
}
