import { localized, msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LearnerReport } from '../../lrs/contracts/report-types.ts';
import '../components/data-table.ts';
import '../components/table-paging.ts';
import type { Column } from '../components/data-table.ts';
import { count, dateTime, percent } from '../format.ts';
import type { RouteParams } from '../route.ts';
import { dashStyles } from '../styles.ts';
import { ReportView } from './report-view.ts';

type Learner = LearnerReport['learners'][number];

/** A learner's status in words (in the dashboard's language: call when drawing). */
function statusWords(): Record<Learner['status'], string> {
  return { 'in progress': msg('In progress'), failed: msg('Failed'), passed: msg('Passed'), completed: msg('Completed') };
}

/**
 * Learners, one row per learner and module: the pseudonym, the name where the partner sends names
 * and the viewer may see them (trainers of that partner), organisation, module, lessons done,
 * status, best score, last activity and whether they are stuck (not completed and no activity for
 * the chosen number of days before the chosen day). Those settings and "only stuck learners" live
 * in the URL, with the page, order and search: the server pages, sorts and searches the table
 * (by pseudonym, and by name where names are shown), and its CSV export holds every row.
 *
 * @tag dash-learners-view
 * @property report - The learner report.
 * @property params - The view's settings (stuckDays, asOf, onlyStuck).
 * @property fileBase - Words for the CSV file names.
 * @event params-change - detail: the Learners settings ({@link RouteParams}) after a change.
 */
@customElement('dash-learners-view')
@localized()
export class LearnersView extends ReportView<LearnerReport> {
  static override styles = [
    dashStyles,
    css`
      form { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: flex-end; margin: 0 0 1rem; }
      input[type='number'] { width: 7rem; }
      .check { min-height: 2.75rem; }
    `,
  ];

  @property({ attribute: false }) params: RouteParams = {};
  @state() private daysError = '';

  protected renderReport(r: LearnerReport) {
    const onlyStuck = r.onlyStuck;
    const statuses = statusWords();
    const columns: Column[] = [
      { label: msg('Learner'), nowrap: true },
      ...(r.namesShown ? [{ label: msg('Name') }] : []),
      { label: msg('Organisation') },
      { label: msg('Module') },
      { label: msg('Lessons done'), numeric: true },
      { label: msg('Status') },
      { label: msg('Score'), numeric: true },
      { label: msg('Last activity'), nowrap: true },
      { label: msg('Stuck') },
    ];
    // The server's sort key of each column; whether a row is stuck is not an order of its own.
    const keys = ['learner', ...(r.namesShown ? ['name'] : []), 'org', 'module', 'lessons', 'status', 'score', 'last', null];
    const rows = r.learners.map((l) => [
      l.learner,
      ...(r.namesShown ? [l.name ?? ''] : []),
      l.org,
      l.moduleName,
      msg(str`${l.lessons} of ${l.lessonsTotal}`),
      statuses[l.status],
      percent(l.score),
      dateTime(l.lastActivity),
      l.stuck ? msg('Stuck') : msg('No'),
    ]);
    const rowCount = count(onlyStuck ? r.stuck : r.paging.total);
    const stuckCount = count(r.stuck);
    const asOf = r.asOf.slice(0, 10);
    return html`
      <form aria-label=${msg('Stuck learners')} @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="stuck-days">${msg('Stuck after this many days without activity')}</label>
          <input
            id="stuck-days"
            type="number"
            min="1"
            max="365"
            step="1"
            required
            .value=${String(r.stuckDays)}
            aria-invalid=${this.daysError ? 'true' : 'false'}
            aria-describedby="stuck-days-error"
            @change=${this.changeDays}
          />
        </div>
        <div class="field">
          <label for="as-of">${msg('As of')}</label>
          <input id="as-of" type="date" .value=${asOf} @change=${this.changeAsOf} />
        </div>
        <label class="check"><input type="checkbox" .checked=${onlyStuck} @change=${this.changeOnlyStuck} /> ${msg('Only stuck learners')}</label>
        <p id="stuck-days-error" class="error" role="alert">${this.daysError || nothing}</p>
      </form>
      <p data-learner-summary>
        ${onlyStuck
          ? msg(str`${stuckCount} stuck learner-module rows (not completed, no activity in the ${r.stuckDays} days before ${asOf}).`)
          : msg(str`${rowCount} learner-module rows; ${stuckCount} stuck (not completed, no activity in the ${r.stuckDays} days before ${asOf}).`)}
        ${r.namesShown ? nothing : html`<span class="hint">${msg('Learners are shown by pseudonym.')}</span>`}
      </p>
      <dash-table-paging
        .paging=${r.paging}
        search-label=${r.namesShown ? msg('Find a learner by pseudonym or name') : msg('Find a learner by pseudonym')}
        table-name=${msg('Learners per module')}
      ></dash-table-paging>
      <dash-data-table
        id="learners"
        caption=${onlyStuck ? msg('Stuck learners') : msg('Learners per module')}
        .columns=${columns}
        .rows=${rows}
        .highlighted=${r.learners.flatMap((l, i) => (l.stuck ? [i] : []))}
        .serverSort=${{ keys, sort: r.paging.sort, dir: r.paging.dir }}
        .csvHref=${this.csvHref}
        row-header
        empty=${r.paging.q ? msg('No learner matches this search.') : onlyStuck ? msg('No stuck learners.') : msg('No learners for these filters.')}
      ></dash-data-table>
    `;
  }

  private changeDays(event: Event): void {
    const input = event.target as HTMLInputElement;
    const days = Number(input.value);
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      this.daysError = msg('Enter a whole number of days from 1 to 365.');
      return;
    }
    this.daysError = '';
    this.send({ stuckDays: days === 14 ? undefined : String(days) });
  }

  /** The day "stuck" is measured from: today unless the reader looks back (or ahead of demo data). */
  private changeAsOf(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    const today = new Date().toISOString().slice(0, 10);
    this.send({ asOf: /^\d{4}-\d{2}-\d{2}$/.test(value) && value !== today ? value : undefined });
  }

  private changeOnlyStuck(event: Event): void {
    this.send({ onlyStuck: (event.target as HTMLInputElement).checked ? '1' : undefined });
  }

  private send(change: RouteParams): void {
    this.dispatchEvent(new CustomEvent<RouteParams>('params-change', { detail: { ...this.params, ...change }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-learners-view': LearnersView;
  }
}
