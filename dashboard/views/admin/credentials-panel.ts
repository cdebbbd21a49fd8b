import { localized, msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CredentialInfo } from '../../../lrs/contracts/admin.ts';
import '../../components/data-table.ts';
import { csvFileName } from '../../csv.ts';
import { errorSentence } from '../../errors.ts';
import { dateTime } from '../../format.ts';
import { AdminPanel } from './admin-panel.ts';
import { DEFAULT_CREDENTIAL_SCOPES, SCOPES } from '../../../lrs/contracts/scopes.ts';

/**
 * LRS credentials (admin): the list, a form to create one for a partner organisation (its secret
 * is shown once, right after), and revoking one, after a confirmation.
 *
 * @tag dash-credentials-panel
 * @property api - The dashboard API client.
 * @property orgs - Organisations to suggest.
 * @event announce - detail: a sentence for the live region.
 */
@customElement('dash-credentials-panel')
@localized()
export class CredentialsPanel extends AdminPanel<CredentialInfo> {
  static override styles = [
    ...AdminPanel.styles,
    css`
      fieldset { border: 1px solid var(--dash-rule); border-radius: .375rem; padding: .5rem 1rem; margin: 0; flex: 1 1 100%; }
      legend { font-weight: 600; padding: 0 .25rem; }
      .scopes { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
      .scopes label { font-weight: 400; }
    `,
  ];

  @state() private createdCredential?: { key: string; org: string; secret: string };

  protected readonly actionIds = { picker: 'revoke-key', confirm: 'confirm-revoke' };

  protected fetchItems(): Promise<CredentialInfo[]> {
    return this.api.credentials();
  }

  override render() {
    const active = (this.items ?? []).filter((c) => !c.revoked);
    return html`
      <section aria-labelledby="credentials-heading">
        <h3 id="credentials-heading">${msg('LRS credentials')}</h3>
        <p class="hint">${msg('Keys that LMS packages and other clients use to send statements to the LRS, one or more per partner organisation.')}</p>
        ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
        ${this.items
          ? html`<dash-data-table
              id="credentials"
              caption=${msg('LRS credentials')}
              .columns=${[{ label: msg('Key') }, { label: msg('Organisation') }, { label: msg('Label') }, { label: msg('Scopes') }, { label: msg('Created') }, { label: msg('Status') }]}
              .rows=${this.items.map((c) => [c.key, c.org, c.label, c.scopes.join(', '), dateTime(c.created), c.revoked ? msg('Revoked') : msg('Active')])}
              row-header
              file-name=${csvFileName('credentials')}
            ></dash-data-table>`
          : html`<p>${msg('Loading credentials…')}</p>`}

        <h4 id="create-credential-heading">${msg('Create a credential')}</h4>
        <form aria-labelledby="create-credential-heading" @submit=${this.create} novalidate>
          <div class="field">
            <label for="credential-org">${msg('Organisation')}</label>
            <input id="credential-org" name="org" list="credential-orgs" autocomplete="off" />
          </div>
          <div class="field">
            <label for="credential-label">${msg(html`Label <span class="hint">(optional)</span>`)}</label>
            <input id="credential-label" name="label" autocomplete="off" />
          </div>
          <datalist id="credential-orgs">${this.orgs.map((o) => html`<option value=${o}></option>`)}</datalist>
          <fieldset>
            <legend>${msg('Scopes')}</legend>
            <div class="scopes">
              ${SCOPES.map(
                (scope) => html`<label class="check"><input type="checkbox" name="scopes" value=${scope} ?checked=${DEFAULT_CREDENTIAL_SCOPES.includes(scope)} /> ${scope}</label>`,
              )}
            </div>
          </fieldset>
          <button type="submit" class="primary">${msg('Create credential')}</button>
        </form>
        <p class="error" role="alert">${this.createError || nothing}</p>
        ${this.createdCredential
          ? html`<div class="notice" id="created-credential" tabindex="-1">
              <p>${msg(html`Credential for <strong>${this.createdCredential.org}</strong> created. Key: <code>${this.createdCredential.key}</code>`)}</p>
              <p>${msg('Its secret is shown only this once:')} <code data-secret>${this.createdCredential.secret}</code></p>
              <p>${msg('Put it where it is needed now: it cannot be shown again.')}</p>
            </div>`
          : nothing}

        <h4 id="revoke-credential-heading">${msg('Revoke a credential')}</h4>
        <form aria-labelledby="revoke-credential-heading" @submit=${this.askConfirmation}>
          <div class="field">
            <label for="revoke-key">${msg('Credential')}</label>
            <select id="revoke-key" name="key" ?disabled=${!active.length}>
              ${active.map((c) => html`<option value=${c.key}>${c.key} (${c.org}${c.label ? `, ${c.label}` : ''})</option>`)}
            </select>
          </div>
          <button type="submit" ?disabled=${!active.length}>${msg('Revoke credential')}</button>
        </form>
        ${this.confirming
          ? html`<div class="confirm notice" role="group" aria-labelledby="confirm-revoke-text">
              <p id="confirm-revoke-text">${msg(html`Revoke <strong>${this.confirming}</strong>? Clients using it can no longer reach the LRS. This cannot be undone.`)}</p>
              <button type="button" class="primary" id="confirm-revoke" @click=${() => this.runConfirmed((key) => this.api.revokeCredential(key), (key) => msg(str`Credential ${key} revoked.`))}>${msg('Yes, revoke it')}</button>
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
    const org = String(data.get('org') ?? '').trim();
    const label = String(data.get('label') ?? '').trim();
    const scopes = data.getAll('scopes').map(String);
    this.createdCredential = undefined;
    if (!org) return this.failCreate(msg('Enter the organisation the credential is for.'), 'credential-org');
    if (!scopes.length) return this.failCreate(msg('Choose at least one scope.'));
    try {
      const made = await this.api.createCredential({ org, label: label || undefined, scopes });
      this.createdCredential = { key: made.credential.key, org: made.credential.org, secret: made.secret };
      await this.afterCreate(form, msg(str`Credential for ${made.credential.org} created. Its secret is shown once, below the form.`), 'created-credential');
    } catch (error) {
      this.failCreate(errorSentence(error));
    }
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'dash-credentials-panel': CredentialsPanel;
  }
}
