import { css, html, LitElement } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import type { PageInfo } from '../../lrs/contracts/paging.ts';
import { count } from '../format.ts';
import { dashStyles } from '../styles.ts';

/** What changes when the reader searches or turns a page. */
export interface PagingChange {
  page?: number;
  q?: string;
}

/**
 * The controls of a table the server pages: a search form, which rows of how many are shown, and
 * the previous and next pages. A new search starts again at the first page.
 *
 * @tag dash-table-paging
 * @property paging - The page shown, as the server answered ({@link PageInfo}).
 * @property searchLabel - The search field's label (what it searches).
 * @property tableName - Names the pager's navigation landmark ("Pages of …").
 * @event paging-change - detail: {@link PagingChange}.
 * @csspart search - The search form.
 * @csspart pager - The page navigation.
 */
@customElement('dash-table-paging')
@localized()
export class TablePaging extends LitElement {
  static override styles = [
    dashStyles,
    css`
      :host { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: flex-end; justify-content: space-between; margin: .5rem 0; }
      form { display: flex; gap: .5rem; align-items: flex-end; }
      input[type='search'] { min-width: 16rem; }
      nav { display: flex; gap: .5rem; align-items: center; }
      @media print { form, nav { display: none; } }
    `,
  ];

  @property({ attribute: false }) paging?: PageInfo;
  @property({ attribute: 'search-label' }) searchLabel = '';
  @property({ attribute: 'table-name' }) tableName = '';

  override render() {
    const p = this.paging;
    if (!p) return html``;
    const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
    const first = p.total ? (p.page - 1) * p.pageSize + 1 : 0;
    const last = Math.min(p.total, p.page * p.pageSize);
    const [from, to, total, page, of] = [count(first), count(last), count(p.total), count(p.page), count(pages)];
    const name = this.tableName;
    return html`
      <form part="search" role="search" @submit=${this.search}>
        <div class="field">
          <label for="q">${this.searchLabel}</label>
          <input id="q" name="q" type="search" maxlength="100" .value=${p.q} />
        </div>
        <button type="submit">${msg('Search')}</button>
      </form>
      <p data-rows>${msg(str`Rows ${from}–${to} of ${total}`)}</p>
      <nav part="pager" aria-label=${msg(str`Pages of ${name}`)}>
        <button type="button" ?disabled=${p.page <= 1} @click=${() => this.send({ page: p.page - 1 })}>${msg('Previous page')}</button>
        <span data-page>${msg(str`Page ${page} of ${of}`)}</span>
        <button type="button" ?disabled=${p.page >= pages} @click=${() => this.send({ page: p.page + 1 })}>${msg('Next page')}</button>
      </nav>
    `;
  }

  private search(event: Event): void {
    event.preventDefault();
    const q = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    this.send({ q, page: 1 });
  }

  private send(change: PagingChange): void {
    this.dispatchEvent(new CustomEvent<PagingChange>('paging-change', { detail: change, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-table-paging': TablePaging;
  }
}
