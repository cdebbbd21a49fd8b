import { css, html, LitElement } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, state } from 'lit/decorators.js';
import { DashboardApi, type Session } from '../api.ts';
import { errorSentence } from '../errors.ts';
import { dashStyles } from '../styles.ts';
import './dashboard-shell.ts';
import './sign-in-form.ts';

/**
 * The dashboard app: asks who is signed in, then shows the sign-in page or the dashboard. It
 * holds the page's one polite live region, which any component fills through an `announce`
 * event (loading, loaded, errors, downloads).
 *
 * @tag dash-app
 */
@customElement('dash-app')
@localized()
export class DashboardApp extends LitElement {
  static override styles = [dashStyles, css`:host { display: block; }`];

  private readonly api = new DashboardApi();

  /** undefined while asking, null when nobody is signed in. */
  @state() private session?: Session | null;
  @state() private notice = '';
  @state() private announcement = '';
  private announceTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('announce', (event) => this.announce(String((event as CustomEvent<string>).detail)));
    void this.checkSession();
  }

  private async checkSession(): Promise<void> {
    try {
      this.session = await this.api.session();
    } catch (error) {
      const reason = errorSentence(error);
      this.notice = msg(str`The server could not be asked who is signed in. ${reason}`);
      this.session = null;
    }
  }

  override render() {
    return html`
      ${this.session === undefined
        ? html`<main><p>${msg('Opening the dashboard…')}</p></main>`
        : this.session
          ? html`<dash-shell .api=${this.api} .session=${this.session} @signed-out=${this.signedOut}></dash-shell>`
          : html`<dash-sign-in .api=${this.api} .notice=${this.notice} @signed-in=${this.signedIn}></dash-sign-in>`}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-live>${this.announcement}</div>
    `;
  }

  private signedIn(event: CustomEvent<Session>): void {
    this.notice = '';
    this.session = event.detail;
    const username = event.detail.username;
    this.announce(msg(str`Signed in as ${username}.`));
  }

  private async signedOut(event: CustomEvent<string>): Promise<void> {
    this.notice = event.detail;
    this.session = null;
    this.announce(event.detail);
    await this.updateComplete;
    this.renderRoot.querySelector('dash-sign-in')?.renderRoot.querySelector<HTMLElement>('#username')?.focus();
  }

  /** Cleared first, so the same sentence twice is announced twice. */
  private announce(text: string): void {
    clearTimeout(this.announceTimer);
    this.announcement = '';
    this.announceTimer = setTimeout(() => (this.announcement = text), 100);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-app': DashboardApp;
  }
}
