/** Migration 0002: attachments. Released: never edit it; add a new one. */
import { type Migration, type Kysely } from 'kysely';
import { type EngineTypes } from '../schema.ts';

export const migration = (types: EngineTypes): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('attachments')
      .addColumn('sha2', 'text', (c) => c.primaryKey())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('content', types.blob, (c) => c.notNull())
      .execute();
  },
});
