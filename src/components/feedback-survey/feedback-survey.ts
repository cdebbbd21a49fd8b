import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { contentStyles } from '../shared/content-styles.ts';
import { PlayerElement } from '../shared/player-element.ts';
import { baseStyles } from '../shared/styles.ts';

/**
 * The feedback survey at the end of a module: Likert statements and free text. The answers go to
 * the LMS/LRS as interactions so the Control Group can review the training's quality.
 * Free text is only ever shown back as text.
 *
 * @tag inp-survey
 * @event continue - The learner finished with the survey and wants the next section.
 */
@customElement('inp-survey')
export class FeedbackSurvey extends PlayerElement {
  static override styles = [
    baseStyles,
    contentStyles,
    css`
      .scale { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: 0; }
      .scale label {
        display: flex; align-items: center; gap: .4rem; padding: .4rem .6rem; border: 1px solid var(--inp-border);
        border-radius: .375rem; cursor: pointer;
      }
      .scale label:has(input:checked) { border-width: 2px; border-color: var(--inp-primary); background: var(--inp-subtle); }
      .scale input { width: 1.15rem; height: 1.15rem; margin: 0; accent-color: var(--inp-primary); }
      textarea {
        width: 100%; max-width: 40rem; min-height: 7rem; padding: .5rem; border: 2px solid var(--inp-border);
        border-radius: .375rem; color: var(--inp-text); background: var(--inp-surface);
      }
      .text-item label { display: block; font-weight: 600; margin-bottom: .4rem; }
      .your-comment { white-space: pre-wrap; background: var(--inp-subtle); padding: .5rem .75rem; border-radius: .375rem; }
    `,
  ];

  override render() {
    const survey = this.player.content.survey;
    if (!survey) return nothing;
    const state = this.player.state.survey;
    if (state.submitted) {
      return html`<section aria-labelledby="survey-heading">
        <h2 id="survey-heading" tabindex="-1">${msg('Thank you for your feedback')}</h2>
        <p>${msg('Your answers help the partners improve this training.')}</p>
        ${survey.items.map((item, i) =>
          item.type === 'text' && state.texts[i]
            ? html`<p lang=${this.contentLang}>${item.prompt}</p><p class="your-comment">${state.texts[i]}</p>`
            : nothing,
        )}
        <div class="actions">
          <button type="button" @click=${() => this.player.reopenSurvey()}>${msg('Change my answers')}</button>
          <button type="button" class="primary" @click=${() => this.dispatchEvent(new Event('continue', { bubbles: true, composed: true }))}>${msg('Continue')}</button>
        </div>
      </section>`;
    }
    return html`<section aria-labelledby="survey-heading">
      <h2 id="survey-heading" tabindex="-1" lang=${this.contentLang}>${survey.title}</h2>
      ${survey.intro ? html`<div class="prose" lang=${this.contentLang}>${unsafeHTML(survey.intro)}</div>` : nothing}
      <form @submit=${(e: Event) => { e.preventDefault(); this.submit(); }}>
        ${survey.items.map((item, i) =>
          item.type === 'likert'
            ? html`<fieldset>
                <legend>${item.statement}</legend>
                <ul class="scale" role="list">
                  ${survey.scale.map(
                    (label, v) => html`<li><label>
                      <input type="radio" name=${`survey-${item.id}`} value=${v + 1} .checked=${state.ratings[i] === v + 1}
                        @change=${() => this.player.setRating(i, v + 1)} />
                      ${label}</label></li>`,
                  )}
                </ul>
              </fieldset>`
            : html`<div class="text-item">
                <label for=${`survey-${item.id}`} lang=${this.contentLang}>${item.prompt}</label>
                <textarea id=${`survey-${item.id}`} maxlength=${item.maxLength} aria-describedby=${`survey-${item.id}-count`}
                  .value=${state.texts[i] ?? ''}
                  @input=${(e: Event) => { this.player.setSurveyText(i, (e.target as HTMLTextAreaElement).value); this.requestUpdate(); }}></textarea>
                <p class="muted" id=${`survey-${item.id}-count`}>${msg(str`${(state.texts[i] ?? '').length} of ${item.maxLength} characters`)}</p>
              </div>`,
        )}
        <div class="actions">
          <button type="submit" class="primary">${msg('Send feedback')}</button>
          <button type="button" @click=${() => this.dispatchEvent(new Event('continue', { bubbles: true, composed: true }))}>${msg('Skip')}</button>
        </div>
      </form>
    </section>`;
  }

  private submit(): void {
    this.player.submitSurvey();
    void this.focusHeading();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inp-survey': FeedbackSurvey;
  }
}
