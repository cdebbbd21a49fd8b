/**
 * Dispatch packages in Moodle 4.3's SCORM player, for LMSs that take only SCORM: a thin SCORM 1.2
 * and 2004 package (`npx inprocap build --dispatch … --org DTI`), imported through Moodle's own
 * package validation, plays the module from the LRS inside Moodle's player; every SCORM call goes
 * through the package's page to Moodle (none refused); Moodle records the status, score, grade,
 * completion and interactions as for a full package; the LRS gets the statements for DTI under a
 * pseudonym; a rebuilt module shows at the next launch without re-import; a revoked key stops it.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Course } from '../../core/content/schema.ts';
import { VERBS } from '../../core/xapi/vocabulary.ts';
import { createCredential } from '../../lrs/auth/credentials.ts';
import { createDispatchKey, revokeDispatchKey } from '../../lrs/dispatch/keys.ts';
import { createLrsServer } from '../../lrs/server.ts';
import type { LrsBackend } from '../../lrs/storage/backend.ts';
import { openBackend } from '../../lrs/storage/open.ts';
import { buildDispatchPackages, type DispatchResult } from '../../packaging/dispatch/dispatch-package.ts';
import { builtCourses, launchBrowser, screenshot, until } from '../browser/harness.ts';
import { Learner } from '../browser/learner.ts';
import { addScormActivity, apiCalls, fixture, lastAttempt, newLearnerAccount, recordApiCalls, refused, resultRow, ROOT, saveResults, signIn, storedInteractions, type Activity, type Results, type ResultRow } from './moodle.ts';

const site = inject('moodle');
const SLUG = 'legal-risk';
const course: Course = builtCourses().find((c) => c.slug === SLUG)!;
const ORG = 'DTI';

let browser: Browser;
let backend: LrsBackend;
let lrs: FastifyInstance;
let modulesDir: string;
let keyId: string;
let packages: DispatchResult[];
const rows: ResultRow[] = [];

beforeAll(async () => {
  modulesDir = mkdtempSync(join(tmpdir(), 'inprocap-dispatch-'));
  cpSync(resolve(ROOT, 'dist/courses'), join(modulesDir, 'courses'), { recursive: true });
  cpSync(resolve(ROOT, 'dist/runtime'), join(modulesDir, 'runtime'), { recursive: true });
  backend = await openBackend(join(mkdtempSync(join(tmpdir(), 'inprocap-dispatch-lrs-')), 'lrs.db'));
  lrs = await createLrsServer(backend, { modulesDir, logLevel: 'warn' });
  const server = (await lrs.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  const key = await createDispatchKey(backend, ORG, 'DTI Moodle');
  keyId = key.key.id;
  packages = await buildDispatchPackages([course], ['scorm12', 'scorm2004'], mkdtempSync(join(tmpdir(), 'inprocap-dispatch-zips-')), { server, key: key.token, org: ORG }, { info: () => {}, warn: console.warn });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await lrs?.close();
  await backend?.close();
  saveResults('dispatch', site, rows);
});

const results = (activity: Activity, username: string) => fixture<Results>(site, { command: 'results', cmid: activity.cmid, username });

/** The module inside the package's page inside Moodle's player. */
async function dispatchedModule(page: Page): Promise<Frame> {
  const element = await page.waitForSelector('#scorm_object', { timeout: 30_000 });
  const sco = (await element.contentFrame())!;
  const inner = await sco.waitForSelector('#module', { timeout: 30_000 });
  const frame = (await inner.contentFrame())!;
  await frame.waitForFunction(() => !!document.querySelector('inp-course')?.shadowRoot?.querySelector('main > *'), undefined, { timeout: 30_000 });
  return frame;
}

async function open(page: Page, activity: Activity): Promise<void> {
  await page.goto(`${site.url}/mod/scorm/view.php?id=${activity.cmid}`);
  await Promise.all([page.waitForURL(/\/mod\/scorm\/player\.php/), page.click('#scormviewform button[value="normal"]')]);
}

describe.each(['12', '2004'] as const)(`${SLUG} as a dispatch package, SCORM %s`, (version) => {
  let activity: Activity;
  let account: { username: string; password: string };

  beforeAll(async () => {
    const zip = packages.find((p) => p.format === `scorm${version}`)!;
    expect(zip.validation.valid).toBe(true);
    // Small: a manifest, the schemas and one page; no runtime, no content.
    expect(zip.bytes).toBeLessThan(60_000);
    activity = await addScormActivity(site, zip.file, `${course.content.en!.title} (dispatch, SCORM ${version})`);
    expect(activity.validation).toBeUndefined();
  });

  it('plays the module from the server in Moodle\'s player, and Moodle records it as a full package', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await recordApiCalls(context);
    account = await newLearnerAccount(site, `dispatch-${version}`);
    const page = await context.newPage();
    try {
      await signIn(page, site, account);
      await open(page, activity);
      const learner = new Learner(await dispatchedModule(page), course);
      await screenshot(page, `moodle-dispatch-scorm${version}`);
      await learner.takeModule();
      expect(learner.taken.scoreShown).toBe('100%');
      await learner.exitModule();
      const calls = await apiCalls(page);
      let r = await results(activity, account.username);
      await until(async () => (r = await results(activity, account.username)).completion === 'complete', 'completion in Moodle', 30_000);
      rows.push(resultRow(SLUG, version, 'dispatch package, all right', r, calls));
      expect(refused(calls)).toEqual([]);
      const e = lastAttempt(r);
      if (version === '12') expect(e['cmi.core.lesson_status']).toBe('passed');
      else expect([e['cmi.completion_status'], e['cmi.success_status']]).toEqual(['completed', 'passed']);
      expect(r.gradeText).toBe('100.00');
      const answered = storedInteractions(e).filter((i) => i.id?.startsWith('quiz-'));
      expect(answered).toHaveLength(course.content.en!.quiz!.questions.length);
    } finally {
      await context.close();
    }
    // The same learner's statements in DTI's records, pseudonymous
    const { credential, secret } = await createCredential(backend, ORG, ['statements/read']);
    const response = await lrs.inject({
      method: 'GET',
      url: `/xapi/statements?${new URLSearchParams({ verb: VERBS.passed, activity: course.id })}`,
      headers: { authorization: `Basic ${Buffer.from(`${credential.key}:${secret}`).toString('base64')}`, 'x-experience-api-version': '1.0.3' },
    });
    const statements = response.json().statements as { actor: { account: { homePage: string; name: string } } }[];
    expect(statements.length).toBeGreaterThan(0);
    expect(statements[0]!.actor.account.homePage).toBe(`https://inprocap.eu/partners/${ORG}`);
    expect(JSON.stringify(statements)).not.toContain(account.username);
  });

  it('shows a rebuilt module at the next launch; a revoked key stops the package', async () => {
    const file = join(modulesDir, 'courses', `${SLUG}.json`);
    const built = readFileSync(file, 'utf8');
    const changed = JSON.parse(built) as Course;
    changed.content.en!.title = `${changed.content.en!.title} (revised ${version})`;
    writeFileSync(file, JSON.stringify(changed));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    try {
      await signIn(page, site, account);
      await open(page, activity);
      const frame = await dispatchedModule(page);
      await until(async () => (await frame.title()) === changed.content.en!.title, 'the revised title', 30_000);
      if (version === '2004') {
        expect(await revokeDispatchKey(backend, keyId)).toBe(true);
        await open(page, activity);
        const sco = (await (await page.waitForSelector('#scorm_object')).contentFrame())!;
        const inner = (await (await sco.waitForSelector('#module')).contentFrame())!;
        await until(async () => (await inner.textContent('body').catch(() => ''))?.includes('was revoked') ?? false, 'the revoked-key page', 30_000);
      }
    } finally {
      await context.close();
      writeFileSync(file, built);
    }
  });
});
