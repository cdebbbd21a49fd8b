/**
 * Migration 0009: each learner's progress in each module, kept as facts arrive, so the tables
 * that grow with learners (the learner table, programme completion) are paged, sorted and
 * searched on the server without aggregating every fact on every request. Rows are per
 * organisation, module and learner; the lessons a learner has seen are kept apart, once each, so
 * their count stays exact. Attending a module's in-person session counts as activity in it.
 * Filled from the facts already stored. Partial indexes find attendance and survey answers, the
 * few facts of their kinds, without reading the rest. Released: never edit it; add a
 * new one.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { pseudonym } from '../pseudonym.ts';
import type { Database, EngineTypes } from '../schema.ts';

export const migration = (types: EngineTypes): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('learner_progress')
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('module_id', 'text', (c) => c.notNull())
      .addColumn('learner', 'text', (c) => c.notNull())
      .addColumn('pseudonym', 'text', (c) => c.notNull())
      .addColumn('learner_name', 'text')
      .addColumn('language', 'text')
      .addColumn('lessons', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('best_score', types.float)
      .addColumn('passed', 'smallint', (c) => c.notNull().defaultTo(0))
      .addColumn('failed', 'smallint', (c) => c.notNull().defaultTo(0))
      .addColumn('completed', 'smallint', (c) => c.notNull().defaultTo(0))
      // First module-level fact (null until the module has one: a lesson or a session only) and the latest fact.
      .addColumn('first_at', 'text')
      .addColumn('last_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('learner_progress_pk', ['org', 'module_id', 'learner'])
      .execute();
    await db.schema.createIndex('learner_progress_org_last').on('learner_progress').columns(['org', 'last_at']).execute();
    await db.schema.createIndex('learner_progress_org_pseudonym').on('learner_progress').columns(['org', 'pseudonym']).execute();
    await db.schema.createIndex('learner_progress_module').on('learner_progress').columns(['module_id', 'org', 'last_at']).execute();
    await db.schema
      .createTable('learner_lessons')
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('module_id', 'text', (c) => c.notNull())
      .addColumn('learner', 'text', (c) => c.notNull())
      .addColumn('activity_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('learner_lessons_pk', ['org', 'module_id', 'learner', 'activity_id'])
      .execute();
    // The few facts of two kinds, found without reading the rest: attendance (the programme's
    // sessions) and survey answers (ratings and comments, newest first), as partial indexes.
    await db.schema.createIndex('learning_facts_attended').on('learning_facts').columns(['org', 'learner', 'activity_id']).where(sql.ref('kind'), '=', 'session').execute();
    await db.schema.createIndex('learning_facts_survey').on('learning_facts').columns(['activity_id', 'response', 'org']).where(sql.ref('kind'), '=', 'survey').execute();
    await db.schema.createIndex('learning_facts_survey_at').on('learning_facts').columns(['at', 'seq']).where(sql.ref('kind'), '=', 'survey').execute();
    await backfill(db as Kysely<Database>);
  },
});

/** The progress of the facts stored so far, computed in the database; pseudonyms added after, per learner. */
export async function backfill(db: Kysely<Database>, where = sql`1 = 1`): Promise<void> {
  await sql`insert into learner_lessons (org, module_id, learner, activity_id)
    select distinct org, module_id, learner, activity_id from learning_facts where kind = 'lesson' and ${where}`.execute(db);
  await sql`insert into learner_progress (org, module_id, learner, pseudonym, learner_name, language, lessons, best_score, passed, failed, completed, first_at, last_at)
    select f.org, f.module_id, f.learner, '', max(f.learner_name),
      (select g.language from learning_facts g where g.org = f.org and g.module_id = f.module_id and g.learner = f.learner
        and g.kind in ('module', 'lesson') order by g.at desc, g.seq desc limit 1),
      (select count(*) from learner_lessons l where l.org = f.org and l.module_id = f.module_id and l.learner = f.learner),
      max(case when f.kind = 'module' and f.verb in ('passed', 'failed') then f.score end),
      max(case when f.kind = 'module' and f.verb = 'passed' then 1 else 0 end),
      max(case when f.kind = 'module' and f.verb = 'failed' then 1 else 0 end),
      max(case when f.kind = 'module' and f.verb = 'completed' then 1 else 0 end),
      min(case when f.kind = 'module' then f.at end),
      max(f.at)
    from learning_facts f where (f.kind in ('module', 'lesson') or (f.kind = 'session' and f.verb = 'attended')) and ${where}
    group by f.org, f.module_id, f.learner`.execute(db);
  // Pseudonyms are a hash the databases do not share a function for: made here, a page at a time.
  for (let after = ''; ; ) {
    const learners = await db.selectFrom('learner_progress').select('learner').distinct().where('pseudonym', '=', '').where('learner', '>', after).orderBy('learner').limit(1000).execute();
    if (!learners.length) break;
    for (const { learner } of learners) await db.updateTable('learner_progress').set({ pseudonym: pseudonym(learner) }).where('learner', '=', learner).execute();
    after = learners.at(-1)!.learner;
  }
}
