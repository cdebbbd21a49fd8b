/**
 * Migration 0010: the Control Group's review of findings (a flagged question, a case decision most
 * learners get wrong, a low-rated survey statement), one row per module version and activity, so
 * a new version of a module starts a fresh review. Content, not a partner's records: no
 * organisation column. Released: never edit it; add a new one.
 */
import type { Kysely, Migration } from 'kysely';

export const migration = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('finding_reviews')
      .addColumn('module_id', 'text', (c) => c.notNull())
      .addColumn('module_version', 'text', (c) => c.notNull())
      .addColumn('activity_id', 'text', (c) => c.notNull())
      .addColumn('reviewer', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('reviewed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('finding_reviews_pk', ['module_id', 'module_version', 'activity_id'])
      .execute();
  },
});
