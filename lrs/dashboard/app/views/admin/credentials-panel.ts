import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type CredentialInfo, type DashboardApi } from '../../api.ts';
import '../../components/data-table.ts';
import { csvFileName } from '../../csv.ts';
import { errorSentence } from '../../errors.ts';
import { dateTime } from '../../format.ts';
import { dashStyles } from '../../styles.ts';
import { CREDENTIAL_SCOPES, DEFAULT_SCOPES } from './scopes.ts';


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
export class CredentialsPanel extends LitElement {
  static override styles = [
    dashStyles,
    css`
      form { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end; margin: .5rem 0 1rem; }
      fieldset { border: 1px solid var(--dash-rule); border-radius: .375rem; padding: .5rem 1rem; margin: 0; flex: 1 1 100%; }
      legend { font-weight: 600; padding: 0 .25rem; }
      .scopes { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
      .scopes label { font-weight: 400; }
      code { font-size: 1.05rem; background: #fff; border: 1px solid var(--dash-rule); padding: .1rem .35rem; border-radius: .25rem; word-break: break-all; }
      .confirm { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
    `,
  ];

  @property({ attribute: false }) api!: DashboardApi;
  @property({ attribute: false }) orgs: string[] = [];

  @state() private credentials?: CredentialInfo[];
  @state() private loadError = '';
  @state() private createError = '';
  @state() private created?: { key: string; org: string; secret: string };
  @state() private revokeError = '';
  @state() private confirming = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.credentials = await this.api.credentials();
      this.loadError = '';
    } catch (error) {
      this.loadError = errorSentence(error);
    }
  }

  override render() {
    const active = (this.credentials ?? []).filter((c) => !c.revoked);
    return html`
      <section aria-labelledby="credentials-heading">
        <h3 id="credentials-heading">LRS credentials</h3>
        <p class="hint">Keys that LMS packages and other clients use to send statements to the LRS, one or more per partner organisation.</p>
        ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
        ${this.credentials
          ? html`<dash-data-table
              id="credentials"
              caption="LRS credentials"
              .columns=${[{ label: 'Key' }, { label: 'Organisation' }, { label: 'Label' }, { label: 'Scopes' }, { label: 'Created' }, { label: 'Status' }]}
              .rows=${this.credentials.map((c) => [c.key, c.org, c.label, c.scopes.join(', '), dateTime(c.created), c.revoked ? 'Revoked' : 'Active'])}
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
              ${CREDENTIAL_SCOPES.map(
                (scope) => html`<label class="check"><input type="checkbox" name="scopes" value=${scope} ?checked=${DEFAULT_SCOPES.includes(scope)} /> ${scope}</label>`,
              )}
            </div>
          </fieldset>
          <button type="submit" class="primary">Create credential</button>
        </form>
        <p class="error" role="alert">${this.createError || nothing}</p>
        ${this.created
          ? html`<div class="notice" id="created-credential" tabindex="-1">
              <p>Credential for <strong>${this.created.org}</strong> created. Key: <code>${this.created.key}</code></p>
              <p>Its secret is shown only this once: <code data-secret>${this.created.secret}</code></p>
              <p>Put it where it is needed now: it cannot be shown again.</p>
            </div>`
          : nothing}

        <h4 id="revoke-credential-heading">Revoke a credential</h4>
        <form aria-labelledby="revoke-credential-heading" @submit=${this.askRevoke}>
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
              <button type="button" class="primary" id="confirm-revoke" @click=${this.revoke}>Yes, revoke it</button>
              <button type="button" @click=${this.cancelRevoke}>Cancel</button>
            </div>`
          : nothing}
        <p class="error" role="alert">${this.revokeError || nothing}</p>
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
    this.created = undefined;
    if (!org) return this.fail('Enter the organisation the credential is for.', 'credential-org');
    if (!scopes.length) return this.fail('Choose at least one scope.');
    try {
      const made = await this.api.createCredential({ org, label: label || undefined, scopes });
      this.createError = '';
      this.created = { key: made.credential.key, org: made.credential.org, secret: made.secret };
      form.reset();
      await this.load();
      this.announce(`Credential for ${made.credential.org} created. Its secret is shown once, below the form.`);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#created-credential')?.focus();
    } catch (error) {
      this.fail(errorSentence(error));
    }
  }

  private fail(text: string, fieldId?: string): void {
    this.createError = text;
    if (fieldId) this.renderRoot.querySelector<HTMLElement>(`#${fieldId}`)?.focus();
  }

  private async askRevoke(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#revoke-key');
    if (!select?.value) return;
    this.confirming = select.value;
    this.revokeError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#confirm-revoke')?.focus();
  }

  private cancelRevoke(): void {
    this.confirming = '';
    this.renderRoot.querySelector<HTMLElement>('#revoke-key')?.focus();
  }

  private async revoke(): Promise<void> {
    const key = this.confirming;
    try {
      await this.api.revokeCredential(key);
      this.confirming = '';
      this.revokeError = '';
      await this.load();
      this.announce(`Credential ${key} revoked.`);
      this.renderRoot.querySelector<HTMLElement>('#revoke-key')?.focus();
    } catch (error) {
      this.revokeError = errorSentence(error);
    }
  }

  private announce(text: string): void {
    this.dispatchEvent(new CustomEvent('announce', { detail: text, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-credentials-panel': CredentialsPanel;
  }
}
