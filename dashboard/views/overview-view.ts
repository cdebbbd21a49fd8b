import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { OverviewReport } from '../../lrs/contracts/report-types.ts';
import '../components/bar-chart.ts';
import '../components/data-table.ts';
import { figureList } from '../components/figure-list.ts';
import { count, minutes, percent, ratioPercent, weekStart } from '../format.ts';
import { ReportView } from './report-view.ts';
import { OUTCOME_COLUMNS, outcomeCells } from './outcome-rows.ts';

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

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

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
export class OverviewView extends ReportView<OverviewReport> {
  protected renderReport(r: OverviewReport) {
    const t = r.totals;
    const weeks = weeklyTrend(r.trend);
    return html`
      <section aria-labelledby="figures-heading">
        <h3 id="figures-heading">Headline figures</h3>
        ${figureList([
          ['Learners started', count(t.learners)],
          ['Completion rate', ratioPercent(t.completionRate)],
          ['Pass rate', ratioPercent(t.passRate)],
          ['Average score', percent(t.averageScore)],
          ['Median score', percent(t.medianScore)],
          ['Median time to complete', minutes(t.medianCompleteMinutes)],
        ])}
        <p class="hint">A learner counts once for every module they started. The pass rate is of the learners who got a quiz result; scores are each learner's best.</p>
      </section>
      <section aria-labelledby="trend-heading">
        <h3 id="trend-heading">Learners per week</h3>
        <div class="pair">
          <dash-bar-chart
            orientation="vertical"
            label="Learners who started and who completed a module, per week (weeks starting on Monday)"
            .categories=${weeks.map((w) => shortDay(w.week))}
            .series=${[
              { name: 'Started', values: weeks.map((w) => w.started) },
              { name: 'Completed', values: weeks.map((w) => w.completed) },
            ]}
            .format=${count}
          ></dash-bar-chart>
          <dash-data-table
            caption="Learners per week"
            .columns=${[{ label: 'Week starting' }, { label: 'Started', numeric: true }, { label: 'Completed', numeric: true }]}
            .rows=${weeks.map((w) => [w.week, count(w.started), count(w.completed)])}
            row-header
            file-name=${this.csvName('learners-per-week')}
          ></dash-data-table>
        </div>
      </section>
      <section aria-labelledby="modules-heading">
        <h3 id="modules-heading">Per module</h3>
        <dash-data-table
          caption="Outcomes per module"
          .columns=${[{ label: 'Module' }, ...OUTCOME_COLUMNS]}
          .rows=${r.modules.map((o) => [o.moduleName ?? '', ...outcomeCells(o)])}
          row-header
          file-name=${this.csvName('outcomes-per-module')}
        ></dash-data-table>
      </section>
      <section aria-labelledby="matrix-heading">
        <h3 id="matrix-heading">Per module and organisation</h3>
        <dash-data-table
          caption="Outcomes per module and organisation"
          .columns=${[{ label: 'Module' }, { label: 'Organisation' }, ...OUTCOME_COLUMNS]}
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
