import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AccountInfo } from '../../../lrs/contracts/admin.ts';
import '../../components/data-table.ts';
import { csvFileName } from '../../csv.ts';
import { errorSentence } from '../../errors.ts';
import { dateTime } from '../../format.ts';
import { roleName, ROLE_NAMES } from '../../roles.ts';
import { AdminPanel } from './admin-panel.ts';

/**
 * Dashboard accounts (admin): the list, a form to create one (the generated or given password
 * is shown once, right after), and disabling an account, after a confirmation.
 *
 * @tag dash-accounts-panel
 * @property api - The dashboard API client.
 * @property me - The signed-in admin's username (who cannot disable themselves).
 * @property orgs - Organisations to suggest.
 * @event announce - detail: a sentence for the live region.
 */
@customElement('dash-accounts-panel')
@localized()
export class AccountsPanel extends AdminPanel<AccountInfo> {
  @property() me = '';
  @state() private createdAccount?: { username: string; password: string };

  protected readonly actionIds = { picker: 'disable-username', confirm: 'confirm-disable' };

  protected fetchItems(): Promise<AccountInfo[]> {
    return this.api.accounts();
  }

  override render() {
    const active = (this.items ?? []).filter((a) => !a.disabled && a.username !== this.me);
    return html`
      <section aria-labelledby="accounts-heading">
        <h3 id="accounts-heading">${msg('Dashboard accounts')}</h3>
        ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
        ${this.items
          ? html`<dash-data-table
              id="accounts"
              caption=${msg('Dashboard accounts')}
              .columns=${[{ label: msg('Username') }, { label: msg('Role') }, { label: msg('Organisation') }, { label: msg('Created') }, { label: msg('Status') }]}
              .rows=${this.items.map((a) => [a.username, roleName(a.role), a.org ?? '', dateTime(a.created), a.disabled ? msg('Disabled') : msg('Active')])}
              row-header
              file-name=${csvFileName('accounts')}
            ></dash-data-table>`
          : html`<p>${msg('Loading accounts…')}</p>`}

        <h4 id="create-account-heading">${msg('Create an account')}</h4>
        <form aria-labelledby="create-account-heading" @submit=${this.create} novalidate>
          <div class="field">
            <label for="username">${msg('Username')}</label>
            <input id="username" name="username" autocomplete="off" aria-describedby="username-hint" />
            <span id="username-hint" class="hint">${msg('2-64 letters, digits, “.”, “_”, “@” or “-”')}</span>
          </div>
          <div class="field">
            <label for="role">${msg('Role')}</label>
            <select id="role" name="role">
              ${Object.entries(ROLE_NAMES).map(([value, name]) => html`<option value=${value} ?selected=${value === 'trainer'}>${name}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="account-org">${msg('Organisation')}</label>
            <input id="account-org" name="org" list="known-orgs" autocomplete="off" aria-describedby="account-org-hint" />
            <span id="account-org-hint" class="hint">${msg('Needed for trainers')}</span>
          </div>
          <div class="field">
            <label for="new-password">${msg('Password')}</label>
            <input id="new-password" name="password" type="password" autocomplete="new-password" aria-describedby="new-password-hint" />
            <span id="new-password-hint" class="hint">${msg('Leave empty to generate one (10 characters or more)')}</span>
          </div>
          <datalist id="known-orgs">${this.orgs.map((o) => html`<option value=${o}></option>`)}</datalist>
          <button type="submit" class="primary">${msg('Create account')}</button>
        </form>
        <p class="error" role="alert">${this.createError || nothing}</p>
        ${this.createdAccount
          ? html`<div class="notice" id="created-account" tabindex="-1" data-created-account=${this.createdAccount.username}>
              <p>${msg(html`Account <strong>${this.createdAccount.username}</strong> created. Its password is shown only this once:`)}</p>
              <p><code data-password>${this.createdAccount.password}</code></p>
              <p>${msg('Give it to its owner now: it cannot be shown again.')}</p>
            </div>`
          : nothing}

        <h4 id="disable-account-heading">${msg('Disable an account')}</h4>
        <form aria-labelledby="disable-account-heading" @submit=${this.askConfirmation}>
          <div class="field">
            <label for="disable-username">${msg('Account')}</label>
            <select id="disable-username" name="username" ?disabled=${!active.length}>
              ${active.map((a) => html`<option value=${a.username}>${a.username} (${roleName(a.role)}${a.org ? `, ${a.org}` : ''})</option>`)}
            </select>
          </div>
          <button type="submit" ?disabled=${!active.length}>${msg('Disable account')}</button>
        </form>
        ${this.confirming
          ? html`<div class="confirm notice" role="group" aria-labelledby="confirm-disable-text">
              <p id="confirm-disable-text">${msg(html`Disable <strong>${this.confirming}</strong>? They will no longer be able to sign in.`)}</p>
              <button type="button" class="primary" id="confirm-disable" @click=${() => this.runConfirmed((username) => this.api.disableAccount(username), (username) => msg(str`Account ${username} disabled.`))}>${msg(str`Yes, disable ${this.confirming}`)}</button>
              <button type="button" @click=${this.cancelConfirmation}>${msg('Cancel')}</button>
            </div>`
          : nothing}
        <p class="error" role="alert">${this.actionError || nothing}</p>
      </section>
    `;
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const input = { username: field('username'), role: field('role'), org: field('org') || undefined, password: field('password') || undefined };
    this.createdAccount = undefined;
    if (!input.username) return this.failCreate(msg('Enter a username.'), 'username');
    if (input.role === 'trainer' && !input.org) return this.failCreate(msg('A trainer account needs an organisation.'), 'account-org');
    if (input.password && input.password.length < 10) return this.failCreate(msg('The password must have at least 10 characters.'), 'new-password');
    try {
      const made = await this.api.createAccount(input);
      this.createdAccount = { username: made.account.username, password: made.password };
      await this.afterCreate(form, msg(str`Account ${made.account.username} created. Its password is shown once, below the form.`), 'created-account');
    } catch (error) {
      this.failCreate(errorSentence(error));
    }
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'dash-accounts-panel': AccountsPanel;
  }
}
