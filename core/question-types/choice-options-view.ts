/** The view both choice types share: a fieldset of radio buttons (single) or checkboxes (multiple). */
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { QuestionViewContext } from './question-type-view.ts';
import type { ChoiceQuestion } from './choice-options.ts';

export function renderOptions(
  context: QuestionViewContext<ChoiceQuestion & { prompt: string }, number | number[]>,
  multiple: boolean,
): TemplateResult {
  const { question: q, response: chosen, checked, lang, name } = context;
  const isChosen = (i: number) => (multiple ? Array.isArray(chosen) && chosen.includes(i) : chosen === i);
  const onChange = (index: number, on: boolean) => {
    if (!multiple) return context.answer(index);
    const current = new Set(Array.isArray(chosen) ? chosen : []);
    if (on) current.add(index);
    else current.delete(index);
    context.answer([...current].sort((a, b) => a - b));
  };
  return html`<fieldset class="question">
    <legend class="prompt" lang=${lang}>${unsafeHTML(q.prompt)}</legend>
    ${multiple ? html`<p class="hint">${msg('Select all that apply.')}</p>` : nothing}
    <ul class="choices" role="list">
      ${context.displayOrder.map((i) => {
        const option = q.options[i]!;
        const mark = checked && isChosen(i) ? (option.correct ? 'is-correct' : 'is-incorrect') : '';
        return html`<li>
          <label class="choice ${mark}">
            <input
              type=${multiple ? 'checkbox' : 'radio'}
              name=${name}
              value=${i}
              .checked=${isChosen(i)}
              ?disabled=${checked}
              @change=${(e: Event) => onChange(i, (e.target as HTMLInputElement).checked)}
            />
            <span lang=${lang}>${unsafeHTML(option.text)}</span>
            ${mark ? html`<span class="mark">${mark === 'is-correct' ? msg('Correct') : msg('Incorrect')}</span>` : nothing}
          </label>
        </li>`;
      })}
    </ul>
  </fieldset>`;
}

/** The chosen options that have feedback of their own. */
export function chosenOptionFeedback(question: ChoiceQuestion, chosen: number[]): { text: string; feedback: string }[] {
  return question.options.flatMap((o, i) => (chosen.includes(i) && o.feedback ? [{ text: o.text, feedback: o.feedback }] : []));
}
