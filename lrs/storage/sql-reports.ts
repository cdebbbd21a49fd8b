/**
 * The report aggregations in SQL, once for SQLite and PostgreSQL (both have window functions,
 * MATERIALIZED common table expressions and string_agg with ORDER BY). Everything is computed
 * in the database over the learning_facts table; only small result sets come back.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type {
  CommentRow,
  CountRow,
  GroupedOutcome,
  ItemSums,
  LearnerRow,
  PathCount,
  ReportFilter,
  ReportStore,
  ResponseCount,
  StageCounts,
  TrendRow,
} from '../reports/report-store.ts';
import type { Database } from './sql-backend.ts';

type Row = Record<string, unknown>;

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The filter as SQL conditions on learning_facts (joined by "and"), after any extra ones. */
function conditions(f: ReportFilter, ...extra: RawBuilder<unknown>[]): RawBuilder<unknown> {
  const c = [...extra];
  if (f.moduleId) c.push(sql`module_id = ${f.moduleId}`);
  if (f.orgs) c.push(f.orgs.length ? sql`org in (${sql.join(f.orgs)})` : sql`1 = 0`);
  if (f.language) c.push(sql`language = ${f.language}`);
  if (f.from) c.push(sql`at >= ${f.from}`);
  if (f.to) c.push(sql`at < ${f.to}`);
  return c.length ? sql.join(c, sql` and `) : sql`1 = 1`;
}

/** Median of `column` per group, from rows ranked within their group. */
function medians(source: string, column: string, keys: string[]): RawBuilder<unknown> {
  const k = keys.length ? `${keys.join(', ')}, ` : '';
  const partition = keys.length ? `partition by ${keys.join(', ')}` : '';
  return sql.raw(`select ${k}avg(v) as m from (
      select ${k}${column} as v, row_number() over (${partition} order by ${column}) as rn, count(*) over (${partition}) as c
      from ${source} where ${column} is not null) ranked
    where 2 * rn between c and c + 2 ${keys.length ? `group by ${keys.join(', ')}` : ''}`);
}

export class SqlReports implements ReportStore {
  constructor(private readonly db: Kysely<Database>) {}

  private async rows(query: RawBuilder<unknown>): Promise<Row[]> {
    return (await query.execute(this.db)).rows as Row[];
  }

  async dimensions(f: ReportFilter): Promise<{ modules: string[]; orgs: string[]; languages: string[] }> {
    const scope = conditions({ orgs: f.orgs }, sql`kind = 'module'`);
    const [modules, orgs, languages] = await Promise.all([
      this.rows(sql`select distinct module_id as v from learning_facts where ${scope} order by v`),
      this.rows(sql`select distinct org as v from learning_facts where ${scope} order by v`),
      this.rows(sql`select distinct language as v from learning_facts where ${scope} and language is not null order by v`),
    ]);
    const values = (rows: Row[]) => rows.map((r) => String(r.v));
    return { modules: values(modules), orgs: values(orgs), languages: values(languages) };
  }

  /**
   * The overview in one statement: the module-level facts are read once into per-learner rows;
   * the three groupings (module x organisation, module, all) and the daily trend are aggregated
   * from those (a few thousand rows, not the facts).
   */
  async overview(f: ReportFilter): Promise<{ outcomes: GroupedOutcome[]; trend: TrendRow[] }> {
    const groupings: [GroupedOutcome['groupBy'], string[]][] = [['module-org', ['module_id', 'org']], ['module', ['module_id']], ['all', []]];
    const branch = ([name, keys]: (typeof groupings)[number]) => {
      const select = ['module_id', 'org'].map((key) => (keys.includes(key) ? `t.${key}` : `null as ${key}`)).join(', ');
      const k = keys.length ? `${keys.join(', ')}, ` : '';
      const join = (alias: string) => (keys.length ? keys.map((key) => `${alias}.${key} = t.${key}`).join(' and ') : '1 = 1');
      return sql`select ${sql.lit(name)} as grouping, ${sql.raw(select)}, null as day, t.learners, t.completed, t.passed, t.scored, t.average_score,
          sm.m as median_score, tm.m as median_ms
        from (select ${sql.raw(k)}count(*) as learners, sum(completed) as completed, sum(passed) as passed, sum(scored) as scored, avg(best_score) as average_score
              from per_learner ${sql.raw(keys.length ? `group by ${keys.join(', ')}` : '')}) t
        left join (${medians('per_learner', 'best_score', keys)}) sm on ${sql.raw(join('sm'))}
        left join (${medians('per_learner', 'complete_ms', keys)}) tm on ${sql.raw(join('tm'))}`;
    };
    // Trend rows ride in the same result: learners starting, and completing, per day.
    const trend = (name: string, column: string, counted: 'learners' | 'completed') => sql`
      select ${sql.lit(name)} as grouping, null as module_id, null as org, substr(${sql.ref(column)}, 1, 10) as day,
        ${sql.raw(counted === 'learners' ? 'count(*)' : '0')} as learners, ${sql.raw(counted === 'completed' ? 'count(*)' : '0')} as completed,
        0 as passed, 0 as scored, null as average_score, null as median_score, null as median_ms
      from per_learner where ${sql.ref(column)} is not null group by substr(${sql.ref(column)}, 1, 10)`;
    const rows = await this.rows(sql`
      with per_learner as materialized (
        select module_id, org, learner,
          max(case when verb = 'completed' then 1 else 0 end) as completed,
          max(case when verb = 'passed' then 1 else 0 end) as passed,
          max(case when verb in ('passed', 'failed') then 1 else 0 end) as scored,
          max(case when verb in ('passed', 'failed') then score end) as best_score,
          min(case when verb = 'completed' then duration_ms end) as complete_ms,
          min(at) as first_at,
          min(case when verb = 'completed' then at end) as completed_at
        from learning_facts where ${conditions(f, sql`kind = 'module'`)}
        group by module_id, org, learner
      )
      ${sql.join([...groupings.map(branch), trend('trend-start', 'first_at', 'learners'), trend('trend-complete', 'completed_at', 'completed')], sql` union all `)}
      order by grouping, module_id, org, day`);
    const days = new Map<string, TrendRow>();
    const outcomes: GroupedOutcome[] = [];
    for (const r of rows) {
      if (String(r.grouping).startsWith('trend')) {
        const day = String(r.day);
        const row = days.get(day) ?? { day, started: 0, completed: 0 };
        row.started += num(r.learners);
        row.completed += num(r.completed);
        days.set(day, row);
      } else if (num(r.learners) > 0) {
        outcomes.push({
          groupBy: r.grouping as GroupedOutcome['groupBy'],
          moduleId: (r.module_id as string | null) ?? null,
          org: (r.org as string | null) ?? null,
          learners: num(r.learners),
          completed: num(r.completed),
          passed: num(r.passed),
          scored: num(r.scored),
          averageScore: numOrNull(r.average_score),
          medianScore: numOrNull(r.median_score),
          medianCompleteMs: numOrNull(r.median_ms),
        });
      }
    }
    return { outcomes, trend: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)) };
  }

  async reached(f: ReportFilter, kind: 'lesson' | 'question' | 'case-decision' | 'survey'): Promise<CountRow[]> {
    const rows = await this.rows(sql`
      select activity_id, count(distinct learner) as learners from learning_facts
      where ${conditions(f, sql`kind = ${kind}`)} group by activity_id order by activity_id`);
    return rows.map((r) => ({ activityId: String(r.activity_id), learners: num(r.learners) }));
  }

  async stages(f: ReportFilter): Promise<StageCounts> {
    // Learners are counted per module: with a module chosen, the learner key alone is enough.
    const who = f.moduleId ? 'learner' : "module_id || ' ' || learner";
    const distinct = (kind: string) => sql`select count(distinct ${sql.raw(who)}) from learning_facts where ${conditions(f, sql`kind = ${kind}`)}`;
    const [row] = await this.rows(sql`
      select
        (select count(distinct ${sql.raw(who)}) from learning_facts where ${conditions(f, sql`kind = 'module'`)}) as started,
        (${distinct('question')}) as quiz,
        (select count(distinct ${sql.raw(who)}) from learning_facts where ${conditions(f, sql`kind = 'module'`, sql`verb = 'passed'`)}) as passed,
        (${distinct('case-decision')}) as case_started,
        (select count(distinct ${sql.raw(who)}) from learning_facts where ${conditions(f, sql`kind = 'module'`, sql`verb = 'completed'`)}) as completed,
        (${distinct('survey')}) as survey`);
    return {
      started: num(row?.started),
      quiz: num(row?.quiz),
      passed: num(row?.passed),
      caseStarted: num(row?.case_started),
      completed: num(row?.completed),
      survey: num(row?.survey),
    };
  }

  async scoreHistogram(f: ReportFilter): Promise<number[]> {
    // Buckets by comparison, not by cast: SQLite truncates and PostgreSQL rounds.
    const bucket = sql.raw(`case ${Array.from({ length: 9 }, (_, i) => `when best < ${(i + 1) / 10} then ${i}`).join(' ')} else 9 end`);
    const rows = await this.rows(sql`
      select ${bucket} as bucket, count(*) as learners from (
        select max(score) as best from learning_facts
        where ${conditions(f, sql`kind = 'module'`, sql`verb in ('passed', 'failed')`, sql`score is not null`)}
        group by module_id, learner
      ) x group by ${bucket}`);
    const histogram = Array.from({ length: 10 }, () => 0);
    for (const r of rows) histogram[num(r.bucket)] = num(r.learners);
    return histogram;
  }

  async sessionTimes(f: ReportFilter): Promise<{ learners: number; medianMs: number | null; p75Ms: number | null; averageMs: number | null }> {
    const [row] = await this.rows(sql`
      with per_learner as materialized (
        select sum(duration_ms) as ms from learning_facts
        where ${conditions(f, sql`kind = 'module'`, sql`verb = 'terminated'`, sql`duration_ms is not null`)}
        group by module_id, learner
      ),
      ranked as (select ms, row_number() over (order by ms) as rn, count(*) over () as c from per_learner)
      select (select count(*) from per_learner) as learners,
        (select avg(ms) from per_learner) as average_ms,
        (select avg(ms) from ranked where 2 * rn between c and c + 2) as median_ms,
        (select min(ms) from ranked where 4 * rn >= 3 * c) as p75_ms`);
    return { learners: num(row?.learners), medianMs: numOrNull(row?.median_ms), p75Ms: numOrNull(row?.p75_ms), averageMs: numOrNull(row?.average_ms) };
  }

  async itemSums(f: ReportFilter): Promise<ItemSums[]> {
    const rows = await this.rows(sql`
      with scores as materialized (
        select module_id, learner, max(score) as y from learning_facts
        where ${conditions(f, sql`kind = 'module'`, sql`verb in ('passed', 'failed')`, sql`score is not null`)}
        group by module_id, learner
      ),
      answers as (
        select module_id, activity_id, learner, max(success) as x from learning_facts
        where ${conditions(f, sql`kind = 'question'`, sql`coalesce(attempt, 1) = 1`, sql`success is not null`)}
        group by module_id, activity_id, learner
      )
      select a.activity_id, count(*) as answers, sum(a.x) as correct, count(s.y) as n,
        sum(case when s.y is not null then a.x else 0 end) as sum_x, sum(s.y) as sum_y,
        sum(a.x * s.y) as sum_xy, sum(s.y * s.y) as sum_yy
      from answers a left join scores s on s.module_id = a.module_id and s.learner = a.learner
      group by a.activity_id order by a.activity_id`);
    return rows.map((r) => ({
      activityId: String(r.activity_id),
      answers: num(r.answers),
      correct: num(r.correct),
      n: num(r.n),
      sumX: num(r.sum_x),
      sumY: num(r.sum_y),
      sumXY: num(r.sum_xy),
      sumYY: num(r.sum_yy),
    }));
  }

  async responses(f: ReportFilter, kind: 'question' | 'case-decision' | 'survey'): Promise<ResponseCount[]> {
    const extra = kind === 'question' ? [sql`coalesce(attempt, 1) = 1`] : [];
    const rows = await this.rows(sql`
      select activity_id, response, count(*) as n from learning_facts
      where ${conditions(f, sql`kind = ${kind}`, sql`response is not null`, ...extra)}
      group by activity_id, response order by activity_id, n desc`);
    return rows.map((r) => ({ activityId: String(r.activity_id), response: String(r.response), count: num(r.n) }));
  }

  async casePaths(f: ReportFilter, limit: number): Promise<{ paths: PathCount[]; learners: number }> {
    const rows = await this.rows(sql`
      with paths as materialized (
        select string_agg(activity_id || '=' || response, ' > ' order by at, seq) as path from learning_facts
        where ${conditions(f, sql`kind = 'case-decision'`, sql`response is not null`)}
        group by module_id, learner, registration
      )
      select path, count(*) as learners, (select count(*) from paths) as total
      from paths group by path order by learners desc, path limit ${limit}`);
    return {
      paths: rows.map((r) => ({ path: String(r.path), learners: num(r.learners) })),
      learners: num(rows[0]?.total),
    };
  }

  async comments(f: ReportFilter & { activityIds: string[] }, limit: number): Promise<CommentRow[]> {
    if (!f.activityIds.length) return [];
    const rows = await this.rows(sql`
      select activity_id, response, at, org, language from learning_facts
      where ${conditions(f, sql`kind = 'survey'`, sql`activity_id in (${sql.join(f.activityIds)})`, sql`response is not null`, sql`response <> ''`)}
      order by at desc, seq desc limit ${limit}`);
    return rows.map((r) => ({ activityId: String(r.activity_id), text: String(r.response), timestamp: String(r.at), org: String(r.org), language: (r.language as string | null) ?? null }));
  }

  async learners(f: ReportFilter, limit: number): Promise<LearnerRow[]> {
    // Two covering scans: module-level facts (status, score, times, name) and lesson facts
    // (lessons seen); the learner's last activity is the later of the two.
    const rows = await this.rows(sql`
      select m.learner, m.learner_name, m.org, m.module_id, coalesce(l.lessons, 0) as lessons, m.best_score, m.passed, m.failed,
        m.completed, m.first, m.last, l.last as lesson_last
      from (
        select module_id, org, learner, max(learner_name) as learner_name,
          max(case when verb in ('passed', 'failed') then score end) as best_score,
          max(case when verb = 'passed' then 1 else 0 end) as passed,
          max(case when verb = 'failed' then 1 else 0 end) as failed,
          max(case when verb = 'completed' then 1 else 0 end) as completed,
          min(at) as first, max(at) as last
        from learning_facts where ${conditions(f, sql`kind = 'module'`)} group by module_id, org, learner
      ) m
      left join (
        select module_id, learner, count(distinct activity_id) as lessons, max(at) as last
        from learning_facts where ${conditions(f, sql`kind = 'lesson'`)} group by module_id, learner
      ) l on l.module_id = m.module_id and l.learner = m.learner
      order by m.org, m.learner, m.module_id limit ${limit}`);
    return rows.map((r) => ({
      learner: String(r.learner),
      learnerName: (r.learner_name as string | null) ?? null,
      org: String(r.org),
      moduleId: String(r.module_id),
      lessons: num(r.lessons),
      bestScore: numOrNull(r.best_score),
      passed: num(r.passed) === 1,
      failed: num(r.failed) === 1,
      completed: num(r.completed) === 1,
      first: String(r.first),
      last: [String(r.last), String(r.lesson_last ?? '')].sort().at(-1)!,
    }));
  }
}
