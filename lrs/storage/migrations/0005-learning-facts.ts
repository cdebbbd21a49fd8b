/** Migration 0005: learning facts. Released: never edit it; add a new one. */
import { sql, type Migration, type Kysely } from 'kysely';
import { learningFact } from '../../../core/xapi/learning-facts.ts';
import { factValues, type Database, type EngineTypes } from '../schema.ts';

export const migration = (types: EngineTypes): Migration => ({
  // Reports aggregate these narrow rows (one per project statement) instead of statement JSON.
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('learning_facts')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('statement_id', 'text', (c) => c.notNull())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('learner', 'text', (c) => c.notNull())
      .addColumn('learner_name', 'text')
      .addColumn('module_id', 'text', (c) => c.notNull())
      .addColumn('verb', 'text', (c) => c.notNull())
      .addColumn('activity_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('success', 'smallint')
      .addColumn('score', types.float)
      .addColumn('response', 'text')
      .addColumn('duration_ms', types.float)
      .addColumn('points', types.float)
      .addColumn('attempt', 'integer')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('language', 'text')
      .addColumn('registration', 'text')
      .execute();
    // Module-level outcomes (overview, funnel ends): a partial index holding every column they
    // read, so they never touch the table; it is in (module, org, learner) order, as they group.
    await db.schema
      .createIndex('learning_facts_module_outcomes')
      .on('learning_facts')
      .columns(['module_id', 'org', 'learner', 'verb', 'at', 'score', 'duration_ms', 'language', 'learner_name'])
      .where(sql<boolean>`kind = 'module'`)
      .execute();
    // Lessons seen per learner, for the learner table (by organisation, as trainers look).
    await db.schema
      .createIndex('learning_facts_lessons')
      .on('learning_facts')
      .columns(['org', 'module_id', 'learner', 'activity_id', 'at', 'language'])
      .where(sql<boolean>`kind = 'lesson'`)
      .execute();
    // Per-activity reports (lessons reached, item analysis, case decisions, survey). Not the
    // response: free text can exceed what a PostgreSQL index entry may hold.
    await db.schema.createIndex('learning_facts_module_activity').on('learning_facts').columns(['module_id', 'kind', 'activity_id', 'learner', 'attempt', 'success']).execute();
    // Statements stored before this migration get their facts now, a page at a time.
    const typed = db as unknown as Kysely<Database>;
    for (let after = 0; ; ) {
      const page = await typed
        .selectFrom('statements')
        .select(['seq', 'org', 'body'])
        .where('seq', '>', after)
        .where('voided', '=', 0)
        .where('body', 'like', '%inprocap.eu/xapi/profile%')
        .orderBy('seq')
        .limit(1000)
        .execute();
      if (!page.length) break;
      after = Number(page[page.length - 1]!.seq);
      const facts = page.flatMap((r) => {
        const fact = learningFact(JSON.parse(r.body), r.org);
        if (!fact) return [];
        // The columns of this migration's table: later ones (module_version, 0011) fill their own.
        const { module_version: _, ...row } = factValues(Number(r.seq), fact);
        return [row];
      });
      for (let i = 0; i < facts.length; i += 100) await typed.insertInto('learning_facts').values(facts.slice(i, i + 100)).execute();
    }
  },
});
