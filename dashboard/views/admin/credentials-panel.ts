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
        <h3 id="credentials-heading">LRS credentials</h3>
        <p class="hint">Keys that LMS packages and other clients use to send statements to the LRS, one or more per partner organisation.</p>
        ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
        ${this.items
          ? html`<dash-data-table
              id="credentials"
              caption="LRS credentials"
              .columns=${[{ label: 'Key' }, { label: 'Organisation' }, { label: 'Label' }, { label: 'Scopes' }, { label: 'Created' }, { label: 'Status' }]}
              .rows=${this.items.map((c) => [c.key, c.org, c.label, c.scopes.join(', '), dateTime(c.created), c.revoked ? 'Revoked' : 'Active'])}
              row-header
              file-name=${csvFileName('credentials')}
            ></dash-data-table>`
          : html`<p>Loading credentials…</p>`}

        <h4 id="create-credential-heading">Create a credential</h4>
        <form aria-labelledby="create-credential-heading" @submit=${this.create} novalidate>
          <div class="field">
            <label for="credential-org">Organisation</label>
            <input id="credential-org" name="org" list="credential-orgs" autocomplete="off" />
          </div>
          <div class="field">
            <label for="credential-label">Label <span class="hint">(optional)</span></label>
            <input id="credential-label" name="label" autocomplete="off" />
          </div>
          <datalist id="credential-orgs">${this.orgs.map((o) => html`<option value=${o}></option>`)}</datalist>
          <fieldset>
            <legend>Scopes</legend>
            <div class="scopes">
              ${SCOPES.map(
                (scope) => html`<label class="check"><input type="checkbox" name="scopes" value=${scope} ?checked=${DEFAULT_CREDENTIAL_SCOPES.includes(scope)} /> ${scope}</label>`,
              )}
            </div>
          </fieldset>
          <button type="submit" class="primary">Create credential</button>
        </form>
        <p class="error" role="alert">${this.createError || nothing}</p>
        ${this.createdCredential
          ? html`<div class="notice" id="created-credential" tabindex="-1">
              <p>Credential for <strong>${this.createdCredential.org}</strong> created. Key: <code>${this.createdCredential.key}</code></p>
              <p>Its secret is shown only this once: <code data-secret>${this.createdCredential.secret}</code></p>
              <p>Put it where it is needed now: it cannot be shown again.</p>
            </div>`
          : nothing}

        <h4 id="revoke-credential-heading">Revoke a credential</h4>
        <form aria-labelledby="revoke-credential-heading" @submit=${this.askConfirmation}>
          <div class="field">
            <label for="revoke-key">Credential</label>
            <select id="revoke-key" name="key" ?disabled=${!active.length}>
              ${active.map((c) => html`<option value=${c.key}>${c.key} (${c.org}${c.label ? `, ${c.label}` : ''})</option>`)}
            </select>
          </div>
          <button type="submit" ?disabled=${!active.length}>Revoke credential</button>
        </form>
        ${this.confirming
          ? html`<div class="confirm notice" role="group" aria-labelledby="confirm-revoke-text">
              <p id="confirm-revoke-text">Revoke <strong>${this.confirming}</strong>? Clients using it can no longer reach the LRS. This cannot be undone.</p>
              <button type="button" class="primary" id="confirm-revoke" @click=${() => this.runConfirmed((key) => this.api.revokeCredential(key), (key) => `Credential ${key} revoked.`)}>Yes, revoke it</button>
              <button type="button" @click=${this.cancelConfirmation}>Cancel</button>
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
    if (!org) return this.failCreate('Enter the organisation the credential is for.', 'credential-org');
    if (!scopes.length) return this.failCreate('Choose at least one scope.');
    try {
      const made = await this.api.createCredential({ org, label: label || undefined, scopes });
      this.createdCredential = { key: made.credential.key, org: made.credential.org, secret: made.secret };
      await this.afterCreate(form, `Credential for ${made.credential.org} created. Its secret is shown once, below the form.`, 'created-credential');
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
