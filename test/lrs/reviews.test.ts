/**
 * The Control Group's review of findings on both databases: the build's source indexes link each
 * activity to its file, line and reviewer's page; Control Group accounts (and admins) mark a
 * finding reviewed with a note, trainers cannot; marks belong to the module's version, so a new
 * version starts a fresh review; the reviewer's pages are for signed-in accounts only.
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceIndex } from '../../core/content/source-index.ts';
import { SESSION_COOKIE } from '../../lrs/http/dashboard-session.ts';
import { writeReviewPages } from '../../packaging/review/review.ts';
import { loadCheckedCourses } from '../../packaging/build.ts';
import { TEST_DATABASES } from './backends.ts';
import { signInAccounts, startTestLrs, type TestLrs } from './client.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'a long password 1';
const quiet = { info: () => {}, warn: () => {} };
const [fundamentals] = loadCheckedCourses(ROOT, { only: ['fundamentals'] }, quiet).map((c) => c.course!);
const question = fundamentals!.content.en!.quiz!.questions[2]!;
const QUESTION = `${fundamentals!.id}/questions/${question.id}`;

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('the review of findings on %s', (_name, database) => {
  let lrs: TestLrs;
  const modulesDir = mkdtempSync(join(tmpdir(), 'inprocap-review-'));
  const cookies: Record<string, { session: string; csrf: string }> = {};

  beforeAll(async () => {
    writeReviewPages(ROOT, { only: ['fundamentals'], out: join(modulesDir, 'review') }, quiet);
    lrs = await startTestLrs(database, { modulesDir });
    Object.assign(cookies, await signInAccounts(lrs, [['cg', 'control-group'], ['admin', 'admin'], ['trainer', 'trainer', 'DTI']], PASSWORD));
  }, 60_000);
  afterAll(async () => {
    await lrs?.close();
    rmSync(modulesDir, { recursive: true, force: true });
  });

  const api = async (who: string | null, method: string, url: string, payload?: unknown, csrf = true) => {
    const response = await lrs.app.inject({
      method: method as never,
      url,
      ...(who ? { cookies: { [SESSION_COOKIE]: cookies[who]!.session } } : {}),
      headers: who && csrf && method !== 'GET' ? { 'x-csrf-token': cookies[who]!.csrf } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    const json = response.headers['content-type']?.toString().startsWith('application/json');
    return { status: response.statusCode, body: json ? response.json() : response.body, headers: response.headers };
  };
  const reviewOf = async (who = 'trainer') => (await api(who, 'GET', `/api/reviews?module=${encodeURIComponent(fundamentals!.id)}`)).body;

  it('links every question, decision and survey statement to its file and line, and to the reviewer\'s page', async () => {
    const review = await reviewOf();
    expect(review).toMatchObject({ moduleId: fundamentals!.id, version: fundamentals!.version, reviewPage: '/review/fundamentals.html', marks: [], versions: [] });
    const source = review.sources[QUESTION];
    expect(source).toMatchObject({ file: 'modules/fundamentals/quiz.yaml', href: `/review/fundamentals.html#question-${question.id}` });
    // The line is where the question starts: its id is written on it or just below.
    const lines = readFileSync(join(ROOT, source.file), 'utf8').split('\n');
    expect(lines.slice(source.line - 1, source.line + 6).some((l) => new RegExp(`\\bid: ${question.id}\\s*$`).test(l))).toBe(true);
    const exercise = fundamentals!.content.en!.case!;
    const decision = exercise.nodes.find((n) => n.type === 'decision')!;
    expect(review.sources[`${fundamentals!.id}/case/${exercise.id}/${decision.id}`]).toMatchObject({ file: 'modules/fundamentals/case.yaml', href: `/review/fundamentals.html#decision-${decision.id}` });
    expect(Object.keys(review.sources).filter((id: string) => id.includes('/survey/')).length).toBeGreaterThan(0);
    expect(Object.keys(review.sources).filter((id: string) => id.includes('/lessons/')).length).toBe(fundamentals!.content.en!.lessons.length);
  });

  it('lets the Control Group mark a finding reviewed with a note, kept per module version; not a trainer', async () => {
    const finding = { moduleId: fundamentals!.id, activityId: QUESTION, note: 'Distractor b rewritten: it gave the answer away.' };
    expect((await api('trainer', 'PUT', '/api/reviews', finding)).status).toBe(403);
    expect((await api('cg', 'PUT', '/api/reviews', finding, false)).status).toBe(403);
    expect((await api(null, 'PUT', '/api/reviews', finding)).status).toBe(401);
    const refused = async (payload: unknown, status = 400) => {
      const { status: got, body } = await api('cg', 'PUT', '/api/reviews', payload);
      expect(got).toBe(status);
      return body.message as string;
    };
    expect(await refused({ ...finding, note: '  ' })).toBe('"note" must say what was decided');
    expect(await refused({ ...finding, activityId: `${fundamentals!.id}/questions/none` })).toMatch(/is not an activity of fundamentals/);
    expect(await refused({ ...finding, moduleId: 'https://example.org/other' }, 409)).toMatch(/no build of https:\/\/example.org\/other/);
    expect(await refused({ ...finding, reviewer: 'someone else' })).toBe('"reviewer" is not a field of this body');
    expect(await reviewOf()).toMatchObject({ marks: [] });

    const marked = await api('cg', 'PUT', '/api/reviews', finding);
    expect(marked.status).toBe(200);
    expect(marked.body.marks).toEqual([{ activityId: QUESTION, reviewer: 'cg', note: finding.note, reviewedAt: expect.any(String) }]);
    // Everyone signed in sees it on their next visit; an admin may mark too (the latest note wins).
    expect((await reviewOf('trainer')).marks).toHaveLength(1);
    await api('admin', 'PUT', '/api/reviews', { ...finding, note: 'Checked again after the pilot.' });
    expect((await reviewOf()).marks).toMatchObject([{ reviewer: 'admin', note: 'Checked again after the pilot.' }]);

    // A new version of the module (rebuilt): a fresh review; the old marks stay with their version.
    const file = join(modulesDir, 'review', 'fundamentals.sources.json');
    const index = JSON.parse(readFileSync(file, 'utf8')) as SourceIndex;
    writeFileSync(file, JSON.stringify({ ...index, version: '9.0.0' }));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await reviewOf()).toMatchObject({ version: '9.0.0', marks: [], versions: [{ version: fundamentals!.version, marks: 1 }] });
    writeFileSync(file, JSON.stringify(index));
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));

    // Open again: the mark goes; opening what is not marked is a 404.
    const reopened = await api('cg', 'DELETE', '/api/reviews', { moduleId: finding.moduleId, activityId: QUESTION });
    expect(reopened.status).toBe(200);
    expect(reopened.body.marks).toEqual([]);
    expect((await api('cg', 'DELETE', '/api/reviews', { moduleId: finding.moduleId, activityId: QUESTION })).status).toBe(404);
    expect((await api('trainer', 'DELETE', '/api/reviews', { moduleId: finding.moduleId, activityId: QUESTION })).status).toBe(403);
  });

  it("serves the reviewer's pages to signed-in accounts only, with a strict policy", async () => {
    const page = await api('trainer', 'GET', '/review/fundamentals.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(page.body).toContain(`id="question-${question.id}"`);
    expect((await api(null, 'GET', '/review/fundamentals.html')).status).toBe(401);
    expect((await api('cg', 'GET', '/review/..%2Fsecret.html')).status).toBe(404);
    expect((await api('cg', 'GET', '/review/fundamentals.sources.json')).status).toBe(404);
  });
});
