import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ModuleReport } from '../../lrs/contracts/report-types.ts';
import '../components/bar-chart.ts';
import '../components/data-table.ts';
import { figureList } from '../components/figure-list.ts';
import { count, minutes, ratioPercent } from '../format.ts';
import { ReportView } from './report-view.ts';

const DROP_OFF_NOTE = 'most learners stop after this step';

/**
 * One module: the funnel from starting to completing (chart and table, the step after which most
 * learners stop named in words), the histogram of best quiz scores and the time learners spent.
 *
 * @tag dash-module-view
 * @property report - The module report.
 * @property fileBase - Words for the CSV file names.
 */
@customElement('dash-module-view')
export class ModuleView extends ReportView<ModuleReport> {
  protected renderReport(r: ModuleReport) {
    const started = r.funnel[0]?.learners ?? 0;
    const dropIndex = r.dropOff === null ? -1 : r.funnel.findIndex((s) => s.label === r.dropOff);
    const lostAfterDrop = r.funnel[dropIndex + 1]?.lost ?? 0;
    return html`
      <p>Module: <strong>${r.moduleName}</strong></p>
      <section aria-labelledby="funnel-heading">
        <h3 id="funnel-heading">From start to completion</h3>
        ${dropIndex >= 0
          ? html`<p class="notice" data-drop-off>
              Most learners stop after <strong>${r.dropOff}</strong>: ${count(lostAfterDrop)} of ${count(started)} learners
              (${ratioPercent(started ? lostAfterDrop / started : null)}) do not reach the next step.
            </p>`
          : html`<p>No step loses learners.</p>`}
        <div>
          <dash-bar-chart
            label="Learners reaching each step of the module"
            .categories=${r.funnel.map((s) => s.label)}
            .series=${[{ name: 'Learners', values: r.funnel.map((s) => s.learners) }]}
            .highlight=${dropIndex}
            .highlightNote=${DROP_OFF_NOTE}
            .format=${count}
          ></dash-bar-chart>
          <dash-data-table
            caption="Learners reaching each step"
            .columns=${[
              { label: 'Step' },
              { label: 'Learners', numeric: true },
              { label: 'Of those who started', numeric: true },
              { label: 'Lost since the previous step', numeric: true },
              { label: 'Note' },
            ]}
            .rows=${r.funnel.map((s, i) => [
              s.label,
              count(s.learners),
              ratioPercent(started ? s.learners / started : null),
              count(s.lost),
              i === dropIndex ? 'Most learners stop after this step' : '',
            ])}
            .highlighted=${dropIndex >= 0 ? [dropIndex] : []}
            row-header
            file-name=${this.csvName('funnel')}
          ></dash-data-table>
        </div>
      </section>
      <section aria-labelledby="scores-heading">
        <h3 id="scores-heading">Best quiz scores</h3>
        <div class="pair">
          <dash-bar-chart
            orientation="vertical"
            label="Learners per band of best quiz score"
            .categories=${r.histogram.map((h) => h.band)}
            .series=${[{ name: 'Learners', values: r.histogram.map((h) => h.learners) }]}
            .format=${count}
          ></dash-bar-chart>
          <dash-data-table
            caption="Learners per score band"
            .columns=${[{ label: 'Score band' }, { label: 'Learners', numeric: true }]}
            .rows=${r.histogram.map((h) => [h.band, count(h.learners)])}
            row-header
            file-name=${this.csvName('score-bands')}
          ></dash-data-table>
        </div>
      </section>
      <section aria-labelledby="time-heading">
        <h3 id="time-heading">Time spent in the module</h3>
        ${figureList([
          ['Learners with recorded time', count(r.time.learners)],
          ['Median', minutes(r.time.medianMinutes)],
          ['75th percentile', minutes(r.time.p75Minutes)],
          ['Average', minutes(r.time.averageMinutes)],
        ])}
        <p class="hint">Total session time each learner recorded in the module, all sessions together.</p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-module-view': ModuleView;
  }
}
