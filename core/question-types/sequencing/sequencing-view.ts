import { msg, str } from '@lit/localize';
import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { plainText } from '../../content/plain-text.ts';
import { defineQuestionView, type QuestionViewContext } from '../question-type-view.ts';
import { sequencing } from './sequencing.ts';

type Context = QuestionViewContext<{ items: { id: string; text: string }[] }, number[]>;

/** Swaps an item with its neighbour, says where it went, and keeps focus on the moved item. */
function move(context: Context, position: number, delta: -1 | 1): void {
  const order = [...(context.response ?? [])];
  const target = position + delta;
  if (target < 0 || target >= order.length) return;
  [order[position], order[target]] = [order[target]!, order[position]!];
  context.answer(order);
  const item = order[target]!;
  context.announce(msg(str`Moved to position ${target + 1} of ${order.length}.`));
  // Keep focus on the moved item's button; at either end, on its other button.
  const direction = delta < 0 ? 'up' : 'down';
  const atEdge = target === 0 || target === order.length - 1;
  context.focusAfterUpdate(`button[data-item="${item}"][data-move="${atEdge ? (direction === 'up' ? 'down' : 'up') : direction}"]`);
}

export const view = defineQuestionView(sequencing, {
  render(context) {
    const { question: q, checked, lang, name } = context;
    const order = context.response ?? [];
    return html`<p class="prompt" id=${`${name}-prompt`} lang=${lang}>${unsafeHTML(q.prompt)}</p>
      <p class="hint">${msg('Use the Move up and Move down buttons to put the items in order.')}</p>
      <ol class="sequence" aria-labelledby=${`${name}-prompt`}>
        ${order.map((item, position) => {
          const text = plainText(q.items[item]!.text);
          return html`<li>
            <span class="text" lang=${lang}>${unsafeHTML(q.items[item]!.text)}</span>
            <button type="button" data-move="up" data-item=${item} ?disabled=${checked || position === 0}
              aria-label=${msg(str`Move up: ${text}`)} @click=${() => move(context, position, -1)}>↑ <span aria-hidden="true">${msg('Up')}</span></button>
            <button type="button" data-move="down" data-item=${item} ?disabled=${checked || position === order.length - 1}
              aria-label=${msg(str`Move down: ${text}`)} @click=${() => move(context, position, 1)}>↓ <span aria-hidden="true">${msg('Down')}</span></button>
          </li>`;
        })}
      </ol>`;
  },
});
