import { css, html, LitElement, nothing, svg, type SVGTemplateResult } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';

export interface ChartSeries {
  name: string;
  values: number[];
}

const TEXT = 13;
const CHAR_WIDTH = 7;
/** The first series is drawn solid, the second as outlined bars: told apart without colour. */
const SERIES_STYLE = [
  { fill: '#0b4f9c', stroke: '#0b4f9c' },
  { fill: '#ffffff', stroke: '#0b4f9c' },
];
const HIGHLIGHT = { fill: '#8a3b00', stroke: '#8a3b00' };

function truncate(text: string, width: number): string {
  const max = Math.max(4, Math.floor(width / CHAR_WIDTH));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A bar chart drawn as SVG, sized to its container. Horizontal bars suit long labels (funnel
 * steps, survey statements); vertical bars suit ordered categories (weeks, score bands). The SVG
 * is an image (`role="img"`) named by its `<title>`, with a `<desc>` listing every value; bars
 * contrast at least 3:1 with the background, a second series is outlined rather than coloured,
 * and a highlighted bar also carries a written note. A table beside the chart carries the data.
 *
 * @tag dash-bar-chart
 * @property label - The chart's accessible name.
 * @property categories - The bar (or bar group) labels.
 * @property series - One or two series of values, one value per category.
 * @property orientation - "horizontal" (default) or "vertical".
 * @property highlight - Index of a category to mark, or -1.
 * @property highlightNote - Words written beside the marked category ("most learners stop here").
 * @property max - The scale's top; default the largest value.
 * @property format - How a value is written.
 */
@customElement('dash-bar-chart')
@localized()
export class BarChart extends LitElement {
  static override styles = css`
    :host { display: block; margin: .5rem 0 1rem; }
    svg { display: block; width: 100%; height: auto; overflow: visible; }
    text { font: ${TEXT}px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; fill: #1b1b1b; }
    text.note { font-weight: 700; fill: #8a3b00; }
    .legend { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: .25rem 0 0; padding: 0; list-style: none; font-size: .9rem; }
    .legend li { display: flex; align-items: center; gap: .4rem; }
    .legend svg { width: 1.1rem; height: 1.1rem; }
  `;

  @property() label = '';
  @property({ attribute: false }) categories: string[] = [];
  @property({ attribute: false }) series: ChartSeries[] = [];
  @property() orientation: 'horizontal' | 'vertical' = 'horizontal';
  @property({ type: Number }) highlight = -1;
  @property() highlightNote = '';
  @property({ type: Number }) max?: number;
  @property({ attribute: false }) format: (value: number) => string = (value) => String(value);

  @state() private width = 600;
  private observer?: ResizeObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (width > 0 && Math.abs(width - this.width) > 4) this.width = width;
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
  }

  /** Every value in words: the chart's text alternative. */
  description(): string {
    return this.categories
      .map((category, i) => {
        const values = this.series.map((s) => (this.series.length > 1 ? `${s.name} ${this.format(s.values[i] ?? 0)}` : this.format(s.values[i] ?? 0)));
        const note = i === this.highlight && this.highlightNote ? ` (${this.highlightNote})` : '';
        return `${category}: ${values.join(', ')}${note}`;
      })
      .join('; ');
  }

  override render() {
    const { width, height, body } = this.orientation === 'vertical' ? this.vertical() : this.horizontal();
    return html`
      <svg role="img" aria-labelledby="title" aria-describedby="desc" viewBox="0 0 ${width} ${height}" width=${width} height=${height}>
        <title id="title">${this.label}</title>
        <desc id="desc">${this.description()}</desc>
        ${body}
      </svg>
      ${this.series.length > 1
        ? html`<ul class="legend" aria-label=${msg('Legend')}>
            ${this.series.map(
              (s, i) => html`<li>
                <svg viewBox="0 0 16 16" aria-hidden="true"><rect x="1" y="1" width="14" height="14" fill=${SERIES_STYLE[i % 2]!.fill} stroke=${SERIES_STYLE[i % 2]!.stroke} stroke-width="2"></rect></svg>
                ${i === 1 ? msg(str`${s.name} (outlined bars)`) : msg(str`${s.name} (solid bars)`)}
              </li>`,
            )}
          </ul>`
        : nothing}
    `;
  }

  private get top(): number {
    const largest = Math.max(0, ...this.series.flatMap((s) => s.values));
    return this.max ?? (largest || 1);
  }

  private barStyle(series: number, category: number) {
    return category === this.highlight ? HIGHLIGHT : SERIES_STYLE[series % 2]!;
  }

  /** Label above each bar, value after it. */
  private horizontal(): { width: number; height: number; body: SVGTemplateResult[] } {
    const width = this.width;
    const bar = 18;
    const labelHeight = TEXT + 6;
    const valueSpace = 80;
    const group = labelHeight + this.series.length * (bar + 3) + 10;
    const body: SVGTemplateResult[] = [];
    this.categories.forEach((category, i) => {
      const y = i * group;
      const marked = i === this.highlight && this.highlightNote;
      const label = marked ? `▶ ${this.highlightNote}: ${category}` : category;
      // Bold text runs wider: leave it more room.
      body.push(svg`<text x="0" y=${y + TEXT} class=${marked ? 'note' : ''}>${truncate(label, marked ? width * 0.85 : width - 8)}</text>`);
      this.series.forEach((s, k) => {
        const value = s.values[i] ?? 0;
        const length = Math.max(value > 0 ? 2 : 0, ((width - valueSpace) * value) / this.top);
        const barY = y + labelHeight + k * (bar + 3);
        const style = this.barStyle(k, i);
        body.push(svg`<rect x="1" y=${barY} width=${length} height=${bar} fill=${style.fill} stroke=${style.stroke} stroke-width="2"></rect>`);
        body.push(svg`<text x=${length + 8} y=${barY + bar - 4}>${this.format(value)}</text>`);
      });
    });
    return { width, height: Math.max(group * this.categories.length, 20), body };
  }

  /** Bars rising from a base line; labels below, turned when they would collide. */
  private vertical(): { width: number; height: number; body: SVGTemplateResult[] } {
    const width = this.width;
    const count = Math.max(1, this.categories.length);
    const longest = Math.min(22, Math.max(...this.categories.map((c) => c.length), 1));
    const turned = longest * CHAR_WIDTH > width / count - 4;
    // Turned labels reach left of their bar: leave room for the first one.
    const left = turned ? Math.max(0, longest * CHAR_WIDTH * 0.77 - width / count / 2) : 0;
    const slot = (width - left) / count;
    const labelSpace = turned ? Math.min(110, longest * CHAR_WIDTH * 0.75 + 12) : TEXT + 10;
    const plot = 200;
    const top = TEXT + 8;
    const barWidth = Math.min(44, (slot * 0.75) / this.series.length);
    const showValues = barWidth >= 22;
    const base = top + plot;
    const body: SVGTemplateResult[] = [svg`<line x1=${left} x2=${width} y1=${base} y2=${base} stroke="#767676" stroke-width="1"></line>`];
    this.categories.forEach((category, i) => {
      const centre = left + slot * i + slot / 2;
      const groupLeft = centre - (barWidth * this.series.length) / 2;
      this.series.forEach((s, k) => {
        const value = s.values[i] ?? 0;
        const height = Math.max(value > 0 ? 2 : 0, (plot * value) / this.top);
        const x = groupLeft + k * barWidth;
        const style = this.barStyle(k, i);
        body.push(svg`<rect x=${x + 1} y=${base - height} width=${barWidth - 2} height=${height} fill=${style.fill} stroke=${style.stroke} stroke-width="2"></rect>`);
        if (showValues) body.push(svg`<text x=${x + barWidth / 2} y=${base - height - 4} text-anchor="middle">${this.format(value)}</text>`);
      });
      body.push(
        turned
          ? svg`<text x=${centre} y=${base + 14} text-anchor="end" transform="rotate(-40 ${centre} ${base + 14})">${truncate(category, 22 * CHAR_WIDTH)}</text>`
          : svg`<text x=${centre} y=${base + TEXT + 4} text-anchor="middle">${category}</text>`,
      );
    });
    return { width, height: base + labelSpace, body };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-bar-chart': BarChart;
  }
}
