import { css, html, LitElement, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import type { ModuleReview } from '../../lrs/contracts/review.ts';
import type { DashboardApi } from '../api.ts';
import { errorSentence } from '../errors.ts';
import { dateTime } from '../format.ts';
import { dashStyles } from '../styles.ts';

/** Something in a module the figures say to look at again. */
export interface Finding {
  activityId: string;
  /** What it is, for a heading: "Q3: Which procedure…". */
  title: string;
  /** Why it is a finding, in words: "Too hard; Negative discrimination". */
  why: string;
}

/**
 * Findings of a module with where each is written (file and line, linked to the reviewer's page
 * at the item) and whether the Control Group has reviewed it for the module's current version;
 * Control Group accounts (and admins) mark one reviewed with a note, or open it again. The marks
 * are the server's, so they are there on the next visit, and a new version of the module starts
 * a fresh review.
 *
 * @tag dash-review-findings
 * @property api - The dashboard API client.
 * @property moduleId - The module's IRI.
 * @property findings - The findings ({@link Finding}), in the order to show.
 * @property canMark - Whether the viewer may mark findings reviewed.
 * @property heading - The section's heading.
 */
@customElement('dash-review-findings')
@localized()
export class ReviewFindings extends LitElement {
  static override styles = [
    dashStyles,
    css`
      :host { display: block; margin: 1rem 0 1.5rem; }
      ul { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; }
      li { border: 1px solid var(--dash-rule); border-left: 5px solid var(--dash-accent); border-radius: .375rem; padding: .5rem .9rem; }
      li.reviewed { border-left-color: var(--dash-good); }
      h4 { margin: 0 0 .25rem; font-size: 1rem; }
      p { margin: .25rem 0; }
      form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin-top: .5rem; }
      textarea { min-width: min(28rem, 100%); min-height: 2.75rem; border: 2px solid var(--dash-border); border-radius: .375rem; padding: .3rem .5rem; }
      .status-reviewed { color: var(--dash-good); font-weight: 600; }
      .status-open { color: var(--dash-accent); font-weight: 600; }
      @media print { form, button { display: none; } li { break-inside: avoid; } }
    `,
  ];

  @property({ attribute: false }) api!: DashboardApi;
  @property() moduleId = '';
  @property({ attribute: false }) findings: Finding[] = [];
  @property({ type: Boolean }) canMark = false;
  @property() heading = '';
  @state() private review?: ModuleReview;
  @state() private failure = '';
  @state() private busy = '';
  @state() private said = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('moduleId') && this.moduleId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.review = await this.api.review(this.moduleId);
      this.failure = '';
    } catch (error) {
      const reason = errorSentence(error);
      this.failure = msg(str`The review could not be loaded: ${reason}`);
    }
  }

  override render() {
    const r = this.review;
    const version = r?.version ?? '';
    return html`
      <section aria-labelledby="findings-heading">
        <h3 id="findings-heading">${this.heading}</h3>
        ${r && !r.version ? html`<p class="hint">${msg('This server has no build of the module, so findings cannot be linked to its source or marked reviewed: run "npm run build".')}</p>` : nothing}
        ${r?.version ? html`<p class="hint" data-version>${msg(str`Reviews are kept for version ${version} of the module; a new version starts a fresh review.`)}</p>` : nothing}
        ${this.findings.length ? html`<ul>${this.findings.map((f) => this.renderFinding(f, r))}</ul>` : html`<p class="muted">${msg('Nothing to review in these figures.')}</p>`}
        <p role="status" data-review-status>${this.said || nothing}</p>
        <p class="error" role="alert">${this.failure || nothing}</p>
      </section>
    `;
  }

  private renderFinding(f: Finding, r: ModuleReview | undefined) {
    const source = r?.sources[f.activityId];
    const mark = r?.marks.find((m) => m.activityId === f.activityId);
    const id = `note-${f.activityId.replace(/[^A-Za-z0-9]+/g, '-')}`;
    const reviewer = mark?.reviewer ?? '';
    const when = mark ? dateTime(mark.reviewedAt) : '';
    return html`<li class=${mark ? 'reviewed' : ''} data-finding=${f.activityId}>
      <h4>${f.title}</h4>
      <p>${f.why}</p>
      ${source
        ? html`<p>${msg('Source:')} ${source.href ? html`<a href=${source.href} target="_blank" rel="noopener">${source.file}:${source.line}</a>` : html`<code>${source.file}:${source.line}</code>`}</p>`
        : nothing}
      ${mark
        ? html`<p><span class="status-reviewed">${msg(str`Reviewed by ${reviewer}, ${when}:`)}</span> <span data-note>${mark.note}</span></p>`
        : html`<p class="status-open">${msg('Not reviewed yet.')}</p>`}
      ${this.canMark && r?.version && source
        ? mark
          ? html`<button type="button" ?disabled=${this.busy === f.activityId} @click=${() => this.reopen(f)}>${msg('Open again')}</button>`
          : html`<form @submit=${(e: Event) => this.mark(e, f)}>
              <div class="field">
                <label for=${id}>${msg('What was decided')}</label>
                <textarea id=${id} name="note" maxlength="2000" required></textarea>
              </div>
              <button type="submit" ?disabled=${this.busy === f.activityId}>${msg('Mark reviewed')}</button>
            </form>`
        : nothing}
    </li>`;
  }

  private async mark(event: Event, f: Finding): Promise<void> {
    event.preventDefault();
    const note = String(new FormData(event.target as HTMLFormElement).get('note') ?? '').trim();
    if (!note) {
      this.failure = msg('Say what was decided before marking the finding reviewed.');
      return;
    }
    await this.change(f, () => this.api.markReviewed({ moduleId: this.moduleId, activityId: f.activityId, note }), msg(str`Marked reviewed: ${f.title}`));
  }

  private async reopen(f: Finding): Promise<void> {
    await this.change(f, () => this.api.reopen({ moduleId: this.moduleId, activityId: f.activityId }), msg(str`Open again: ${f.title}`));
  }

  private async change(f: Finding, call: () => Promise<ModuleReview>, done: string): Promise<void> {
    this.busy = f.activityId;
    this.failure = '';
    this.said = '';
    try {
      this.review = await call();
      this.said = done;
    } catch (error) {
      const reason = errorSentence(error);
      this.failure = msg(str`The review could not be saved: ${reason}`);
    } finally {
      this.busy = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-review-findings': ReviewFindings;
  }
}
