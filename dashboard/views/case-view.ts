import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DashboardApi } from '../api.ts';
import type { CaseReport } from '../../lrs/contracts/report-types.ts';
import '../components/bar-chart.ts';
import '../components/data-table.ts';
import '../components/review-findings.ts';
import type { Finding } from '../components/review-findings.ts';
import { count, ratioPercent } from '../format.ts';
import { ReportView } from './report-view.ts';

type Path = CaseReport['paths'][number];

/** A path in words: "Decision: choice → Decision: choice". */
export function pathText(path: Path): string {
  return path.steps.map((s) => `${s.decision}: ${s.choice}`).join(' → ');
}

/** As for questions: fewer learners than this say too little to flag a decision. */
const FINDING_MIN_LEARNERS = 10;

/**
 * The case exercise: for every decision point, how many learners reached it and how often each
 * choice was taken, the best choice named in words (chart and table); then the most frequent
 * paths through the case, the path of best choices named.
 *
 * @tag dash-case-view
 * @property report - The case report.
 * @property fileBase - Words for the CSV file names.
 * @property api - The dashboard API client (the findings' review).
 * @property canMark - Whether the viewer may mark findings reviewed (Control Group, admins).
 */
@customElement('dash-case-view')
@localized()
export class CaseView extends ReportView<CaseReport> {
  @property({ attribute: false }) api!: DashboardApi;
  @property({ type: Boolean }) canMark = false;

  /** Decisions most learners get wrong: the best choice taken by fewer than half of those who reached it (from 10 learners). */
  private findings(r: CaseReport): Finding[] {
    return r.decisions.flatMap((d) => {
      const best = d.choices.find((c) => c.best);
      if (!best || d.reached < FINDING_MIN_LEARNERS || best.chosen * 2 >= d.reached) return [];
      const share = ratioPercent(best.chosen / d.reached);
      const reached = count(d.reached);
      return [{ activityId: d.activityId, title: d.title, why: msg(str`Most learners miss the best choice: ${share} of the ${reached} who reached it chose it.`) }];
    });
  }

  protected renderReport(r: CaseReport) {
    const learners = count(r.learners);
    return html`
      <p>${msg(html`Module: <strong>${r.moduleName}</strong>. ${learners} learners made at least one decision.`)}</p>
      <section aria-labelledby="decisions-heading">
        <h3 id="decisions-heading">${msg('Decisions')}</h3>
        ${r.decisions.length ? nothing : html`<p class="muted">${msg('No decisions for these filters.')}</p>`}
        ${r.decisions.map((d, n) => {
          const best = d.choices.findIndex((c) => c.best);
          const reached = count(d.reached);
          const bestChoice = best >= 0 ? d.choices[best]!.label : '';
          return html`<section class="decision" aria-labelledby=${`decision-${n}`}>
            <h4 id=${`decision-${n}`}>${d.title}</h4>
            <p>${msg(str`Reached by ${reached} learners.`)}${best >= 0 ? html` ${msg(html`Best choice: <strong>${bestChoice}</strong>.`)}` : nothing}</p>
            <div class="pair">
              <dash-bar-chart
                label=${msg(str`Learners taking each choice at “${d.title}”`)}
                .categories=${d.choices.map((c) => c.label || c.id)}
                .series=${[{ name: msg('Learners'), values: d.choices.map((c) => c.chosen) }]}
                .highlight=${best}
                .highlightNote=${msg('best choice')}
                .format=${count}
              ></dash-bar-chart>
              <dash-data-table
                caption=${msg(str`Choices at “${d.title}”`)}
                .columns=${[{ label: msg('Choice') }, { label: msg('Learners'), numeric: true }, { label: msg('Share'), numeric: true }, { label: msg('Best choice') }]}
                .rows=${d.choices.map((c) => [c.label || c.id, count(c.chosen), ratioPercent(d.reached ? c.chosen / d.reached : null), c.best ? msg('Best choice') : ''])}
                .highlighted=${best >= 0 ? [best] : []}
                row-header
                file-name=${this.csvName('case-decision', String(n + 1))}
              ></dash-data-table>
            </div>
          </section>`;
        })}
      </section>
      <dash-review-findings
        .api=${this.api}
        moduleId=${r.moduleId}
        heading=${msg('Decisions to review')}
        .findings=${this.findings(r)}
        ?canMark=${this.canMark}
      ></dash-review-findings>
      <section aria-labelledby="paths-heading">
        <h3 id="paths-heading">${msg('Most frequent paths')}</h3>
        <dash-data-table
          id="paths"
          caption=${msg('The most frequent paths through the case')}
          .columns=${[{ label: msg('Rank'), numeric: true }, { label: msg('Path') }, { label: msg('Learners'), numeric: true }, { label: msg('Share'), numeric: true }, { label: msg('Best path') }]}
          .rows=${r.paths.map((p, i) => [String(i + 1), pathText(p), count(p.learners), ratioPercent(r.learners ? p.learners / r.learners : null), p.best ? msg('Best path') : ''])}
          .highlighted=${r.paths.flatMap((p, i) => (p.best ? [i] : []))}
          file-name=${this.csvName('case-paths')}
        ></dash-data-table>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-case-view': CaseView;
  }
}
