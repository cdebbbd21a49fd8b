import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { glossaryStore } from '../../glossary/glossary-store.ts';
import { baseStyles } from '../shared/styles.ts';

let nextId = 0;

/**
 * A glossary term marked in the text: a button that shows the term's definition in a popover
 * (the disclosure pattern: Enter or Space toggles it, Escape closes it, focus stays on the button).
 *
 * @tag inp-term
 * @slot - The term as it appears in the text.
 * @attr term - The glossary term id.
 * @csspart button - The term button.
 * @csspart popover - The definition popover.
 */
@customElement('inp-term')
@localized()
export class GlossaryTermElement extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { display: inline; position: relative; font: inherit; color: inherit; }
      button {
        all: unset; cursor: help; color: var(--inp-primary); border-bottom: 2px dotted var(--inp-primary);
        font: inherit; line-height: inherit;
      }
      button:focus-visible { outline: 3px solid var(--inp-focus); outline-offset: 2px; }
      .popover {
        position: absolute; left: 0; top: calc(100% + .4rem); z-index: 10; width: min(22rem, 80vw);
        background: var(--inp-surface); color: var(--inp-text); border: 2px solid var(--inp-primary);
        border-radius: .5rem; padding: .6rem .8rem; box-shadow: 0 4px 14px rgb(0 0 0 / 20%);
        font-size: .95rem; font-weight: normal; font-style: normal; line-height: 1.45; display: block;
      }
      .popover[hidden] { display: none; }
      .popover strong { display: block; margin-bottom: .2rem; }
    `,
  ];

  @property() term = '';
  @state() private open = false;
  private readonly popoverId = `inp-term-${++nextId}`;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.onDocumentClick, true);
  }

  private readonly onDocumentClick = (event: MouseEvent) => {
    if (!event.composedPath().includes(this)) this.setOpen(false);
  };

  private setOpen(open: boolean): void {
    this.open = open;
    if (open) document.addEventListener('click', this.onDocumentClick, true);
    else document.removeEventListener('click', this.onDocumentClick, true);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      this.setOpen(false);
    }
  }

  override render() {
    const entry = glossaryStore.get(this.term);
    if (!entry) return html`<slot></slot>`;
    return html`<button
        part="button"
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${this.popoverId}
        title=${msg('Show definition')}
        @click=${() => this.setOpen(!this.open)}
        @keydown=${this.onKeydown}
      ><slot></slot></button
      ><span part="popover" class="popover" id=${this.popoverId} role="note" ?hidden=${!this.open}
        ><strong>${entry.term}</strong>${entry.definition}</span
      >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inp-term': GlossaryTermElement;
  }
}
