/**
 * The CSV exports of the tables that grow with learners: every row of the filter and search, in
 * the order asked for, as lines streamed a batch at a time. Headers are English and stable and
 * values raw (ISO dates, percentages as numbers, true/false), for spreadsheets and scripts alike;
 * the dashboard's own tables are in the viewer's language.
 */
import { csvLine } from '../../core/csv.ts';
import type { ProgrammeReport } from '../contracts/programme.ts';
import type { FeedbackReport, LearnerReport } from '../contracts/report-types.ts';

const figure = (value: number | null) => (value === null ? '' : String(value));

export async function* learnersCsv(batches: AsyncIterable<LearnerReport['learners']>, names: boolean): AsyncGenerator<string> {
  yield csvLine(['learner', ...(names ? ['name'] : []), 'organisation', 'module_id', 'module', 'lessons_done', 'lessons_total', 'status', 'score_percent', 'last_activity', 'stuck']);
  for await (const rows of batches) {
    yield rows
      .map((l) =>
        csvLine([
          l.learner,
          ...(names ? [l.name ?? ''] : []),
          l.org,
          l.moduleId,
          l.moduleName,
          String(l.lessons),
          String(l.lessonsTotal),
          l.status,
          figure(l.score),
          l.lastActivity,
          String(l.stuck),
        ]),
      )
      .join('');
  }
}

export async function* programmeCsv(batches: AsyncIterable<ProgrammeReport['learners']>, names: boolean): AsyncGenerator<string> {
  yield csvLine(['learner', ...(names ? ['name'] : []), 'organisation', 'modules_passed', 'sessions_attended', 'complete', 'last_activity']);
  for await (const rows of batches) {
    yield rows.map((l) => csvLine([l.learner, ...(names ? [l.name ?? ''] : []), l.org, String(l.modulesPassed), String(l.sessions), String(l.complete), l.lastActivity])).join('');
  }
}

export async function* commentsCsv(batches: AsyncIterable<FeedbackReport['comments']>): AsyncGenerator<string> {
  yield csvLine(['date', 'organisation', 'language', 'question', 'comment']);
  for await (const rows of batches) {
    yield rows.map((c) => csvLine([c.date, c.org, c.language ?? '', c.prompt, c.text])).join('');
  }
}
