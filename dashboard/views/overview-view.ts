import { localized, msg } from '@lit/localize';
import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { OverviewReport } from '../../lrs/contracts/report-types.ts';
import '../components/bar-chart.ts';
import '../components/data-table.ts';
import { figureList } from '../components/figure-list.ts';
import { count, minutes, percent, ratioPercent, weekStart, shortDay, day } from '../format.ts';
import { ReportView } from './report-view.ts';
import { outcomeCells, outcomeColumns } from './outcome-rows.ts';

/** Started and completed per week (weeks start on Monday, UTC). */
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
 * outcomes per module and per module and organisation.
 *
 * @tag dash-overview-view
 * @property report - The overview report.
 * @property fileBase - Words for the CSV file names (module, organisation, period).
 */
@customElement('dash-overview-view')
@localized()
export class OverviewView extends ReportView<OverviewReport> {
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
      <section aria-labelledby="matrix-heading">
        <h3 id="matrix-heading">${msg('Per module and organisation')}</h3>
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
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-overview-view': OverviewView;
  }
}
