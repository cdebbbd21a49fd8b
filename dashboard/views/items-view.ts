import { localized, msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DashboardApi } from '../api.ts';
import type { GainReport, ItemReport } from '../../lrs/contracts/report-types.ts';
import '../components/bar-chart.ts';
import '../components/data-table.ts';
import '../components/review-findings.ts';
import './gain-view.ts';
import { count, decimal, lastSegment, naturalCompare, percent, ratioPercent } from '../format.ts';
import { ReportView } from './report-view.ts';

type Item = ItemReport['items'][number];

/** Question types in words (in the dashboard's language: call when drawing). */
function typeNames(): Record<string, string> {
  return {
    choice: msg('Choice'),
    'true-false': msg('True or false'),
    matching: msg('Matching'),
    sequencing: msg('Sequencing'),
    'fill-in': msg('Fill in'),
    'long-fill-in': msg('Free text'),
    numeric: msg('Numeric'),
    likert: msg('Rating'),
    performance: msg('Performance'),
    other: msg('Other'),
  };
}

/** Review flags in words (in the dashboard's language: call when drawing). */
function flagNames(): Record<string, string> {
  return {
    'too-easy': msg('Too easy'),
    'too-hard': msg('Too hard'),
    'negative-discrimination': msg('Negative discrimination'),
  };
}

export const questionNumber = (item: Item) => lastSegment(item.activityId);
const flagWords = (item: Item, names: Record<string, string>) => (item.flags.length ? item.flags.map((f) => names[f] ?? f).join('; ') : msg('None'));

/** Every answer given to every question: the options of choice questions, the top responses of the rest. */
function answerRows(items: Item[]): string[][] {
  return items.flatMap((item) => {
    const share = (n: number) => ratioPercent(item.answers ? n / item.answers : null);
    // True/false options are the words "true" and "false": said in the viewer's language.
    const optionLabel = (o: Item['options'][number]) => (item.interactionType === 'true-false' ? (o.id === 'true' ? msg('True') : msg('False')) : o.label || o.id);
    const options = item.options.map((o) => [questionNumber(item), optionLabel(o), count(o.chosen), share(o.chosen), o.correct ? msg('Correct answer') : '']);
    const responses = item.responses.map((r) => [questionNumber(item), r.label, count(r.count), share(r.count), r.correct ? msg('Correct answer') : '']);
    return [...options, ...responses];
  });
}

/**
 * Item analysis of a module's quiz: per question its text, type, number of first-attempt answers,
 * facility (share answered right), discrimination (point-biserial correlation with the module
 * score) and flags in words; the flagged questions as findings to review, each linked to where
 * it is written; the module's learning gain from its pre-check (when the view is given one); then
 * how often each answer was chosen.
 *
 * @tag dash-items-view
 * @property report - The item report.
 * @property fileBase - Words for the CSV file names.
 * @property api - The dashboard API client (the findings' review).
 * @property canMark - Whether the viewer may mark findings reviewed (Control Group, admins).
 * @property gain - The module's learning gain report, shown beside the quiz results.
 */
@customElement('dash-items-view')
@localized()
export class ItemsView extends ReportView<ItemReport> {
  @property({ attribute: false }) api!: DashboardApi;
  @property({ type: Boolean }) canMark = false;
  @property({ attribute: false }) gain?: GainReport;

  protected renderReport(r: ItemReport) {
    const items = [...r.items].sort((a, b) => naturalCompare(a.activityId, b.activityId));
    const flagged = count(items.filter((i) => i.flags.length).length);
    const questions = count(items.length);
    const types = typeNames();
    const flags = flagNames();
    return html`
      <p>${msg(html`Module: <strong>${r.moduleName}</strong>. ${questions} questions, ${flagged} flagged for review.`)}</p>
      <p class="hint">
        ${msg(
          'Facility: the share of first answers that were right. Discrimination: how well the question separates stronger from weaker learners (correlation with the module score, -1 to 1; below 0 means stronger learners got it wrong more often). Questions with fewer than 10 answers are not flagged.',
        )}
      </p>
      <section aria-labelledby="questions-heading">
        <h3 id="questions-heading">${msg('Questions')}</h3>
        <dash-data-table
          id="questions"
          caption=${msg('Item analysis per question')}
          .columns=${[
            { label: msg('No.') },
            { label: msg('Question') },
            { label: msg('Type') },
            { label: msg('Answers'), numeric: true },
            { label: msg('Facility'), numeric: true },
            { label: msg('Discrimination'), numeric: true },
            { label: msg('Flags') },
          ]}
          .rows=${items.map((i) => [
            questionNumber(i),
            i.question,
            types[i.interactionType] ?? i.interactionType,
            count(i.answers),
            ratioPercent(i.facility),
            decimal(i.discrimination),
            flagWords(i, flags),
          ])}
          .highlighted=${items.flatMap((item, index) => (item.flags.length ? [index] : []))}
          row-header
          file-name=${this.csvName('questions')}
        ></dash-data-table>
        <dash-bar-chart
          label=${msg('Facility per question (share of first answers that were right)')}
          .categories=${items.map((i) => `${questionNumber(i)}: ${i.question}`)}
          .series=${[{ name: msg('Facility'), values: items.map((i) => (i.facility ?? 0) * 100) }]}
          .max=${100}
          .format=${percent}
        ></dash-bar-chart>
      </section>
      <dash-review-findings
        .api=${this.api}
        moduleId=${r.moduleId}
        heading=${msg('Flagged questions to review')}
        .findings=${items.filter((i) => i.flags.length).map((i) => ({ activityId: i.activityId, title: `${questionNumber(i)}: ${i.question}`, why: flagWords(i, flags) }))}
        ?canMark=${this.canMark}
      ></dash-review-findings>
      ${this.gain ? html`<dash-gain-view .report=${this.gain} .fileBase=${this.fileBase}></dash-gain-view>` : nothing}
      ${r.versions.length > 1 ? this.renderVersions(r, items) : nothing}
      <section aria-labelledby="answers-heading">
        <h3 id="answers-heading">${msg('Answers chosen')}</h3>
        <dash-data-table
          id="answers"
          caption=${msg('How often each answer was chosen (first attempts)')}
          .columns=${[{ label: msg('No.') }, { label: msg('Answer') }, { label: msg('Chosen'), numeric: true }, { label: msg('Share of answers'), numeric: true }, { label: msg('Correct') }]}
          .rows=${answerRows(items)}
          row-header
          file-name=${this.csvName('answers-chosen')}
        ></dash-data-table>
      </section>
    `;
  }

  /** Each question's facility and discrimination in every version of the module: before and after a change. */
  private renderVersions(r: ItemReport, items: Item[]) {
    const name = (v: string | null) => v ?? msg('unknown');
    const versions = r.versions.map(name).join(', ');
    return html`<section aria-labelledby="versions-heading">
      <h3 id="versions-heading">${msg('Versions compared')}</h3>
      <p class="hint">${msg(str`Learners answered in more than one version of the module (${versions}): each question's figures per version, oldest first.`)}</p>
      <dash-data-table
        id="versions"
        caption=${msg('Facility and discrimination per module version')}
        .columns=${[{ label: msg('No.') }, { label: msg('Version') }, { label: msg('Answers'), numeric: true }, { label: msg('Facility'), numeric: true }, { label: msg('Discrimination'), numeric: true }]}
        .rows=${items.flatMap((i) => i.versions.map((v) => [questionNumber(i), name(v.version), count(v.answers), ratioPercent(v.facility), decimal(v.discrimination)]))}
        row-header
        file-name=${this.csvName('questions-by-version')}
      ></dash-data-table>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-items-view': ItemsView;
  }
}
