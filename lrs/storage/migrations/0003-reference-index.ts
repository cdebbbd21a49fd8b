/** Migration 0003: reference index. Released: never edit it; add a new one. */
import { sql, type Migration, type Kysely } from 'kysely';
import { type EngineTypes } from '../schema.ts';

export const migration = (_types: EngineTypes): Migration => ({
  // Statements that target another statement are few: this index finds them in order
  // without scanning the table, for the StatementRef part of filtered queries.
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('statements_references')
      .on('statements')
      .column('seq')
      .where(sql.ref('object_statement_id'), 'is not', null)
      .execute();
  },
});
