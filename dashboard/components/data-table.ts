import { css, html, LitElement, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import { downloadCsv, toCsv } from '../csv.ts';
import { dashStyles } from '../styles.ts';

export interface Column {
  label: string;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** Short codes and dates that should not break across lines (pseudonyms, timestamps). */
  nowrap?: boolean;
}

/** A figure's value for sorting: "1,400" 1400, "76.5%" 76.5, "34.2 min" 34.2; NaN when there is none. */
const figure = (cell: string) => (/\d/.test(cell) ? Number.parseFloat(cell.replace(/[^\d.-]/g, '')) : Number.NaN);

const cellClass = (column: Column | undefined) => [column?.numeric ? 'num' : '', column?.nowrap ? 'nowrap' : ''].join(' ').trim() || nothing;

/** The order a server-paged table is in, and the server's sort key of each column (null: not sortable). */
export interface ServerSort {
  keys: (string | null)[];
  sort: string;
  dir: 'asc' | 'desc';
}

/**
 * A table of figures: a real `<table>` with a caption, column headers (and, optionally, the first
 * cell of each row as its row header), scrollable by keyboard on narrow screens, sortable by any
 * column (its header is a button; `aria-sort` says the order), and a "Download CSV" button whose
 * file holds exactly the header and the cells shown, in the order shown. Cells are text, always
 * rendered as text: what learners and LMSs send can never become markup.
 *
 * A table the server pages (`serverSort` set) holds one page: its headers ask the server for an
 * order (`sort-change`) instead of sorting the page, and "Download CSV" is a link to the server's
 * export of every row (`csvHref`).
 *
 * @tag dash-data-table
 * @property caption - The caption, which also names the table and its CSV button.
 * @property columns - The column headers ({@link Column}).
 * @property rows - The cells, as formatted text.
 * @property rowHeader - Whether the first cell of each row is a row header (`th scope="row"`).
 * @property highlighted - Indices of rows to emphasise; the row's own text must say why.
 * @property fileName - The CSV file's name.
 * @property empty - What to say instead of the table when there are no rows.
 * @property serverSort - Set for a table the server pages ({@link ServerSort}).
 * @property csvHref - The server's CSV export of every row (with `serverSort`).
 * @event sort-change - detail: { sort, dir } asked of the server (with `serverSort`).
 * @csspart table - The table.
 * @csspart download - The "Download CSV" button.
 */
@customElement('dash-data-table')
@localized()
export class DataTable extends LitElement {
  static override styles = [
    dashStyles,
    css`
      :host { display: block; margin: .5rem 0 1.25rem; }
      .scroll { overflow-x: auto; max-width: 100%; border: 1px solid transparent; }
      table { border-collapse: collapse; width: 100%; }
      caption { text-align: left; font-weight: 700; padding: 0 0 .4rem; }
      th, td { border: 1px solid var(--dash-rule); padding: .4rem .55rem; text-align: left; vertical-align: top; }
      thead th { background: var(--dash-subtle); }
      tbody th { font-weight: 600; min-width: 9rem; }
      .num { text-align: right; font-variant-numeric: tabular-nums; }
      td.num, .nowrap { white-space: nowrap; }
      tr.highlight > * { font-weight: 700; background: #fff4e5; }
      tr.highlight > :first-child { box-shadow: inset 5px 0 0 var(--dash-accent); }
      [part='download'] { margin-top: .5rem; }
      /* The export link looks like the button it stands for. */
      a.button {
        display: inline-flex; align-items: center; border-radius: .375rem; padding: .4rem 1rem; min-height: 2.75rem;
        border: 2px solid var(--dash-primary); color: var(--dash-primary); font-weight: 600; text-decoration: none;
      }
      a.button:hover { text-decoration: underline; }
      @media print {
        [part='download'] { display: none !important; }
        .scroll { overflow: visible; }
        th button.sort { font-weight: 700; }
        tr { break-inside: avoid; }
      }
      th button.sort { all: unset; cursor: pointer; display: inline-flex; gap: .3rem; align-items: baseline; font-weight: 700; }
      th button.sort:focus-visible { outline: 3px solid var(--dash-focus, #1a5fb4); outline-offset: 2px; }
      th button.sort:hover { text-decoration: underline; }
    `,
  ];

  @property() caption = '';
  @property({ attribute: false }) columns: Column[] = [];
  @property({ attribute: false }) rows: string[][] = [];
  @property({ type: Boolean, attribute: 'row-header' }) rowHeader = false;
  @property({ attribute: false }) highlighted: number[] = [];
  @property({ attribute: 'file-name' }) fileName = 'inprocap.csv';
  /** Shown when there are no rows (default: "No data for these filters.", in the dashboard's language). */
  @property() empty = '';
  @property({ attribute: false }) serverSort?: ServerSort;
  @property({ attribute: false }) csvHref = '';

  /** The column the rows are sorted by, if the reader chose one. */
  @state() private sort?: { column: number; descending: boolean };

  /** The rows in the order shown, each with its index in `rows` (for highlighting). */
  private get shown(): { cells: string[]; index: number }[] {
    const rows = this.rows.map((cells, index) => ({ cells, index }));
    if (!this.sort || this.serverSort) return rows;
    const { column, descending } = this.sort;
    const numeric = this.columns[column]?.numeric;
    const compare = (a: string, b: string) => {
      if (!numeric) return a.localeCompare(b, 'en', { numeric: true });
      const [x, y] = [figure(a), figure(b)];
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
      return x - y;
    };
    // Stable, and rows without a figure stay last in either direction.
    return rows.sort((a, b) => {
      const [x, y] = [a.cells[column] ?? '', b.cells[column] ?? ''];
      const missing = numeric && (Number.isNaN(figure(x)) || Number.isNaN(figure(y)));
      return (missing || !descending ? compare(x, y) : compare(y, x)) || a.index - b.index;
    });
  }

  private sortBy(column: number): void {
    if (this.serverSort) {
      const key = this.serverSort.keys[column];
      if (!key) return;
      const dir = this.serverSort.sort === key ? (this.serverSort.dir === 'asc' ? 'desc' : 'asc') : this.columns[column]?.numeric ? 'desc' : 'asc';
      this.dispatchEvent(new CustomEvent('sort-change', { detail: { sort: key, dir }, bubbles: true, composed: true }));
      return;
    }
    const descending = this.sort?.column === column ? !this.sort.descending : !!this.columns[column]?.numeric;
    this.sort = { column, descending };
    const label = this.columns[column]?.label ?? '';
    this.dispatchEvent(new CustomEvent('announce', { detail: `${this.caption}: sorted by ${label}, ${descending ? 'descending' : 'ascending'}`, bubbles: true, composed: true }));
  }

  override render() {
    if (!this.rows.length) {
      return html`<p class="muted"><strong>${this.caption}:</strong> ${this.empty || msg('No data for these filters.')}</p>`;
    }
    const highlighted = new Set(this.highlighted);
    return html`
      <div class="scroll" role="region" aria-labelledby="caption" tabindex="0">
        <table part="table">
          <caption id="caption">${this.caption}</caption>
          <thead>
            <tr>
              ${this.columns.map((c, i) => {
                const sorted = this.sortedAs(i);
                const sortable = !this.serverSort || !!this.serverSort.keys[i];
                // No whitespace around the button: the header's text is exactly its label.
                return html`<th scope="col" class=${c.numeric ? 'num' : ''} aria-sort=${sorted ?? nothing}>${sortable
                  ? html`<button type="button" class="sort" @click=${() => this.sortBy(i)}>${c.label}${sorted ? html`<span aria-hidden="true">${sorted === 'descending' ? ' ▼' : ' ▲'}</span>` : nothing}</button>`
                  : c.label}</th>`;
              })}
            </tr>
          </thead>
          <tbody>
            ${this.shown.map(
              ({ cells, index }) => html`<tr class=${highlighted.has(index) ? 'highlight' : ''}>
                ${cells.map((cell, c) =>
                  c === 0 && this.rowHeader
                    ? html`<th scope="row" class=${cellClass(this.columns[c])}>${cell}</th>`
                    : html`<td class=${cellClass(this.columns[c])}>${cell}</td>`,
                )}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.serverSort
        ? html`<a class="button" part="download" href=${this.csvHref} download aria-label=${msg(str`Download CSV, every row: ${this.caption}`)}>${msg('Download CSV (every row)')}</a>`
        : html`<button type="button" part="download" aria-label=${msg(str`Download CSV: ${this.caption}`)} @click=${this.download}>${msg('Download CSV')}</button>`}
    `;
  }

  /** How column `i` is sorted, if it is: by the reader here, or by the server. */
  private sortedAs(i: number): 'ascending' | 'descending' | undefined {
    if (this.serverSort) return this.serverSort.keys[i] && this.serverSort.keys[i] === this.serverSort.sort ? (this.serverSort.dir === 'desc' ? 'descending' : 'ascending') : undefined;
    return this.sort?.column === i ? (this.sort.descending ? 'descending' : 'ascending') : undefined;
  }

  /** The CSV text of the table as shown. */
  csv(): string {
    return toCsv(
      this.columns.map((c) => c.label),
      this.shown.map((r) => r.cells),
    );
  }

  private download(): void {
    downloadCsv(this.fileName, this.csv());
    this.dispatchEvent(new CustomEvent('announce', { detail: msg(str`Downloading ${this.fileName}`), bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-data-table': DataTable;
  }
}
