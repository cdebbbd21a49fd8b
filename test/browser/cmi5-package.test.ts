/**
 * The cmi5 package in Chromium, launched by a test LMS the cmi5 way (fetch URL, LMS.LaunchData in
 * the project's own LRS): the statements obey the cmi5 rules, and a relaunch resumes from the
 * State resource without repeating passed or completed.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../lrs/auth/credentials.ts';
import { createLrsServer } from '../../lrs/server.ts';
import type { LrsBackend } from '../../lrs/storage/backend.ts';
import { openBackend } from '../../lrs/storage/open.ts';
import { agentKey } from '../../core/xapi/identity.ts';
import type { Course } from '../../core/content/schema.ts';
import { correctResponse } from '../../core/quiz/scoring.ts';
import { CMI5_CATEGORY, MOVEON_CATEGORY } from '../../src/tracker/cmi5/cmi5-tracker.ts';
import { VERBS } from '../../core/xapi/vocabulary.ts';
import { ROOT, builtCourses, launchBrowser, playModule, screenshot, until } from './harness.ts';
import { readZip, startLms } from './lms-host.ts';

const SESSION_ID = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const courses = builtCourses();

let browser: Browser;
let lms: Awaited<ReturnType<typeof startLms>>;
let backend: LrsBackend;
let lrs: FastifyInstance;
let endpoint = '';
let token = '';

beforeAll(async () => {
  browser = await launchBrowser();
  lms = await startLms();
  for (const course of courses) lms.addPackage(`${course.slug}-cmi5`, readZip(resolve(ROOT, `dist/packages/${course.slug}-${course.version}-cmi5.zip`)));
  backend = await openBackend(':memory:');
  lrs = await createLrsServer(backend, { logLevel: 'silent' });
  endpoint = `${await lrs.listen({ port: 0, host: '127.0.0.1' })}/xapi/`;
  const { credential, secret } = await createCredential(backend, 'DTI', ['statements/write', 'statements/read', 'state', 'profile']);
  token = Buffer.from(`${credential.key}:${secret}`).toString('base64');
});

afterAll(async () => {
  await browser?.close();
  await lms?.close();
  await lrs?.close();
  await backend?.close();
});

/** What a cmi5 LMS does before launching an AU: write LMS.LaunchData, issue a fetch URL. */
async function prepareLaunch(course: Course, actor: Record<string, unknown>, registration: string): Promise<{ url: string; sessionId: string }> {
  const sessionId = randomUUID();
  const launchData = {
    contextTemplate: {
      contextActivities: { grouping: [{ objectType: 'Activity', id: `${course.id}/cmi5-course` }] },
      extensions: { [SESSION_ID]: sessionId },
    },
    launchMode: 'Normal',
    masteryScore: course.masteryScore / 100,
    moveOn: 'CompletedAndPassed',
  };
  const key = { kind: 'state' as const, activityId: course.id, agentKey: agentKey(actor)!, registration, documentId: 'LMS.LaunchData' };
  const content = Buffer.from(JSON.stringify(launchData));
  await backend.tenant('DTI').putDocument(key, { contentType: 'application/json', content, etag: '"launch"', updated: new Date().toISOString() });
  const params = new URLSearchParams({ endpoint, fetch: lms.cmi5FetchUrl(sessionId, token), actor: JSON.stringify(actor), registration, activityId: course.id });
  return { url: `${lms.url}/pkg/${course.slug}-cmi5/index.html?${params}`, sessionId };
}

async function statementsOf(actor: Record<string, unknown>): Promise<any[]> {
  const rows = await backend.tenant('DTI').queryStatements({ agentKey: agentKey(actor)!, ascending: true, limit: 1000 });
  return rows.map((r) => JSON.parse(r.body));
}

function completeModule(frame: Frame, answers: unknown[]): Promise<void> {
  return playModule(frame, { answers, finish: true });
}

describe.each(courses.map((c) => [c.slug, c] as const))('cmi5 package %s', (slug, course) => {
  const questions = course.content[course.defaultLanguage]!.quiz!.questions;

  it('follows the cmi5 statement rules over two sessions of one registration', async () => {
    const actor = { objectType: 'Agent', name: 'Jane Doe', account: { homePage: 'https://lms.example.org', name: `cmi5-${slug}` } };
    const registration = randomUUID();
    const first = await prepareLaunch(course, actor, registration);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(first.url);
    await page.waitForFunction(() => 'inprocap' in window);
    await screenshot(page, `cmi5-${slug}-launched`);
    await completeModule(page.mainFrame(), questions.map(correctResponse));
    const verbsOf = async () => (await statementsOf(actor)).map((s) => s.verb.id as string);
    await until(async () => (await verbsOf()).at(-1) === VERBS.terminated, 'terminated');
    await page.close();

    // A second session of the same registration: resumes, and reports no verdict again.
    const second = await prepareLaunch(course, actor, registration);
    const again = await context.newPage();
    await again.goto(second.url);
    await again.waitForFunction(() => 'inprocap' in window);
    const resumed = await again.evaluate(() => (window as any).inprocap.player.state.quiz.bestPercent);
    expect(resumed).toBe(100);
    await completeModule(again.mainFrame(), questions.map(correctResponse));
    await until(async () => (await verbsOf()).filter((v) => v === VERBS.terminated).length === 2, 'second terminated');
    await context.close();

    const all = await statementsOf(actor);
    const bySession = (id: string) => all.filter((s) => s.context?.extensions?.[SESSION_ID] === id);
    for (const session of [first.sessionId, second.sessionId]) {
      const verbs = bySession(session).map((s) => s.verb.id);
      expect(verbs[0], 'initialized first').toBe(VERBS.initialized);
      expect(verbs.at(-1), 'terminated last').toBe(VERBS.terminated);
      expect(verbs.filter((v) => v === VERBS.initialized)).toHaveLength(1);
      expect(verbs.filter((v) => v === VERBS.terminated)).toHaveLength(1);
    }
    // passed and completed once per registration, in the first session, with the moveon category.
    const verdicts = all.filter((s) => [VERBS.passed, VERBS.failed, VERBS.completed].includes(s.verb.id));
    expect(verdicts.map((s) => s.verb.id)).toEqual([VERBS.passed, VERBS.completed]);
    expect(verdicts.every((s) => s.context.extensions[SESSION_ID] === first.sessionId)).toBe(true);
    for (const s of all) {
      const categories = (s.context.contextActivities.category ?? []).map((c: { id: string }) => c.id);
      const defined = [VERBS.initialized, VERBS.passed, VERBS.failed, VERBS.completed, VERBS.terminated].includes(s.verb.id);
      // The context template on every statement; the cmi5 category only on the cmi5-defined ones.
      expect(s.context.registration).toBe(registration);
      expect(s.context.contextActivities.grouping[0].id).toBe(`${course.id}/cmi5-course`);
      expect(categories.includes(CMI5_CATEGORY)).toBe(defined);
      expect(categories.includes(MOVEON_CATEGORY)).toBe([VERBS.passed, VERBS.failed, VERBS.completed].includes(s.verb.id));
      if (defined) expect(s.object.id).toBe(course.id);
    }
    const passed = verdicts[0]!;
    expect(passed.result.success).toBe(true);
    expect(passed.result.score.scaled).toBeGreaterThanOrEqual(course.masteryScore / 100);
    expect(passed.result.duration).toMatch(/^PT/);
  });

  it('refuses to start when the fetch URL was already used, and says so', async () => {
    const actor = { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: `cmi5-${slug}-reuse` } };
    const { url } = await prepareLaunch(course, actor, randomUUID());
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'inprocap' in window);
    const reused = await context.newPage();
    await reused.goto(url);
    await reused.waitForSelector('[role="alert"]');
    expect(await reused.textContent('[role="alert"]')).toContain('cmi5 token');
    await context.close();
  });
});
