import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { plainText } from '../../../core/content/plain-text.ts';
import type { Question } from '../../../core/content/schema.ts';
import { NUMERIC_MAX_LENGTH, type Response } from '../../../core/quiz/responses.ts';
import { matchingTargets } from '../../../core/quiz/scoring.ts';
import { contentStyles } from '../shared/content-styles.ts';
import { PlayerElement } from '../shared/player-element.ts';
import { baseStyles } from '../shared/styles.ts';

/**
 * One quiz question of any type, with its answer controls and, once checked, its feedback.
 * Every control is a native form control (radio, checkbox, select, text input, button), so the
 * keyboard and screen readers work as they do everywhere.
 *
 * @tag inp-question
 * @attr question-index - The question's index in the quiz (source order).
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
  /** Announced after a sequencing move ("moved to position 2 of 5"). */
  @state() private announcement = '';

  private get question(): Question {
    return this.player.content.quiz!.questions[this.questionIndex]!;
  }

  private get checked(): boolean {
    return this.player.state.quiz.checked[this.questionIndex] === true;
  }

  private get response(): Response | undefined {
    return this.player.responseFor(this.questionIndex);
  }

  private answer(response: Response): void {
    this.player.setAnswer(this.questionIndex, response);
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
    const name = `q-${q.id}`;
    switch (q.type) {
      case 'single':
      case 'multiple': {
        const chosen = this.response;
        const isChosen = (i: number) => (q.type === 'single' ? chosen === i : Array.isArray(chosen) && chosen.includes(i));
        return html`<fieldset class="question">
          <legend class="prompt" lang=${this.contentLang}>${unsafeHTML(q.prompt)}</legend>
          ${q.type === 'multiple' ? html`<p class="hint">${msg('Select all that apply.')}</p>` : nothing}
          <ul class="choices" role="list">
            ${this.player.displayOrder(this.questionIndex).map((i) => {
              const option = q.options[i]!;
              const mark = this.checked && isChosen(i) ? (option.correct ? 'is-correct' : 'is-incorrect') : '';
              return html`<li>
                <label class="choice ${mark}">
                  <input
                    type=${q.type === 'single' ? 'radio' : 'checkbox'}
                    name=${name}
                    value=${i}
                    .checked=${isChosen(i)}
                    ?disabled=${this.checked}
                    @change=${(e: Event) => this.onChoice(i, (e.target as HTMLInputElement).checked)}
                  />
                  <span lang=${this.contentLang}>${unsafeHTML(option.text)}</span>
                  ${mark ? html`<span class="mark">${mark === 'is-correct' ? msg('Correct') : msg('Incorrect')}</span>` : nothing}
                </label>
              </li>`;
            })}
          </ul>
        </fieldset>`;
      }
      case 'truefalse': {
        const value = this.response;
        const option = (v: boolean, label: string) => {
          const mark = this.checked && value === v ? (v === q.answer ? 'is-correct' : 'is-incorrect') : '';
          return html`<li>
            <label class="choice ${mark}">
              <input type="radio" name=${name} value=${String(v)} .checked=${value === v} ?disabled=${this.checked} @change=${() => this.answer(v)} />
              <span>${label}</span>
              ${mark ? html`<span class="mark">${mark === 'is-correct' ? msg('Correct') : msg('Incorrect')}</span>` : nothing}
            </label>
          </li>`;
        };
        return html`<fieldset class="question">
          <legend class="prompt" lang=${this.contentLang}>${unsafeHTML(q.prompt)}</legend>
          <ul class="choices" role="list">${option(true, msg('True'))}${option(false, msg('False'))}</ul>
        </fieldset>`;
      }
      case 'matching': {
        const targets = matchingTargets(q);
        const order = this.player.displayOrder(this.questionIndex);
        const response = (this.response as number[] | undefined) ?? q.pairs.map(() => -1);
        return html`<fieldset class="question">
          <legend class="prompt" lang=${this.contentLang}>${unsafeHTML(q.prompt)}</legend>
          <div class="pairs">
            ${q.pairs.map((pair, i) => {
              const mark = this.checked ? (response[i] === i ? 'is-correct' : 'is-incorrect') : '';
              return html`<div class="pair">
                <label for=${`${name}-${i}`} lang=${this.contentLang}>${unsafeHTML(pair.prompt)}</label>
                <div>
                  <select
                    id=${`${name}-${i}`}
                    ?disabled=${this.checked}
                    @change=${(e: Event) => {
                      const next = [...response];
                      next[i] = Number((e.target as HTMLSelectElement).value);
                      this.answer(next);
                    }}
                  >
                    <option value="-1" ?selected=${response[i] === -1}>${msg('Choose…')}</option>
                    ${order.map((t) => html`<option value=${t} ?selected=${response[i] === t}>${plainText(targets[t]!.text)}</option>`)}
                  </select>
                  ${mark ? html`<span class="mark ${mark}">${mark === 'is-correct' ? msg('Correct') : msg('Incorrect')}</span>` : nothing}
                </div>
              </div>`;
            })}
          </div>
        </fieldset>`;
      }
      case 'sequencing': {
        const order = (this.response as number[] | undefined) ?? [];
        return html`<p class="prompt" id=${`${name}-prompt`} lang=${this.contentLang}>${unsafeHTML(q.prompt)}</p>
          <p class="hint">${msg('Use the Move up and Move down buttons to put the items in order.')}</p>
          <ol class="sequence" aria-labelledby=${`${name}-prompt`}>
            ${order.map((item, position) => {
              const text = plainText(q.items[item]!.text);
              return html`<li>
                <span class="text" lang=${this.contentLang}>${unsafeHTML(q.items[item]!.text)}</span>
                <button type="button" data-move="up" data-item=${item} ?disabled=${this.checked || position === 0}
                  aria-label=${msg(str`Move up: ${text}`)} @click=${() => this.move(position, -1)}>↑ <span aria-hidden="true">${msg('Up')}</span></button>
                <button type="button" data-move="down" data-item=${item} ?disabled=${this.checked || position === order.length - 1}
                  aria-label=${msg(str`Move down: ${text}`)} @click=${() => this.move(position, 1)}>↓ <span aria-hidden="true">${msg('Down')}</span></button>
              </li>`;
            })}
          </ol>`;
      }
      case 'fillin':
      case 'numeric': {
        const value = typeof this.response === 'string' ? this.response : '';
        const input = html`<input
          id=${`${name}-input`}
          type="text"
          autocomplete="off"
          spellcheck="false"
          inputmode=${q.type === 'numeric' ? 'decimal' : 'text'}
          maxlength=${q.type === 'numeric' ? NUMERIC_MAX_LENGTH : q.maxLength}
          .value=${value}
          ?disabled=${this.checked}
          @input=${(e: Event) => this.answer((e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') this.dispatchEvent(new Event('submit-answer', { bubbles: true, composed: true }));
          }}
        />`;
        return html`<label class="prompt" for=${`${name}-input`} style="display:block" lang=${this.contentLang}>${unsafeHTML(q.prompt)}</label>
          ${q.type === 'numeric'
            ? html`<div class="numeric">${input}${q.unit ? html`<span class="unit">${q.unit}</span>` : nothing}</div>`
            : input}`;
      }
    }
  }

  private onChoice(index: number, checked: boolean): void {
    const q = this.question;
    if (q.type === 'single') this.answer(index);
    else {
      const current = new Set(Array.isArray(this.response) ? (this.response as number[]) : []);
      if (checked) current.add(index);
      else current.delete(index);
      this.answer([...current].sort((a, b) => a - b));
    }
  }

  private async move(position: number, delta: -1 | 1): Promise<void> {
    const order = [...((this.response as number[] | undefined) ?? [])];
    const target = position + delta;
    if (target < 0 || target >= order.length) return;
    [order[position], order[target]] = [order[target]!, order[position]!];
    this.answer(order);
    const item = order[target]!;
    this.announcement = msg(str`Moved to position ${target + 1} of ${order.length}.`);
    await this.updateComplete;
    // Keep focus on the moved item's button; at either end, on its other button.
    const direction = delta < 0 ? 'up' : 'down';
    const atEdge = target === 0 || target === order.length - 1;
    const selector = `button[data-item="${item}"][data-move="${atEdge ? (direction === 'up' ? 'down' : 'up') : direction}"]`;
    this.renderRoot.querySelector<HTMLButtonElement>(selector)?.focus();
  }

  private renderFeedback(q: Question): TemplateResult {
    const result = this.player.questionResult(this.questionIndex);
    const partial = !result.correct && result.credit > 0;
    const verdict = result.correct ? msg('Correct.') : partial ? msg('Partly correct.') : msg('Not quite.');
    const general = result.correct ? q.feedback?.correct : q.feedback?.incorrect;
    const chosenFeedback =
      q.type === 'single' || q.type === 'multiple'
        ? q.options
            .map((o, i) => ({ o, chosen: q.type === 'single' ? this.response === i : (this.response as number[]).includes(i) }))
            .filter(({ o, chosen }) => chosen && o.feedback)
        : [];
    return html`<div class="feedback ${result.correct ? 'correct' : 'incorrect'}">
      <p class="verdict">${verdict}</p>
      ${general ? html`<p lang=${this.contentLang}>${unsafeHTML(general)}</p>` : nothing}
      ${chosenFeedback.length
        ? html`<ul class="option-feedback">
            ${chosenFeedback.map(({ o }) => html`<li lang=${this.contentLang}><strong>${unsafeHTML(o.text)}</strong>: ${unsafeHTML(o.feedback!)}</li>`)}
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
