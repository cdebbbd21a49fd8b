import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { defineQuestionView } from '../question-type-view.ts';
import { truefalse } from './truefalse.ts';

export const view = defineQuestionView(truefalse, {
  render({ question: q, response: value, checked, lang, name, answer }) {
    const option = (v: boolean, label: string) => {
      const mark = checked && value === v ? (v === q.answer ? 'is-correct' : 'is-incorrect') : '';
      return html`<li>
        <label class="choice ${mark}">
          <input type="radio" name=${name} value=${String(v)} .checked=${value === v} ?disabled=${checked} @change=${() => answer(v)} />
          <span>${label}</span>
          ${mark ? html`<span class="mark">${mark === 'is-correct' ? msg('Correct') : msg('Incorrect')}</span>` : nothing}
        </label>
      </li>`;
    };
    return html`<fieldset class="question">
      <legend class="prompt" lang=${lang}>${unsafeHTML(q.prompt)}</legend>
      <ul class="choices" role="list">${option(true, msg('True'))}${option(false, msg('False'))}</ul>
    </fieldset>`;
  },
});
