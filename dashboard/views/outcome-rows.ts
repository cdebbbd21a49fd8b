/** The outcome columns shared by the Overview's tables (per module, per module and organisation). */
import type { Outcome } from '../../lrs/contracts/report-types.ts';
import type { Column } from '../components/data-table.ts';
import { count, minutes, percent, ratioPercent } from '../format.ts';

export const OUTCOME_COLUMNS: Column[] = [
  { label: 'Learners started', numeric: true },
  { label: 'Completed', numeric: true },
  { label: 'Completion rate', numeric: true },
  { label: 'Passed', numeric: true },
  { label: 'Pass rate', numeric: true },
  { label: 'Average score', numeric: true },
  { label: 'Median score', numeric: true },
  { label: 'Median time to complete', numeric: true },
];

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
