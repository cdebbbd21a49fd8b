/** Migration 0001: initial. Released: never edit it; add a new one. */
import { type Migration, type Kysely } from 'kysely';
import { type EngineTypes } from '../schema.ts';

export const migration = (types: EngineTypes): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('statements')
      .addColumn('seq', types.serialPrimaryKey, (c) => (types.serialPrimaryKey === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('stored', 'text', (c) => c.notNull())
      .addColumn('verb_id', 'text', (c) => c.notNull())
      .addColumn('object_activity_id', 'text')
      .addColumn('object_statement_id', 'text')
      .addColumn('registration', 'text')
      .addColumn('voided', 'smallint', (c) => c.notNull().defaultTo(0))
      .addColumn('voiding', 'smallint', (c) => c.notNull().defaultTo(0))
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('credential_key', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('statements_stored').on('statements').columns(['stored']).execute();
    await db.schema.createIndex('statements_verb').on('statements').columns(['verb_id', 'seq']).execute();
    await db.schema.createIndex('statements_registration').on('statements').columns(['registration', 'seq']).execute();
    await db.schema.createIndex('statements_object_statement').on('statements').columns(['object_statement_id']).execute();
    await db.schema
      .createTable('statement_agents')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('agent_key', 'text', (c) => c.notNull())
      .addColumn('relation', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('statement_agents_key').on('statement_agents').columns(['agent_key', 'seq']).execute();
    await db.schema
      .createTable('statement_activities')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('activity_id', 'text', (c) => c.notNull())
      .addColumn('relation', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('statement_activities_id').on('statement_activities').columns(['activity_id', 'seq']).execute();
    await db.schema
      .createTable('activities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('definition', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('documents')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('activity_id', 'text', (c) => c.notNull())
      .addColumn('agent_key', 'text', (c) => c.notNull())
      .addColumn('registration', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('content', types.blob, (c) => c.notNull())
      .addColumn('etag', 'text', (c) => c.notNull())
      .addColumn('updated', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('documents_pk', ['kind', 'activity_id', 'agent_key', 'registration', 'document_id'])
      .execute();
    await db.schema
      .createTable('credentials')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('revoked', 'smallint', (c) => c.notNull().defaultTo(0))
      .execute();
  },
});
