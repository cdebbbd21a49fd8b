/** Migration 0007: in-person training sessions, programme certificates, and the LRS's own settings. Released: never edit it; add a new one. */
import type { Kysely, Migration } from 'kysely';

export const migration = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('training_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('module_id', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('training_sessions_org_date').on('training_sessions').columns(['org', 'date']).execute();
    await db.schema
      .createTable('certificates')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('learner', 'text', (c) => c.notNull())
      .addColumn('issued', 'text', (c) => c.notNull())
      .addColumn('modules', 'integer', (c) => c.notNull())
      .addColumn('sessions', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('certificates_org_learner').on('certificates').columns(['org', 'learner']).execute();
    // Values the LRS makes once and keeps (the key behind attendees' pseudonyms).
    await db.schema.createTable('settings').addColumn('name', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
  },
});
