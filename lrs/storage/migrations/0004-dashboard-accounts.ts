/** Migration 0004: dashboard accounts. Released: never edit it; add a new one. */
import { type Migration, type Kysely } from 'kysely';
import { type EngineTypes } from '../schema.ts';

export const migration = (_types: EngineTypes): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('accounts')
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('org', 'text')
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('disabled', 'smallint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('expires', 'text', (c) => c.notNull())
      .execute();
  },
});
