/**
 * Hosted launch by LTI 1.3 with a real platform: Moodle 4.3, as a partner's administrator, teacher
 * and learner use it, in Chromium.
 *
 * - The administrator pastes a registration link (made for DTI) into Moodle's "Manage tools":
 *   Moodle and the tool register each other (Dynamic Registration), the tool is activated.
 * - A teacher adds an External tool activity and picks the module by deep linking: Moodle makes
 *   the activity with a gradebook column of 100.
 * - A learner opens it: the module plays from the LRS inside Moodle, the learner finishes it,
 *   and Moodle's gradebook shows the grade the tool sent back (Assignment and Grade Services);
 *   the LRS holds the learner's statements in DTI's records, under a pseudonym.
 * - The module is rebuilt with a change: the next launch shows it, with nothing re-imported.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Course } from '../../core/content/schema.ts';
import { VERBS } from '../../core/xapi/vocabulary.ts';
import { createCredential } from '../../lrs/auth/credentials.ts';
import { createRegistrationLink } from '../../lrs/lti/registration.ts';
import { createLrsServer } from '../../lrs/server.ts';
import type { LrsBackend } from '../../lrs/storage/backend.ts';
import { openBackend } from '../../lrs/storage/open.ts';
import { axeViolations, builtCourses, launchBrowser, screenshot, until } from '../browser/harness.ts';
import { Learner } from '../browser/learner.ts';
import { fixture, newLearnerAccount, ROOT, signIn, type Learner as Account } from './moodle.ts';

const site = inject('moodle');
const SLUG = 'bso-procurement';
const course: Course = builtCourses().find((c) => c.slug === SLUG)!;
const ORG = 'DTI';
const ADMIN: Account = { username: 'admin', password: 'Admin-1234' };

interface LtiType {
  id: number;
  name: string;
  state: number;
  clientid: string;
  baseurl: string;
  ltiversion: string;
}
interface LtiResults {
  name: string;
  typeid: number;
  toolurl: string;
  custom: string;
  grademax: number | null;
  lineitems: { resourceid: string; tag: string }[];
  grade: number | null;
  gradeText: string | null;
}

let browser: Browser;
let backend: LrsBackend;
let lrs: FastifyInstance;
let tool: string;
let modulesDir: string;
let type: LtiType;
let cmid: number;

beforeAll(async () => {
  // The LRS as a partner-facing server runs it: its own database, the built modules in a folder
  // of their own (so the test can rebuild one), reached by Moodle and the browser on loopback.
  modulesDir = mkdtempSync(join(tmpdir(), 'inprocap-hosted-'));
  cpSync(resolve(ROOT, 'dist/courses'), join(modulesDir, 'courses'), { recursive: true });
  cpSync(resolve(ROOT, 'dist/runtime'), join(modulesDir, 'runtime'), { recursive: true });
  backend = await openBackend(join(mkdtempSync(join(tmpdir(), 'inprocap-lti-lrs-')), 'lrs.db'));
  lrs = await createLrsServer(backend, { modulesDir, logLevel: 'warn', ltiRetryMs: 500 });
  tool = (await lrs.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await lrs?.close();
  await backend?.close();
});

const ltiTypes = async () => (await fixture<{ types: LtiType[] }>(site, { command: 'lti-types' })).types;
const results = (username: string) => fixture<LtiResults>(site, { command: 'lti-results', cmid, username });

async function signedIn(account: Account): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  await signIn(page, site, account);
  return { context, page };
}

/** The frame of the tool's page, once it is at `path` and has loaded. */
async function toolFrame(page: Page, path: string, ms = 60_000): Promise<Frame> {
  let found: Frame | undefined;
  await until(() => !!(found = page.frames().find((f) => f.url().startsWith(`${tool}${path}`))), `the tool's ${path} page in Moodle`, ms);
  await found!.waitForLoadState();
  return found!;
}

/** The module playing inside Moodle's External tool page. */
async function moduleInMoodle(page: Page): Promise<Frame> {
  const frame = await toolFrame(page, '/lti/play/');
  await frame.waitForFunction(() => !!document.querySelector('inp-course')?.shadowRoot?.querySelector('main > *'), undefined, { timeout: 30_000 });
  return frame;
}

describe(`hosted launch in Moodle (${SLUG})`, () => {
  it("registers with Moodle by dynamic registration, for the link's organisation", async () => {
    const link = await createRegistrationLink(backend, tool, ORG, 'INPROCAP modules (DTI)');
    const before = (await ltiTypes()).map((t) => t.id);
    const { context, page } = await signedIn(ADMIN);
    try {
      await page.goto(`${site.url}/mod/lti/toolconfigure.php`);
      await page.fill('#tool-url', link);
      await page.click('#tool-create-button');
      // Moodle opens the link in a frame with its configuration and a registration token; the
      // tool registers and tells Moodle it is done, and Moodle lists the new tool.
      await until(async () => (await ltiTypes()).some((t) => !before.includes(t.id)), 'the tool registered in Moodle', 60_000);
      type = (await ltiTypes()).find((t) => !before.includes(t.id))!;
      expect(type).toMatchObject({ name: 'INPROCAP modules (DTI)', ltiversion: '1.3.0' });
      // Registered tools wait for the administrator to activate them (Moodle's rule).
      await page.goto(`${site.url}/mod/lti/toolconfigure.php`);
      const card = page.locator(`.tool-card[data-type-id="${type.id}"]`);
      await card.waitFor();
      await screenshot(page, 'moodle-lti-registered');
      if (type.state !== 1) {
        await card.locator('a.activate').click();
        await until(async () => (await ltiTypes()).find((t) => t.id === type.id)?.state === 1, 'the tool activated', 30_000);
      }
    } finally {
      await context.close();
    }
    const [platform] = await backend.lti.listPlatforms();
    expect(platform).toMatchObject({ org: ORG, issuer: site.url, clientId: type.clientid, jwksUrl: `${site.url}/mod/lti/certs.php` });
    expect(await backend.lti.deployment(platform!.id, String(type.id))).toMatchObject({ org: ORG });
  });

  it('lets a teacher add the module by deep linking, with a gradebook column of 100', async () => {
    const teacher = await fixture<Account>(site, { command: 'learner', username: `teacher-${Date.now().toString(36)}`, role: 'editingteacher' });
    const { courseid } = await fixture<{ courseid: number }>(site, { command: 'course' });
    const { context, page } = await signedIn(teacher);
    try {
      await page.goto(`${site.url}/course/modedit.php?add=lti&course=${courseid}&section=1&return=0&typeid=${type.id}`);
      await page.click('#id_selectcontent');
      const picker = await toolFrame(page, '/lti/pick/');
      expect(await axeViolations(picker)).toEqual([]);
      await picker.getByRole('radio', { name: new RegExp(course.content.en!.title) }).check();
      await screenshot(page, 'moodle-lti-deep-linking-picker');
      await picker.getByRole('button', { name: 'Add to the course' }).click();
      // Moodle takes the signed answer and fills in the activity.
      await until(async () => (await page.inputValue('#id_name')) === course.content.en!.title, 'the activity named after the module', 30_000);
      await page.click('#id_submitbutton2');
      await page.waitForURL(/\/course\/view\.php/);
    } finally {
      await context.close();
    }
    const { instances } = await fixture<{ instances: { cmid: number; name: string }[] }>(site, { command: 'lti-instances' });
    cmid = instances.filter((i) => i.name === course.content.en!.title).at(-1)!.cmid;
    const activity = await results(teacher.username);
    expect(activity).toMatchObject({ typeid: type.id, grademax: 100 });
    expect(activity.custom).toContain(`module=${SLUG}`);
    expect(activity.lineitems).toEqual([expect.objectContaining({ resourceid: SLUG })]);
  });

  let student: Account;

  it("plays the module from the LRS for a learner, and Moodle's gradebook shows the grade sent back", async () => {
    student = await newLearnerAccount(site, 'lti-student');
    const { context, page } = await signedIn(student);
    try {
      await page.goto(`${site.url}/mod/lti/view.php?id=${cmid}`);
      const frame = await moduleInMoodle(page);
      await screenshot(page, 'moodle-lti-module');
      const learner = new Learner(frame, course);
      await learner.takeModule();
      expect(learner.taken.scoreShown).toBe('100%');
      await learner.expectHeading('Module completed');
      let r = await results(student.username);
      await until(async () => (r = await results(student.username)).grade !== null, 'the grade in Moodle', 60_000);
      expect(r.grade).toBe(100);
      expect(r.gradeText).toBe('100.00');
      await page.goto(`${site.url}/grade/report/user/index.php?id=${(await fixture<{ courseid: number }>(site, { command: 'course' })).courseid}`);
      await screenshot(page, 'moodle-lti-gradebook');
    } finally {
      await context.close();
    }
    expect(await backend.lti.pendingScores()).toEqual([]);
    // The statements are DTI's, about a pseudonym of the Moodle user
    const { credential, secret } = await createCredential(backend, ORG, ['statements/read']);
    const auth = `Basic ${Buffer.from(`${credential.key}:${secret}`).toString('base64')}`;
    const response = await lrs.inject({ method: 'GET', url: `/xapi/statements?${new URLSearchParams({ verb: VERBS.passed, activity: course.id })}`, headers: { authorization: auth, 'x-experience-api-version': '1.0.3' } });
    const [passed] = response.json().statements;
    expect(passed.actor.account.homePage).toBe(site.url);
    expect(passed.actor.account.name).not.toContain(student.username);
    expect(passed.result.score.scaled).toBe(1);
  });

  it('shows a rebuilt module at the next launch, with nothing re-imported in Moodle', async () => {
    const file = join(modulesDir, 'courses', `${SLUG}.json`);
    const built = JSON.parse(readFileSync(file, 'utf8')) as Course;
    const changed = structuredClone(built);
    changed.content.en!.title = `${built.content.en!.title} (revised)`;
    writeFileSync(file, JSON.stringify(changed));
    const { context, page } = await signedIn(student);
    try {
      await page.goto(`${site.url}/mod/lti/view.php?id=${cmid}`);
      const frame = await moduleInMoodle(page);
      await until(async () => (await frame.title()) === changed.content.en!.title, 'the revised title', 30_000);
      // The learner's record came back from the LRS: the module finished, the quiz at 100%.
      const state = await frame.evaluate(() => (globalThis as unknown as { inprocap: { player: { state: { finished: boolean; quiz: { bestPercent?: number } } } } }).inprocap.player.state);
      expect(state.finished).toBe(true);
      expect(state.quiz.bestPercent).toBe(100);
    } finally {
      await context.close();
      writeFileSync(file, JSON.stringify(built));
    }
  });
});
