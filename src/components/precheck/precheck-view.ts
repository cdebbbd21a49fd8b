import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import '../question/question-view.ts';
import { contentStyles } from '../shared/content-styles.ts';
import { PlayerElement } from '../shared/player-element.ts';
import { baseStyles } from '../shared/styles.ts';

/**
 * The pre-check before the first lesson: a few questions on one page, answered without feedback
 * (the quiz asks them again), not graded, and skippable. The answers go to the LRS only, where
 * they measure the learning gain; the LMS never sees them.
 *
 * @tag inp-precheck
 * @event continue - The learner sent or skipped the pre-check and wants the next section.
 */
@customElement('inp-precheck')
export class PrecheckView extends PlayerElement {
  static override styles = [
    baseStyles,
    contentStyles,
    css`
      ol.questions { padding: 0; margin: 0; list-style: none; display: grid; gap: 2rem; }
      .error { color: var(--inp-incorrect); font-weight: 600; }
    `,
  ];

  private error = '';

  override render() {
    const precheck = this.player.content.precheck;
    if (!precheck) return nothing;
    const outcome = this.player.state.precheck.outcome;
    if (!this.player.precheckOpen) {
      const said =
        outcome === 'sent'
          ? msg('Thank you: your answers are recorded. The quiz at the end asks some of these questions again, so you can see what you have learned.')
          : outcome === 'skipped'
            ? msg('You skipped the pre-check.')
            : msg('The pre-check is only asked before the quiz.');
      return html`<section aria-labelledby="precheck-heading">
        <h2 id="precheck-heading" tabindex="-1" lang=${this.contentLang}>${precheck.title}</h2>
        <p>${said}</p>
        <div class="actions">
          <button type="button" class="primary" @click=${this.continue}>${msg('Start the lessons')}</button>
        </div>
      </section>`;
    }
    this.player.precheckShown();
    return html`<section aria-labelledby="precheck-heading">
      <h2 id="precheck-heading" tabindex="-1" lang=${this.contentLang}>${precheck.title}</h2>
      ${precheck.intro ? html`<div class="prose" lang=${this.contentLang}>${unsafeHTML(precheck.intro)}</div>` : nothing}
      <p>${msg(str`${precheck.questions.length} questions on what you know before the lessons. They are not graded and you will not see the answers here; you may skip them.`)}</p>
      <ol class="questions">
        ${precheck.questions.map((_, i) => html`<li><inp-question .player=${this.player} precheck question-index=${i}></inp-question></li>`)}
      </ol>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        <button type="button" @click=${this.skip}>${msg('Skip the pre-check')}</button>
        <button type="button" class="primary" @click=${this.send}>${msg('Send my answers')}</button>
      </div>
    </section>`;
  }

  private readonly send = () => {
    if (this.player.sendPrecheck()) {
      this.error = '';
      void this.focusHeading();
      return;
    }
    const left = this.player.precheckUnanswered.length;
    this.error = msg(str`${left} of the questions have no answer yet: answer them, or skip the pre-check.`);
    this.requestUpdate();
  };

  private readonly skip = () => {
    this.error = '';
    this.player.skipPrecheck();
    void this.focusHeading();
  };

  private readonly continue = () => this.dispatchEvent(new Event('continue', { bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementTagNameMap {
    'inp-precheck': PrecheckView;
  }
}
