import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { defineQuestionView } from '../question-type-view.ts';
import { renderTextInput } from '../text-input-view.ts';
import { numeric, NUMERIC_MAX_LENGTH } from './numeric.ts';

export const view = defineQuestionView(numeric, {
  render: (context) =>
    html`<label class="prompt" for=${`${context.name}-input`} style="display:block" lang=${context.lang}>${unsafeHTML(context.question.prompt)}</label>
      <div class="numeric">${renderTextInput(context as never, { numeric: true, maxLength: NUMERIC_MAX_LENGTH })}${context.question.unit
        ? html`<span class="unit">${context.question.unit}</span>`
        : nothing}</div>`,
  // Typed, but not a number.
  notAnAnswer: (_question, response) => (response?.trim() ? msg('Enter a number, for example 140000.') : undefined),
});
