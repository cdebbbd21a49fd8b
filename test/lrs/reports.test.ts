/**
 * The reports API on both databases, on seeded learners: every figure is checked against the
 * same learners' statements regenerated and counted here, in the test, not by the LRS.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../lrs/http/dashboard-session.ts';
import { learnerStatements, postSeed, SEED_ORGS, seedCredentials, seedLearners, type SeedOptions } from '../../lrs/seed/seed.ts';
import { loadCheckedCourses } from '../../packaging/build.ts';
import type { Course } from '../../core/content/schema.ts';
import { randomUUID } from 'node:crypto';
import { ACTIVITY_TYPES, EXTENSIONS, VERBS } from '../../core/xapi/vocabulary.ts';
import { agentKey } from '../../core/xapi/identity.ts';
import { pseudonym } from '../../lrs/storage/pseudonym.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../lrs/storage/schema.ts';
import { backfill } from '../../lrs/storage/migrations/0009-learner-progress.ts';
import { TEST_DATABASES } from './backends.ts';
import { signInAccounts, startTestLrs, type TestLrs } from './client.ts';

const quiet = { info: () => {}, warn: () => {} };
const courses: Course[] = loadCheckedCourses(resolve(import.meta.dirname, '../..'), { only: ['fundamentals', 'pcp'] }, quiet).map((c) => c.course!);
const fundamentals = courses.find((c) => c.slug === 'fundamentals')!;
const options: SeedOptions = { learners: 240, orgs: 3, seed: 11, from: new Date(Date.UTC(2026, 5, 1)), days: 60 };
const PASSWORD = 'a long password 1';

// ---- What the seed sent, computed here from the same generator ---------------------------------
const learners = seedLearners(options);
const sent = learners.flatMap((learner) => courses.map((course) => ({ learner, course, statements: learnerStatements(course, learner, options) as any[] })));
const ofModule = (course: Course) => sent.filter((s) => s.course === course);
const has = (statements: any[], verb: string) => statements.some((s) => s.verb.id === verb);
const scoreOf = (statements: any[]) => statements.find((s) => s.verb.id === VERBS.passed || s.verb.id === VERBS.failed)?.result.score.scaled as number | undefined;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round1 = (v: number) => Math.round(v * 1000) / 10;
const pearson = (xs: number[], ys: number[]) => {
  const [mx, my] = [mean(xs), mean(ys)];
  const cov = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  return cov / Math.sqrt(xs.reduce((s, x) => s + (x - mx) ** 2, 0) * ys.reduce((s, y) => s + (y - my) ** 2, 0));
};

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('reports on %s', (_name, database) => {
  let lrs: TestLrs;
  const cookies: Record<string, { session: string; csrf: string }> = {};

  beforeAll(async () => {
    lrs = await startTestLrs(database);
    const address = await lrs.app.listen({ port: 0, host: '127.0.0.1' });
    await postSeed(`${address}/xapi`, seedCredentials(lrs.backend).authorization, courses, options);
    Object.assign(cookies, await signInAccounts(lrs, [['cg', 'control-group'], ['trainer.dti', 'trainer', 'DTI'], ['trainer.cdti', 'trainer', 'CDTI']], PASSWORD));
  }, 120_000);
  afterAll(async () => lrs?.close());

  const report = async (who: string, path: string, query: Record<string, string> = {}) => {
    const response = await lrs.app.inject({ method: 'GET', url: `/api/reports/${path}?${new URLSearchParams(query)}`, cookies: { [SESSION_COOKIE]: cookies[who]!.session } });
    return { status: response.statusCode, body: response.json() };
  };
  const module = { module: fundamentals.id };
  /** Every row of a paged table, page by page (the largest page size). */
  const allRows = async (who: string, path: string, query: Record<string, string> = {}, rowsOf = (body: any) => body.learners, pageOf = (body: any) => body.paging) => {
    const rows: any[] = [];
    for (let page = 1; ; page++) {
      const { status, body } = await report(who, path, { ...query, page: String(page), pageSize: '200' });
      expect(status).toBe(200);
      rows.push(...rowsOf(body));
      if (page * 200 >= pageOf(body).total) return { rows, last: body };
    }
  };
  const csv = async (who: string, path: string, query: Record<string, string> = {}) => {
    const response = await lrs.app.inject({ method: 'GET', url: `/api/reports/${path}?${new URLSearchParams(query)}`, cookies: { [SESSION_COOKIE]: cookies[who]!.session } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    return response.body.slice(1).split('\r\n').filter(Boolean);
  };

  it('overview: learners, completion and pass rates, scores, per module and organisation', async () => {
    const { status, body } = await report('cg', 'overview');
    expect(status).toBe(200);
    const rows = ofModule(fundamentals);
    const row = body.modules.find((m: any) => m.moduleId === fundamentals.id);
    expect(row.learners).toBe(rows.length);
    expect(row.completed).toBe(rows.filter((r) => has(r.statements, VERBS.completed)).length);
    expect(row.passed).toBe(rows.filter((r) => has(r.statements, VERBS.passed)).length);
    const scores = rows.map((r) => scoreOf(r.statements)).filter((s): s is number => s !== undefined);
    expect(row.scored).toBe(scores.length);
    expect(row.averageScore).toBeCloseTo(round1(mean(scores)), 1);
    expect(row.medianScore).toBeCloseTo(round1(median(scores)), 1);
    expect(row.completionRate).toBeCloseTo(row.completed / rows.length, 10);
    expect(body.totals.learners).toBe(sent.length);
    // The matrix: one cell per module and organisation.
    const cell = body.matrix.find((m: any) => m.moduleId === fundamentals.id && m.org === 'CDTI');
    expect(cell.learners).toBe(rows.filter((r) => r.learner.org === 'CDTI').length);
    expect(body.matrix).toHaveLength(courses.length * 3);
    expect(body.trend.reduce((s: number, d: any) => s + d.started, 0)).toBe(sent.length);
  });

  it('filters by date range and language', async () => {
    const from = '2026-06-15';
    const to = '2026-07-10';
    const inRange = (s: any) => s.timestamp >= `${from}T00:00:00.000Z` && s.timestamp < '2026-07-11T00:00:00.000Z';
    const moduleVerbs = new Set([VERBS.initialized, VERBS.passed, VERBS.failed, VERBS.completed, VERBS.suspended, VERBS.terminated]);
    const expected = ofModule(fundamentals).filter((r) => r.statements.some((s) => moduleVerbs.has(s.verb.id) && inRange(s))).length;
    const { body } = await report('cg', 'overview', { ...module, from, to });
    expect(body.modules).toHaveLength(1);
    expect(body.modules[0].learners).toBe(expected);
    expect(expected).toBeLessThan(ofModule(fundamentals).length);
    expect((await report('cg', 'overview', { language: 'fr' })).body.totals.learners).toBe(0);
  });

  it('module: the funnel from start to completion, the score histogram', async () => {
    const { body } = await report('cg', 'module', module);
    const rows = ofModule(fundamentals);
    expect(body.funnel[0]).toMatchObject({ label: 'Started the module', learners: rows.length });
    const lessons = fundamentals.content.en!.lessons;
    for (const lesson of lessons) {
      const reached = rows.filter((r) => r.statements.some((s) => s.object.id.endsWith(`/lessons/${lesson.id}`))).length;
      expect(body.funnel.find((f: any) => f.label.endsWith(`: ${lesson.title}`))?.learners).toBe(reached);
    }
    expect(body.funnel.at(-1)).toMatchObject({ label: 'Completed the module', learners: rows.filter((r) => has(r.statements, VERBS.completed)).length });
    const scores = rows.map((r) => scoreOf(r.statements)).filter((s): s is number => s !== undefined);
    expect(body.histogram.reduce((s: number, b: any) => s + b.learners, 0)).toBe(scores.length);
    expect(body.histogram[9].learners).toBe(scores.filter((s) => s >= 0.9).length);
    expect(body.dropOff).toBeTruthy();
  });

  it('item analysis: facility, point-biserial discrimination, option counts and flags', async () => {
    const { body } = await report('cg', 'items', module);
    const questions = fundamentals.content.en!.quiz!.questions;
    const rows = ofModule(fundamentals).filter((r) => scoreOf(r.statements) !== undefined);
    const answer = (statements: any[], q: number) => statements.find((s) => s.verb.id === VERBS.answered && s.object.id.endsWith(`/questions/${questions[q]!.id}`));
    for (const q of [0, 1, 2, 5]) {
      const item = body.items.find((i: any) => i.activityId.endsWith(`/questions/${questions[q]!.id}`));
      const answers = rows.map((r) => answer(r.statements, q)).filter(Boolean);
      expect(item.answers).toBe(answers.length);
      expect(item.facility).toBeCloseTo(answers.filter((a) => a.result.success).length / answers.length, 10);
      const xs = rows.map((r) => (answer(r.statements, q).result.success ? 1 : 0));
      const ys = rows.map((r) => scoreOf(r.statements)!);
      expect(item.discrimination).toBeCloseTo(pearson(xs, ys), 6);
    }
    const flagsOf = (q: number) => body.items.find((i: any) => i.activityId.endsWith(`/questions/${questions[q]!.id}`)).flags;
    expect(flagsOf(0)).toContain('too-easy');
    expect(flagsOf(1)).toContain('too-hard');
    expect(flagsOf(2)).toContain('negative-discrimination');
    // How often each option was chosen, for a choice question.
    const single = questions.findIndex((q) => q.type === 'single');
    const item = body.items.find((i: any) => i.activityId.endsWith(`/questions/${questions[single]!.id}`));
    for (const option of item.options) {
      expect(option.chosen).toBe(rows.filter((r) => answer(r.statements, single).result.response === option.id).length);
    }
    expect(item.question).toBe(answer(rows[0]!.statements, single).object.definition.name.en);
    // Matching and sequencing answers are given in words, from the activity definition.
    const matching = questions.findIndex((q) => q.type === 'matching');
    const pairs = body.items.find((i: any) => i.activityId.endsWith(`/questions/${questions[matching]!.id}`)).responses;
    const definition = answer(rows[0]!.statements, matching).object.definition;
    const [source, target] = pairs[0].response.split('[,]')[0].split('[.]');
    const describe = (list: any[], id: string) => list.find((c) => c.id === id).description.en;
    expect(pairs[0].label.startsWith(`${describe(definition.source, source)} → ${describe(definition.target, target)}`)).toBe(true);
    const sequencing = questions.findIndex((q) => q.type === 'sequencing');
    const order = body.items.find((i: any) => i.activityId.endsWith(`/questions/${questions[sequencing]!.id}`)).responses[0];
    const choices = answer(rows[0]!.statements, sequencing).object.definition.choices;
    expect(order.label).toBe(order.response.split('[,]').map((id: string) => describe(choices, id)).join(' → '));
  });

  it('case exercise: counts at each choice, the best choice marked, the paths', async () => {
    const { body } = await report('cg', 'case', module);
    const decisions = ofModule(fundamentals).flatMap((r) => r.statements.filter((s) => s.verb.id === VERBS.decided));
    const first = body.decisions[0];
    for (const choice of first.choices) {
      expect(choice.chosen).toBe(decisions.filter((d) => d.object.id === first.activityId && d.result.response === choice.id).length);
    }
    const start = fundamentals.content.en!.case!;
    const startNode = start.nodes.find((n) => n.id === start.start)!;
    expect(first.activityId.endsWith(`/${startNode.id}`)).toBe(true);
    expect(first.choices.find((c: any) => c.best).id).toBe(startNode.type === 'decision' ? startNode.choices.find((c) => c.best)!.id : undefined);
    const withCase = ofModule(fundamentals).filter((r) => has(r.statements, VERBS.decided)).length;
    expect(body.learners).toBe(withCase);
    expect(body.paths.reduce((s: number, p: any) => s + p.learners, 0)).toBeLessThanOrEqual(withCase);
    expect(body.paths[0].learners).toBeGreaterThan(0);
  });

  it('feedback: survey distributions and comments as sent (markup included, as text)', async () => {
    const { body } = await report('cg', 'feedback', module);
    const responses = ofModule(fundamentals).flatMap((r) => r.statements.filter((s) => s.verb.id === VERBS.responded));
    const item = body.items[0];
    const values = responses.filter((s) => s.object.id === item.activityId).map((s) => Number(s.result.response));
    expect(item.responses).toBe(values.length);
    expect(item.average).toBeCloseTo(mean(values), 2);
    expect(item.distribution.map((d: any) => d.count)).toEqual([1, 2, 3, 4, 5].map((v) => values.filter((x) => x === v).length));
    const comments = responses.filter((s) => !/^[1-5]$/.test(s.result.response));
    // Each free-text question is a finding to review, with its number of answers.
    const textIds = [...new Set(comments.map((s) => s.object.id as string))].sort();
    expect(body.commentItems.map((i: any) => [i.activityId, i.comments])).toEqual(textIds.map((id) => [id, comments.filter((s) => s.object.id === id).length]));
    expect(body.commentItems.every((i: any) => i.prompt && i.prompt !== i.activityId)).toBe(true);
    // Comments are paged: 50 by default, newest first; every page together holds each once.
    expect(body.commentPage).toMatchObject({ page: 1, pageSize: 50, total: comments.length, sort: 'date', dir: 'desc' });
    expect(body.comments).toHaveLength(Math.min(50, comments.length));
    const all = (await allRows('cg', 'feedback', module, (b) => b.comments, (b) => b.commentPage)).rows;
    expect(all).toHaveLength(comments.length);
    expect(all.map((c: any) => c.date)).toEqual(all.map((c: any) => c.date).sort().reverse());
    expect(all.some((c: any) => c.text === '<script>alert("x")</script> please fix')).toBe(true);
    // Searched in their text; the export streams every one.
    const found = (await report('cg', 'feedback', { ...module, q: 'PLEASE FIX' })).body;
    expect(found.commentPage.total).toBe(comments.filter((c) => /please fix/i.test(c.result.response)).length);
    expect(found.commentPage.total).toBeGreaterThan(0);
    const lines = await csv('cg', 'comments.csv', module);
    expect(lines[0]).toBe('date,organisation,language,question,comment');
    expect(lines).toHaveLength(comments.length + 1);
  });

  it('learners: a trainer sees their own organisation, with names where the partner sends them', async () => {
    const settings = { asOf: '2026-09-01', stuckDays: '14' };
    const { rows, last: body } = await allRows('trainer.dti', 'learners', settings);
    const dti = sent.filter((s) => s.learner.org === 'DTI');
    expect(body.paging.total).toBe(dti.length);
    expect(rows).toHaveLength(dti.length);
    expect(new Set(rows.map((l: any) => l.org))).toEqual(new Set(['DTI']));
    expect(rows.some((l: any) => l.name === '<b>Eve</b> Example')).toBe(true);
    // Stuck: not completed, and nothing for 14 days before asOf.
    const stuckBefore = new Date(Date.UTC(2026, 7, 18)).toISOString();
    const expectedStuck = dti.filter((s) => !has(s.statements, VERBS.completed) && s.statements.at(-1)!.timestamp < stuckBefore).length;
    expect(rows.filter((l: any) => l.stuck)).toHaveLength(expectedStuck);
    expect(body.stuck).toBe(expectedStuck);
    expect(expectedStuck).toBeGreaterThan(0);
    // Only the stuck: the total is theirs, every row stuck.
    const stuck = await allRows('trainer.dti', 'learners', { ...settings, onlyStuck: '1' });
    expect(stuck.last.paging.total).toBe(expectedStuck);
    expect(stuck.rows.every((l: any) => l.stuck)).toBe(true);
    // A trainer searches by name and sorts by it; the export has the names too.
    const eve = (await report('trainer.dti', 'learners', { q: 'eve</B> ex', sort: 'name' })).body;
    expect(eve.paging.total).toBe(dti.filter((s) => s.learner.name === '<b>Eve</b> Example').length);
    expect(eve.learners.every((l: any) => l.name === '<b>Eve</b> Example')).toBe(true);
    const lines = await csv('trainer.dti', 'learners.csv', settings);
    expect(lines[0]).toBe('learner,name,organisation,module_id,module,lessons_done,lessons_total,status,score_percent,last_activity,stuck');
    expect(lines).toHaveLength(dti.length + 1);
  });

  it('learners: paged, sorted and searched on the server, each row the learner\'s own statements, the export every row', async () => {
    const keyOf = (statements: any[]) => pseudonym(agentKey(statements[0].actor)!);
    const expected = new Map(
      sent.map((s) => {
        const score = scoreOf(s.statements.filter((x) => x.verb.id === VERBS.passed || x.verb.id === VERBS.failed).sort((a, b) => (b.result.score.scaled as number) - a.result.score.scaled));
        const status = has(s.statements, VERBS.completed) ? 'completed' : has(s.statements, VERBS.passed) ? 'passed' : has(s.statements, VERBS.failed) ? 'failed' : 'in progress';
        const lessons = new Set(s.statements.filter((x) => x.object.definition?.type === ACTIVITY_TYPES.lesson).map((x) => x.object.id)).size;
        return [`${keyOf(s.statements)} ${s.course.id}`, { status, score: score === undefined ? '' : String(round1(score)), lessons: String(lessons), org: s.learner.org }];
      }),
    );
    // The export: every row, pseudonymous for the Control Group, each as the statements say.
    const lines = await csv('cg', 'learners.csv');
    expect(lines[0]).toBe('learner,organisation,module_id,module,lessons_done,lessons_total,status,score_percent,last_activity,stuck');
    expect(lines).toHaveLength(sent.length + 1);
    for (const line of lines.slice(1)) {
      const [learner, org, moduleId, , lessons, , status, score] = line.split(',');
      expect({ learner, moduleId, org, lessons, status, score }).toEqual({ learner, moduleId, ...expected.get(`${learner} ${moduleId}`)! });
    }
    // Pages: consecutive, never overlapping, together every row once.
    const first = (await report('cg', 'learners', { pageSize: '25' })).body;
    const second = (await report('cg', 'learners', { pageSize: '25', page: '2' })).body;
    expect(first.paging).toMatchObject({ page: 1, pageSize: 25, total: sent.length, sort: 'org', dir: 'asc', q: '' });
    const key = (l: any) => `${l.learner} ${l.moduleId}`;
    expect(second.learners.filter((l: any) => first.learners.some((f: any) => key(f) === key(l)))).toEqual([]);
    const { rows } = await allRows('cg', 'learners', { sort: 'score', dir: 'desc' });
    expect(new Set(rows.map(key)).size).toBe(sent.length);
    // Sorted by score, highest first, learners without one last.
    const scores = rows.map((l: any) => l.score);
    const scored = scores.filter((v: number | null) => v !== null);
    expect(scores).toEqual([...scored.sort((a: number, b: number) => b - a), ...scores.filter((v: number | null) => v === null)]);
    const byLast = (await report('cg', 'learners', { sort: 'last', dir: 'asc', pageSize: '200' })).body.learners.map((l: any) => l.lastActivity);
    expect(byLast).toEqual([...byLast].sort());
    // Search by pseudonym: a learner's modules; part of one: every row containing it.
    const one = rows[7];
    const found = (await report('cg', 'learners', { q: one.learner })).body;
    expect(found.paging.total).toBe(courses.length);
    expect(found.learners.every((l: any) => l.learner === one.learner)).toBe(true);
    const part = one.learner.slice(2, 5).toUpperCase();
    const partly = (await report('cg', 'learners', { q: part, pageSize: '200' })).body;
    expect(partly.paging.total).toBe(rows.filter((l: any) => l.learner.toLowerCase().includes(part.toLowerCase())).length);
    // Names are not the Control Group's to search or sort by.
    expect((await report('cg', 'learners', { q: 'Eve' })).body.paging.total).toBe(0);
    expect((await report('cg', 'learners', { sort: 'name' })).status).toBe(400);
    expect((await report('cg', 'learners', { pageSize: '201' })).status).toBe(400);
    expect((await report('cg', 'learners', { sort: 'password' })).status).toBe(400);
    // A search with LIKE's own characters finds them as text, not as wildcards.
    expect((await report('cg', 'learners', { q: '%' })).body.paging.total).toBe(0);
    expect((await report('cg', 'learners', { q: '_' })).body.paging.total).toBe(0);
  });

  it('learner progress kept as statements arrive equals the progress computed again from the facts', async () => {
    const before = await csv('cg', 'learners.csv', { asOf: '2026-09-01' });
    const db = (lrs.backend as unknown as { db: Kysely<Database> }).db;
    await db.deleteFrom('learner_lessons').execute();
    await db.deleteFrom('learner_progress').execute();
    expect(await csv('cg', 'learners.csv', { asOf: '2026-09-01' })).toHaveLength(1);
    await backfill(db);
    expect(await csv('cg', 'learners.csv', { asOf: '2026-09-01' })).toEqual(before);
  });

  it('the control group sees every organisation, learners pseudonymous', async () => {
    const { rows, last: body } = await allRows('cg', 'learners');
    expect(rows).toHaveLength(sent.length);
    expect(body.paging.total).toBe(sent.length);
    expect(rows.every((l: any) => l.name === null && /^L-[0-9a-f]{10}$/.test(l.learner))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('Eve');
  });

  it('a trainer can never reach another organisation through the URL', async () => {
    expect((await report('trainer.cdti', 'overview', { org: 'DTI' })).status).toBe(403);
    const { body } = await report('trainer.cdti', 'overview');
    expect(new Set(body.matrix.map((m: any) => m.org))).toEqual(new Set(['CDTI']));
    expect(body.totals.learners).toBe(sent.filter((s) => s.learner.org === 'CDTI').length);
    const dimensions = (await report('trainer.cdti', 'dimensions')).body;
    expect(dimensions.orgs).toEqual(['CDTI']);
    const comments = (await report('trainer.cdti', 'feedback', module)).body.comments;
    expect(comments.every((c: any) => c.org === 'CDTI')).toBe(true);
    expect(JSON.stringify((await report('trainer.cdti', 'learners')).body)).not.toContain('Eve');
  });

  it('needs a session and well-formed parameters', async () => {
    const anonymous = await lrs.app.inject({ method: 'GET', url: '/api/reports/overview' });
    expect(anonymous.statusCode).toBe(401);
    // Each refusal names the parameter and its rule (the routes' JSON schemas).
    const refused = async (name: string, query: Record<string, string>) => {
      const { status, body } = await report('cg', name, query);
      expect(status).toBe(400);
      return body.message;
    };
    expect(await refused('items', {})).toBe('"module" is required');
    expect(await refused('items', { module: '' })).toMatch(/"module" is required/);
    expect(await refused('overview', { from: '2026-13-45' })).toBe('"from" must be a date as YYYY-MM-DD');
    expect(await refused('overview', { to: '2026-02-30' })).toBe('"to" must be a date as YYYY-MM-DD');
    expect(await refused('overview', { organisation: 'DTI' })).toBe('unknown parameter "organisation"');
    expect(await refused('overview', { language: 'french' })).toBe('"language" must be a language code such as "fr"');
    expect(await refused('overview', { stuckDays: '3' })).toBe('unknown parameter "stuckDays"');
    expect(await refused('learners', { stuckDays: '0' })).toBe('"stuckDays" must be a whole number of days from 1 to 365');
    expect(await refused('learners', { stuckDays: 'ten' })).toBe('"stuckDays" must be a whole number of days from 1 to 365');
    expect(await refused('learners', { asOf: '1 May' })).toBe('"asOf" must be a date as YYYY-MM-DD');
    const twice = await lrs.app.inject({ method: 'GET', url: '/api/reports/overview?org=DTI&org=CDTI', cookies: { [SESSION_COOKIE]: cookies.cg!.session } });
    expect(twice.statusCode).toBe(400);
    expect(JSON.parse(twice.body).message).toBe('"org" must be given once');
    // An unknown module is an empty report, not an error.
    expect((await report('cg', 'overview', { module: 'https://example.org/none' })).body.totals.learners).toBe(0);
  });

  it('a voided statement stops counting', async () => {
    const before = (await report('cg', 'overview', module)).body.modules[0];
    const org = SEED_ORGS[0]!;
    const [passed] = (await lrs.backend.tenant(org).queryStatements({ verbId: VERBS.passed, activityId: fundamentals.id, ascending: true, limit: 1 })).map((s) => JSON.parse(s.body));
    const auth = await lrs.auth(['statements/write'], org);
    const voiding = await lrs.request('POST', '/xapi/statements', {
      auth,
      body: { actor: passed.actor, verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } }, object: { objectType: 'StatementRef', id: passed.id } },
    });
    expect(voiding.status).toBe(200);
    const after = (await report('cg', 'overview', module)).body.modules[0];
    expect(after.passed).toBe(before.passed - 1);
    // The learner's row is computed again from what remains: the best score of the other results.
    const learner = pseudonym(agentKey(passed.actor)!);
    const others = (await lrs.backend.tenant(org).queryStatements({ agentKey: agentKey(passed.actor)!, activityId: fundamentals.id, ascending: true, limit: 1000 }))
      .map((s) => JSON.parse(s.body))
      .filter((s) => s.id !== passed.id && s.object.id === fundamentals.id && (s.verb.id === VERBS.passed || s.verb.id === VERBS.failed));
    const row = (await report('cg', 'learners', { ...module, q: learner })).body.learners[0];
    expect(row.score).toBe(others.length ? round1(Math.max(...others.map((s) => s.result.score.scaled))) : null);
    expect(row.status).not.toBe(others.some((s) => s.verb.id === VERBS.passed) ? 'failed' : 'passed');
  });

  it('item analysis compares module versions: the same figures per version the answers were given in', async () => {
    // Twenty more learners took an older version (0.9.0) of the module: their statements, re-made.
    const older = seedLearners({ ...options, learners: 20, seed: 99 }).map((l, i) => ({ ...l, org: 'DTI', account: { ...l.account, name: `older-${i}` } }));
    const statements = older.flatMap((l) =>
      (learnerStatements(fundamentals, l, options) as any[]).map((st) => ({ ...st, id: randomUUID(), context: { ...st.context, extensions: { ...st.context.extensions, [EXTENSIONS.moduleVersion]: '0.9.0' } } })),
    );
    const auth = await lrs.auth(['statements/write'], 'DTI');
    for (let i = 0; i < statements.length; i += 200) expect((await lrs.request('POST', '/xapi/statements', { auth, body: statements.slice(i, i + 200) })).status).toBe(200);
    const { body } = await report('cg', 'items', module);
    expect(body.versions).toEqual(['0.9.0', fundamentals.version]);
    const firstAnswers = (list: any[], id: string) =>
      new Map(list.filter((st) => st.verb.id === VERBS.answered && st.object.id === id && (st.result.extensions?.[EXTENSIONS.attempt] ?? 1) === 1).map((st) => [agentKey(st.actor), st.result.success as boolean]));
    for (const item of body.items) {
      const before = firstAnswers(statements, item.activityId);
      const now = firstAnswers(ofModule(fundamentals).flatMap((r) => r.statements), item.activityId);
      expect(item.versions.map((v: any) => [v.version, v.answers])).toEqual([['0.9.0', before.size], [fundamentals.version, now.size]]);
      const right = (m: Map<unknown, boolean>) => [...m.values()].filter(Boolean).length;
      expect(item.versions[0].facility).toBeCloseTo(right(before) / before.size, 10);
      expect(item.versions[1].facility).toBeCloseTo(right(now) / now.size, 10);
      expect(item.answers).toBe(before.size + now.size);
    }
  });
});
