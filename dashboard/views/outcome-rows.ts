/** The outcome columns shared by the Overview's tables (per module, per module and organisation). */
import { msg } from '@lit/localize';
import type { Outcome } from '../../lrs/contracts/report-types.ts';
import type { Column } from '../components/data-table.ts';
import { count, minutes, percent, ratioPercent } from '../format.ts';

/** The outcome columns in the dashboard's language: call when drawing, never keep. */
export function outcomeColumns(): Column[] {
  return [
    { label: msg('Learners started'), numeric: true },
    { label: msg('Completed'), numeric: true },
    { label: msg('Completion rate'), numeric: true },
    { label: msg('Passed'), numeric: true },
    { label: msg('Pass rate'), numeric: true },
    { label: msg('Average score'), numeric: true },
    { label: msg('Median score'), numeric: true },
    { label: msg('Median time to complete'), numeric: true },
  ];
}

export function outcomeCells(o: Outcome): string[] {
  return [
    count(o.learners),
    count(o.completed),
    ratioPercent(o.completionRate),
    count(o.passed),
    ratioPercent(o.passRate),
    percent(o.averageScore),
    percent(o.medianScore),
    minutes(o.medianCompleteMinutes),
  ];
}
