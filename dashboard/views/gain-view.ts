import { localized, msg, str } from '@lit/localize';
import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { GainFigures, GainReport } from '../../lrs/contracts/report-types.ts';
import '../components/bar-chart.ts';
import '../components/data-table.ts';
import { count, decimal, lastSegment, naturalCompare, NOT_AVAILABLE, percent, ratioPercent } from '../format.ts';
import { ReportView } from './report-view.ts';

/** A confidence interval in words ("0.42 to 0.58"). */
function interval(ci: GainFigures['ci']): string {
  if (!ci) return NOT_AVAILABLE;
  const low = decimal(ci.low);
  const high = decimal(ci.high);
  return msg(str`${low} to ${high}`);
}

/** One row of the summary table: the group, then its figures. */
function figures(group: string, g: GainFigures): string[] {
  return [group, count(g.n), count(g.atCeiling), percent(g.meanPre), percent(g.meanPost), decimal(g.gain), interval(g.ci)];
}

/**
 * The learning gain of a module with a pre-check: each learner's pre-check (before the first
 * lesson) against their first quiz attempt on the same questions, as the normalised gain
 * (post − pre) / (100 − pre), averaged over the module, each partner and each language with a
 * 95% confidence interval; then question by question. A module whose pre-check nobody took (or
 * that has none) says so.
 *
 * @tag dash-gain-view
 * @property report - The gain report.
 * @property fileBase - Words for the CSV file names.
 */
@customElement('dash-gain-view')
@localized()
export class GainView extends ReportView<GainReport> {
  protected renderReport(r: GainReport) {
    if (!r.precheckLearners) {
      return html`<section aria-labelledby="gain-heading">
        <h3 id="gain-heading">${msg('Learning gain')}</h3>
        <p data-no-precheck>${msg('No learner answered a pre-check of this module in these filters, so there is no learning gain to show.')}</p>
      </section>`;
    }
    const items = [...r.items].sort((a, b) => naturalCompare(a.activityId, b.activityId));
    const took = count(r.precheckLearners);
    const matched = count(r.overall.learners);
    const rows = [
      figures(msg('All learners'), r.overall),
      ...r.orgs.map((o) => figures(msg(str`Partner ${o.org}`), o)),
      ...r.languages.map((l) => {
        const language = l.language ?? msg('unknown');
        return figures(msg(str`Language ${language}`), l);
      }),
    ];
    return html`<section aria-labelledby="gain-heading">
      <h3 id="gain-heading">${msg('Learning gain')}</h3>
      <p data-gain-summary>
        ${msg(str`${took} learners answered the pre-check; ${matched} of them answered the same questions at their first quiz attempt.`)}
      </p>
      <p class="hint">
        ${msg(
          'Normalised gain: (post − pre) / (100 − pre) for each learner, from the pre-check before the first lesson (pre, % right) to the first quiz attempt on the same questions (post); 1 means everything left to learn was learnt, 0 no change. Learners with every pre-check question right are at the ceiling and left out of the means. The interval is the 95% confidence interval of the mean gain.',
        )}
      </p>
      <dash-data-table
        id="gain"
        caption=${msg('Learning gain per partner and language')}
        .columns=${[
          { label: msg('Group') },
          { label: msg('Learners'), numeric: true },
          { label: msg('At the ceiling'), numeric: true },
          { label: msg('Mean pre-check score'), numeric: true },
          { label: msg('Mean quiz score, same questions'), numeric: true },
          { label: msg('Gain'), numeric: true },
          { label: msg('95% confidence interval'), numeric: true },
        ]}
        .rows=${rows}
        row-header
        file-name=${this.csvName('learning-gain')}
      ></dash-data-table>
      <dash-data-table
        id="gain-items"
        caption=${msg('Learning gain per question')}
        .columns=${[
          { label: msg('No.') },
          { label: msg('Question') },
          { label: msg('Learners'), numeric: true },
          { label: msg('Right in the pre-check'), numeric: true },
          { label: msg('Right at the first quiz attempt'), numeric: true },
          { label: msg('Gain'), numeric: true },
        ]}
        .rows=${items.map((i) => [lastSegment(i.activityId), i.question, count(i.learners), ratioPercent(i.preFacility), ratioPercent(i.postFacility), decimal(i.gain)])}
        row-header
        file-name=${this.csvName('learning-gain-questions')}
      ></dash-data-table>
      <dash-bar-chart
        label=${msg('Share right per question: in the pre-check and at the first quiz attempt')}
        .categories=${items.map((i) => `${lastSegment(i.activityId)}: ${i.question}`)}
        .series=${[
          { name: msg('Pre-check'), values: items.map((i) => (i.preFacility ?? 0) * 100) },
          { name: msg('First quiz attempt'), values: items.map((i) => (i.postFacility ?? 0) * 100) },
        ]}
        .max=${100}
        .format=${percent}
      ></dash-bar-chart>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-gain-view': GainView;
  }
}
