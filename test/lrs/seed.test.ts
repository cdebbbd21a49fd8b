/** The seed tool: demo learners through the real statement API, with the known answer patterns. */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLrsServer } from '../../lrs/server.ts';
import type { LrsBackend } from '../../lrs/storage/backend.ts';
import { openBackend } from '../../lrs/storage/open.ts';
import { learnerStatements, postSeed, SEED_ORGS, seedCredentials, seedLearners, type SeedOptions } from '../../lrs/seed/seed.ts';
import { loadCheckedCourses } from '../../packaging/build.ts';
import type { Course } from '../../core/content/schema.ts';
import { VERBS } from '../../core/xapi/vocabulary.ts';

const quiet = { info: () => {}, warn: () => {} };
const course: Course = loadCheckedCourses(resolve(import.meta.dirname, '../..'), { only: ['fundamentals'] }, quiet)[0]!.course!;
const options: SeedOptions = { learners: 400, orgs: 4, seed: 7, from: new Date(Date.UTC(2026, 8, 1)), days: 60 };
let backend: LrsBackend;
let statements: any[] = [];

beforeAll(async () => {
  backend = await openBackend(':memory:');
  const app = await createLrsServer(backend, { logLevel: 'silent' });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const sent = await postSeed(`${address}/xapi`, seedCredentials(backend).authorization, [course], options);
  await app.close();
  // Each organisation's learners are written with that organisation's credential.
  for (const org of SEED_ORGS.slice(0, options.orgs)) {
    statements.push(...(await backend.tenant(org).queryStatements({ ascending: true, limit: 100_000 })).map((r) => JSON.parse(r.body)));
  }
  expect(statements).toHaveLength(sent);
}, 60_000);
afterAll(async () => backend?.close());

describe('seed', () => {
  it('repeats with the same seed: learners, registrations and timestamps', () => {
    const [a, b] = [seedLearners(options), seedLearners(options)];
    expect(a).toEqual(b);
    const strip = (list: any[]) => list.map(({ id: _id, ...rest }) => rest);
    expect(strip(learnerStatements(course, a[5]!, options))).toEqual(strip(learnerStatements(course, b[5]!, options)));
  });

  it('spreads learners over the organisations, pseudonymous but for the first', () => {
    const byOrg = new Map<string, Set<string>>();
    for (const s of statements) {
      const org = s.context.extensions['https://inprocap.eu/xapi/extensions/organisation'];
      byOrg.set(org, (byOrg.get(org) ?? new Set()).add(s.actor.account.name));
    }
    expect([...byOrg.keys()].sort()).toEqual(['CDTI', 'DTI', 'NCBJ', 'NWO-I']);
    expect([...byOrg.values()].every((learners) => learners.size === 100)).toBe(true);
    expect(statements.filter((s) => s.actor.name).every((s) => s.context.extensions['https://inprocap.eu/xapi/extensions/organisation'] === 'DTI')).toBe(true);
  });

  it('has the known answer patterns: an easy, a hard and a negatively discriminating question', () => {
    const answered = statements.filter((s) => s.verb.id === VERBS.answered);
    const learners = [...new Set(answered.map((s) => s.actor.account.name))];
    const questions = course.content.en!.quiz!.questions;
    const correct = (learner: string, q: number) => answered.some((s) => s.actor.account.name === learner && s.object.id.endsWith(`/questions/${questions[q]!.id}`) && s.result.success);
    const facility = (q: number) => learners.filter((l) => correct(l, q)).length / learners.length;
    expect(facility(0)).toBeGreaterThan(0.85);
    expect(facility(1)).toBeLessThan(0.25);
    // Point-biserial correlation of question 3 with the rest of the score: negative.
    const totals = learners.map((l) => questions.filter((_, q) => q !== 2 && correct(l, q)).length);
    const flags = learners.map((l) => (correct(l, 2) ? 1 : 0));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const mt = mean(totals);
    const mf = mean(flags);
    const cov = mean(totals.map((t, i) => (t - mt) * (flags[i]! - mf)));
    expect(cov).toBeLessThan(0);
  });

  it('has learners who stopped, and survey comments with markup kept as text', () => {
    const completed = new Set(statements.filter((s) => s.verb.id === VERBS.completed).map((s) => s.actor.account.name));
    const started = new Set(statements.map((s) => s.actor.account.name));
    expect(started.size - completed.size).toBeGreaterThan(20);
    const comments = statements.filter((s) => s.verb.id === VERBS.responded && s.object.definition.interactionType === 'long-fill-in').map((s) => s.result.response);
    expect(comments).toContain('<script>alert("x")</script> please fix');
    const stamps = statements.map((s) => Date.parse(s.timestamp));
    expect(Math.min(...stamps)).toBeGreaterThanOrEqual(options.from.getTime());
    expect(Math.max(...stamps)).toBeLessThan(options.from.getTime() + (options.days + 2) * 86_400_000);
  });
});
