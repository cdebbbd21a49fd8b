import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { DASHBOARD_LANGUAGES, getLocale, LANGUAGE_AUTONYMS, useLanguage } from '../i18n/localization.ts';
import { dashStyles } from '../styles.ts';

/**
 * The dashboard's language: each language named in itself (and marked with its `lang`); a choice
 * applies at once and is remembered in this browser.
 *
 * @tag dash-language-switch
 * @event announce - detail: a sentence for the live region, in the new language.
 */
@customElement('dash-language-switch')
@localized()
export class LanguageSwitch extends LitElement {
  static override styles = [
    dashStyles,
    css`
      :host { display: inline-flex; align-items: center; gap: .5rem; }
      label { font-weight: 600; }
    `,
  ];

  override render() {
    const current = getLocale();
    return html`<label for="ui-language">${msg('Dashboard language')}</label>
      <select id="ui-language" @change=${this.change}>
        ${DASHBOARD_LANGUAGES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === current}>${LANGUAGE_AUTONYMS[l] ?? l}</option>`)}
      </select>`;
  }

  private async change(event: Event): Promise<void> {
    await useLanguage((event.target as HTMLSelectElement).value);
    this.dispatchEvent(new CustomEvent('announce', { detail: msg('The dashboard is now in English.', { desc: 'Said after a switch to this language: name the language of this translation.' }), bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-language-switch': LanguageSwitch;
  }
}
