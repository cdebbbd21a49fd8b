import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ItemReport } from '../../lrs/contracts/report-types.ts';
import '../components/bar-chart.ts';
import '../components/data-table.ts';
import { count, decimal, lastSegment, naturalCompare, ratioPercent } from '../format.ts';
import { ReportView } from './report-view.ts';

type Item = ItemReport['items'][number];

const TYPE_NAMES: Record<string, string> = {
  choice: 'Choice',
  'true-false': 'True or false',
  matching: 'Matching',
  sequencing: 'Sequencing',
  'fill-in': 'Fill in',
  'long-fill-in': 'Free text',
  numeric: 'Numeric',
  likert: 'Rating',
  performance: 'Performance',
  other: 'Other',
};

const FLAG_NAMES: Record<string, string> = {
  'too-easy': 'Too easy',
  'too-hard': 'Too hard',
  'negative-discrimination': 'Negative discrimination',
};

export const questionNumber = (item: Item) => lastSegment(item.activityId);
const flagWords = (item: Item) => (item.flags.length ? item.flags.map((f) => FLAG_NAMES[f] ?? f).join('; ') : 'None');

/** Every answer given to every question: the options of choice questions, the top responses of the rest. */
function answerRows(items: Item[]): string[][] {
  return items.flatMap((item) => {
    const share = (n: number) => ratioPercent(item.answers ? n / item.answers : null);
    const options = item.options.map((o) => [questionNumber(item), o.label || o.id, count(o.chosen), share(o.chosen), o.correct ? 'Correct answer' : '']);
    const responses = item.responses.map((r) => [questionNumber(item), r.label, count(r.count), share(r.count), r.correct ? 'Correct answer' : '']);
    return [...options, ...responses];
  });
}

/**
 * Item analysis of a module's quiz: per question its text, type, number of first-attempt answers,
 * facility (share answered right), discrimination (point-biserial correlation with the module
 * score) and flags in words; then how often each answer was chosen.
 *
 * @tag dash-items-view
 * @property report - The item report.
 * @property fileBase - Words for the CSV file names.
 */
@customElement('dash-items-view')
export class ItemsView extends ReportView<ItemReport> {
  protected renderReport(r: ItemReport) {
    const items = [...r.items].sort((a, b) => naturalCompare(a.activityId, b.activityId));
    const flagged = items.filter((i) => i.flags.length).length;
    return html`
      <p>Module: <strong>${r.moduleName}</strong>. ${count(items.length)} questions, ${count(flagged)} flagged for review.</p>
      <p class="hint">
        Facility: the share of first answers that were right. Discrimination: how well the question separates stronger from
        weaker learners (correlation with the module score, -1 to 1; below 0 means stronger learners got it wrong more often).
        Questions with fewer than 10 answers are not flagged.
      </p>
      <section aria-labelledby="questions-heading">
        <h3 id="questions-heading">Questions</h3>
        <dash-data-table
          id="questions"
          caption="Item analysis per question"
          .columns=${[
            { label: 'No.' },
            { label: 'Question' },
            { label: 'Type' },
            { label: 'Answers', numeric: true },
            { label: 'Facility', numeric: true },
            { label: 'Discrimination', numeric: true },
            { label: 'Flags' },
          ]}
          .rows=${items.map((i) => [
            questionNumber(i),
            i.question,
            TYPE_NAMES[i.interactionType] ?? i.interactionType,
            count(i.answers),
            ratioPercent(i.facility),
            decimal(i.discrimination),
            flagWords(i),
          ])}
          .highlighted=${items.flatMap((item, index) => (item.flags.length ? [index] : []))}
          row-header
          file-name=${this.csvName('questions')}
        ></dash-data-table>
        <dash-bar-chart
          label="Facility per question (share of first answers that were right)"
          .categories=${items.map((i) => `${questionNumber(i)}: ${i.question}`)}
          .series=${[{ name: 'Facility', values: items.map((i) => (i.facility ?? 0) * 100) }]}
          .max=${100}
          .format=${(v: number) => `${v.toFixed(1)}%`}
        ></dash-bar-chart>
      </section>
      <section aria-labelledby="answers-heading">
        <h3 id="answers-heading">Answers chosen</h3>
        <dash-data-table
          id="answers"
          caption="How often each answer was chosen (first attempts)"
          .columns=${[{ label: 'No.' }, { label: 'Answer' }, { label: 'Chosen', numeric: true }, { label: 'Share of answers', numeric: true }, { label: 'Correct' }]}
          .rows=${answerRows(items)}
          row-header
          file-name=${this.csvName('answers-chosen')}
        ></dash-data-table>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-items-view': ItemsView;
  }
}
