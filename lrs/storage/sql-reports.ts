/**
 * The report aggregations in SQL, once for SQLite and PostgreSQL (both have window functions,
 * MATERIALIZED common table expressions and string_agg with ORDER BY). Everything is computed
 * in the database over the learning_facts table; only small result sets come back.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type {
  CommentRow,
  CountRow,
  GainRows,
  GainSums,
  GroupedOutcome,
  ItemSums,
  LearnerPageRequest,
  LearnerRow,
  Page,
  PageRequest,
  PathCount,
  ProgrammePageRequest,
  ProgrammeRow,
  ReportFilter,
  ReportStore,
  ResponseCount,
  StageCounts,
  TrendRow,
} from './report-store.ts';
import type { Database } from './schema.ts';
import type { LearnerSort, ProgrammeSort } from '../contracts/paging.ts';

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

/** Medians per group, from how many learners had each value (the database counts, this merges). */
function mediansOf(counts: { key: string; value: number; learners: number }[]): Map<string, number> {
  const byKey = new Map<string, Map<number, number>>();
  for (const { key, value, learners } of counts) {
    const values = byKey.get(key) ?? new Map<number, number>();
    values.set(value, (values.get(value) ?? 0) + learners);
    byKey.set(key, values);
  }
  const medians = new Map<string, number>();
  for (const [key, values] of byKey) {
    const sorted = [...values].sort((x, y) => x[0] - y[0]);
    const total = sorted.reduce((sum, [, n]) => sum + n, 0);
    // The values at positions floor((total-1)/2) and floor(total/2), 0-based, averaged.
    const at = (position: number) => {
      let seen = 0;
      for (const [value, n] of sorted) if ((seen += n) > position) return value;
      return sorted.at(-1)![0];
    };
    medians.set(key, (at(Math.floor((total - 1) / 2)) + at(Math.floor(total / 2))) / 2);
  }
  return medians;
}

/** A LIKE pattern finding `text` anywhere, lower case, with "!" escaping LIKE's own characters. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** Rows whose pseudonym (always) or name (where the viewer may see names) contains the text. */
function searched(text: string, names = false): RawBuilder<unknown> {
  const pattern = containing(text);
  const pseudonymMatch = sql`lower(pseudonym) like ${pattern} escape '!'`;
  return names ? sql`(${pseudonymMatch} or lower(learner_name) like ${pattern} escape '!')` : pseudonymMatch;
}

/** Rows without a value (no score, no name) come last in either direction, in both engines. */
const lastWhenMissing = (column: RawBuilder<unknown>, descending: boolean) =>
  sql`(${column} is null), ${column} ${descending ? sql`desc` : sql`asc`}`;

function learnerOrder(sort: LearnerSort, descending: boolean): RawBuilder<unknown> {
  const direction = descending ? sql`desc` : sql`asc`;
  switch (sort) {
    case 'learner': return sql`pseudonym ${direction}`;
    case 'name': return lastWhenMissing(sql`learner_name`, descending);
    case 'org': return sql`org ${direction}`;
    case 'module': return sql`module_id ${direction}`;
    case 'lessons': return sql`lessons ${direction}`;
    // The order of the statuses as they are reached: in progress, failed, passed, completed.
    case 'status': return sql`(case when completed = 1 then 3 when passed = 1 then 2 when failed = 1 then 1 else 0 end) ${direction}`;
    case 'score': return lastWhenMissing(sql`best_score`, descending);
    case 'last': return sql`last_at ${direction}`;
  }
}

function programmeOrder(sort: ProgrammeSort, descending: boolean, complete: RawBuilder<unknown>): RawBuilder<unknown> {
  const direction = descending ? sql`desc` : sql`asc`;
  switch (sort) {
    case 'learner': return sql`pseudonym ${direction}`;
    case 'name': return lastWhenMissing(sql`learner_name`, descending);
    case 'org': return sql`org ${direction}`;
    case 'modules': return sql`modules_passed ${direction}`;
    case 'sessions': return sql`sessions ${direction}`;
    case 'complete': return sql`(case when ${complete} then 1 else 0 end) ${direction}`;
    case 'last': return sql`last ${direction}`;
  }
}

/** Times to complete are counted in steps of 0.1 minute, the precision the dashboard shows. */
const TIME_STEP_MS = 6000;

export class SqlReports implements ReportStore {
  constructor(private readonly db: Kysely<Database>) {}

  private async rows(query: RawBuilder<unknown>): Promise<Row[]> {
    return (await query.execute(this.db)).rows as Row[];
  }

  async activityDefinitions(f: ReportFilter, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    let query = this.db.selectFrom('activities').select(['id', 'definition']).where('id', 'in', ids);
    if (f.orgs) query = f.orgs.length ? query.where('org', 'in', f.orgs) : query.where(sql<boolean>`false`);
    const rows = await query.orderBy('org').execute();
    const out = new Map<string, string>();
    for (const row of rows) if (!out.has(row.id)) out.set(row.id, row.definition);
    return out;
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
   * the three groupings (module x organisation, module, all), the counts of each score and time
   * (for medians) and the daily trend are aggregated from those (thousands of rows, not the facts).
   */
  async overview(f: ReportFilter): Promise<{ outcomes: GroupedOutcome[]; trend: TrendRow[] }> {
    const groupings: [GroupedOutcome['groupBy'], string[]][] = [['module-org', ['module_id', 'org']], ['module', ['module_id']], ['all', []]];
    const columns = (keys: string[]) => ['module_id', 'org'].map((key) => (keys.includes(key) ? key : `null as ${key}`)).join(', ');
    const totals = ([groupBy, keys]: (typeof groupings)[number]) => sql`
      select ${sql.lit(groupBy)} as grouping, ${sql.raw(columns(keys))}, null as day, cast(null as double precision) as value,
        count(*) as learners, sum(completed) as completed, sum(passed) as passed, sum(scored) as scored, avg(best_score) as average_score
      from per_learner ${sql.raw(keys.length ? `group by ${keys.join(', ')}` : '')}`;
    // Medians: how many learners had each value, per module and organisation; merged below.
    // (Typed nulls: PostgreSQL resolves the column types of a UNION branch by branch.)
    const values = (name: string, expression: string) => sql`
      select ${sql.lit(name)} as grouping, module_id, org, null as day, ${sql.raw(expression)} as value,
        count(*) as learners, 0 as completed, 0 as passed, 0 as scored, cast(null as double precision) as average_score
      from per_learner where ${sql.raw(expression)} is not null group by module_id, org, ${sql.raw(expression)}`;
    // The trend: learners starting, and completing, per day.
    const trend = (name: string, column: string) => sql`
      select ${sql.lit(name)} as grouping, null as module_id, null as org, substr(${sql.ref(column)}, 1, 10) as day, cast(null as double precision) as value,
        count(*) as learners, 0 as completed, 0 as passed, 0 as scored, cast(null as double precision) as average_score
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
      ${sql.join(
        [
          ...groupings.map(totals),
          values('score-values', 'best_score'),
          values('time-values', `round(complete_ms / ${TIME_STEP_MS})`),
          trend('trend-start', 'first_at'),
          trend('trend-complete', 'completed_at'),
        ],
        sql` union all `,
      )}
      order by grouping, module_id, org, day`);

    const keyOf = (groupBy: string, moduleId: unknown, org: unknown) =>
      groupBy === 'module-org' ? `${moduleId}\n${org}` : groupBy === 'module' ? String(moduleId) : '';
    const counts = (name: string, groupBy: string) =>
      rows.filter((r) => r.grouping === name).map((r) => ({ key: keyOf(groupBy, r.module_id, r.org), value: num(r.value), learners: num(r.learners) }));
    const medianScores = new Map(groupings.map(([g]) => [g, mediansOf(counts('score-values', g))]));
    const medianTimes = new Map(groupings.map(([g]) => [g, mediansOf(counts('time-values', g))]));
    const days = new Map<string, TrendRow>();
    const outcomes: GroupedOutcome[] = [];
    for (const r of rows) {
      const grouping = String(r.grouping);
      if (grouping.startsWith('trend')) {
        const row = days.get(String(r.day)) ?? { day: String(r.day), started: 0, completed: 0 };
        if (grouping === 'trend-start') row.started += num(r.learners);
        else row.completed += num(r.learners);
        days.set(row.day, row);
      } else if (!grouping.endsWith('-values') && num(r.learners) > 0) {
        const groupBy = grouping as GroupedOutcome['groupBy'];
        const key = keyOf(groupBy, r.module_id, r.org);
        const medianTime = medianTimes.get(groupBy)!.get(key);
        outcomes.push({
          groupBy,
          moduleId: (r.module_id as string | null) ?? null,
          org: (r.org as string | null) ?? null,
          learners: num(r.learners),
          completed: num(r.completed),
          passed: num(r.passed),
          scored: num(r.scored),
          averageScore: numOrNull(r.average_score),
          medianScore: medianScores.get(groupBy)!.get(key) ?? null,
          medianCompleteMs: medianTime === undefined ? null : medianTime * TIME_STEP_MS,
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

  async itemSums(f: ReportFilter, byVersion = false): Promise<ItemSums[]> {
    // By version: each answer counts for the module version it was given in.
    const version = byVersion ? sql`coalesce(module_version, '')` : sql`''`;
    const rows = await this.rows(sql`
      with scores as materialized (
        select module_id, learner, max(score) as y from learning_facts
        where ${conditions(f, sql`kind = 'module'`, sql`verb in ('passed', 'failed')`, sql`score is not null`)}
        group by module_id, learner
      ),
      answers as (
        select module_id, activity_id, learner, ${version} as version, max(success) as x from learning_facts
        where ${conditions(f, sql`kind = 'question'`, sql`coalesce(attempt, 1) = 1`, sql`success is not null`)}
        group by module_id, activity_id, learner, ${version}
      )
      select a.activity_id, a.version, count(*) as answers, sum(a.x) as correct, count(s.y) as n,
        sum(case when s.y is not null then a.x else 0 end) as sum_x, sum(s.y) as sum_y,
        sum(a.x * s.y) as sum_xy, sum(s.y * s.y) as sum_yy
      from answers a left join scores s on s.module_id = a.module_id and s.learner = a.learner
      group by a.activity_id, a.version order by a.activity_id, a.version`);
    return rows.map((r) => ({
      activityId: String(r.activity_id),
      ...(byVersion ? { version: String(r.version) || null } : {}),
      answers: num(r.answers),
      correct: num(r.correct),
      n: num(r.n),
      sumX: num(r.sum_x),
      sumY: num(r.sum_y),
      sumXY: num(r.sum_xy),
      sumYY: num(r.sum_yy),
    }));
  }

  /**
   * The learning gain in one statement. `pre`: each learner's first pre-check answer to each quiz
   * item, given before their first quiz answer in the module (`quiz_start`, whatever the
   * language and period); `pairs` looks up, per pre-check answer, whether the learner's first
   * quiz attempt at the item was right (in the filter's language and period); `matched` keeps
   * learners with a first attempt for every item they answered before; `scored` gives each their
   * gain (null at the ceiling). The database sums the groups; the service makes the means. The
   * partial indexes of migration 0012 hold every column read, in (module, org, learner) order.
   */
  async gainSums(f: ReportFilter & { moduleId: string }): Promise<GainRows> {
    const questions = `${f.moduleId}/questions/`;
    const scope: ReportFilter = { moduleId: f.moduleId, ...(f.orgs ? { orgs: f.orgs } : {}) };
    // The first attempt counts when it is in the filter's language and period.
    const inFilter = [
      ...(f.language ? [sql`q.language = ${f.language}`] : []),
      ...(f.from ? [sql`q.at >= ${f.from}`] : []),
      ...(f.to ? [sql`q.at < ${f.to}`] : []),
    ];
    const firstAttempt = sql.join([sql`coalesce(q.attempt, 1) = 1`, ...inFilter], sql` and `);
    const sums = (grouping: string, key: string, group: string) => sql`
      select ${sql.lit(grouping)} as grouping, ${sql.raw(key)} as key, count(*) as learners, count(g) as n,
        sum(g) as sum_g, sum(g * g) as sum_gg, sum(pre_pct) as sum_pre, sum(post_pct) as sum_post
      from scored ${sql.raw(group)}`;
    const rows = await this.rows(sql`
      with quiz_start as materialized (
        select org, learner, min(at) as first_at from learning_facts
        where ${conditions(scope, sql`kind = 'question'`)} group by org, learner
      ),
      pre_facts as (
        select org, learner, activity_id, success, at, seq, language from learning_facts
        where ${conditions(f, sql`kind = 'precheck'`, sql`success is not null`, sql`substr(activity_id, 1, ${questions.length}) = ${questions}`)}
      ),
      pre as materialized (
        select org, learner, activity_id, x, language from (
          select p.org, p.learner, p.activity_id, p.success as x, p.language,
            row_number() over (partition by p.org, p.learner, p.activity_id order by p.at, p.seq) as nth
          from pre_facts p left join quiz_start s on s.org = p.org and s.learner = p.learner
          where s.first_at is null or p.at < s.first_at
        ) ranked where nth = 1
      ),
      pairs as materialized (
        select p.org, p.learner, p.language, p.activity_id, p.x as pre_x,
          (select max(case when ${firstAttempt} then q.success end) from learning_facts q
            where q.kind = 'question' and q.module_id = ${f.moduleId} and q.org = p.org and q.learner = p.learner and q.activity_id = p.activity_id) as post_x
        from pre p
      ),
      matched as materialized (
        select org, learner, max(language) as language, count(*) as items, sum(pre_x) as pre_correct, sum(post_x) as post_correct
        from pairs group by org, learner having count(post_x) = count(*)
      ),
      scored as (
        select org, language,
          case when pre_correct < items then cast(post_correct - pre_correct as double precision) / (items - pre_correct) end as g,
          case when pre_correct < items then cast(100 * pre_correct as double precision) / items end as pre_pct,
          case when pre_correct < items then cast(100 * post_correct as double precision) / items end as post_pct
        from matched
      )
      ${sql.join(
        [
          sums('all', 'cast(null as text)', ''),
          sums('org', 'org', 'group by org'),
          sums('language', 'language', 'group by language'),
          sql`select 'item' as grouping, p.activity_id as key, count(*) as learners, 0 as n,
              cast(sum(p.pre_x) as double precision) as sum_g, cast(sum(p.post_x) as double precision) as sum_gg,
              cast(null as double precision) as sum_pre, cast(null as double precision) as sum_post
            from pairs p join matched m on m.org = p.org and m.learner = p.learner group by p.activity_id`,
          sql`select 'precheck' as grouping, cast(null as text) as key, count(*) as learners, 0 as n,
              cast(null as double precision) as sum_g, cast(null as double precision) as sum_gg,
              cast(null as double precision) as sum_pre, cast(null as double precision) as sum_post
            from (select distinct org, learner from pre) x`,
        ],
        sql` union all `,
      )}`);
    const group = (r: Row): GainSums => ({
      learners: num(r.learners),
      n: num(r.n),
      sumGain: num(r.sum_g),
      sumGainSquares: num(r.sum_gg),
      sumPre: num(r.sum_pre),
      sumPost: num(r.sum_post),
    });
    const of = (grouping: string) => rows.filter((r) => r.grouping === grouping);
    const empty: GainSums = { learners: 0, n: 0, sumGain: 0, sumGainSquares: 0, sumPre: 0, sumPost: 0 };
    const overall = of('all')[0];
    return {
      precheckLearners: num(of('precheck')[0]?.learners),
      overall: overall && num(overall.learners) ? group(overall) : empty,
      orgs: of('org').map((r) => ({ org: String(r.key), ...group(r) })).sort((a, b) => a.org.localeCompare(b.org)),
      languages: of('language')
        .map((r) => ({ language: (r.key as string | null) ?? null, ...group(r) }))
        .sort((a, b) => (a.language ?? '').localeCompare(b.language ?? '')),
      // For items the two sums are the learners right before and at the first quiz attempt.
      items: of('item')
        .map((r) => ({ activityId: String(r.key), learners: num(r.learners), preCorrect: num(r.sum_g), postCorrect: num(r.sum_gg) }))
        .sort((a, b) => a.activityId.localeCompare(b.activityId)),
    };
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

  async comments(f: ReportFilter & { activityIds: string[] }, page: Omit<PageRequest<'date'>, 'searchNames'>): Promise<Page<CommentRow>> {
    if (!f.activityIds.length) return { rows: [], total: 0 };
    const text = page.search ? [sql`lower(response) like ${containing(page.search)} escape '!'`] : [];
    const where = conditions(f, sql`kind = 'survey'`, sql`activity_id in (${sql.join(f.activityIds)})`, sql`response is not null`, sql`response <> ''`, ...text);
    const direction = page.descending ? sql`desc` : sql`asc`;
    const [rows, [count]] = await Promise.all([
      this.rows(sql`select activity_id, response, at, org, language from learning_facts where ${where}
        order by at ${direction}, seq ${direction} limit ${page.limit} offset ${page.offset}`),
      this.rows(sql`select count(*) as total from learning_facts where ${where}`),
    ]);
    return {
      rows: rows.map((r) => ({ activityId: String(r.activity_id), text: String(r.response), timestamp: String(r.at), org: String(r.org), language: (r.language as string | null) ?? null })),
      total: num(count?.total),
    };
  }

  async learners(f: ReportFilter, page: LearnerPageRequest): Promise<Page<LearnerRow> & { stuck: number }> {
    // learner_progress holds a row per learner and module, kept as facts arrive (storage/learner-progress.ts).
    const c = [sql`first_at is not null`];
    if (f.moduleId) c.push(sql`module_id = ${f.moduleId}`);
    if (f.orgs) c.push(f.orgs.length ? sql`org in (${sql.join(f.orgs)})` : sql`1 = 0`);
    if (f.language) c.push(sql`language = ${f.language}`);
    if (f.from) c.push(sql`last_at >= ${f.from}`);
    if (f.to) c.push(sql`first_at < ${f.to}`);
    if (page.search) c.push(searched(page.search, page.searchNames));
    const stuck = sql`(completed = 0 and last_at < ${page.stuckBefore})`;
    const where = sql.join(c, sql` and `);
    const shown = page.onlyStuck ? sql`${where} and ${stuck}` : where;
    const [rows, [count]] = await Promise.all([
      this.rows(sql`select learner, pseudonym, learner_name, org, module_id, lessons, best_score, passed, failed, completed, first_at, last_at
        from learner_progress where ${shown}
        order by ${learnerOrder(page.sort, page.descending)}, org, pseudonym, module_id limit ${page.limit} offset ${page.offset}`),
      this.rows(sql`select count(*) as total, sum(case when ${stuck} then 1 else 0 end) as stuck from learner_progress where ${where}`),
    ]);
    return {
      rows: rows.map((r) => ({
        learner: String(r.learner),
        pseudonym: String(r.pseudonym),
        learnerName: (r.learner_name as string | null) ?? null,
        org: String(r.org),
        moduleId: String(r.module_id),
        lessons: num(r.lessons),
        bestScore: numOrNull(r.best_score),
        passed: num(r.passed) === 1,
        failed: num(r.failed) === 1,
        completed: num(r.completed) === 1,
        first: String(r.first_at),
        last: String(r.last_at),
      })),
      total: page.onlyStuck ? num(count?.stuck) : num(count?.total),
      stuck: num(count?.stuck),
    };
  }

  /** Each learner's programme figures (CTE "programme"): modules passed of those required, sessions attended. */
  private programmeFigures(f: Pick<ReportFilter, 'orgs'>, modules: string[]): RawBuilder<unknown> {
    const orgs = f.orgs ? (f.orgs.length ? sql`org in (${sql.join(f.orgs)})` : sql`1 = 0`) : sql`1 = 1`;
    const required = modules.length ? sql`module_id in (${sql.join(modules)})` : sql`1 = 0`;
    return sql`with per_learner as (
        select org, learner, max(pseudonym) as pseudonym, max(learner_name) as learner_name,
          sum(case when passed = 1 and ${required} then 1 else 0 end) as modules_passed, max(last_at) as last
        from learner_progress where ${orgs} group by org, learner
      ), attended as (
        select org, learner, count(distinct activity_id) as sessions from learning_facts
        where kind = 'session' and verb = 'attended' and ${orgs} group by org, learner
      ), programme as (
        select p.org, p.learner, p.pseudonym, p.learner_name, p.modules_passed, coalesce(a.sessions, 0) as sessions, p.last
        from per_learner p left join attended a on a.org = p.org and a.learner = p.learner
      )`;
  }

  async programme(f: Pick<ReportFilter, 'orgs'>, page: ProgrammePageRequest): Promise<Page<ProgrammeRow> & { complete: number }> {
    const complete = sql`(modules_passed >= ${page.modules.length} and sessions >= ${page.sessions})`;
    const where = page.search ? searched(page.search, page.searchNames) : sql`1 = 1`;
    const order = programmeOrder(page.sort, page.descending, complete);
    const [rows, [count]] = await Promise.all([
      this.rows(sql`${this.programmeFigures(f, page.modules)}
        select * from programme where ${where} order by ${order}, org, pseudonym limit ${page.limit} offset ${page.offset}`),
      this.rows(sql`${this.programmeFigures(f, page.modules)}
        select count(*) as total, sum(case when ${complete} then 1 else 0 end) as complete from programme where ${where}`),
    ]);
    return {
      rows: rows.map((r) => ({
        org: String(r.org),
        learner: String(r.learner),
        pseudonym: String(r.pseudonym),
        learnerName: (r.learner_name as string | null) ?? null,
        modulesPassed: num(r.modules_passed),
        sessions: num(r.sessions),
        last: String(r.last),
      })),
      total: num(count?.total),
      complete: num(count?.complete),
    };
  }

  async programmeByOrg(f: Pick<ReportFilter, 'orgs'>, modules: string[], sessions: number): Promise<{ org: string; learners: number; complete: number }[]> {
    const rows = await this.rows(sql`${this.programmeFigures(f, modules)}
      select org, count(*) as learners,
        sum(case when modules_passed >= ${modules.length} and sessions >= ${sessions} then 1 else 0 end) as complete
      from programme group by org order by org`);
    return rows.map((r) => ({ org: String(r.org), learners: num(r.learners), complete: num(r.complete) }));
  }

  async learnersOf(f: Pick<ReportFilter, 'orgs'>, activityId: string, verb: string): Promise<{ learner: string; learnerName: string | null }[]> {
    const rows = await this.rows(sql`
      select learner, max(learner_name) as learner_name from learning_facts
      where ${conditions({ ...(f.orgs ? { orgs: f.orgs } : {}) }, sql`activity_id = ${activityId}`, sql`verb = ${verb}`)}
      group by learner order by learner`);
    return rows.map((r) => ({ learner: String(r.learner), learnerName: (r.learner_name as string | null) ?? null }));
  }

  async lessonsSeen(f: Pick<ReportFilter, 'orgs'>, modules: string[]): Promise<Map<string, number>> {
    if (!modules.length) return new Map();
    const rows = await this.rows(sql`select module_id, count(distinct activity_id) as lessons from learner_lessons
      where ${conditions({ ...(f.orgs ? { orgs: f.orgs } : {}) }, sql`module_id in (${sql.join(modules)})`)} group by module_id`);
    return new Map(rows.map((r) => [String(r.module_id), num(r.lessons)]));
  }

  async allModules(): Promise<string[]> {
    const rows = await this.rows(sql`select distinct module_id from learning_facts where kind = 'module' order by module_id`);
    return rows.map((r) => String(r.module_id));
  }
}
