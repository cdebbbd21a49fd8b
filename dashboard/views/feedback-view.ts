import { localized, msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DashboardApi } from '../api.ts';
import type { FeedbackReport } from '../../lrs/contracts/report-types.ts';
import '../components/bar-chart.ts';
import '../components/data-table.ts';
import '../components/table-paging.ts';
import '../components/review-findings.ts';
import { count, decimal } from '../format.ts';
import { dashStyles } from '../styles.ts';
import { ReportView } from './report-view.ts';

/** A statement rated below the middle of the 1-5 scale on average, from this many ratings, is a finding. */
const LOW_RATING = 3;
const MIN_RATINGS = 10;

/**
 * Learner feedback from the end-of-module survey: per rating statement the number of answers,
 * the average (1 = strongly disagree, 5 = strongly agree) and the distribution (charts and a
 * table); then the free-text comments, shown as plain text whatever they contain, a page at a
 * time (newest first, searchable; the CSV export holds every one). For one module, statements
 * rated low are findings to review, linked to where the survey writes them.
 *
 * @tag dash-feedback-view
 * @property report - The feedback report.
 * @property fileBase - Words for the CSV file names.
 * @property api - The dashboard API client (the findings' review).
 * @property canMark - Whether the viewer may mark findings reviewed (Control Group, admins).
 */
@customElement('dash-feedback-view')
@localized()
export class FeedbackView extends ReportView<FeedbackReport> {
  static override styles = [
    dashStyles,
    css`
      .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem 1.5rem; }
      .multiples h4 { font-size: 1rem; margin: .5rem 0 0; }
    `,
  ];


  @property({ attribute: false }) api!: DashboardApi;
  @property({ type: Boolean }) canMark = false;

  protected renderReport(r: FeedbackReport) {
    const scale = r.items[0]?.distribution.map((d) => d.value) ?? ['1', '2', '3', '4', '5'];
    const prompts = new Set(r.comments.map((c) => c.prompt));
    const withPrompt = prompts.size > 1;
    return html`
      <section aria-labelledby="ratings-heading">
        <h3 id="ratings-heading">${msg('Ratings')}</h3>
        <p class="hint">${msg('Learners rate each statement from 1 (strongly disagree) to 5 (strongly agree).')}</p>
        <div>
          <dash-bar-chart
            label=${msg('Average rating per statement, from 1 to 5')}
            .categories=${r.items.map((i) => i.prompt)}
            .series=${[{ name: msg('Average'), values: r.items.map((i) => i.average ?? 0) }]}
            .max=${5}
            .format=${(v: number) => decimal(v)}
          ></dash-bar-chart>
          <dash-data-table
            id="ratings"
            caption=${msg('Ratings per statement')}
            .columns=${[{ label: msg('Statement') }, { label: msg('Answers'), numeric: true }, { label: msg('Average'), numeric: true }, ...scale.map((v) => ({ label: msg(str`Rated ${v}`), numeric: true }))]}
            .rows=${r.items.map((i) => [i.prompt, count(i.responses), decimal(i.average), ...scale.map((v) => count(i.distribution.find((d) => d.value === v)?.count ?? 0))])}
            row-header
            file-name=${this.csvName('ratings')}
          ></dash-data-table>
        </div>
        <h4>${msg('How learners rated each statement')}</h4>
        <div class="multiples">
          ${r.items.map(
            (i) => html`<div>
              <p><strong>${i.prompt}</strong></p>
              <dash-bar-chart
                orientation="vertical"
                label=${msg(str`Learners giving each rating to “${i.prompt}”`)}
                .categories=${i.distribution.map((d) => d.value)}
                .series=${[{ name: msg('Learners'), values: i.distribution.map((d) => d.count) }]}
                .format=${count}
              ></dash-bar-chart>
            </div>`,
          )}
        </div>
      </section>
      ${r.moduleId
        ? html`<dash-review-findings
            .api=${this.api}
            moduleId=${r.moduleId}
            heading=${msg('Low ratings to review')}
            .findings=${r.items
              .filter((i) => i.average !== null && i.average < LOW_RATING && i.responses >= MIN_RATINGS)
              .map((i) => {
                const average = decimal(i.average);
                const answers = count(i.responses);
                return { activityId: i.activityId, title: i.prompt, why: msg(str`Rated ${average} on average by ${answers} learners (below 3, the middle of the scale).`) };
              })}
            ?canMark=${this.canMark}
          ></dash-review-findings>`
        : nothing}
      ${r.moduleId && r.commentItems.some((i) => i.comments > 0)
        ? html`<dash-review-findings
            .api=${this.api}
            moduleId=${r.moduleId}
            heading=${msg('Comments to review')}
            .findings=${r.commentItems
              .filter((i) => i.comments > 0)
              .map((i) => {
                const comments = count(i.comments);
                return { activityId: i.activityId, title: i.prompt, why: msg(str`${comments} comments answer this question: read them below.`) };
              })}
            ?canMark=${this.canMark}
          ></dash-review-findings>`
        : nothing}
      <section aria-labelledby="comments-heading">
        <h3 id="comments-heading">${msg('Comments')}</h3>
        <dash-table-paging .paging=${r.commentPage} search-label=${msg('Find comments containing')} table-name=${msg('Comments from learners')}></dash-table-paging>
        <dash-data-table
          id="comments"
          caption=${msg('Comments from learners')}
          .columns=${[{ label: msg('Date') }, { label: msg('Organisation') }, { label: msg('Language') }, ...(withPrompt ? [{ label: msg('Question') }] : []), { label: msg('Comment') }]}
          .rows=${r.comments.map((c) => [c.date, c.org, c.language ?? '', ...(withPrompt ? [c.prompt] : []), c.text])}
          .serverSort=${{ keys: ['date', null, null, ...(withPrompt ? [null] : []), null], sort: r.commentPage.sort, dir: r.commentPage.dir }}
          .csvHref=${this.csvHref}
          empty=${r.commentPage.q ? msg('No comment matches this search.') : msg('No comments for these filters.')}
        ></dash-data-table>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-feedback-view': FeedbackView;
  }
}
