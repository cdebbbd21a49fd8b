/**
 * The xAPI (TinCan launch) package in Chromium against the project's own LRS: the statements a
 * completed module sends, in order; resume from the State resource; statements kept through an
 * LRS outage and a closed tab.
 */
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../lrs/auth/credentials.ts';
import { createLrsServer } from '../../lrs/server.ts';
import type { LrsBackend } from '../../lrs/storage/backend.ts';
import { openBackend } from '../../lrs/storage/open.ts';
import type { Course } from '../../core/content/schema.ts';
import { correctResponse } from '../../core/quiz/scoring.ts';
import { learningFact } from '../../core/xapi/learning-facts.ts';
import { VERBS } from '../../core/xapi/vocabulary.ts';
import { ROOT, answerFirst, builtCourses, launchBrowser, playModule, screenshot, until } from './harness.ts';
import { Learner } from './learner.ts';
import { readZip, startLms } from './lms-host.ts';

const courses = builtCourses();

let browser: Browser;
let lms: Awaited<ReturnType<typeof startLms>>;
let backend: LrsBackend;
let lrs: FastifyInstance | undefined;
let lrsPort = 0;
let auth = '';

async function lrsUp(): Promise<void> {
  lrs = await createLrsServer(backend, { logLevel: 'silent' });
  lrsPort = Number(new URL(await lrs.listen({ port: lrsPort, host: '127.0.0.1' })).port);
}

/** Stops the LRS now: keep-alive connections from the browser would otherwise hold close() open. */
async function lrsDown(): Promise<void> {
  const app = lrs;
  lrs = undefined;
  if (!app) return;
  const closing = app.close();
  app.server.closeAllConnections();
  await closing;
}

beforeAll(async () => {
  browser = await launchBrowser();
  lms = await startLms();
  for (const course of courses) lms.addPackage(`${course.slug}-xapi`, readZip(resolve(ROOT, `dist/packages/${course.slug}-${course.version}-xapi.zip`)));
  backend = await openBackend(':memory:');
  const { credential, secret } = await createCredential(backend, 'DTI', ['statements/write', 'state']);
  auth = `Basic ${Buffer.from(`${credential.key}:${secret}`).toString('base64')}`;
  await lrsUp();
});

afterAll(async () => {
  await browser?.close();
  await lms?.close();
  await lrsDown();
  await backend?.close();
});

function launchUrl(course: Course, learner: string, registration: string): string {
  const params = new URLSearchParams({
    endpoint: `http://127.0.0.1:${lrsPort}/xapi/`,
    auth,
    actor: JSON.stringify({ objectType: 'Agent', name: 'Jane Doe', account: { homePage: 'https://dti.example.org', name: learner } }),
    registration,
    activity_id: course.id,
  });
  return `${lms.url}/pkg/${course.slug}-xapi/index.html?${params}`;
}

async function open(context: BrowserContext, url: string): Promise<{ page: Page; frame: Frame }> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'inprocap' in window);
  return { page, frame: page.mainFrame() };
}

/** The learner's statements in the LRS, oldest first. */
async function statementsOf(learner: string): Promise<any[]> {
  const agentKey = `account:https://dti.example.org|${learner}`;
  const rows = await backend.tenant('DTI').queryStatements({ agentKey, ascending: true, limit: 500 });
  return rows.map((r) => JSON.parse(r.body));
}

describe.each(courses.map((c) => [c.slug, c] as const))('xAPI package %s', (slug, course) => {
  const content = course.content[course.defaultLanguage]!;
  const questions = content.quiz!.questions;

  it('sends initialized, every answer, decision and survey response, passed, completed and terminated, in order', async () => {
    const context = await browser.newContext();
    const learner = `learner-${slug}-complete`;
    const { page, frame } = await open(context, launchUrl(course, learner, crypto.randomUUID()));
    await screenshot(page, `xapi-${slug}-launched`);
    await playModule(frame, { answers: questions.map(correctResponse), survey: { rating: 4, comment: 'Useful' }, finish: true });
    const verbs = async () => (await statementsOf(learner)).map((s) => s.verb.id as string);
    await until(async () => (await verbs()).at(-1) === VERBS.terminated, 'terminated');
    const all = await statementsOf(learner);
    const sequence = all.map((s) => s.verb.id);
    expect(sequence[0]).toBe(VERBS.initialized);
    expect(sequence.at(-1)).toBe(VERBS.terminated);
    expect(sequence.filter((v) => v === VERBS.answered)).toHaveLength(questions.length);
    expect(sequence.filter((v) => v === VERBS.experienced)).toHaveLength(content.lessons.length);
    expect(sequence.filter((v) => v === VERBS.responded)).toHaveLength(content.survey!.items.length);
    expect(sequence.filter((v) => v === VERBS.decided).length).toBeGreaterThanOrEqual(3);
    expect(sequence.indexOf(VERBS.passed)).toBeGreaterThan(sequence.lastIndexOf(VERBS.answered));
    expect(sequence.indexOf(VERBS.completed)).toBeGreaterThan(sequence.indexOf(VERBS.passed));
    expect(sequence).not.toContain(VERBS.suspended);
    const passed = all.find((s) => s.verb.id === VERBS.passed)!;
    expect(passed.result).toMatchObject({ success: true, score: { scaled: 1, raw: 100, min: 0, max: 100 } });
    // Timestamps are the order the learner acted in.
    const stamps = all.map((s) => s.timestamp as string);
    expect([...stamps].sort()).toEqual(stamps);
    // Every answer carries its interaction definition and the module as parent.
    const answered = all.filter((s) => s.verb.id === VERBS.answered);
    expect(answered.every((s) => s.object.definition.interactionType && s.context.contextActivities.parent[0].id === course.id)).toBe(true);
    await context.close();
  });

  it('resumes from the State resource on relaunch, on another device', async () => {
    const learner = `learner-${slug}-resume`;
    const registration = crypto.randomUUID();
    const first = await browser.newContext();
    const { frame } = await open(first, launchUrl(course, learner, registration));
    const answered = await answerFirst(frame, questions.map(correctResponse), 2);
    await frame.evaluate(() => {
      const p = (window as any).inprocap.player;
      p.goToQuestion(2);
      return p.settled().then(() => p.tracker.flush());
    });
    await first.close();
    // A fresh browser profile: whatever comes back comes from the LRS.
    const second = await browser.newContext();
    const { frame: again } = await open(second, launchUrl(course, learner, registration));
    const restored = await again.evaluate((answered) => {
      const p = (window as any).inprocap.player;
      return { step: p.state.step, checked: answered.map((i: number) => p.state.quiz.checked[i]), dialog: document.querySelector('inp-course')!.shadowRoot!.querySelector('dialog')!.open };
    }, answered);
    expect(restored).toEqual({ step: 2, checked: [true, true], dialog: true });
    const verbs = (await statementsOf(learner)).map((s) => s.verb.id);
    expect(verbs).toContain(VERBS.resumed);
    await second.close();
  });

  it('delivers every statement exactly once and in order when the LRS comes back during the session', async () => {
    const learner = `learner-${slug}-blip`;
    const context = await browser.newContext();
    const { frame } = await open(context, launchUrl(course, learner, crypto.randomUUID()));
    await frame.waitForFunction(() => (window as any).inprocap.player.tracker.outbox.pending === 0);
    await lrsDown();
    const order = await answerFirst(frame, questions.map(correctResponse), 4);
    await frame.waitForFunction(() => (window as any).inprocap.player.tracker.outbox.pending >= 4);
    await lrsUp();
    await frame.waitForFunction(() => (window as any).inprocap.player.tracker.outbox.pending === 0, undefined, { timeout: 20000 });
    const answers = (await statementsOf(learner)).filter((s) => s.verb.id === VERBS.answered);
    expect(answers.map((s) => s.object.id)).toEqual(order.map((i) => `${course.id}/questions/${questions[i]!.id}`));
    expect(new Set(answers.map((s) => s.id)).size).toBe(4);
    const alert = await frame.evaluate(() => document.querySelector('inp-course')!.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim());
    expect(alert).toMatch(/saved in the learning platform again/);
    await context.close();
  });

  it('reports a statement the LRS refuses (400) in the console and delivers the rest', async () => {
    const learner = `learner-${slug}-refused`;
    const context = await browser.newContext();
    const { page, frame } = await open(context, launchUrl(course, learner, crypto.randomUUID()));
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await frame.waitForFunction(() => (window as any).inprocap.player.tracker.outbox.pending === 0);
    const ids = await frame.evaluate(async (activity) => {
      const p = (window as any).inprocap.player;
      const actor = p.tracker.launch.actor;
      const make = (n: number, overrides: object = {}) => ({
        id: crypto.randomUUID(),
        timestamp: new Date(Date.now() + n).toISOString(),
        actor,
        verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
        object: { id: `${activity}/extra/${n}` },
        ...overrides,
      });
      const batch = [make(1), make(2, { verb: { id: 'not an iri' } }), make(3)];
      await p.tracker.outbox.add(batch);
      return batch.map((s) => s.id);
    }, course.id);
    const stored = (await statementsOf(learner)).map((s) => s.id);
    expect(stored).toContain(ids[0]);
    expect(stored).toContain(ids[2]);
    expect(stored).not.toContain(ids[1]);
    expect(errors.some((e) => e.includes(`The LRS refused statement ${ids[1]}`) && e.includes('verb.id'))).toBe(true);
    await context.close();
  });

  it('keeps statements through an LRS outage and a closed tab, and delivers them at the next launch', async () => {
    const learner = `learner-${slug}-outage`;
    const registration = crypto.randomUUID();
    const context = await browser.newContext();
    const { page, frame } = await open(context, launchUrl(course, learner, registration));
    await frame.waitForFunction(() => (window as any).inprocap.player.tracker.outbox.pending === 0);
    const before = (await statementsOf(learner)).map((s) => s.verb.id);
    expect(before[0]).toBe(VERBS.initialized);
    await lrsDown();
    await answerFirst(frame, questions.map(correctResponse), 3);
    await frame.waitForFunction(() => document.querySelector('inp-course')!.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim().length > 0);
    await page.close({ runBeforeUnload: true }); // closed with a full outbox, the LRS still down
    await lrsUp();
    expect((await statementsOf(learner)).filter((s) => s.verb.id === VERBS.answered)).toHaveLength(0);
    const next = await open(context, launchUrl(course, learner, registration));
    await until(async () => (await statementsOf(learner)).filter((s) => s.verb.id === VERBS.answered).length === 3, 'the three answers');
    const answers = (await statementsOf(learner)).filter((s) => s.verb.id === VERBS.answered);
    expect(new Set(answers.map((s) => s.id)).size).toBe(3);
    await next.page.close();
    await context.close();
  });
});

describe('the pre-check over xAPI', () => {
  const course = courses.find((c) => c.slug === 'pcp')!;
  const precheck = course.content[course.defaultLanguage]!.precheck!;

  it('sends each answer, by the learner on screen, as a pre-check answer on the quiz item itself, before the first lesson', async () => {
    const context = await browser.newContext();
    const learner = 'learner-pcp-precheck';
    const { frame } = await open(context, launchUrl(course, learner, crypto.randomUUID()));
    const taking = new Learner(frame, course);
    await taking.takePrecheck('right');
    await taking.readLesson(course.sections.findIndex((s) => s.kind === 'lesson'));
    await until(async () => (await statementsOf(learner)).some((s) => s.verb.id === VERBS.experienced), 'the first lesson read');
    const all = await statementsOf(learner);
    const answered = all.filter((s) => s.verb.id === VERBS.answered);
    expect(answered.map((s) => s.object.id)).toEqual(precheck.questions.map((q) => `${course.id}/questions/${q.id}`));
    expect(answered.map((s) => [s.result.success, s.result.score])).toEqual(precheck.questions.map(() => [true, undefined]));
    expect(answered.map((s) => learningFact(s, 'DTI')?.kind)).toEqual(precheck.questions.map(() => 'precheck'));
    const verbs = all.map((s) => s.verb.id);
    expect(verbs.indexOf(VERBS.experienced), 'the pre-check comes before the first lesson').toBeGreaterThan(verbs.lastIndexOf(VERBS.answered));
    expect(verbs, 'no score or status from the pre-check').not.toContain(VERBS.passed);
    expect(verbs).not.toContain(VERBS.failed);
    await context.close();
  });
});
