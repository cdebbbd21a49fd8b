/**
 * The learning gain report (GET /api/reports/gain) on both databases: seeded learners whose gain
 * the seed declares, every figure checked against the learners' statements regenerated and
 * counted here, with the confidence interval's t quantile found here by integrating Student's
 * density (not the LRS's table); hand-made learners at the ceiling, answering the pre-check
 * again after the quiz, or missing a quiz item; tenancy and parameters.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../lrs/http/dashboard-session.ts';
import { learnerStatements, orgIri, postSeed, SEED_PRECHECK_SHARE, seedCredentials, seededGain, seedLearners, type SeedOptions } from '../../lrs/seed/seed.ts';
import { loadCheckedCourses } from '../../packaging/build.ts';
import type { Course, Question } from '../../core/content/schema.ts';
import { correctResponse, scoreQuestion } from '../../core/quiz/scoring.ts';
import { questionType } from '../../core/question-types/registry.ts';
import { seededRandom } from '../../core/quiz/shuffle.ts';
import { StatementFactory } from '../../core/xapi/statement-factory.ts';
import { EXTENSIONS, VERBS } from '../../core/xapi/vocabulary.ts';
import { TEST_DATABASES } from './backends.ts';
import { signInAccounts, startTestLrs, type TestLrs } from './client.ts';

const quiet = { info: () => {}, warn: () => {} };
const courses: Course[] = loadCheckedCourses(resolve(import.meta.dirname, '../..'), { only: ['fundamentals', 'pcp'] }, quiet).map((c) => c.course!);
const fundamentals = courses.find((c) => c.slug === 'fundamentals')!;
const pcp = courses.find((c) => c.slug === 'pcp')!;
const options: SeedOptions = { learners: 150, orgs: 3, seed: 13, from: new Date(Date.UTC(2026, 2, 1)), days: 40 };
const PASSWORD = 'a long password 1';

// ---- Each seeded learner's gain, computed here from the statements the seed sends ------------

interface LearnerGain {
  org: string;
  items: Map<string, { pre: boolean; post: boolean }>;
  pre: number;
  post: number;
  gain: number | null;
}

const precheckGroup = `${pcp.id}/precheck`;
const isPrecheck = (s: any) => (s.context.contextActivities.grouping ?? []).some((g: any) => g.id === precheckGroup);

/** The learner's figures by the README's definitions, or undefined when they do not count (no pre-check, or unmatched). */
function learnerGain(statements: any[], org: string): LearnerGain | undefined {
  const answered = statements.filter((s) => s.verb.id === VERBS.answered).sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  const quiz = answered.filter((s) => !isPrecheck(s));
  const firstQuiz = quiz[0]?.timestamp ?? '9999';
  const items = new Map<string, { pre: boolean; post: boolean }>();
  const pre = new Map<string, boolean>();
  for (const s of answered.filter((s) => isPrecheck(s) && s.object.id.startsWith(`${pcp.id}/questions/`) && s.timestamp < firstQuiz)) {
    if (!pre.has(s.object.id)) pre.set(s.object.id, s.result.success);
  }
  if (!pre.size) return undefined;
  for (const [id, before] of pre) {
    const first = quiz.find((s) => s.object.id === id && s.result.extensions?.[EXTENSIONS.attempt] === 1);
    if (!first) return undefined;
    items.set(id, { pre: before, post: first.result.success });
  }
  const pct = (key: 'pre' | 'post') => (100 * [...items.values()].filter((i) => i[key]).length) / items.size;
  const [p, q] = [pct('pre'), pct('post')];
  return { org, items, pre: p, post: q, gain: p === 100 ? null : (q - p) / (100 - p) };
}

const learners = seedLearners(options);
const gains = learners.flatMap((l) => {
  const g = learnerGain(learnerStatements(pcp, l, options) as any[], l.org);
  return g ? [g] : [];
});
const tookPrecheck = learners.filter((l) => (learnerStatements(pcp, l, options) as any[]).some(isPrecheck)).length;

// ---- Statistics, independently of lrs/reports/statistics.ts ----------------------------------

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

/** ln Γ(x) by Lanczos (g = 7, n = 9). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Student's t quantile at 0.975: the t where the density integrated from 0 (Simpson) reaches 0.475. */
function t975(df: number): number {
  const c = Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2)) / Math.sqrt(df * Math.PI);
  const density = (x: number) => c * (1 + (x * x) / df) ** (-(df + 1) / 2);
  const area = (t: number) => {
    const steps = 2000;
    const h = t / steps;
    let sum = density(0) + density(t);
    for (let i = 1; i < steps; i++) sum += density(i * h) * (i % 2 ? 4 : 2);
    return (sum * h) / 3;
  };
  let [low, high] = [0, 20];
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (area(mid) < 0.475) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

describe('the independent t quantile', () => {
  it('agrees with published tables', () => {
    expect(t975(1)).toBeCloseTo(12.706, 2);
    expect(t975(10)).toBeCloseTo(2.228, 3);
    expect(t975(120)).toBeCloseTo(1.980, 3);
  });
});

describe('the seed builds a known gain', () => {
  it('gives every matched learner below the ceiling their organisation’s declared gain', () => {
    expect(gains.length).toBeGreaterThan(60);
    for (const g of gains) if (g.gain !== null) expect(g.gain).toBe(seededGain(g.org));
    // Strong learners are at times at the ceiling (every pre-check item right): no gain to measure.
    const ceiling = gains.filter((g) => g.gain === null).length;
    expect(ceiling).toBeGreaterThan(0);
    expect(ceiling).toBeLessThan(gains.length / 2);
    expect(new Set(gains.map((g) => g.org)).size).toBe(3);
    // About 85% take the pre-check; the rest skip it.
    expect(tookPrecheck / learners.length).toBeGreaterThan(SEED_PRECHECK_SHARE - 0.1);
    expect(tookPrecheck / learners.length).toBeLessThan(SEED_PRECHECK_SHARE + 0.1);
  });

  it('times the pre-check after initialized and before the first lesson', () => {
    for (const learner of learners.slice(0, 40)) {
      const statements = learnerStatements(pcp, learner, options) as any[];
      const pre = statements.filter(isPrecheck);
      if (!pre.length) continue;
      const initialized = statements.find((s) => s.verb.id === VERBS.initialized)!;
      const lesson = statements.find((s) => s.object.id.startsWith(`${pcp.id}/lessons/`))!;
      for (const s of pre) {
        expect(s.timestamp > initialized.timestamp).toBe(true);
        expect(s.timestamp < lesson.timestamp).toBe(true);
      }
    }
  });
});

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('the learning gain on %s', (_name, database) => {
  let lrs: TestLrs;
  const cookies: Record<string, { session: string; csrf: string }> = {};

  beforeAll(async () => {
    lrs = await startTestLrs(database);
    const address = await lrs.app.listen({ port: 0, host: '127.0.0.1' });
    await postSeed(`${address}/xapi`, seedCredentials(lrs.backend).authorization, courses, options);
    Object.assign(cookies, await signInAccounts(lrs, [['cg', 'control-group'], ['trainer.dti', 'trainer', 'DTI'], ['trainer.cdti', 'trainer', 'CDTI']], PASSWORD));
  }, 120_000);
  afterAll(async () => lrs?.close());

  const report = async (who: string, query: Record<string, string>) => {
    const response = await lrs.app.inject({ method: 'GET', url: `/api/reports/gain?${new URLSearchParams(query)}`, cookies: { [SESSION_COOKIE]: cookies[who]!.session } });
    return { status: response.statusCode, body: response.json() };
  };

  /** The figures of a group of learners, as the report should give them. */
  const expected = (group: LearnerGain[]) => {
    const below = group.filter((g) => g.gain !== null);
    const values = below.map((g) => g.gain!);
    const m = mean(values);
    const half = (t975(values.length - 1) * sd(values)) / Math.sqrt(values.length);
    return { learners: group.length, atCeiling: group.length - below.length, n: below.length, meanPre: mean(below.map((g) => g.pre)), meanPost: mean(below.map((g) => g.post)), gain: m, low: m - half, high: m + half };
  };
  const expectFigures = (actual: any, group: LearnerGain[]) => {
    const e = expected(group);
    expect(actual).toMatchObject({ learners: e.learners, atCeiling: e.atCeiling, n: e.n });
    expect(actual.gain).toBeCloseTo(e.gain, 12);
    expect(actual.meanPre).toBeCloseTo(e.meanPre, 10);
    expect(actual.meanPost).toBeCloseTo(e.meanPost, 10);
    expect(actual.ci.low).toBeCloseTo(e.low, 6);
    expect(actual.ci.high).toBeCloseTo(e.high, 6);
  };

  it("gives each partner exactly the seed's gain, and overall the mean of the learners' gains", async () => {
    const { status, body } = await report('cg', { module: pcp.id });
    expect(status).toBe(200);
    expect(body.moduleId).toBe(pcp.id);
    expect(body.precheckLearners).toBe(tookPrecheck);
    // Per partner: the gain the seed was built with, exactly; every learner alike, so a zero-width interval.
    expect(body.orgs.map((o: any) => o.org)).toEqual(['CDTI', 'DTI', 'NWO-I']);
    for (const row of body.orgs) {
      expect(row.gain).toBe(seededGain(row.org));
      expect(row.ci).toEqual({ low: seededGain(row.org), high: seededGain(row.org) });
      expectFigures(row, gains.filter((g) => g.org === row.org));
    }
    // Overall: the mean over the matched learners, with its 95% interval.
    expectFigures(body.overall, gains);
    expect(body.overall.learners).toBe(gains.length);
    expect(body.overall.n).toBe(gains.filter((g) => g.gain !== null).length);
    expect(body.overall.atCeiling).toBeGreaterThan(0);
    expect(body.overall.sd).toBeCloseTo(sd(gains.flatMap((g) => (g.gain === null ? [] : [g.gain]))), 10);
    // Every seeded learner answers in English.
    expect(body.languages).toHaveLength(1);
    expect(body.languages[0].language).toBe('en');
    expectFigures(body.languages[0], gains);
  });

  it('gives item by item the pre-check and first-attempt facilities and their gain', async () => {
    const { body } = await report('cg', { module: pcp.id });
    const items = pcp.content.en!.precheck!.questions.map((q) => `${pcp.id}/questions/${q.id}`);
    expect(body.items.map((i: any) => i.activityId).sort()).toEqual([...items].sort());
    for (const item of body.items) {
      const answers = gains.flatMap((g) => (g.items.has(item.activityId) ? [g.items.get(item.activityId)!] : []));
      const p = answers.filter((a) => a.pre).length / answers.length;
      const q = answers.filter((a) => a.post).length / answers.length;
      expect(item.learners).toBe(answers.length);
      expect(item.preFacility).toBeCloseTo(p, 12);
      expect(item.postFacility).toBeCloseTo(q, 12);
      expect(item.gain).toBeCloseTo((q - p) / (1 - p), 12);
      expect(item.question.length).toBeGreaterThan(5);
    }
  });

  it("narrows a trainer to their own organisation and refuses another's", async () => {
    const own = await report('trainer.cdti', { module: pcp.id });
    expect(own.status).toBe(200);
    expect(own.body.orgs.map((o: any) => o.org)).toEqual(['CDTI']);
    expect(own.body.overall.gain).toBe(seededGain('CDTI'));
    expectFigures(own.body.overall, gains.filter((g) => g.org === 'CDTI'));
    const other = await report('trainer.cdti', { module: pcp.id, org: 'DTI' });
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).not.toContain('"gain"');
    // The Control Group may narrow to one partner.
    const dti = await report('cg', { module: pcp.id, org: 'DTI' });
    expect(dti.body.overall.gain).toBe(seededGain('DTI'));
    expect(dti.body.orgs).toHaveLength(1);
  });

  it('answers a module without a pre-check with empty figures, not an error', async () => {
    const { status, body } = await report('cg', { module: fundamentals.id });
    expect(status).toBe(200);
    expect(body).toMatchObject({ precheckLearners: 0, orgs: [], languages: [], items: [] });
    expect(body.overall).toEqual({ learners: 0, atCeiling: 0, n: 0, meanPre: null, meanPost: null, gain: null, sd: null, ci: null });
    expect((await report('cg', { module: 'https://inprocap.eu/modules/unknown' })).status).toBe(200);
  });

  it('refuses malformed parameters, naming the reason', async () => {
    const refused = async (query: Record<string, string>) => {
      const { status, body } = await report('cg', query);
      expect(status).toBe(400);
      return body.message;
    };
    expect(await refused({})).toBe('"module" is required');
    expect(await refused({ module: '' })).toMatch(/"module" is required/);
    expect(await refused({ module: pcp.id, from: '2026-13-01' })).toBe('"from" must be a date as YYYY-MM-DD');
    expect(await refused({ module: pcp.id, language: 'english' })).toBe('"language" must be a language code such as "fr"');
    expect(await refused({ module: pcp.id, items: '1' })).toBe('unknown parameter "items"');
    const anonymous = await lrs.app.inject({ method: 'GET', url: `/api/reports/gain?module=${encodeURIComponent(pcp.id)}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('counts a learner at the ceiling, ignores pre-check answers after the first quiz answer, leaves out the unmatched', async () => {
    // Three learners of an organisation of their own, made with the runtime's statement factory.
    const org = 'XTRA';
    const content = pcp.content.en!;
    const quiz = content.quiz!.questions;
    const precheck = content.precheck!.questions;
    const random = seededRandom(99);
    const wrong = (q: Question) => questionType(q).seedWrongResponse(q, random);
    let clock = Date.UTC(2026, 2, 10, 9);
    const learner = (name: string) =>
      new StatementFactory(pcp, {
        actor: { objectType: 'Agent', account: { homePage: orgIri(org), name } },
        registration: crypto.randomUUID(),
        language: 'en',
        packageFormat: 'xapi',
        organisation: org,
        now: () => new Date(clock),
      });
    const answer = (factory: StatementFactory, kind: 'precheck' | 'question', question: Question, right: boolean) => {
      clock += 10_000;
      const response = right ? correctResponse(question) : wrong(question);
      const result = scoreQuestion(question, response);
      const timestamp = new Date(clock);
      return factory.interaction(kind === 'precheck' ? { kind, question, response, result, latencyMs: 5000, inQuiz: true, timestamp } : { kind, question, response, result, latencyMs: 5000, attempt: 1, timestamp })!;
    };
    const statements = [];
    // At the ceiling: every pre-check item right, then the whole quiz.
    const ceiling = learner('ceiling');
    statements.push(ceiling.initialized(), ...precheck.map((q) => answer(ceiling, 'precheck', q, true)), ...quiz.map((q) => answer(ceiling, 'question', q, q.id !== precheck[0]!.id)));
    // One of five right before, three at the first attempt: gain (60 − 20) / (100 − 20) = 0.5.
    // Then the pre-check again, every item right, after the quiz began: ignored.
    const late = learner('late');
    statements.push(late.initialized(), ...precheck.map((q, i) => answer(late, 'precheck', q, i === 0)));
    statements.push(...quiz.map((q) => answer(late, 'question', q, precheck.findIndex((p) => p.id === q.id) < 3)));
    statements.push(...precheck.map((q) => answer(late, 'precheck', q, true)));
    // Unmatched: the pre-check, but one of its items never answered in the quiz.
    const partial = learner('partial');
    statements.push(partial.initialized(), ...precheck.map((q) => answer(partial, 'precheck', q, false)), ...quiz.filter((q) => q.id !== precheck[2]!.id).map((q) => answer(partial, 'question', q, true)));
    const stored = await lrs.request('POST', '/xapi/statements', { auth: await lrs.auth(['statements/write'], org), body: statements });
    expect(stored.status).toBe(200);

    const { body } = await report('cg', { module: pcp.id, org });
    expect(body.precheckLearners).toBe(3);
    expect(body.overall).toMatchObject({ learners: 2, atCeiling: 1, n: 1, gain: 0.5, meanPre: 20, meanPost: 60, sd: null, ci: null });
    const first = body.items.find((i: any) => i.activityId === `${pcp.id}/questions/${precheck[0]!.id}`);
    // Both matched learners had the first item right before; the ceiling learner got it wrong in the quiz.
    expect(first).toMatchObject({ learners: 2, preFacility: 1, postFacility: 0.5, gain: null });
    // The seeded partners' figures are unchanged by the new organisation.
    const all = await report('cg', { module: pcp.id });
    expect(all.body.orgs.find((o: any) => o.org === 'CDTI').gain).toBe(seededGain('CDTI'));
    expect(all.body.overall.learners).toBe(gains.length + 2);
  });
});
