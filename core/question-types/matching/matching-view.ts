import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { plainText } from '../../content/plain-text.ts';
import { defineQuestionView } from '../question-type-view.ts';
import { matching, matchingTargets } from './matching.ts';

export const view = defineQuestionView(matching, {
  render({ question: q, response: chosen, checked, lang, name, displayOrder, answer }) {
    const targets = matchingTargets(q);
    const response = chosen ?? q.pairs.map(() => -1);
    return html`<fieldset class="question">
      <legend class="prompt" lang=${lang}>${unsafeHTML(q.prompt)}</legend>
      <div class="pairs">
        ${q.pairs.map((pair, i) => {
          const mark = checked ? (response[i] === i ? 'is-correct' : 'is-incorrect') : '';
          return html`<div class="pair">
            <label for=${`${name}-${i}`} lang=${lang}>${unsafeHTML(pair.prompt)}</label>
            <div>
              <select
                id=${`${name}-${i}`}
                ?disabled=${checked}
                @change=${(e: Event) => {
                  const next = [...response];
                  next[i] = Number((e.target as HTMLSelectElement).value);
                  answer(next);
                }}
              >
                <option value="-1" ?selected=${response[i] === -1}>${msg('Choose…')}</option>
                ${displayOrder.map((t) => html`<option value=${t} ?selected=${response[i] === t}>${plainText(targets[t]!.text)}</option>`)}
              </select>
              ${mark ? html`<span class="mark ${mark}">${mark === 'is-correct' ? msg('Correct') : msg('Incorrect')}</span>` : nothing}
            </div>
          </div>`;
        })}
      </div>
    </fieldset>`;
  },
});
