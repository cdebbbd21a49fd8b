/** The one-line text field fill-in and numeric questions share. */
import { html, type TemplateResult } from 'lit';
import type { QuestionViewContext } from './question-type-view.ts';

export function renderTextInput(context: QuestionViewContext<unknown, string>, options: { numeric: boolean; maxLength: number }): TemplateResult {
  const value = typeof context.response === 'string' ? context.response : '';
  return html`<input
    id=${`${context.name}-input`}
    type="text"
    autocomplete="off"
    spellcheck="false"
    inputmode=${options.numeric ? 'decimal' : 'text'}
    maxlength=${options.maxLength}
    .value=${value}
    ?disabled=${context.checked}
    @input=${(e: Event) => context.answer((e.target as HTMLInputElement).value)}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Enter') context.submit();
    }}
  />`;
}
