import { localized } from '@lit/localize';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DashboardApi } from '../api.ts';
import { dashStyles } from '../styles.ts';
import './admin/accounts-panel.ts';
import './admin/credentials-panel.ts';

/**
 * Administration (admin role only): dashboard accounts and LRS credentials. Passwords and secrets
 * are shown once, when made.
 *
 * @tag dash-admin-view
 * @property api - The dashboard API client.
 * @property me - The signed-in admin's username.
 * @property orgs - Organisations to suggest in the forms.
 */
@customElement('dash-admin-view')
@localized()
export class AdminView extends LitElement {
  static override styles = [dashStyles];

  @property({ attribute: false }) api!: DashboardApi;
  @property() me = '';
  @property({ attribute: false }) orgs: string[] = [];

  override render() {
    return html`
      <dash-accounts-panel .api=${this.api} me=${this.me} .orgs=${this.orgs}></dash-accounts-panel>
      <dash-credentials-panel .api=${this.api} .orgs=${this.orgs}></dash-credentials-panel>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-admin-view': AdminView;
  }
}
