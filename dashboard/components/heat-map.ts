import { css, html, LitElement, nothing } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { NOT_AVAILABLE } from '../format.ts';
import { dashStyles } from '../styles.ts';

/** One cell: a row and a column by name, its value (0..1; null: no data) and the value in words. */
export interface HeatCell {
  row: string;
  column: string;
  value: number | null;
  text: string;
}

/** The scale, light to dark: the dashboard's blue. */
const LIGHT = [0xf3, 0xf6, 0xfb];
const DARK = [0x0b, 0x4f, 0x9c];

/**
 * The colour of a value from 0 to 1, and the text colour that reads on it: black or white,
 * whichever contrasts more. With pure black, one of the two always reaches 4.58:1 (WCAG AA), even
 * at the scale's middle, where a softer dark grey would fall short.
 */
export function heatColour(value: number): { background: string; text: string } {
  const v = Math.max(0, Math.min(1, value));
  const rgb = LIGHT.map((l, i) => Math.round(l + (DARK[i]! - l) * v));
  const luminance = (c: number[]) => {
    const [r, g, b] = c.map((x) => {
      const s = x / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const l = luminance(rgb);
  const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const text = contrast(l, 0) >= contrast(l, 1) ? '#000000' : '#ffffff';
  return { background: `rgb(${rgb.join(', ')})`, text };
}

/**
 * A heat map that is also its own table: rows by columns, each cell's colour from light (low) to
 * dark (high) and its value written in it, so nothing is said by colour alone; a real `<table>`
 * with a caption and headers, read by screen readers as any table.
 *
 * @tag dash-heat-map
 * @property caption - The caption, naming the measure.
 * @property rows - Row names, in order.
 * @property columns - Column names, in order.
 * @property cells - The values ({@link HeatCell}); a missing cell shows "–".
 * @property rowHeading - The heading of the row names' column.
 * @csspart table - The table.
 */
@customElement('dash-heat-map')
@localized()
export class HeatMap extends LitElement {
  static override styles = [
    dashStyles,
    css`
      :host { display: block; margin: .5rem 0 1.25rem; }
      .scroll { overflow-x: auto; max-width: 100%; }
      table { border-collapse: separate; border-spacing: 3px; }
      caption { text-align: left; font-weight: 700; padding: 0 0 .4rem; }
      th { text-align: left; font-weight: 600; padding: .3rem .5rem; vertical-align: bottom; }
      td { min-width: 4.5rem; padding: .45rem .5rem; text-align: right; font-variant-numeric: tabular-nums; border-radius: .25rem; border: 1px solid var(--dash-rule); }
      .legend { display: flex; align-items: center; gap: .5rem; margin: .25rem 0 0; color: var(--dash-muted); }
      .ramp { width: 8rem; height: .9rem; border: 1px solid var(--dash-rule); background: linear-gradient(to right, rgb(243, 246, 251), rgb(11, 79, 156)); }
    `,
  ];

  @property() caption = '';
  @property({ attribute: false }) rows: string[] = [];
  @property({ attribute: false }) columns: string[] = [];
  @property({ attribute: false }) cells: HeatCell[] = [];
  @property({ attribute: 'row-heading' }) rowHeading = '';

  override render() {
    if (!this.rows.length || !this.columns.length) return nothing;
    const byKey = new Map(this.cells.map((c) => [`${c.row}\u0000${c.column}`, c]));
    return html`
      <div class="scroll" role="region" aria-labelledby="caption" tabindex="0">
        <table part="table">
          <caption id="caption">${this.caption}</caption>
          <thead>
            <tr>
              <th scope="col">${this.rowHeading}</th>
              ${this.columns.map((c) => html`<th scope="col">${c}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${this.rows.map(
              (row) => html`<tr>
                <th scope="row">${row}</th>
                ${this.columns.map((column) => {
                  const cell = byKey.get(`${row}\u0000${column}`);
                  if (!cell || cell.value === null) return html`<td>${cell?.text ?? NOT_AVAILABLE}</td>`;
                  const colour = heatColour(cell.value);
                  return html`<td style="background: ${colour.background}; color: ${colour.text}" data-value=${cell.value}>${cell.text}</td>`;
                })}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p class="legend" aria-hidden="true"><span>${msg('low')}</span><span class="ramp"></span><span>${msg('high')}</span></p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-heat-map': HeatMap;
  }
}
