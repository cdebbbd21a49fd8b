import { localized, msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ProgrammeReport } from '../../lrs/contracts/programme.ts';
import type { DashboardApi } from '../api.ts';
import '../components/data-table.ts';
import '../components/table-paging.ts';
import type { Column } from '../components/data-table.ts';
import { errorSentence } from '../errors.ts';
import { count, dateTime, ratioPercent } from '../format.ts';
import { dashStyles } from '../styles.ts';
import { ReportView } from './report-view.ts';

type Learner = ProgrammeReport['learners'][number];

/**
 * The programme: what completing it takes (every required module passed and the in-person
 * sessions), completion per partner, and each learner's progress. A trainer (or an admin) can
 * issue a complete learner's certificate (of those on the page shown: search to find one): the
 * name to print is typed here and never stored; the PDF downloads, and its verification code is
 * shown. The server pages, sorts and searches the learners; their CSV export holds every row.
 *
 * @tag dash-programme-view
 * @property report - The programme report.
 * @property api - The dashboard API client (for certificates).
 * @property canIssue - Whether the viewer may issue certificates (trainers and admins).
 * @property fileBase - Words for the CSV file names.
 */
@customElement('dash-programme-view')
@localized()
export class ProgrammeView extends ReportView<ProgrammeReport> {
  static override styles = [
    dashStyles,
    css`
      form { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: flex-end; margin: .75rem 0 1rem; }
      .issued { margin: .5rem 0 1rem; }
    `,
  ];

  @property({ attribute: false }) api!: DashboardApi;
  @property({ type: Boolean }) canIssue = false;
  @state() private chosen = '';
  @state() private issuing = false;
  @state() private message = '';
  @state() private failure = '';

  protected renderReport(r: ProgrammeReport) {
    const complete = r.learners.filter((l) => l.complete);
    const modules = r.required.modules.length;
    const learnerColumns: Column[] = [
      { label: msg('Learner'), nowrap: true },
      ...(r.namesShown ? [{ label: msg('Name') }] : []),
      { label: msg('Organisation') },
      { label: msg('Modules passed'), numeric: true },
      { label: msg('Sessions attended'), numeric: true },
      { label: msg('Programme') },
      { label: msg('Last activity'), nowrap: true },
    ];
    const rows = r.learners.map((l) => [
      l.learner,
      ...(r.namesShown ? [l.name ?? ''] : []),
      l.org,
      msg(str`${l.modulesPassed} of ${modules}`),
      String(l.sessions),
      l.complete ? msg('Complete') : msg('Not yet'),
      dateTime(l.lastActivity),
    ]);
    const keys = ['learner', ...(r.namesShown ? ['name'] : []), 'org', 'modules', 'sessions', 'complete', 'last'];
    return html`
      <p data-programme-rule>${this.ruleText(r)}</p>
      <dash-data-table
        id="partners"
        caption=${msg('Programme completion per partner')}
        .columns=${[{ label: msg('Organisation') }, { label: msg('Learners'), numeric: true }, { label: msg('Completed the programme'), numeric: true }, { label: msg('Rate'), numeric: true }] as Column[]}
        .rows=${r.orgs.map((o) => [o.org, count(o.learners), count(o.complete), ratioPercent(o.rate)])}
        row-header
        empty=${msg('No learners yet.')}
        file-name=${this.csvName('programme per partner')}
      ></dash-data-table>
      ${this.canIssue ? this.renderCertificates(complete, r.namesShown) : nothing}
      <h3>${msg('Learners')}</h3>
      ${r.namesShown ? nothing : html`<p class="hint">${msg('Learners are shown by pseudonym.')}</p>`}
      <dash-table-paging
        .paging=${r.paging}
        search-label=${r.namesShown ? msg('Find a learner by pseudonym or name') : msg('Find a learner by pseudonym')}
        table-name=${msg("Each learner's progress through the programme")}
      ></dash-table-paging>
      <dash-data-table
        id="programme-learners"
        caption=${msg("Each learner's progress through the programme")}
        .columns=${learnerColumns}
        .rows=${rows}
        .highlighted=${r.learners.flatMap((l, i) => (l.complete ? [i] : []))}
        .serverSort=${{ keys, sort: r.paging.sort, dir: r.paging.dir }}
        .csvHref=${this.csvHref}
        row-header
        empty=${r.paging.q ? msg('No learner matches this search.') : msg('No learners yet.')}
      ></dash-data-table>
    `;
  }

  /** What completing the programme takes, in one sentence (one per number of modules and sessions). */
  private ruleText(r: ProgrammeReport): string {
    const modules = r.required.modules.length;
    const sessions = r.required.sessions;
    const names = r.required.modules.map((m) => m.name).join('; ');
    if (modules === 1) {
      return sessions === 1
        ? msg(str`Completing the programme takes passing the module (${names}) and attending at least ${sessions} in-person session.`)
        : msg(str`Completing the programme takes passing the module (${names}) and attending at least ${sessions} in-person sessions.`);
    }
    return sessions === 1
      ? msg(str`Completing the programme takes passing all ${modules} modules (${names}) and attending at least ${sessions} in-person session.`)
      : msg(str`Completing the programme takes passing all ${modules} modules (${names}) and attending at least ${sessions} in-person sessions.`);
  }

  private renderCertificates(complete: Learner[], names: boolean) {
    return html`
      <h3>${msg('Certificates')}</h3>
      ${complete.length
        ? html`<form aria-label=${msg('Issue a certificate')} @submit=${this.issue}>
            <div class="field">
              <label for="certificate-learner">${msg('Learner who completed the programme')}</label>
              <select id="certificate-learner" required .value=${this.chosen} @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value)}>
                <option value="">${msg('Choose a learner')}</option>
                ${complete.map((l) => html`<option value=${l.learner} ?selected=${l.learner === this.chosen}>${l.name && names ? `${l.name} (${l.learner})` : l.learner}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="certificate-name">${msg(html`Name to print <span class="hint">(not stored)</span>`)}</label>
              <input id="certificate-name" name="name" maxlength="200" autocomplete="off" />
            </div>
            <button class="primary" type="submit" ?disabled=${this.issuing}>${msg('Download the certificate')}</button>
          </form>`
        : html`<p class="muted">${msg('No learner has completed the programme yet.')}</p>`}
      <p class="issued" role="status" data-certificate-status>${this.message || nothing}</p>
      <p class="error" role="alert">${this.failure || nothing}</p>
    `;
  }

  private async issue(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const learner = this.chosen || (form.querySelector('#certificate-learner') as HTMLSelectElement).value;
    const name = (form.querySelector('#certificate-name') as HTMLInputElement).value.trim();
    this.message = '';
    this.failure = '';
    if (!learner) {
      this.failure = msg('Choose the learner first.');
      return;
    }
    this.issuing = true;
    try {
      const { pdf, code } = await this.api.certificate({ learner, ...(name ? { name } : {}) });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(pdf);
      link.download = `inprocap-certificate-${learner}.pdf`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      this.message = msg(str`Certificate issued for ${learner}. Verification code: ${code}`);
    } catch (error) {
      const reason = errorSentence(error);
      this.failure = msg(str`The certificate could not be issued: ${reason}`);
    } finally {
      this.issuing = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-programme-view': ProgrammeView;
  }
}
