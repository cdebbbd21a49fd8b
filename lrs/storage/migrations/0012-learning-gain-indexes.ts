/**
 * Migration 0012: the learning gain's indexes. The gain report (storage/sql-reports.ts
 * `gainSums`) reads each learner's pre-check answers, their first quiz answer in the module and,
 * per pre-check item, their first-attempt quiz answer: two partial indexes in (module,
 * organisation, learner, activity) order hold every column it reads, so it never touches the
 * table. Released: never edit it; add a new one.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const migration = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('learning_facts_quiz_learners')
      .on('learning_facts')
      .columns(['module_id', 'org', 'learner', 'activity_id', 'at', 'attempt', 'success'])
      .where(sql.ref('kind'), '=', 'question')
      .execute();
    await db.schema
      .createIndex('learning_facts_precheck')
      .on('learning_facts')
      .columns(['module_id', 'org', 'learner', 'activity_id', 'at', 'seq', 'success', 'language'])
      .where(sql.ref('kind'), '=', 'precheck')
      .execute();
  },
});
