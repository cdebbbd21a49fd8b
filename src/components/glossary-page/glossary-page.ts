import { msg } from '@lit/localize';
import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { PlayerElement } from '../shared/player-element.ts';
import { baseStyles } from '../shared/styles.ts';

/**
 * The glossary page: every term of the module's language, alphabetically, with its definition.
 *
 * @tag inp-glossary
 * @event close - The learner asked to go back to where they were.
 */
@customElement('inp-glossary')
export class GlossaryPage extends PlayerElement {
  static override styles = [
    baseStyles,
    css`
      dl { margin: 0; }
      dt { font-weight: 700; margin-top: 1rem; }
      dd { margin: .2rem 0 0; }
    `,
  ];

  override render() {
    const terms = this.player.content.glossary;
    return html`<section aria-labelledby="glossary-heading">
      <h2 id="glossary-heading" tabindex="-1">${msg('Glossary')}</h2>
      <dl lang=${this.contentLang}>
        ${terms.map((t) => html`<dt id=${`term-${t.id}`}>${t.term}</dt><dd>${t.definition}</dd>`)}
      </dl>
      <div class="actions">
        <button type="button" class="primary" @click=${() => this.dispatchEvent(new Event('close', { bubbles: true, composed: true }))}>
          ${msg('Back to the module')}
        </button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inp-glossary': GlossaryPage;
  }
}
