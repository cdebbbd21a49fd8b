import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { defineQuestionView } from '../question-type-view.ts';
import { renderTextInput } from '../text-input-view.ts';
import { fillin } from './fillin.ts';

export const view = defineQuestionView(fillin, {
  render: (context) =>
    html`<label class="prompt" for=${`${context.name}-input`} style="display:block" lang=${context.lang}>${unsafeHTML(context.question.prompt)}</label>
      ${renderTextInput(context as never, { numeric: false, maxLength: context.question.maxLength })}`,
});
