/**
 * Each learner's progress per module (migration 0009), kept in step with the learning facts as
 * they are stored, in the same transaction: a module-level fact raises the status and best score
 * and moves the first and last activity; a lesson fact counts a lesson once (learner_lessons) and
 * moves the last activity; attending the module's in-person session moves the last activity (and
 * gives people known only from a session a row, so the programme finds them). Voiding a statement removes its fact, so the progress of the learners
 * it touched is computed again from their remaining facts. The SQL is written once, with CASE in
 * place of functions the two engines name differently (max/greatest).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { backfill } from './migrations/0009-learner-progress.ts';
import { pseudonym } from './pseudonym.ts';
import type { Database } from './schema.ts';

type Fact = Database['learning_facts'];

/** Whether learner progress follows a fact: module and lesson facts, and attendance at a session. */
export function followed(fact: Pick<Fact, 'kind' | 'verb'>): boolean {
  return fact.kind === 'module' || fact.kind === 'lesson' || (fact.kind === 'session' && fact.verb === 'attended');
}

/** The progress a fact adds, in the upsert's column order; undefined for facts progress does not follow. */
export function progressValues(fact: Fact, newLesson: boolean): unknown[] | undefined {
  if (!followed(fact)) return undefined;
  const module = fact.kind === 'module';
  const outcome = module && (fact.verb === 'passed' || fact.verb === 'failed');
  return [
    fact.org,
    fact.module_id,
    fact.learner,
    pseudonym(fact.learner),
    fact.learner_name,
    fact.language,
    !module && newLesson ? 1 : 0,
    outcome ? fact.score : null,
    module && fact.verb === 'passed' ? 1 : 0,
    module && fact.verb === 'failed' ? 1 : 0,
    module && fact.verb === 'completed' ? 1 : 0,
    module ? fact.at : null,
    fact.at,
  ];
}

/** The upsert of one fact's progress, its values as bound parameters. */
export function upsertProgress(values: unknown[]): RawBuilder<unknown> {
  const p = values.map((v) => sql`${v}`);
  return sql`insert into learner_progress (org, module_id, learner, pseudonym, learner_name, language, lessons, best_score, passed, failed, completed, first_at, last_at)
    values (${sql.join(p)})
    on conflict (org, module_id, learner) do update set
      learner_name = coalesce(excluded.learner_name, learner_progress.learner_name),
      language = case when excluded.last_at >= learner_progress.last_at and excluded.language is not null then excluded.language else learner_progress.language end,
      lessons = learner_progress.lessons + excluded.lessons,
      best_score = case when learner_progress.best_score is null or excluded.best_score > learner_progress.best_score then coalesce(excluded.best_score, learner_progress.best_score) else learner_progress.best_score end,
      passed = case when excluded.passed > learner_progress.passed then excluded.passed else learner_progress.passed end,
      failed = case when excluded.failed > learner_progress.failed then excluded.failed else learner_progress.failed end,
      completed = case when excluded.completed > learner_progress.completed then excluded.completed else learner_progress.completed end,
      first_at = case when learner_progress.first_at is null or excluded.first_at < learner_progress.first_at then coalesce(excluded.first_at, learner_progress.first_at) else learner_progress.first_at end,
      last_at = case when excluded.last_at > learner_progress.last_at then excluded.last_at else learner_progress.last_at end`;
}

/** Counts a lesson once per learner: true when this is the first time. */
export function insertLesson(fact: Fact): RawBuilder<unknown> {
  return sql`insert into learner_lessons (org, module_id, learner, activity_id) values (${fact.org}, ${fact.module_id}, ${fact.learner}, ${fact.activity_id}) on conflict do nothing`;
}

/** Follows stored facts (the generic path: PostgreSQL, and SQLite outside its prepared hot path). */
export async function trackProgress(db: Kysely<Database>, facts: Fact[]): Promise<void> {
  for (const fact of facts) {
    if (!followed(fact)) continue;
    const newLesson = fact.kind === 'lesson' && Number((await insertLesson(fact).execute(db)).numAffectedRows ?? 0) > 0;
    await upsertProgress(progressValues(fact, newLesson)!).execute(db);
  }
}

/** Computes again, from their facts, the progress of these learners in these modules (after voiding). */
export async function recomputeProgress(db: Kysely<Database>, keys: { org: string; module_id: string; learner: string }[]): Promise<void> {
  const unique = [...new Map(keys.map((k) => [`${k.org}\u0000${k.module_id}\u0000${k.learner}`, k])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100);
    const match = sql.join(chunk.map((k) => sql`(org = ${k.org} and module_id = ${k.module_id} and learner = ${k.learner})`), sql` or `);
    await sql`delete from learner_lessons where ${match}`.execute(db);
    await sql`delete from learner_progress where ${match}`.execute(db);
    await backfill(db, sql`(${match})`);
  }
}
