/**
 * The pseudonym a learner is shown under where names are not (the Control Group, partners that
 * send no names): a short hash of their agent key, the same everywhere (reports, attendance,
 * certificates, search), so one learner is one pseudonym across views and modules. Here, below
 * the reports, because storage keeps it beside each learner's progress so it can be searched.
 */
import { createHash } from 'node:crypto';

export function pseudonym(learnerKey: string): string {
  return `L-${createHash('sha256').update(learnerKey).digest('hex').slice(0, 10)}`;
}
