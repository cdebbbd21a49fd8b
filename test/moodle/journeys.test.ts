/**
 * Beyond the learner who gets everything right, in the same real Moodle, for both SCORM versions
 * of the module with the most to show (fundamentals: numbers over five digits, a second content
 * language):
 *
 * - every answer wrong and the case's worst path: failed, score 0, grade 0.00, the activity not
 *   complete (the recommended rule is "passed");
 * - the player in a new window (the activity's "Display package: New window"), 500 px high: the
 *   whole module taken there, complete;
 * - leaving mid-quiz through Moodle's "Exit activity": every answer given is in Moodle and comes
 *   back on relaunch, where the quiz goes on at the next question;
 * - a dual-reporting build (`npx inprocap build --lrs-endpoint …`, as a partner makes it) whose
 *   statements reach the project's LRS, a separate process allowing Moodle's origin by CORS, from
 *   inside Moodle's player, about a pseudonymous learner.
 *
 * Not one API call Moodle refused, in any of them. And what the validator says of Moodle holds
 * there: a SCORM 2004 package whose schemaversion Moodle does not know is played as SCORM 1.2.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { validatePackage } from '../../packaging/validate/validate-package.ts';
import { VERBS } from '../../core/xapi/vocabulary.ts';
import { builtCourses, launchBrowser, screenshot, until } from '../browser/harness.ts';
import { Learner } from '../browser/learner.ts';
import {
  addScormActivity,
  apiCalls,
  fixture,
  lastAttempt,
  moduleFrame,
  newLearnerAccount,
  openActivity,
  packagePath,
  recordApiCalls,
  refused,
  resultRow,
  ROOT,
  saveResults,
  signIn,
  storedInteractions,
  type Activity,
  type Results,
  type ResultRow,
} from './moodle.ts';

const run = promisify(execFile);
const site = inject('moodle');
const SLUG = 'fundamentals';
const course = builtCourses().find((c) => c.slug === SLUG)!;
const content = course.content[course.defaultLanguage]!;
const quizSection = course.sections.findIndex((s) => s.kind === 'quiz');

let browser: Browser;
const rows: ResultRow[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  saveResults('journeys', site, rows);
});

/** A new learner in a new browser profile, with the API calls of every player page logged. */
async function newLearner(label: string): Promise<{ context: BrowserContext; page: Page; account: { username: string; password: string } }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  await recordApiCalls(context);
  const account = await newLearnerAccount(site, label);
  const page = await context.newPage();
  await signIn(page, site, account);
  return { context, page, account };
}

const results = (activity: Activity, username: string) => fixture<Results>(site, { command: 'results', cmid: activity.cmid, username });

describe.each(['12', '2004'] as const)(`${SLUG}, SCORM %s`, (version) => {
  const scoreElement = version === '12' ? 'cmi.core.score.raw' : 'cmi.score.raw';
  let activity: Activity;

  beforeAll(async () => {
    activity = await addScormActivity(site, packagePath(course, version), `${content.title} (journeys, SCORM ${version})`);
    expect(activity.validation).toBeUndefined();
  });

  it('every answer wrong: failed, score 0, grade 0.00, not complete, nothing refused', async () => {
    const { context, page, account } = await newLearner(`wrong-${version}`);
    try {
      const learner = new Learner(await openActivity(page, site, activity.cmid), course);
      await learner.takeModule({ answers: 'wrong', path: 'worst' });
      expect(learner.taken.scoreShown).toBe('0%');
      await learner.expectHeading('Module completed');
      await learner.exitModule();
      const calls = await apiCalls(page);
      let r = await results(activity, account.username);
      await until(async () => (r = await results(activity, account.username)).grade !== null, 'a grade in Moodle');
      const e = lastAttempt(r);
      rows.push(resultRow(SLUG, version, 'all wrong, worst case path', r, calls));
      expect(refused(calls)).toEqual([]);
      if (version === '12') expect(e['cmi.core.lesson_status']).toBe('failed');
      else expect([e['cmi.completion_status'], e['cmi.success_status']]).toEqual(['completed', 'failed']);
      expect(Number(e[scoreElement])).toBe(0);
      expect(r.gradeText).toBe('0.00');
      expect(r.completion).toBe('incomplete');
      const answered = storedInteractions(e).filter((i) => i.id?.startsWith('quiz-'));
      expect(answered.map((i) => i.result)).toEqual(content.quiz!.questions.map(() => (version === '12' ? 'wrong' : 'incorrect')));
    } finally {
      await context.close();
    }
  });

  it('in a new window 500 px high: the whole module, complete, nothing refused', async () => {
    const popup = await addScormActivity(site, packagePath(course, version), `${content.title} (new window, SCORM ${version})`, { popup: 1 });
    const { context, page, account } = await newLearner(`popup-${version}`);
    try {
      await page.goto(`${site.url}/mod/scorm/view.php?id=${popup.cmid}`);
      const [window] = await Promise.all([context.waitForEvent('page'), page.click('#scormviewform button[value="normal"]')]);
      await window.setViewportSize({ width: 1000, height: 500 });
      const learner = new Learner(await moduleFrame(window), course);
      await screenshot(window, `moodle-${SLUG}-scorm${version}-new-window`);
      await learner.takeModule();
      await learner.exitModule();
      const calls = await apiCalls(window);
      let r = await results(popup, account.username);
      await until(async () => (r = await results(popup, account.username)).completion === 'complete', 'completion in Moodle');
      rows.push(resultRow(SLUG, version, 'new window, 1000 x 500', r, calls));
      expect(refused(calls)).toEqual([]);
      expect(r.gradeText).toBe('100.00');
    } finally {
      await context.close();
    }
  });

  it('"Exit activity" mid-quiz keeps every answer, and the relaunch goes on at the next question', async () => {
    const { context, page, account } = await newLearner(`exit-${version}`);
    try {
      let learner = new Learner(await openActivity(page, site, activity.cmid), course);
      for (let i = 0; i < quizSection; i++) await learner.readLesson(i);
      await learner.takeQuiz('right', 3);
      await learner.expectHeading(`Question 4 of ${content.quiz!.questions.length}`);
      const calls = await apiCalls(page);
      await Promise.all([page.waitForURL(/\/course\/view\.php/), page.getByRole('link', { name: 'Exit activity' }).click()]);
      // The last commit leaves with the player page, by beacon: the log above is all the page made.
      let stored: Record<string, string> = {};
      await until(async () => storedInteractions((stored = lastAttempt(await results(activity, account.username)))).length === 3, 'the three answers in Moodle');
      expect(refused(calls)).toEqual([]);
      expect(stored[version === '12' ? 'cmi.core.lesson_location' : 'cmi.location']).toBe(`${quizSection}.3`);
      expect(stored[version === '12' ? 'cmi.core.lesson_status' : 'cmi.completion_status']).toBe('incomplete');
      expect(storedInteractions(stored).map((i) => i.result)).toEqual(['correct', 'correct', 'correct']);

      learner = new Learner(await openActivity(page, site, activity.cmid), course);
      await expect.poll(() => learner.resumePrompt(), { timeout: 10_000 }).toBe(`You were at: ${content.quiz!.title}`);
      await learner.continueWhereLeft();
      await learner.expectHeading(`Question 4 of ${content.quiz!.questions.length}`);
      // The three answers came back from Moodle: the quiz asks only for the rest.
      const remaining = content.quiz!.questions.length - 3;
      for (let i = 0; i < remaining; i++) await learner.answerShown('right', i === remaining - 1);
      await learner.expectHeading('Your score');
      expect((await learner.frame.locator('inp-quiz .score').textContent())?.trim()).toBe('100%');
      await learner.button('Continue', 'inp-quiz').click();
      await learner.takeModule({ from: quizSection + 1 });
      await learner.exitModule();
      let r = await results(activity, account.username);
      await until(async () => (r = await results(activity, account.username)).completion === 'complete', 'completion in Moodle');
      const relaunched = await apiCalls(page);
      rows.push(resultRow(SLUG, version, 'Exit activity mid-quiz, relaunched', r, [...calls, ...relaunched]));
      expect(refused(relaunched)).toEqual([]);
      expect(r.gradeText).toBe('100.00');
      expect(storedInteractions(lastAttempt(r)).filter((i) => i.id?.startsWith('quiz-'))).toHaveLength(content.quiz!.questions.length);
    } finally {
      await context.close();
    }
  });
});

describe("the validator's Moodle checks hold in Moodle", () => {
  it('a SCORM 2004 package whose schemaversion Moodle does not know is read as SCORM 1.2, as the validator warns', async () => {
    const files = unzipSync(new Uint8Array(readFileSync(packagePath(course, '2004'))));
    const manifest = strFromU8(files['imsmanifest.xml']!);
    const changed = manifest.replace('<schemaversion>2004 4th Edition</schemaversion>', '<schemaversion>2004 4th edition</schemaversion>');
    expect(changed).not.toBe(manifest);
    const zip = zipSync({ ...files, 'imsmanifest.xml': strToU8(changed) });
    const report = await validatePackage(zip, 'edition.zip');
    expect(report.errors.join('\n')).toMatch(/would play this SCORM 2004 package with its SCORM 1\.2 API/);
    const dir = mkdtempSync(join(tmpdir(), 'inprocap-moodle-edition-'));
    try {
      writeFileSync(join(dir, 'edition.zip'), zip);
      const activity = await addScormActivity(site, join(dir, 'edition.zip'), 'A 2004 package with an unknown schemaversion');
      expect(activity.validation, "Moodle's upload takes it").toBeUndefined();
      expect(activity.version, 'and reads it as SCORM 1.2').toBe('SCORM_1.2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dual reporting from inside Moodle', () => {
  let lrs: ChildProcess;
  let lrsUrl: string;
  let work: string;
  /** key:secret of a read credential of the same organisation, for the test to read back with. */
  let reader: string;
  const cli = (args: string[]) => run('node', [resolve(ROOT, 'bin/inprocap.js'), ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'inprocap-moodle-dual-'));
    const database = join(work, 'lrs.db');
    const port = 18000 + Math.floor(Math.random() * 2000);
    // The LRS as a partner runs it: its own process, allowing Moodle's origin only.
    lrs = spawn('node', [resolve(ROOT, 'bin/inprocap.js'), 'lrs', '--lrs-port', String(port), '--host', '127.0.0.1', '--database', database, '--cors-origins', site.url, '--log-level', 'warn'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    lrsUrl = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${lrsUrl}/xapi/about`).catch(() => undefined))?.ok === true, 'the LRS', 30_000);
    const credential = (await cli(['lrs', 'credentials', 'create', '--org', 'DTI', '--scopes', 'statements/write', '--label', 'DTI Moodle', '--database', database])).stdout;
    const read = (await cli(['lrs', 'credentials', 'create', '--org', 'DTI', '--scopes', 'all/read', '--label', 'test reader', '--database', database])).stdout;
    const field = (text: string, name: string) => new RegExp(`${name}:\\s*(\\S+)`).exec(text)![1]!;
    reader = `${field(read, 'key')}:${field(read, 'secret')}`;
    await cli(['build', '--module', SLUG, '--format', 'scorm12,scorm2004', '--out', work, '--lrs-endpoint', `${lrsUrl}/xapi/`, '--lrs-key', field(credential, 'key'), '--lrs-secret', field(credential, 'secret'), '--org', 'DTI', '--org-iri', 'https://www.dti.dk']);
  });

  afterAll(async () => {
    lrs?.kill();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.each(['12', '2004'] as const)('SCORM %s: the LRS gets the session about a pseudonym, Moodle keeps the grade', async (version) => {
    const zip = join(work, `${SLUG}-${course.version}-scorm${version}.zip`);
    const activity = await addScormActivity(site, zip, `${content.title} (dual reporting, SCORM ${version})`);
    expect(activity.validation).toBeUndefined();
    const { context, page, account } = await newLearner(`dual-${version}`);
    try {
      const since = new Date().toISOString();
      const learner = new Learner(await openActivity(page, site, activity.cmid), course);
      await learner.takeModule();
      await learner.exitModule();
      const calls = await apiCalls(page);
      expect(refused(calls)).toEqual([]);
      const auth = `Basic ${Buffer.from(reader).toString('base64')}`;
      const statements = async () => {
        const response = await fetch(`${lrsUrl}/xapi/statements?${new URLSearchParams({ since, limit: '500', ascending: 'true' })}`, {
          headers: { authorization: auth, 'x-experience-api-version': '1.0.3' },
        });
        return ((await response.json()) as { statements: any[] }).statements.filter((s) => String(s.object.id).startsWith(course.id));
      };
      let got: any[] = [];
      await until(async () => (got = await statements()).some((s) => s.verb.id === VERBS.terminated), 'the session in the LRS', 30_000);
      const verbs = got.map((s) => s.verb.id);
      expect(verbs[0]).toBe(VERBS.initialized);
      expect(verbs.filter((v) => v === VERBS.answered)).toHaveLength(content.quiz!.questions.length);
      expect(verbs).toContain(VERBS.passed);
      expect(verbs).toContain(VERBS.completed);
      // One pseudonymous account at the partner's IRI; nothing of the Moodle user in any statement.
      const accounts = new Set(got.map((s) => JSON.stringify(s.actor.account)));
      expect(accounts.size).toBe(1);
      const actor = got[0].actor;
      expect(actor.account.homePage).toBe('https://www.dti.dk');
      expect(actor.account.name).toMatch(/^[0-9a-f]{64}$/);
      expect(actor.name).toBeUndefined();
      const text = JSON.stringify(got);
      expect(text).not.toContain(account.username);
      expect(text).not.toContain('Doe');
      let r = await results(activity, account.username);
      await until(async () => (r = await results(activity, account.username)).completion === 'complete', 'completion in Moodle');
      rows.push(resultRow(SLUG, version, `dual reporting: ${got.length} statements in the LRS`, r, calls));
      expect(r.gradeText).toBe('100.00');
    } finally {
      await context.close();
    }
  });
});
