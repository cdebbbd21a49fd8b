import { localized, msg, str } from '@lit/localize';
import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { FunnelStep, ModuleReport } from '../../lrs/contracts/report-types.ts';
import '../components/bar-chart.ts';
import '../components/data-table.ts';
import { figureList } from '../components/figure-list.ts';
import { count, minutes, ratioPercent } from '../format.ts';
import { ReportView } from './report-view.ts';

/**
 * One module: the funnel from starting to completing (chart and table, the step after which most
 * learners stop named in words), the histogram of best quiz scores and the time learners spent.
 *
 * @tag dash-module-view
 * @property report - The module report.
 * @property fileBase - Words for the CSV file names.
 */
@customElement('dash-module-view')
@localized()
export class ModuleView extends ReportView<ModuleReport> {
  protected renderReport(r: ModuleReport) {
    const started = r.funnel[0]?.learners ?? 0;
    const dropIndex = r.dropOff === null ? -1 : r.funnel.findIndex((s) => s.label === r.dropOff);
    const lostAfterDrop = r.funnel[dropIndex + 1]?.lost ?? 0;
    const labels = r.funnel.map((s) => stepLabel(s.step));
    const dropStep = labels[dropIndex] ?? '';
    const lost = count(lostAfterDrop);
    const startedCount = count(started);
    const lostShare = ratioPercent(started ? lostAfterDrop / started : null);
    return html`
      <p>${msg(html`Module: <strong>${r.moduleName}</strong>`)}</p>
      <section aria-labelledby="funnel-heading">
        <h3 id="funnel-heading">${msg('From start to completion')}</h3>
        ${dropIndex >= 0
          ? html`<p class="notice" data-drop-off>
              ${msg(html`Most learners stop after <strong>${dropStep}</strong>: ${lost} of ${startedCount} learners (${lostShare}) do not reach the next step.`)}
            </p>`
          : html`<p>${msg('No step loses learners.')}</p>`}
        <div>
          <dash-bar-chart
            label=${msg('Learners reaching each step of the module')}
            .categories=${labels}
            .series=${[{ name: msg('Learners'), values: r.funnel.map((s) => s.learners) }]}
            .highlight=${dropIndex}
            .highlightNote=${msg('most learners stop after this step')}
            .format=${count}
          ></dash-bar-chart>
          <dash-data-table
            caption=${msg('Learners reaching each step')}
            .columns=${[
              { label: msg('Step') },
              { label: msg('Learners'), numeric: true },
              { label: msg('Of those who started'), numeric: true },
              { label: msg('Lost since the previous step'), numeric: true },
              { label: msg('Note') },
            ]}
            .rows=${r.funnel.map((s, i) => [
              labels[i]!,
              count(s.learners),
              ratioPercent(started ? s.learners / started : null),
              count(s.lost),
              i === dropIndex ? msg('Most learners stop after this step') : '',
            ])}
            .highlighted=${dropIndex >= 0 ? [dropIndex] : []}
            row-header
            file-name=${this.csvName('funnel')}
          ></dash-data-table>
        </div>
      </section>
      <section aria-labelledby="scores-heading">
        <h3 id="scores-heading">${msg('Best quiz scores')}</h3>
        <div class="pair">
          <dash-bar-chart
            orientation="vertical"
            label=${msg('Learners per band of best quiz score')}
            .categories=${r.histogram.map((h) => h.band)}
            .series=${[{ name: msg('Learners'), values: r.histogram.map((h) => h.learners) }]}
            .format=${count}
          ></dash-bar-chart>
          <dash-data-table
            caption=${msg('Learners per score band')}
            .columns=${[{ label: msg('Score band') }, { label: msg('Learners'), numeric: true }]}
            .rows=${r.histogram.map((h) => [h.band, count(h.learners)])}
            row-header
            file-name=${this.csvName('score-bands')}
          ></dash-data-table>
        </div>
      </section>
      <section aria-labelledby="time-heading">
        <h3 id="time-heading">${msg('Time spent in the module')}</h3>
        ${figureList([
          [msg('Learners with recorded time'), count(r.time.learners)],
          [msg('Median'), minutes(r.time.medianMinutes)],
          [msg('75th percentile'), minutes(r.time.p75Minutes)],
          [msg('Average'), minutes(r.time.averageMinutes)],
        ])}
        <p class="hint">${msg('Total session time each learner recorded in the module, all sessions together.')}</p>
      </section>
    `;
  }
}

/** A funnel step in the viewer's language. */
function stepLabel(step: FunnelStep['step']): string {
  switch (step.kind) {
    case 'started':
      return msg('Started the module');
    case 'lesson': {
      const { number, name } = step;
      return msg(str`Lesson ${number}: ${name}`);
    }
    case 'quiz':
      return msg('Answered the quiz');
    case 'case':
      return msg('Started the case exercise');
    case 'completed':
      return msg('Completed the module');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-module-view': ModuleView;
  }
}
