import { localized, msg, str } from '@lit/localize';
import { css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { OverviewReport } from '../../lrs/contracts/report-types.ts';
import '../components/bar-chart.ts';
import '../components/data-table.ts';
import '../components/heat-map.ts';
import { dashStyles } from '../styles.ts';
import { figureList } from '../components/figure-list.ts';
import { count, minutes, percent, ratioPercent, weekStart, shortDay, day } from '../format.ts';
import { ReportView } from './report-view.ts';
import { outcomeCells, outcomeColumns } from './outcome-rows.ts';

/** Started and completed per week (weeks start on Monday, UTC). */
/** Each organisation's learners and outcomes summed over the modules of the matrix (a learner counts once per module). */
export function partnerTotals(matrix: OverviewReport['matrix']): { org: string; learners: number; completed: number; passed: number; scored: number }[] {
  const totals = new Map<string, { org: string; learners: number; completed: number; passed: number; scored: number }>();
  for (const o of matrix) {
    const org = o.org ?? '';
    const t = totals.get(org) ?? { org, learners: 0, completed: 0, passed: 0, scored: 0 };
    t.learners += o.learners;
    t.completed += o.completed;
    t.passed += o.passed;
    t.scored += o.scored;
    totals.set(org, t);
  }
  return [...totals.values()].sort((a, b) => a.org.localeCompare(b.org));
}

export function weeklyTrend(trend: OverviewReport['trend']): { week: string; started: number; completed: number }[] {
  const weeks = new Map<string, { week: string; started: number; completed: number }>();
  for (const day of trend) {
    const week = weekStart(day.day);
    const entry = weeks.get(week) ?? { week, started: 0, completed: 0 };
    entry.started += day.started;
    entry.completed += day.completed;
    weeks.set(week, entry);
  }
  return [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
}


/**
 * The Overview: headline figures (learners started, completion and pass rates, average and
 * median score, median time to complete), learners started and completed per week, and the
 * outcomes per module and per module and organisation (a heat map of the chosen measure, then the
 * whole table).
 *
 * @tag dash-overview-view
 * @property report - The overview report.
 * @property fileBase - Words for the CSV file names (module, organisation, period).
 */
@customElement('dash-overview-view')
@localized()
export class OverviewView extends ReportView<OverviewReport> {
  static override styles = [dashStyles, css`.measure { margin: .5rem 0; } @media print { .measure { display: none; } }`];

  /** The measure the heat map shows. */
  @state() private measure: 'completionRate' | 'passRate' | 'averageScore' = 'completionRate';

  protected renderReport(r: OverviewReport) {
    const t = r.totals;
    const weeks = weeklyTrend(r.trend);
    const outcomes = outcomeColumns();
    return html`
      <section aria-labelledby="figures-heading">
        <h3 id="figures-heading">${msg('Headline figures')}</h3>
        ${figureList([
          [msg('Learners started'), count(t.learners)],
          [msg('Completion rate'), ratioPercent(t.completionRate)],
          [msg('Pass rate'), ratioPercent(t.passRate)],
          [msg('Average score'), percent(t.averageScore)],
          [msg('Median score'), percent(t.medianScore)],
          [msg('Median time to complete'), minutes(t.medianCompleteMinutes)],
        ])}
        <p class="hint">${msg("A learner counts once for every module they started. The pass rate is of the learners who got a quiz result; scores are each learner's best.")}</p>
      </section>
      <section aria-labelledby="trend-heading">
        <h3 id="trend-heading">${msg('Learners per week')}</h3>
        <div class="pair">
          <dash-bar-chart
            orientation="vertical"
            label=${msg('Learners who started and who completed a module, per week (weeks starting on Monday)')}
            .categories=${weeks.map((w) => shortDay(w.week))}
            .series=${[
              { name: msg('Started'), values: weeks.map((w) => w.started) },
              { name: msg('Completed'), values: weeks.map((w) => w.completed) },
            ]}
            .format=${count}
          ></dash-bar-chart>
          <dash-data-table
            caption=${msg('Learners per week')}
            .columns=${[{ label: msg('Week starting') }, { label: msg('Started'), numeric: true }, { label: msg('Completed'), numeric: true }]}
            .rows=${weeks.map((w) => [day(w.week), count(w.started), count(w.completed)])}
            row-header
            file-name=${this.csvName('learners-per-week')}
          ></dash-data-table>
        </div>
      </section>
      <section aria-labelledby="modules-heading">
        <h3 id="modules-heading">${msg('Per module')}</h3>
        <dash-data-table
          caption=${msg('Outcomes per module')}
          .columns=${[{ label: msg('Module') }, ...outcomes]}
          .rows=${r.modules.map((o) => [o.moduleName ?? '', ...outcomeCells(o)])}
          row-header
          file-name=${this.csvName('outcomes-per-module')}
        ></dash-data-table>
      </section>
      ${this.renderPartners(r)}
      <section aria-labelledby="matrix-heading">
        <h3 id="matrix-heading">${msg('Per module and organisation')}</h3>
        ${this.renderHeatMap(r)}
        <dash-data-table
          caption=${msg('Outcomes per module and organisation')}
          .columns=${[{ label: msg('Module') }, { label: msg('Organisation') }, ...outcomes]}
          .rows=${r.matrix.map((o) => [o.moduleName ?? '', o.org ?? '', ...outcomeCells(o)])}
          row-header
          file-name=${this.csvName('outcomes-per-module-and-organisation')}
        ></dash-data-table>
      </section>
    `;
  }

  /** Partners side by side: completion and pass rates over every module, as bars and as a table. */
  private renderPartners(r: OverviewReport) {
    const partners = partnerTotals(r.matrix);
    const rate = (part: number, whole: number) => (whole ? part / whole : null);
    return html`<section aria-labelledby="partners-heading">
      <h3 id="partners-heading">${msg('Per organisation')}</h3>
      <div class="pair">
        <dash-bar-chart
          label=${msg('Completion rate and pass rate per organisation, over every module')}
          .categories=${partners.map((p) => p.org)}
          .series=${[
            { name: msg('Completion rate'), values: partners.map((p) => 100 * (rate(p.completed, p.learners) ?? 0)) },
            { name: msg('Pass rate'), values: partners.map((p) => 100 * (rate(p.passed, p.scored) ?? 0)) },
          ]}
          .max=${100}
          .format=${percent}
        ></dash-bar-chart>
        <dash-data-table
          caption=${msg('Outcomes per organisation')}
          .columns=${[{ label: msg('Organisation') }, { label: msg('Learners started'), numeric: true }, { label: msg('Completed'), numeric: true }, { label: msg('Completion rate'), numeric: true }, { label: msg('Passed'), numeric: true }, { label: msg('Pass rate'), numeric: true }]}
          .rows=${partners.map((p) => [p.org, count(p.learners), count(p.completed), ratioPercent(rate(p.completed, p.learners)), count(p.passed), ratioPercent(rate(p.passed, p.scored))])}
          row-header
          file-name=${this.csvName('outcomes-per-organisation')}
        ></dash-data-table>
      </div>
    </section>`;
  }

  private renderHeatMap(r: OverviewReport) {
    const measures = { completionRate: msg('Completion rate'), passRate: msg('Pass rate'), averageScore: msg('Average score') };
    const value = (o: OverviewReport['matrix'][number]) => (this.measure === 'averageScore' ? (o.averageScore === null ? null : o.averageScore / 100) : o[this.measure]);
    const text = (o: OverviewReport['matrix'][number]) => (this.measure === 'averageScore' ? percent(o.averageScore) : ratioPercent(o[this.measure]));
    const rows = [...new Set(r.matrix.map((o) => o.moduleName ?? ''))];
    const shown = measures[this.measure];
    const columns = [...new Set(r.matrix.map((o) => o.org ?? ''))].sort();
    return html`
      <div class="field measure">
        <label for="heat-measure">${msg('Heat map of')}</label>
        <select id="heat-measure" .value=${this.measure} @change=${(e: Event) => (this.measure = (e.target as HTMLSelectElement).value as typeof this.measure)}>
          ${Object.entries(measures).map(([id, label]) => html`<option value=${id} ?selected=${id === this.measure}>${label}</option>`)}
        </select>
      </div>
      <dash-heat-map
        caption=${msg(str`${shown} per module and organisation`)}
        row-heading=${msg('Module')}
        .rows=${rows}
        .columns=${columns}
        .cells=${r.matrix.map((o) => ({ row: o.moduleName ?? '', column: o.org ?? '', value: value(o), text: text(o) }))}
      ></dash-heat-map>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-overview-view': OverviewView;
  }
}
