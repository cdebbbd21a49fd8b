import { css, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DashboardApi } from '../../api.ts';
import { errorSentence } from '../../errors.ts';
import { dashStyles } from '../../styles.ts';

/**
 * What the admin panels share: a list loaded from the API, a create form whose errors move focus
 * to the field at fault, and a destructive action (disable, revoke) that asks for confirmation
 * first, with focus moved to the confirm button and back to the picker afterwards.
 *
 * @property api - The dashboard API client.
 * @property orgs - Organisations to suggest.
 * @event announce - detail: a sentence for the live region.
 */
export abstract class AdminPanel<Item> extends LitElement {
  static override styles = [
    dashStyles,
    css`
      form { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end; margin: .5rem 0 1rem; }
      code { font-size: 1.05rem; background: #fff; border: 1px solid var(--dash-rule); padding: .1rem .35rem; border-radius: .25rem; word-break: break-all; }
      .confirm { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
    `,
  ];

  @property({ attribute: false }) api!: DashboardApi;
  @property({ attribute: false }) orgs: string[] = [];

  @state() protected items?: Item[];
  @state() protected loadError = '';
  @state() protected createError = '';
  @state() protected actionError = '';
  /** The id of the item waiting for confirmation, or ''. */
  @state() protected confirming = '';

  /** The ids of the picker (select) and confirm button of the destructive action. */
  protected abstract readonly actionIds: { picker: string; confirm: string };

  protected abstract fetchItems(): Promise<Item[]>;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected async load(): Promise<void> {
    try {
      this.items = await this.fetchItems();
      this.loadError = '';
    } catch (error) {
      this.loadError = errorSentence(error);
    }
  }

  /** Shows a create-form error and, when a field is at fault, puts focus on it. */
  protected failCreate(text: string, fieldId?: string): void {
    this.createError = text;
    if (fieldId) this.focusById(fieldId);
  }

  /** After a successful create: clear errors, reset the form, reload, announce, focus the one-time notice. */
  protected async afterCreate(form: HTMLFormElement, message: string, noticeId: string): Promise<void> {
    this.createError = '';
    form.reset();
    await this.load();
    this.announce(message);
    await this.updateComplete;
    this.focusById(noticeId);
  }

  /** Submitting the action form asks for confirmation of the picked item. */
  protected async askConfirmation(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const picker = this.renderRoot.querySelector<HTMLSelectElement>(`#${this.actionIds.picker}`);
    if (!picker?.value) return;
    this.confirming = picker.value;
    this.actionError = '';
    await this.updateComplete;
    this.focusById(this.actionIds.confirm);
  }

  protected cancelConfirmation(): void {
    this.confirming = '';
    this.focusById(this.actionIds.picker);
  }

  /** Runs the confirmed action on the item waiting for it, then reloads and announces. */
  protected async runConfirmed(action: (id: string) => Promise<unknown>, message: (id: string) => string): Promise<void> {
    const id = this.confirming;
    try {
      await action(id);
      this.confirming = '';
      this.actionError = '';
      await this.load();
      this.announce(message(id));
      this.focusById(this.actionIds.picker);
    } catch (error) {
      this.actionError = errorSentence(error);
    }
  }

  protected announce(text: string): void {
    this.dispatchEvent(new CustomEvent('announce', { detail: text, bubbles: true, composed: true }));
  }

  private focusById(id: string): void {
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }
}
