/**
 * Migration 0011: each learning fact keeps the version of the module its statement was made by
 * (the project's module-version extension), so item analysis compares a module's versions
 * (facility and discrimination before and after a change). Facts already stored get theirs from
 * their statements. Released: never edit it; add a new one.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { EXTENSIONS } from '../../../core/xapi/vocabulary.ts';
import type { EngineTypes } from '../schema.ts';

export const migration = (types: EngineTypes): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('learning_facts').addColumn('module_version', 'text').execute();
    // The statement's own JSON, read by the database (each engine names the function its way;
    // json, not jsonb, on PostgreSQL: a body may hold a \u0000 escape, which jsonb refuses).
    const version =
      types.engine === 'sqlite'
        ? sql`json_extract(s.body, ${`$.context.extensions."${EXTENSIONS.moduleVersion}"`})`
        : sql`(s.body::json #>> ${`{context,extensions,${EXTENSIONS.moduleVersion}}`})`;
    await sql`update learning_facts set module_version = (select substr(${version}, 1, 50) from statements s where s.seq = learning_facts.seq)`.execute(db);
    // Item analysis reads first answers per question, learner and version: a partial index on the
    // answers alone holds every column it needs, so the question facts are read from it only.
    await db.schema
      .createIndex('learning_facts_answers')
      .on('learning_facts')
      .columns(['module_id', 'activity_id', 'learner', 'module_version', 'attempt', 'success'])
      .where(sql.ref('kind'), '=', 'question')
      .execute();
  },
});
