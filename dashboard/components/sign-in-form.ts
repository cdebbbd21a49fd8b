import { css, html, LitElement, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, type DashboardApi, type Session } from '../api.ts';
import { errorSentence } from '../errors.ts';
import { dashStyles } from '../styles.ts';
import './language-switch.ts';

/**
 * The sign-in page: username and password with their labels; a wrong password, a locked-out
 * client (too many failed sign-ins) or an unreachable server is said in words, announced, and tied
 * to the fields.
 *
 * @tag dash-sign-in
 * @property api - The dashboard API client.
 * @property notice - A sentence to show above the form ("You are signed out.").
 * @event signed-in - detail: the {@link Session}.
 */
@customElement('dash-sign-in')
@localized()
export class SignInForm extends LitElement {
  static override styles = [
    dashStyles,
    css`
      :host { display: block; }
      main { max-width: 26rem; margin: 0 auto; padding: 2rem 1rem; }
      h1 { font-size: 1.6rem; margin: 0 0 1.5rem; }
      form { display: grid; gap: 1rem; border: 1px solid var(--dash-rule); border-radius: .5rem; padding: 1.25rem; }
      form h2 { margin: 0; font-size: 1.3rem; }
      input { width: 100%; }
    `,
  ];

  @property({ attribute: false }) api!: DashboardApi;
  @property() notice = '';

  @state() private error = '';
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = msg('Sign in – INPROCAP dashboard');
  }

  override render() {
    const invalid = this.error ? 'true' : 'false';
    return html`<main id="main">
      <h1>${msg('INPROCAP dashboard')}</h1>
      <dash-language-switch></dash-language-switch>
      <form @submit=${this.submit} novalidate aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">${msg('Sign in')}</h2>
        ${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}
        <div class="field">
          <label for="username">${msg('Username')}</label>
          <input id="username" name="username" autocomplete="username" required aria-invalid=${invalid} aria-describedby="sign-in-error" />
        </div>
        <div class="field">
          <label for="password">${msg('Password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required aria-invalid=${invalid} aria-describedby="sign-in-error" />
        </div>
        <p id="sign-in-error" class="error" role="alert">${this.error || nothing}</p>
        <div><button type="submit" class="primary" aria-disabled=${this.busy ? 'true' : 'false'}>${msg('Sign in')}</button></div>
      </form>
    </main>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!username || !password) {
      this.error = msg('Enter your username and your password.');
      this.renderRoot.querySelector<HTMLInputElement>(username ? '#password' : '#username')?.focus();
      return;
    }
    this.busy = true;
    try {
      const session: Session = await this.api.signIn(username, password);
      this.error = '';
      this.dispatchEvent(new CustomEvent<Session>('signed-in', { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      this.error = signInError(error);
      const field = this.renderRoot.querySelector<HTMLInputElement>('#password');
      if (field) {
        field.value = '';
        field.focus();
      }
    } finally {
      this.busy = false;
    }
  }
}

function signInError(error: unknown): string {
  if (!(error instanceof ApiError)) return errorSentence(error);
  if (error.status === 401) return msg('Wrong username or password.');
  if (error.status === 429) {
    const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 900) / 60));
    return minutes === 1 ? msg('Too many failed sign-ins. Wait 1 minute before trying again.') : msg(str`Too many failed sign-ins. Wait ${minutes} minutes before trying again.`);
  }
  return errorSentence(error);
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-sign-in': SignInForm;
  }
}
