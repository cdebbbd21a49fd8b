import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { downloadCsv, toCsv } from '../csv.ts';
import { dashStyles } from '../styles.ts';

export interface Column {
  label: string;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** Short codes and dates that should not break across lines (pseudonyms, timestamps). */
  nowrap?: boolean;
}

const cellClass = (column: Column | undefined) => [column?.numeric ? 'num' : '', column?.nowrap ? 'nowrap' : ''].join(' ').trim() || nothing;

/**
 * A table of figures: a real `<table>` with a caption, column headers (and, optionally, the first
 * cell of each row as its row header), scrollable by keyboard on narrow screens, and a "Download
 * CSV" button whose file holds exactly the header and the cells shown. Cells are text, always
 * rendered as text: what learners and LMSs send can never become markup.
 *
 * @tag dash-data-table
 * @property caption - The caption, which also names the table and its CSV button.
 * @property columns - The column headers ({@link Column}).
 * @property rows - The cells, as formatted text.
 * @property rowHeader - Whether the first cell of each row is a row header (`th scope="row"`).
 * @property highlighted - Indices of rows to emphasise; the row's own text must say why.
 * @property fileName - The CSV file's name.
 * @property empty - What to say instead of the table when there are no rows.
 * @csspart table - The table.
 * @csspart download - The "Download CSV" button.
 */
@customElement('dash-data-table')
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
      button { margin-top: .5rem; }
    `,
  ];

  @property() caption = '';
  @property({ attribute: false }) columns: Column[] = [];
  @property({ attribute: false }) rows: string[][] = [];
  @property({ type: Boolean, attribute: 'row-header' }) rowHeader = false;
  @property({ attribute: false }) highlighted: number[] = [];
  @property({ attribute: 'file-name' }) fileName = 'inprocap.csv';
  @property() empty = 'No data for these filters.';

  override render() {
    if (!this.rows.length) {
      return html`<p class="muted"><strong>${this.caption}:</strong> ${this.empty}</p>`;
    }
    const highlighted = new Set(this.highlighted);
    return html`
      <div class="scroll" role="region" aria-labelledby="caption" tabindex="0">
        <table part="table">
          <caption id="caption">${this.caption}</caption>
          <thead>
            <tr>${this.columns.map((c) => html`<th scope="col" class=${c.numeric ? 'num' : ''}>${c.label}</th>`)}</tr>
          </thead>
          <tbody>
            ${this.rows.map(
              (row, r) => html`<tr class=${highlighted.has(r) ? 'highlight' : ''}>
                ${row.map((cell, c) =>
                  c === 0 && this.rowHeader
                    ? html`<th scope="row" class=${cellClass(this.columns[c])}>${cell}</th>`
                    : html`<td class=${cellClass(this.columns[c])}>${cell}</td>`,
                )}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <button type="button" part="download" aria-label=${`Download CSV: ${this.caption}`} @click=${this.download}>Download CSV</button>
    `;
  }

  /** The CSV text of the table as shown. */
  csv(): string {
    return toCsv(
      this.columns.map((c) => c.label),
      this.rows,
    );
  }

  private download(): void {
    downloadCsv(this.fileName, this.csv());
    this.dispatchEvent(new CustomEvent('announce', { detail: `Downloading ${this.fileName}`, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-data-table': DataTable;
  }
}
