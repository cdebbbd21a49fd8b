import { css, html, LitElement, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import type { Dimensions, Viewer } from '../../lrs/contracts/report-types.ts';
import type { RouteParams } from '../route.ts';
import { formatLocale } from '../format.ts';
import { dashStyles } from '../styles.ts';

/**
 * The report filters: module, organisation, language and a period (from and to, both days
 * included). A change is sent at once as `filters-change`; the shell writes it into the URL hash,
 * so filtered views can be bookmarked and the back button undoes a change. A trainer's
 * organisation is shown as fixed text: they see their own organisation only.
 *
 * @tag dash-filter-bar
 * @property dimensions - The modules, organisations and languages to choose from.
 * @property params - The current filters.
 * @property viewer - Who is signed in (a trainer's organisation is fixed).
 * @property moduleChoice - "optional" offers "All modules"; "required" does not.
 * @event filters-change - detail: the new {@link RouteParams} (filters only).
 */
@customElement('dash-filter-bar')
@localized()
export class FilterBar extends LitElement {
  static override styles = [
    dashStyles,
    css`
      :host { display: block; margin: 0 0 1.5rem; }
      form { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end; padding: .75rem 1rem; border: 1px solid var(--dash-rule); border-radius: .375rem; background: var(--dash-subtle); }
      .field { min-width: 0; }
      .module { flex: 0 1 22rem; }
      .module select { width: 100%; }
      .fixed { display: flex; flex-direction: column; gap: .25rem; }
      .fixed .label { font-weight: 600; }
      .fixed > span:last-child { min-height: 2.75rem; display: flex; gap: .4rem; align-items: center; font-weight: 700; }
      @media (max-width: 40rem) { form > * { flex: 1 1 100%; } }
    `,
  ];

  @property({ attribute: false }) dimensions: Dimensions = { modules: [], orgs: [], languages: [] };
  @property({ attribute: false }) params: RouteParams = {};
  @property({ attribute: false }) viewer!: Viewer;
  @property() moduleChoice: 'optional' | 'required' = 'optional';

  override render() {
    const p = this.params;
    const trainer = this.viewer.role === 'trainer';
    return html`<form aria-label=${msg('Report filters')} @submit=${(e: Event) => e.preventDefault()}>
      <div class="field module">
        <label for="module">${msg('Module')}</label>
        <select id="module" @change=${(e: Event) => this.set('module', (e.target as HTMLSelectElement).value)}>
          ${this.moduleChoice === 'optional' ? html`<option value="" ?selected=${!p.module}>${msg('All modules')}</option>` : nothing}
          ${this.dimensions.modules.map((m) => html`<option value=${m.id} ?selected=${p.module === m.id}>${m.name}</option>`)}
        </select>
      </div>
      ${trainer
        ? html`<div class="fixed" data-fixed-org=${this.viewer.org ?? ''}>
            <span class="label">${msg('Organisation')}</span>
            <span>${this.viewer.org} <span class="hint">${msg('(your organisation)')}</span></span>
          </div>`
        : html`<div class="field">
            <label for="org">${msg('Organisation')}</label>
            <select id="org" @change=${(e: Event) => this.set('org', (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!p.org}>${msg('All organisations')}</option>
              ${this.dimensions.orgs.map((o) => html`<option value=${o} ?selected=${p.org === o}>${o}</option>`)}
            </select>
          </div>`}
      <div class="field">
        <label for="language">${msg('Language')}</label>
        <select id="language" @change=${(e: Event) => this.set('language', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!p.language}>${msg('All languages')}</option>
          ${this.dimensions.languages.map((l) => html`<option value=${l} ?selected=${p.language === l}>${languageName(l)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="from">${msg('From')}</label>
        <input id="from" type="date" .value=${p.from ?? ''} max=${p.to || nothing} @change=${(e: Event) => this.set('from', (e.target as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="to">${msg('To')} <span class="hint">${msg('(included)')}</span></label>
        <input id="to" type="date" .value=${p.to ?? ''} min=${p.from || nothing} @change=${(e: Event) => this.set('to', (e.target as HTMLInputElement).value)} />
      </div>
    </form>`;
  }

  /** Options chosen by the user keep their own selection: set each select from the filters. */
  protected override updated(): void {
    for (const name of ['module', 'org', 'language'] as const) {
      const select = this.renderRoot.querySelector<HTMLSelectElement>(`select#${name}`);
      if (select) select.value = this.params[name] ?? '';
    }
  }

  private set(name: 'module' | 'org' | 'language' | 'from' | 'to', value: string): void {
    const params: RouteParams = { ...this.params, [name]: value || undefined };
    this.dispatchEvent(new CustomEvent<RouteParams>('filters-change', { detail: params, bubbles: true, composed: true }));
  }
}

/** "fr" -> "French (fr)", in the dashboard's language, falling back to the code. */
function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([formatLocale()], { type: 'language' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-filter-bar': FilterBar;
  }
}
