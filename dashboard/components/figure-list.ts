import { html, type TemplateResult } from 'lit';

/**
 * Headline figures as a description list (a term and its value per figure), laid out as tiles by
 * the `.figures` rule of the shared styles.
 */
export function figureList(figures: readonly (readonly [label: string, value: string])[]): TemplateResult {
  return html`<dl class="figures">
    ${figures.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}
  </dl>`;
}
