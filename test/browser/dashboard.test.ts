/**
 * The dashboard in Chromium, per role, against a real LRS holding the seed (200 learners of 4
 * organisations taking every module): sign-in by keyboard, the views each role gets, figures
 * checked against values computed here from the seed's own statements (never from the reports
 * API), a trainer confined to their organisation, learner-sent markup shown as text, CSV equal to
 * the table, the admin's one-time password, axe-core on every view and screenshots of each.
 */
import axe from 'axe-core';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../dashboard/csv.ts';
import { saveAccount } from '../../lrs/dashboard/accounts.ts';
import { learnerStatements, orgIri, postSeed, SEED_ORGS, seedCredentials, seededGain, seedLearners, type SeedOptions } from '../../lrs/seed/seed.ts';
import { createLrsServer } from '../../lrs/server.ts';
import type { LrsBackend } from '../../lrs/storage/backend.ts';
import { openBackend } from '../../lrs/storage/open.ts';
import { loadCheckedCourses } from '../../packaging/build.ts';
import type { Course } from '../../core/content/schema.ts';
import { VERBS } from '../../core/xapi/vocabulary.ts';
import { axeViolations, byName, focused, launchBrowser, ROOT, screenshot, tabTo, until, watchErrors } from './harness.ts';

const DASHBOARD_DIR = resolve(ROOT, 'dist/dashboard');
/** The page the views are opened from. */
const ENTRY = '/dashboard/';
const quiet = { info: () => {}, warn: () => {} };
const OPTIONS: SeedOptions = { learners: 200, orgs: 4, seed: 5, from: new Date(Date.UTC(2026, 8, 1)), days: 60 };
const PASSWORD = 'a long test password';
const ACCOUNTS = {
  control: { username: 'control', role: 'control-group' as const },
  trainerDti: { username: 'trainer.dti', role: 'trainer' as const, org: 'DTI' },
  trainerNwo: { username: 'trainer.nwo', role: 'trainer' as const, org: 'NWO-I' },
  admin: { username: 'admin', role: 'admin' as const },
};
const EVE = '<b>Eve</b> Example';
const SCRIPT_COMMENT = '<script>alert("x")</script> please fix';

let backend: LrsBackend;
let lrs: FastifyInstance;
let url: string;
let browser: Browser;
let courses: Course[];
let fundamentals: Course;
/** Every statement of the seed, regenerated here from the seed's learners. */
let statements: any[];
const contexts: BrowserContext[] = [];
const axeByView: Record<string, string[]> = {};

// What the dashboard shows, written the way it writes them (format.ts).
const count = (n: number) => n.toLocaleString('en');
const ratio = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`;

beforeAll(async () => {
  if (!existsSync(join(DASHBOARD_DIR, 'index.html'))) {
    throw new Error('dist/dashboard is not built: run "npm run build" (or npx tsx -e "import(\'./packaging/dashboard.ts\').then(m=>m.buildDashboard(process.cwd()))") first');
  }
  courses = loadCheckedCourses(ROOT, {}, quiet).map((c) => c.course!);
  fundamentals = courses.find((c) => c.slug === 'fundamentals')!;
  backend = await openBackend(':memory:');
  // The build's reviewer's pages and source indexes (dist/review/) link findings to their source.
  lrs = await createLrsServer(backend, { logLevel: 'silent', dashboardDir: DASHBOARD_DIR, modulesDir: join(ROOT, 'dist') });
  url = await lrs.listen({ port: 0, host: '127.0.0.1' });
  await postSeed(`${url}/xapi`, seedCredentials(backend).authorization, courses, OPTIONS);
  for (const account of Object.values(ACCOUNTS)) await saveAccount(backend, { ...account, password: PASSWORD });
  statements = seedLearners(OPTIONS).flatMap((learner) => courses.flatMap((course) => learnerStatements(course, learner, OPTIONS)));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await lrs?.close();
  await backend?.close();
});

// ---- figures computed from the seed's statements ----

const learnerOf = (s: any) => `${s.actor.account.homePage}|${s.actor.account.name}`;
const moduleOf = (s: any) => (s.context.contextActivities.parent?.[0]?.id ?? s.object.id) as string;
const orgOf = (s: any) => s.context.extensions['https://inprocap.eu/xapi/extensions/organisation'] as string;

/** Distinct learner-module pairs among the statements that pass `filter`. */
function pairs(filter: (s: any) => boolean, moduleId?: string): Set<string> {
  return new Set(statements.filter((s) => (!moduleId || moduleOf(s) === moduleId) && filter(s)).map((s) => `${moduleOf(s)} ${learnerOf(s)}`));
}

function outcomes(moduleId?: string) {
  const started = pairs(() => true, moduleId).size;
  const completed = pairs((s) => s.verb.id === VERBS.completed, moduleId).size;
  const passed = pairs((s) => s.verb.id === VERBS.passed, moduleId).size;
  const scored = pairs((s) => s.verb.id === VERBS.passed || s.verb.id === VERBS.failed, moduleId).size;
  return { started, completed, passed, scored };
}

function facility(course: Course, questionIndex: number): string {
  const id = `${course.id}/questions/${course.content.en!.quiz!.questions[questionIndex]!.id}`;
  const answers = statements.filter((s) => s.verb.id === VERBS.answered && s.object.id === id);
  return ratio(answers.filter((s) => s.result.success === true).length, answers.length);
}

/**
 * Each learner's normalised gain in a module with a pre-check, from their statements: first
 * pre-check answer per quiz item before their first quiz answer, against the first attempt.
 */
function learnerGains(course: Course): { org: string; gain: number | null }[] {
  const group = `${course.id}/precheck`;
  const byLearner = new Map<string, any[]>();
  for (const s of statements) if (moduleOf(s) === course.id && s.verb.id === VERBS.answered) byLearner.set(learnerOf(s), [...(byLearner.get(learnerOf(s)) ?? []), s]);
  return [...byLearner.values()].flatMap((answers) => {
    const isPre = (s: any) => (s.context.contextActivities.grouping ?? []).some((g: any) => g.id === group);
    const firstQuiz = answers.filter((s) => !isPre(s)).map((s) => s.timestamp).sort()[0] ?? '9999';
    const pre = new Map<string, boolean>();
    for (const s of answers.filter((s) => isPre(s) && s.timestamp < firstQuiz).sort((a, b) => a.timestamp.localeCompare(b.timestamp))) if (!pre.has(s.object.id)) pre.set(s.object.id, s.result.success);
    if (!pre.size) return [];
    const post = [...pre.keys()].map((id) => answers.find((s) => !isPre(s) && s.object.id === id && s.result.extensions?.['https://inprocap.eu/xapi/extensions/attempt'] === 1));
    if (post.some((s) => !s)) return [];
    const p = [...pre.values()].filter(Boolean).length / pre.size;
    const q = post.filter((s) => s.result.success).length / pre.size;
    return [{ org: orgOf(answers[0]), gain: p === 1 ? null : (q - p) / (1 - p) }];
  });
}

/** English interface text to its translation, as the dashboard's XLIFF file for `language` has it (plain messages). */
function translator(language: string): (english: string) => string {
  if (language === 'en') return (english) => english;
  const xliff = readFileSync(resolve(ROOT, `dashboard/i18n/xliff/${language}.xlf`), 'utf8');
  const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const map = new Map([...xliff.matchAll(/<source>([^<]*)<\/source>\s*<target>([^<]*)<\/target>/g)].map((m) => [decode(m[1]!), decode(m[2]!)]));
  return (english) => {
    const found = map.get(english);
    expect(found, `the ${language} translation of "${english}"`).toBeTruthy();
    return found!;
  };
}

// ---- page helpers ----

async function newPage(width = 1280, height = 900): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

/** Script errors and failed requests, but for the refusals a test provokes on purpose. */
function unexpected(errors: string[], allowed: RegExp[] = []): string[] {
  const expected = [/^HTTP 401: .*\/api\/session$/, ...allowed];
  return errors.filter((e) => !expected.some((pattern) => pattern.test(e)));
}

/**
 * Signs in with the keyboard: Tab to the username field (from the top of a fresh page, or from
 * the password field after a failed attempt), type, Tab, type, Enter. Returns the answer's status.
 */
async function signIn(page: Page, username: string, password = PASSWORD): Promise<number> {
  await page.locator('dash-sign-in #username').waitFor();
  const onPassword = await page.locator('dash-sign-in #password').evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el);
  if (onPassword) await page.keyboard.press('Shift+Tab');
  else await tabTo(page, (el) => el.tag === 'input' && el.name === 'Username', 'the username field');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(username);
  await tabTo(page, (el) => el.tag === 'input' && el.name === 'Password', 'the password field');
  await page.keyboard.type(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST'),
    page.keyboard.press('Enter'),
  ]);
  return response.status();
}

/** Presses Shift+Tab until the focused element matches (the views' links sit above the view). */
async function backTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Shift+Tab');
    const el = await focused(page);
    if (el?.tag === 'a' && byName(name)(el)) return;
  }
  throw new Error(`could not reach the ${name} link with Shift+Tab`);
}

async function open(page: Page, username: string): Promise<void> {
  await page.goto(`${url}${ENTRY}`);
  expect(await signIn(page, username)).toBe(200);
  await waitForView(page, 'overview');
}

/** Waits until the shell shows `view` for the address in the location bar, loaded (or failed). */
async function waitForView(page: Page, view: string, state: 'ready' | 'error' = 'ready'): Promise<void> {
  await page.waitForFunction(
    ({ view, state }) => {
      const main = document.querySelector('dash-app')?.shadowRoot?.querySelector('dash-shell')?.shadowRoot?.querySelector('main');
      return main?.dataset.view === view && main.dataset.state === state && main.dataset.route === location.hash;
    },
    { view, state },
    { timeout: 30_000 },
  );
}

async function goToHash(page: Page, hash: string, view: string, state: 'ready' | 'error' = 'ready'): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
  await waitForView(page, view, state);
}

async function navLinks(page: Page): Promise<string[]> {
  return page.locator('dash-shell nav a').allTextContents();
}

async function figure(page: Page, label: string): Promise<string> {
  const tile = page.locator('.figures div').filter({ has: page.getByText(label, { exact: true }) });
  return (await tile.locator('dd').textContent())!.trim();
}

/** The table's header and rows, each cell's text as shown. */
async function tableCells(page: Page, caption: string): Promise<string[][]> {
  return page.getByRole('table', { name: caption, exact: true }).evaluate((table) =>
    // The text as read out: a sorted column's arrow is aria-hidden.
    [...table.querySelectorAll('tr')].map((row) =>
      [...row.children].map((cell) => {
        const copy = cell.cloneNode(true) as Element;
        for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
        return copy.textContent ?? '';
      }),
    ),
  );
}

function column(cells: string[][], label: string): string[] {
  const index = cells[0]!.indexOf(label);
  expect(index, `column ${label}`).toBeGreaterThanOrEqual(0);
  return cells.slice(1).map((row) => row[index]!);
}

function row(cells: string[][], first: string): Record<string, string> {
  const found = cells.find((r, i) => i > 0 && r[0] === first);
  expect(found, `row ${first}`).toBeDefined();
  return Object.fromEntries(cells[0]!.map((label, i) => [label, found![i]!]));
}

async function check(page: Page, name: string, shot = true): Promise<void> {
  await page.waitForTimeout(100); // let lit and the charts' size observers settle
  // The dashboard's CSP forbids inline scripts, so axe comes in through the DevTools protocol
  // (which CSP does not govern) rather than the harness's script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await axeViolations(page);
  axeByView[name] = violations;
  if (shot) await screenshot(page, `dashboard-${name}`);
  expect(violations, `axe on ${name}`).toEqual([]);
}

/** A minimal RFC 4180 reader for the downloaded files. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), i++;
    } else cell += c;
  }
  return rows;
}

// ---- the tests ----

describe('CSV cells', () => {
  it('quote what needs quoting and defuse formulas, leaving plain numbers alone', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('-0.25')).toBe('-0.25');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('plain')).toBe('plain');
  });
});

describe('dashboard', () => {
  it('is served at /dashboard/ with its security headers', async () => {
    const page = await fetch(`${url}/dashboard/`, { redirect: 'manual' });
    expect(page.status, 'GET /dashboard/ (lrs/dashboard/serve.ts)').toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<dash-app>');
    const bare = await fetch(`${url}/dashboard`, { redirect: 'manual' });
    expect([200, 301, 302, 308]).toContain(bare.status);
  });

  it("answers the dashboard API's 401s without a Basic challenge (a browser would open its own sign-in dialog)", async () => {
    const response = await fetch(`${url}/api/session`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate'), 'WWW-Authenticate on GET /api/session (lrs/server.ts error handler)').toBeNull();
  });

  it('control group: sign-in errors, every view with figures from the seed, no names, CSV, axe', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${url}${ENTRY}`);
    await page.locator('dash-sign-in #username').waitFor();
    await check(page, 'sign-in');

    // Wrong passwords are said in words; five failures lock that username out for a while.
    const alert = page.locator('dash-sign-in [role="alert"]');
    for (let i = 0; i < 5; i++) {
      expect(await signIn(page, 'nobody', 'not the password')).toBe(401);
      await expect.poll(() => alert.textContent()).toBe('Wrong username or password.');
    }
    expect(await signIn(page, 'nobody', 'not the password')).toBe(429);
    await expect.poll(() => alert.textContent()).toMatch(/^Too many failed sign-ins\. Wait 1[45] minutes before trying again\.$/);
    await screenshot(page, 'dashboard-sign-in-locked');

    expect(await signIn(page, ACCOUNTS.control.username)).toBe(200);
    await waitForView(page, 'overview');
    expect(await page.locator('dash-shell [data-signed-in]').textContent()).toContain('control (Control Group)');
    expect(await navLinks(page)).toEqual(['Overview', 'Module', 'Questions', 'Case exercise', 'Feedback', 'Learners', 'Programme', 'In-person sessions', 'Period report']);
    expect(await page.locator('dash-shell nav a[aria-current="page"]').textContent()).toBe('Overview');
    // Focus lands on the view's heading.
    expect(await page.evaluate(() => document.querySelector('dash-app')!.shadowRoot!.querySelector('dash-shell')!.shadowRoot!.activeElement?.id)).toBe('view-heading');

    // Overview: the headline figures over every module and organisation.
    const all = outcomes();
    expect(all.started).toBe(OPTIONS.learners * courses.length);
    expect(await figure(page, 'Learners started')).toBe(count(all.started));
    expect(await figure(page, 'Completion rate')).toBe(ratio(all.completed, all.started));
    expect(await figure(page, 'Pass rate')).toBe(ratio(all.passed, all.scored));
    const perModule = await tableCells(page, 'Outcomes per module');
    expect(perModule).toHaveLength(courses.length + 1);
    const f = outcomes(fundamentals.id);
    const fundamentalsRow = row(perModule, fundamentals.content.en!.title);
    expect(fundamentalsRow['Learners started']).toBe(count(OPTIONS.learners));
    expect(fundamentalsRow['Completion rate']).toBe(ratio(f.completed, f.started));
    expect(fundamentalsRow['Pass rate']).toBe(ratio(f.passed, f.scored));
    // Partners compared: completion and pass rates over every module, counted from the seed.
    const perPartner = await tableCells(page, 'Outcomes per organisation');
    expect(column(perPartner, 'Organisation')).toEqual(['CDTI', 'DTI', 'NCBJ', 'NWO-I']);
    for (const org of ['CDTI', 'DTI', 'NCBJ', 'NWO-I']) {
      const mine = (s: any) => s.actor.account.homePage === orgIri(org);
      const [started, completed, passed, scored] = [() => true, (s: any) => s.verb.id === VERBS.completed, (s: any) => s.verb.id === VERBS.passed, (s: any) => s.verb.id === VERBS.passed || s.verb.id === VERBS.failed].map((f) => pairs((s) => mine(s) && f(s)).size);
      expect(row(perPartner, org)).toMatchObject({ 'Learners started': count(started!), 'Completion rate': ratio(completed!, started!), 'Pass rate': ratio(passed!, scored!) });
    }
    expect(await page.locator('dash-overview-view dash-bar-chart[label^="Completion rate and pass rate per organisation"] svg[role="img"]').count()).toBe(1);
    const matrix = await tableCells(page, 'Outcomes per module and organisation');
    expect(new Set(column(matrix, 'Organisation'))).toEqual(new Set(['DTI', 'NWO-I', 'CDTI', 'NCBJ']));
    const weekly = await tableCells(page, 'Learners per week');
    expect(column(weekly, 'Started').reduce((sum, n) => sum + Number(n.replace(/,/g, '')), 0)).toBe(all.started);
    // The matrix as a heat map: each cell's value written in it (the same as the table's), darker
    // for higher, its text readable on its colour (WCAG AA); the measure switched by keyboard.
    const heat = await tableCells(page, 'Completion rate per module and organisation');
    expect(heat[0]).toEqual(['Module', 'CDTI', 'DTI', 'NCBJ', 'NWO-I']);
    const matrixRow = (org: string) => matrix.find((r) => r[0] === fundamentals.content.en!.title && r[1] === org)!;
    const completionIndex = matrix[0]!.indexOf('Completion rate');
    expect(heat.find((r) => r[0] === fundamentals.content.en!.title)!.slice(1)).toEqual(['CDTI', 'DTI', 'NCBJ', 'NWO-I'].map((org) => matrixRow(org)[completionIndex]));
    const cellColours = await page.locator('dash-heat-map td[data-value]').evaluateAll((cells) =>
      cells.map((cell) => ({ value: Number(cell.getAttribute('data-value')), background: getComputedStyle(cell).backgroundColor, color: getComputedStyle(cell).color })),
    );
    const rgb = (css: string) => css.match(/\d+/g)!.slice(0, 3).map(Number);
    const luminance = (c: number[]) => c.map((x) => (x / 255 <= 0.03928 ? x / 255 / 12.92 : ((x / 255 + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const contrast = (a: string, b: string) => {
      const [x, y] = [luminance(rgb(a)), luminance(rgb(b))];
      return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    };
    expect(cellColours.length).toBe(courses.length * 4);
    for (const cell of cellColours) expect(contrast(cell.background, cell.color)).toBeGreaterThanOrEqual(4.5);
    const byValue = [...cellColours].sort((a, b) => a.value - b.value);
    expect(luminance(rgb(byValue[0]!.background))).toBeGreaterThanOrEqual(luminance(rgb(byValue.at(-1)!.background)));
    await page.locator('dash-overview-view #heat-measure').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('table', { name: 'Pass rate per module and organisation', exact: true }).waitFor();
    await check(page, 'overview');

    // The module filter narrows the overview and is kept in the address.
    await page.locator('dash-filter-bar #module').selectOption(fundamentals.id);
    await until(async () => (await page.evaluate(() => location.hash)).includes(encodeURIComponent(fundamentals.id)), 'the module in the hash');
    await waitForView(page, 'overview');
    expect(await figure(page, 'Learners started')).toBe(count(OPTIONS.learners));
    expect(await figure(page, 'Pass rate')).toBe(ratio(f.passed, f.scored));

    // Module view, reached with the keyboard: the funnel and its drop-off in words.
    await backTo(page, 'Module');
    await page.keyboard.press('Enter');
    await waitForView(page, 'module');
    expect(await page.locator('dash-shell nav a[aria-current="page"]').textContent()).toBe('Module');
    const funnel = await tableCells(page, 'Learners reaching each step');
    expect(row(funnel, 'Started the module').Learners).toBe(count(OPTIONS.learners));
    expect(row(funnel, 'Completed the module').Learners).toBe(count(f.completed));
    expect(column(funnel, 'Note').filter((n) => n === 'Most learners stop after this step')).toHaveLength(1);
    expect(await page.locator('dash-module-view [data-drop-off]').textContent()).toMatch(/Most learners stop after/);
    const chart = page.getByRole('img', { name: 'Learners reaching each step of the module' });
    expect(await chart.locator('desc').textContent()).toContain(`Started the module: ${count(OPTIONS.learners)}`);
    const scoreBands = await tableCells(page, 'Learners per score band');
    expect(column(scoreBands, 'Learners').reduce((sum, n) => sum + Number(n), 0)).toBe(f.scored);
    await check(page, 'module');

    // Questions: facility of the easy and the hard question, flags in words; the CSV equals the table.
    await backTo(page, 'Questions');
    await page.keyboard.press('Enter');
    await waitForView(page, 'items');
    const questions = fundamentals.content.en!.quiz!.questions;
    const items = await tableCells(page, 'Item analysis per question');
    expect(items).toHaveLength(questions.length + 1);
    expect(column(items, 'No.')).toEqual(questions.map((q) => q.id).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(row(items, questions[0]!.id).Facility).toBe(facility(fundamentals, 0));
    expect(row(items, questions[1]!.id).Facility).toBe(facility(fundamentals, 1));
    expect(row(items, questions[0]!.id).Flags).toContain('Too easy');
    expect(row(items, questions[1]!.id).Flags).toContain('Too hard');
    expect(row(items, questions[2]!.id).Flags).toContain('Negative discrimination');
    expect(row(items, questions[2]!.id).Discrimination).toMatch(/^-0\.\d\d$/);
    const chosen = await tableCells(page, 'How often each answer was chosen (first attempts)');
    expect(column(chosen, 'No.')).toContain(questions[0]!.id);
    // Sorting by keyboard: the Facility header is a button; the easiest questions come first, and
    // the CSV follows the order shown.
    const itemTable = page.getByRole('table', { name: 'Item analysis per question', exact: true });
    await itemTable.getByRole('button', { name: 'Facility', exact: true }).focus();
    await page.keyboard.press('Enter');
    await until(async () => (await itemTable.locator('th[aria-sort="descending"]').count()) === 1, 'the table sorted by facility');
    const sorted = await tableCells(page, 'Item analysis per question');
    const facilityIndex = items[0]!.indexOf('Facility');
    const facilities = sorted.slice(1).map((r) => Number.parseFloat(r[facilityIndex]!));
    expect(facilities).toEqual([...facilities].sort((a, b) => b - a));
    expect(sorted.slice(1)).not.toEqual(items.slice(1));
    const downloadButton = page.getByRole('button', { name: 'Download CSV: Item analysis per question' });
    await downloadButton.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('inprocap-questions-fundamentals.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const defused = (cell: string) => (/^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?%?$/.test(cell) ? `'${cell}` : cell);
    expect(parseCsv(csv.slice(1))).toEqual([items[0]!, ...sorted.slice(1)].map((r) => r.map(defused)));
    await check(page, 'items');

    // Findings: each flagged question links to where it is written; the Control Group marks one
    // reviewed with a note, by keyboard, and it is still marked on the next visit.
    const findings = page.locator('dash-items-view dash-review-findings');
    const finding = findings.locator(`li[data-finding="${fundamentals.id}/questions/${questions[1]!.id}"]`);
    await finding.getByRole('link').first().waitFor();
    const sourceLink = finding.getByRole('link').first();
    expect(await sourceLink.getAttribute('href')).toBe(`/review/fundamentals.html#question-${questions[1]!.id}`);
    const [file, line] = (await sourceLink.textContent())!.split(':');
    expect(file).toBe('modules/fundamentals/quiz.yaml');
    const quizLines = readFileSync(join(ROOT, file!), 'utf8').split('\n');
    expect(quizLines.slice(Number(line) - 1, Number(line) + 6).some((l) => l.trim() === `id: ${questions[1]!.id}` || l.trim() === `- id: ${questions[1]!.id}`)).toBe(true);
    expect(await finding.textContent()).toContain('Not reviewed yet.');
    await finding.getByLabel('What was decided').focus();
    await page.keyboard.type('Too hard in the pilot: option c reworded.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await until(async () => ((await finding.textContent()) ?? '').includes('Reviewed by control'), 'the finding marked reviewed');
    expect(await findings.locator('[data-review-status]').textContent()).toContain('Marked reviewed');
    await check(page, 'items-review');
    await page.reload();
    await waitForView(page, 'items');
    await finding.locator('[data-note]').waitFor();
    expect(await finding.locator('[data-note]').textContent()).toBe('Too hard in the pilot: option c reworded.');
    // The reviewer's page it links to is there for a signed-in account, at the question.
    const reviewPage = await page.evaluate(async (href) => (await fetch(href)).text(), `/review/fundamentals.html`);
    expect(reviewPage).toContain(`id="question-${questions[1]!.id}"`);

    // Case exercise: the best choice at the first decision, counted from the seed.
    await goToHash(page, `#/case?module=${encodeURIComponent(fundamentals.id)}`, 'case');
    const exercise = fundamentals.content.en!.case!;
    const first = exercise.nodes.find((n) => n.id === exercise.start)!;
    if (first.type !== 'decision') throw new Error('the case starts with a decision');
    const best = first.choices.find((c) => c.best)!;
    const bestChosen = statements.filter((s) => s.verb.id === VERBS.decided && s.object.id === `${fundamentals.id}/case/${exercise.id}/${first.id}` && s.result.response === best.id).length;
    const choices = await tableCells(page, `Choices at “${first.title}”`);
    const marked = choices.slice(1).filter((r) => r[3] === 'Best choice');
    expect(marked).toHaveLength(1);
    expect(marked[0]![1]).toBe(count(bestChosen));
    const paths = await tableCells(page, 'The most frequent paths through the case');
    expect(paths.length).toBeGreaterThan(1);
    expect(column(paths, 'Best path').filter((b) => b === 'Best path').length).toBeLessThanOrEqual(1);
    await check(page, 'case');

    // Feedback: the average of the first rating, and a comment with markup shown as text.
    await goToHash(page, `#/feedback?module=${encodeURIComponent(fundamentals.id)}`, 'feedback');
    const survey = fundamentals.content.en!.survey!;
    const rating = survey.items.find((i) => i.type === 'likert')!;
    const ratings = statements.filter((s) => s.verb.id === VERBS.responded && s.object.id === `${fundamentals.id}/survey/${survey.id}/${rating.id}`).map((s) => Number(s.result.response));
    const average = ratings.reduce((a, b) => a + b, 0) / ratings.length;
    const ratingRow = row(await tableCells(page, 'Ratings per statement'), rating.type === 'likert' ? rating.statement : '');
    expect(ratingRow.Answers).toBe(count(ratings.length));
    expect(ratingRow.Average).toBe((Math.round(average * 100) / 100).toFixed(2));
    // Comments are paged by the server: search for the one with markup.
    await page.locator('dash-feedback-view dash-table-paging input[type="search"]').fill('<script>');
    await page.locator('dash-feedback-view dash-table-paging input[type="search"]').press('Enter');
    await until(async () => (await page.evaluate(() => location.hash)).includes('q=%3Cscript%3E'), 'comment search in the hash');
    await waitForView(page, 'feedback');
    const comments = column(await tableCells(page, 'Comments from learners'), 'Comment');
    expect(comments.length).toBeGreaterThan(0);
    expect(comments.every((c) => c === SCRIPT_COMMENT)).toBe(true);
    expect(await page.locator('dash-feedback-view script').count()).toBe(0);
    expect(await page.locator('dash-feedback-view td b').count()).toBe(0);
    // The comments' question is a finding: linked to where the shared survey writes it.
    const textItem = survey.items.find((i) => i.type === 'text')!;
    const commentFinding = page.locator(`dash-feedback-view dash-review-findings li[data-finding="${fundamentals.id}/survey/${survey.id}/${textItem.id}"]`);
    await commentFinding.getByRole('link').first().waitFor();
    const [surveyFile, surveyLine] = (await commentFinding.getByRole('link').first().textContent())!.split(':');
    expect(surveyFile).toBe('modules/survey.yaml');
    expect(readFileSync(join(ROOT, surveyFile!), 'utf8').split('\n')[Number(surveyLine) - 1]).toContain(`id: ${textItem.id}`);
    expect(await commentFinding.textContent()).toContain(`comments answer this question`);
    await check(page, 'feedback');

    // Learners: pseudonyms only, no name column, every organisation; paged by the server, 50 a page.
    // "As of" a fixed day, so that who is stuck does not depend on today's date.
    const learnersHash = `#/learners?module=${encodeURIComponent(fundamentals.id)}&asOf=2027-01-04`;
    await goToHash(page, learnersHash, 'learners');
    const learners = await tableCells(page, 'Learners per module');
    expect(learners[0]).not.toContain('Name');
    expect(learners).toHaveLength(50 + 1);
    expect(await page.locator('dash-learners-view dash-table-paging [data-rows]').textContent()).toBe(`Rows 1–50 of ${count(OPTIONS.learners)}`);
    expect(column(learners, 'Learner').every((l) => /^L-[0-9a-f]{10}$/.test(l))).toBe(true);
    expect(learners.flat().some((cell) => cell.includes('Eve') || /Learner \d/.test(cell))).toBe(false);
    const summary = async () => (await page.locator('dash-learners-view [data-learner-summary]').textContent())!.replace(/\s+/g, ' ');
    const stuckCount = OPTIONS.learners - f.completed;
    expect(await summary()).toContain(`${count(OPTIONS.learners)} learner-module rows; ${count(stuckCount)} stuck`);
    // Every page by keyboard: 200 rows once each, every organisation.
    const seen = [...column(learners, 'Learner')];
    const orgs = new Set(column(learners, 'Organisation'));
    for (let p = 2; p <= 4; p++) {
      await page.locator('dash-learners-view dash-table-paging button', { hasText: 'Next page' }).focus();
      await page.keyboard.press('Enter');
      await until(async () => (await page.evaluate(() => location.hash)).includes(`page=${p}`), `page ${p} in the hash`);
      await waitForView(page, 'learners');
      const cells = await tableCells(page, 'Learners per module');
      seen.push(...column(cells, 'Learner'));
      for (const o of column(cells, 'Organisation')) orgs.add(o);
    }
    expect(new Set(seen).size).toBe(OPTIONS.learners);
    expect(orgs).toEqual(new Set(['DTI', 'NWO-I', 'CDTI', 'NCBJ']));
    expect(await page.locator('dash-learners-view dash-table-paging button', { hasText: 'Next page' }).isDisabled()).toBe(true);
    // Sorted by the server: the Score header asks for the highest first, from the first page.
    await page.getByRole('button', { name: 'Score', exact: true }).click();
    await until(async () => (await page.evaluate(() => location.hash)).includes('sort=score&dir=desc'), 'sort in the hash');
    await waitForView(page, 'learners');
    expect(await page.evaluate(() => location.hash)).not.toContain('page=');
    const byScore = await tableCells(page, 'Learners per module');
    const scores = column(byScore, 'Score').map((v) => Number.parseFloat(v));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await page.getByRole('columnheader', { name: 'Score' }).getAttribute('aria-sort')).toBe('descending');
    // Search by a pseudonym: that learner's row.
    const someone = seen[123]!;
    await page.locator('dash-learners-view dash-table-paging input[type="search"]').fill(someone);
    await page.locator('dash-learners-view dash-table-paging input[type="search"]').press('Enter');
    await until(async () => (await page.evaluate(() => location.hash)).includes(`q=${someone}`), 'search in the hash');
    await waitForView(page, 'learners');
    expect(column(await tableCells(page, 'Learners per module'), 'Learner')).toEqual([someone]);
    await check(page, 'learners-search');
    // The export streams every row of the filters (not the page): fetched as the link would.
    await goToHash(page, learnersHash, 'learners');
    const href = await page.locator('dash-learners-view dash-data-table a[part="download"]').getAttribute('href');
    expect(href).toMatch(/^\/api\/reports\/learners\.csv\?/);
    // (The file starts with a byte order mark for spreadsheets; text() reads past it.)
    const [exported, bom] = await page.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      return [new TextDecoder().decode(bytes), [...bytes.slice(0, 3)]] as const;
    }, href!);
    expect(bom).toEqual([0xef, 0xbb, 0xbf]);
    expect(exported.startsWith('learner,organisation,module_id,')).toBe(true);
    expect(exported.trim().split('\r\n')).toHaveLength(OPTIONS.learners + 1);
    // Only the stuck.
    await page.locator('dash-learners-view input[type="checkbox"]').focus();
    await page.keyboard.press('Space');
    await until(async () => (await page.evaluate(() => location.hash)).includes('onlyStuck=1'), 'only stuck learners in the hash');
    await waitForView(page, 'learners');
    const stuckRows = await tableCells(page, 'Stuck learners');
    expect(stuckRows).toHaveLength(Math.min(50, stuckCount) + 1);
    expect(column(stuckRows, 'Stuck').every((v) => v === 'Stuck')).toBe(true);
    expect(await page.locator('dash-learners-view dash-table-paging [data-rows]').textContent()).toBe(`Rows 1–${Math.min(50, stuckCount)} of ${count(stuckCount)}`);
    await check(page, 'learners');

    // Back goes to the previous filters.
    await page.goBack();
    await until(async () => !(await page.evaluate(() => location.hash)).includes('onlyStuck'), 'back without onlyStuck');
    await page.getByRole('table', { name: 'Learners per module', exact: true }).waitFor();

    // No Admin view for the Control Group.
    await goToHash(page, '#/admin', 'admin', 'error');
    expect(await page.locator('dash-shell [data-error]').textContent()).toBe('The Admin view is for administrators only.');
    expect(await page.locator('dash-admin-view').count()).toBe(0);

    // Phone width: nothing wider than the screen but the tables' own scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await goToHash(page, '#/overview', 'overview');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await check(page, 'overview-phone');

    expect(unexpected(errors, [/^HTTP 429: .*\/api\/session$/])).toEqual([]);
  });

  it('trainer: only their organisation, names as literal text, no admin', async () => {
    const { page, errors } = await newPage();
    await open(page, ACCOUNTS.trainerDti.username);
    expect(await navLinks(page)).toEqual(['Overview', 'Module', 'Questions', 'Case exercise', 'Feedback', 'Learners', 'Programme', 'In-person sessions', 'Period report']);
    expect(await page.locator('dash-filter-bar #org').count()).toBe(0);
    expect(await page.locator('dash-filter-bar [data-fixed-org]').getAttribute('data-fixed-org')).toBe('DTI');
    const dti = statements.filter((s) => orgOf(s) === 'DTI');
    const started = new Set(dti.map((s) => `${moduleOf(s)} ${learnerOf(s)}`)).size;
    expect(await figure(page, 'Learners started')).toBe(count(started));

    await goToHash(page, `#/learners?module=${encodeURIComponent(fundamentals.id)}`, 'learners');
    const learners = await tableCells(page, 'Learners per module');
    expect(learners[0]).toContain('Name');
    expect(learners).toHaveLength(OPTIONS.learners / OPTIONS.orgs + 1);
    expect(new Set(column(learners, 'Organisation'))).toEqual(new Set(['DTI']));
    expect(column(learners, 'Name')).toContain(EVE);
    const eveCell = page.locator('dash-learners-view td', { hasText: 'Eve' });
    expect(await eveCell.count()).toBe(1);
    expect(await eveCell.textContent()).toBe(EVE);
    expect(await eveCell.locator('b').count()).toBe(0);
    expect(await page.locator('dash-learners-view b').count()).toBe(0);
    await check(page, 'learners-trainer');

    // The stuck-days setting goes to the API and into the address.
    await page.locator('dash-learners-view #stuck-days').fill('400');
    await page.locator('dash-learners-view #stuck-days').press('Enter');
    await page.locator('dash-learners-view #stuck-days').blur();
    expect(await page.locator('dash-learners-view #stuck-days-error').textContent()).toBe('Enter a whole number of days from 1 to 365.');
    await page.locator('dash-learners-view #stuck-days').fill('365');
    await page.locator('dash-learners-view #stuck-days').blur();
    await until(async () => (await page.evaluate(() => location.hash)).includes('stuckDays=365'), 'stuckDays in the hash');
    await waitForView(page, 'learners');
    expect(await page.locator('dash-learners-view [data-learner-summary]').textContent()).toContain('in the 365 days before');
    // The day stuck is measured from: a date field, also kept in the address.
    await page.locator('dash-learners-view #as-of').fill('2026-12-01');
    await page.locator('dash-learners-view #as-of').blur();
    await until(async () => (await page.evaluate(() => location.hash)).includes('asOf=2026-12-01'), 'asOf in the hash');
    await waitForView(page, 'learners');
    expect((await page.locator('dash-learners-view [data-learner-summary]').textContent())!.replace(/\s+/g, ' ')).toContain('before 2026-12-01');

    // Another organisation in the address: an error, not data.
    await goToHash(page, '#/learners?org=CDTI', 'learners', 'error');
    expect(await page.locator('dash-shell [data-error]').textContent()).toContain('own organisation');
    expect(await page.locator('dash-learners-view').count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);

    // No Admin view.
    await goToHash(page, '#/admin', 'admin', 'error');
    expect(await page.locator('dash-admin-view').count()).toBe(0);
    expect(unexpected(errors, [/^HTTP 403: .*\/api\/reports\/learners\?org=CDTI$/])).toEqual([]);
  });

  it('trainer of a pseudonymous partner: their learners, no names', async () => {
    const { page, errors } = await newPage();
    await open(page, ACCOUNTS.trainerNwo.username);
    await goToHash(page, `#/learners?module=${encodeURIComponent(fundamentals.id)}`, 'learners');
    const learners = await tableCells(page, 'Learners per module');
    expect(new Set(column(learners, 'Organisation'))).toEqual(new Set(['NWO-I']));
    expect(column(learners, 'Name').every((name) => name === '')).toBe(true);
    expect(unexpected(errors)).toEqual([]);
  });

  it('admin: creates an account and sees its password once; the account signs in', async () => {
    const { page, errors } = await newPage();
    await open(page, ACCOUNTS.admin.username);
    expect(await navLinks(page)).toEqual(['Overview', 'Module', 'Questions', 'Case exercise', 'Feedback', 'Learners', 'Programme', 'In-person sessions', 'Period report', 'Admin']);
    await backTo(page, 'Admin');
    await page.keyboard.press('Enter');
    await waitForView(page, 'admin');
    await page.getByRole('table', { name: 'Dashboard accounts', exact: true }).waitFor();
    expect(column(await tableCells(page, 'Dashboard accounts'), 'Username')).toEqual(expect.arrayContaining(Object.values(ACCOUNTS).map((a) => a.username)));

    await tabTo(page, (el) => el.tag === 'input' && el.name === 'Username', 'the new username field');
    await page.keyboard.type('new.trainer');
    await tabTo(page, (el) => el.tag === 'input' && el.name.startsWith('Organisation'), 'the organisation field');
    await page.keyboard.type('CDTI');
    await tabTo(page, (el) => el.tag === 'button' && el.name === 'Create account', 'Create account');
    await page.keyboard.press('Enter');
    const shown = page.locator('dash-accounts-panel code[data-password]');
    await shown.waitFor();
    const password = (await shown.textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(10);
    const accounts = await tableCells(page, 'Dashboard accounts');
    expect(row(accounts, 'new.trainer')).toMatchObject({ Role: 'Trainer', Organisation: 'CDTI', Status: 'Active' });
    expect(accounts.flat().join(' ')).not.toContain(password);
    await check(page, 'admin');

    // The new account works with that password.
    const login = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'new.trainer', password }) });
    expect(login.status).toBe(200);

    // Leave and come back: the password is gone for good.
    await goToHash(page, '#/overview', 'overview');
    await goToHash(page, '#/admin', 'admin');
    await page.getByRole('table', { name: 'Dashboard accounts', exact: true }).waitFor();
    expect(await shown.count()).toBe(0);
    expect(await page.locator('dash-admin-view').evaluate((el) => el.shadowRoot!.innerHTML + [...el.shadowRoot!.querySelectorAll('*')].map((e) => e.shadowRoot?.innerHTML ?? '').join(''))).not.toContain(password);

    // Sign out: back to the sign-in form.
    await page.locator('dash-shell header button').click();
    await page.locator('dash-sign-in #username').waitFor();
    expect(await page.locator('dash-sign-in .notice').textContent()).toBe('You are signed out.');
    expect(unexpected(errors)).toEqual([]);
  });

  it('trainer: records an in-person session by keyboard; the programme, a certificate and its public verification follow', async () => {
    const { page, errors } = await newPage();
    await open(page, ACCOUNTS.trainerDti.username);
    // Learners of DTI who passed every module: with one session attended, they complete the programme.
    const passedAll = [...new Set(statements.filter((s) => orgOf(s) === 'DTI').map(learnerOf))].filter((learner) =>
      courses.every((c) => statements.some((s) => learnerOf(s) === learner && moduleOf(s) === c.id && s.verb.id === VERBS.passed)),
    );
    expect(passedAll.length).toBeGreaterThan(0);
    const pseudonymOf = (learner: string) => `L-${createHash('sha256').update(`account:${learner}`).digest('hex').slice(0, 10)}`;
    const chosen = pseudonymOf(passedAll[0]!);

    await goToHash(page, '#/sessions', 'sessions');
    await page.locator('dash-sessions-view').getByText('No sessions yet.').waitFor();
    await tabTo(page, (el) => el.tag === 'select' && el.name === 'Module', 'the module field');
    await page.keyboard.press('Tab');
    // (a date field's typing order follows the browser's locale: the value is set as ISO)
    await page.locator('dash-sessions-view #session-date').fill('2026-10-14');
    await tabTo(page, (el) => el.tag === 'input' && el.name === 'Place', 'the place field');
    await page.keyboard.type('Taastrup, room 3');
    await tabTo(page, (el) => el.tag === 'button' && el.name === 'Add the session', 'Add the session');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('dash-sessions-view [data-sessions-status]').textContent()).toMatch(/^Session added: .*, 2026-10-14, Taastrup, room 3\.$/);
    const sessions = await tableCells(page, 'Sessions');
    expect(sessions[1]!.slice(0, 5)).toEqual(['2026-10-14', expect.any(String), 'Taastrup, room 3', 'DTI', '0']);
    await check(page, 'sessions');

    // Open the session and tick the learner, then add a person the LRS does not know.
    await tabTo(page, (el) => el.tag === 'button' && el.name.startsWith('Record attendance:'), 'Record attendance');
    await page.keyboard.press('Enter');
    await until(async () => (await page.evaluate(() => location.hash)).includes('session='), 'the session in the address');
    const box = page.locator(`dash-sessions-view input[name="learner"][value="${chosen}"]`);
    await box.waitFor();
    await box.focus();
    await page.keyboard.press('Space');
    await tabTo(page, (el) => el.tag === 'button' && el.name === 'Add a person', 'Add a person');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Zofia Łęcka');
    await page.keyboard.press('Tab');
    await page.keyboard.type('zofia@example.org');
    await tabTo(page, (el) => el.tag === 'button' && el.name === 'Save attendance', 'Save attendance');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('dash-sessions-view [data-sessions-status]').textContent()).toBe('Attendance saved: 2 recorded.');
    expect(await page.locator('dash-sessions-view').getByText(/^Present: /).textContent()).toContain('Zofia Łęcka');
    await check(page, 'sessions-attendance');

    // The programme: the learner completed it; issue the certificate with the name to print.
    await goToHash(page, '#/programme', 'programme');
    const learners = await tableCells(page, "Each learner's progress through the programme");
    expect(row(learners, chosen)).toMatchObject({ 'Modules passed': `${courses.length} of ${courses.length}`, 'Sessions attended': '1', Programme: 'Complete' });
    expect(row(await tableCells(page, 'Programme completion per partner'), 'DTI')['Completed the programme']).toBe('1');
    await page.locator('dash-programme-view #certificate-learner').selectOption(chosen);
    await page.locator('dash-programme-view #certificate-name').fill('Søren Ærø');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('dash-programme-view button', { hasText: 'Download the certificate' }).click()]);
    const file = await download.path();
    const text = execFileSync('pdftotext', [file!, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Søren Ærø');
    const status = (await page.locator('dash-programme-view [data-certificate-status]').textContent())!;
    const code = /Verification code: (\S+)$/.exec(status)![1]!;
    expect(text).toContain(`Verification code ${code}`);
    await check(page, 'programme-trainer');

    // Anyone can check the code, and learns nothing else.
    const verify = await browser.newPage();
    await verify.goto(`${url}/verify`);
    await verify.locator('#code').fill(code);
    await verify.keyboard.press('Enter');
    await verify.getByRole('status').waitFor();
    expect(await verify.getByRole('status').textContent()).toContain(`Valid: the certificate with the code ${code} was issued on`);
    expect(await verify.content()).not.toContain('Søren');
    if (!(await verify.evaluate(() => 'axe' in window))) await verify.addScriptTag({ content: axe.source });
    expect(await axeViolations(verify)).toEqual([]);
    await screenshot(verify, 'verify-certificate');
    await verify.close();
    expect(unexpected(errors)).toEqual([]);
  });

  it("control group: a module's period report, the screens' own figures, printed to a PDF without the controls", async () => {
    const { page, errors } = await newPage();
    await open(page, ACCOUNTS.control.username);
    await goToHash(page, `#/report?module=${encodeURIComponent(fundamentals.id)}&from=2026-09-01&to=2027-01-31`, 'report');
    await page.locator('dash-period-report-view[data-state="ready"]').waitFor();
    await page.locator('dash-period-report-view dash-feedback-view').waitFor();
    const title = fundamentals.content.en!.title;
    expect((await page.locator('dash-period-report-view [data-period]').textContent())!.replace(/\s+/g, ' ')).toContain(`Period report on ${title}, from`);
    // The same views as the screens: the item table of the report is the Questions view's.
    const items = await tableCells(page, 'Item analysis per question');
    const questions = fundamentals.content.en!.quiz!.questions;
    expect(column(items, 'No.')).toEqual(expect.arrayContaining(questions.map((q) => q.id)));
    await check(page, 'report');
    await page.emulateMedia({ media: 'print' });
    const file = join(ROOT, 'test-artifacts', 'period-report-fundamentals.pdf');
    // Chromium's own print to PDF, as "Save as PDF" in its print dialog makes it: tagged, with an outline.
    await page.pdf({ path: file, format: 'A4', printBackground: true, tagged: true, outline: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    await page.emulateMedia({ media: 'screen' });
    const raw = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const text = raw.replace(/\s+/g, ' ');
    const pages = raw.split('\f').filter((p) => p.trim()).length;
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(40);
    expect(text).toContain(`Period report on ${title}`);
    // Its parts in order, each on its own pages.
    const order = ['Outcomes per partner', 'Progress through the module', 'Item analysis', 'Case exercise', 'Survey results and comments'].map((h) => text.indexOf(h));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The figures of the screens: partners, the module's completion rate, every question and its flags.
    for (const org of ['CDTI', 'DTI', 'NCBJ', 'NWO-I']) expect(text).toContain(org);
    const f = outcomes(fundamentals.id);
    expect(text).toContain(ratio(f.completed, f.started));
    for (const q of questions) expect(text).toContain(q.id);
    expect(text).toContain('Too easy');
    expect(text).toContain('Comments from learners');
    // Printed without the dashboard's controls.
    for (const control of ['Download CSV', 'Print or save as PDF', 'Mark reviewed', 'Next page', 'Sign out', 'Dashboard language']) expect(text).not.toContain(control);
    expect(unexpected(errors)).toEqual([]);
  });

  it('control group: the learning gain of a module with a pre-check is the gain the seed was built with', async () => {
    const { page, errors } = await newPage();
    await open(page, ACCOUNTS.control.username);
    const pcp = courses.find((c) => c.slug === 'pcp')!;
    await goToHash(page, `#/items?module=${encodeURIComponent(pcp.id)}`, 'items');
    await page.getByRole('heading', { name: 'Learning gain', exact: true }).waitFor();
    const summary = await tableCells(page, 'Learning gain per partner and language');
    expect(summary[0]).toEqual(['Group', 'Learners', 'At the ceiling', 'Mean pre-check score', 'Mean quiz score, same questions', 'Gain', '95% confidence interval']);
    // Each partner: exactly the seed's gain, every learner alike (a zero-width interval); the
    // learners at the ceiling (every pre-check question right) counted apart.
    const gains = learnerGains(pcp);
    for (const org of ['CDTI', 'DTI', 'NCBJ', 'NWO-I']) {
      const g = seededGain(org).toFixed(2);
      const ceiling = gains.filter((l) => l.org === org && l.gain === null).length;
      expect(row(summary, `Partner ${org}`)).toMatchObject({ Gain: g, '95% confidence interval': `${g} to ${g}`, 'At the ceiling': count(ceiling) });
    }
    // Overall: the mean of the learners' gains, counted here from the seed's statements.
    const counted = gains.filter((g) => g.gain !== null);
    expect(counted.length).toBeGreaterThan(50);
    const overall = row(summary, 'All learners');
    expect(overall.Learners).toBe(count(counted.length));
    expect(overall.Gain).toBe((counted.reduce((sum, g) => sum + g.gain!, 0) / counted.length).toFixed(2));
    for (const org of ['CDTI', 'DTI', 'NCBJ', 'NWO-I']) expect(row(summary, `Partner ${org}`).Learners).toBe(count(counted.filter((g) => g.org === org).length));
    expect(row(summary, 'Language en').Gain).toBe(overall.Gain);
    // Item by item: the pre-check's five questions.
    const perQuestion = await tableCells(page, 'Learning gain per question');
    expect(column(perQuestion, 'No.')).toEqual(pcp.content.en!.precheck!.questions.map((q) => q.id).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(await page.getByRole('img', { name: 'Share right per question: in the pre-check and at the first quiz attempt' }).count()).toBe(1);
    await check(page, 'items-gain');
    // A module without a pre-check says so.
    await goToHash(page, `#/items?module=${encodeURIComponent(fundamentals.id)}`, 'items');
    expect(await page.locator('dash-gain-view [data-no-precheck]').textContent()).toContain('No learner answered a pre-check');
    // The period report of the module carries it too.
    await goToHash(page, `#/report?module=${encodeURIComponent(pcp.id)}`, 'report');
    await page.locator('dash-period-report-view[data-state="ready"]').waitFor();
    expect(row(await tableCells(page, 'Learning gain per partner and language'), 'Partner DTI').Gain).toBe('0.75');
    expect(unexpected(errors)).toEqual([]);
  });

  it('control group: programme completion per partner, under pseudonyms', async () => {
    const { page, errors } = await newPage();
    await open(page, ACCOUNTS.control.username);
    await goToHash(page, '#/programme', 'programme');
    const partners = await tableCells(page, 'Programme completion per partner');
    expect(column(partners, 'Organisation')).toEqual(['CDTI', 'DTI', 'NCBJ', 'NWO-I']);
    expect(row(partners, 'DTI')['Completed the programme']).toBe('1');
    expect((await tableCells(page, "Each learner's progress through the programme"))[0]).not.toContain('Name');
    expect(await page.locator('dash-programme-view #certificate-learner').count()).toBe(0);
    await check(page, 'programme');
    await goToHash(page, '#/sessions', 'sessions');
    await page.getByRole('table', { name: 'Sessions', exact: true }).waitFor();
    expect(await page.locator('dash-sessions-view form').count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
  });

  it('in each of its eight languages: switched from the header, every view translated, numbers as the language writes them, axe, the choice kept', async () => {
    const { page, errors } = await newPage();
    await open(page, ACCOUNTS.control.username);
    const titles: [string, string][] = [
      ['overview', 'Overview'], ['module', 'Module'], ['items', 'Questions'], ['case', 'Case exercise'],
      ['feedback', 'Feedback'], ['learners', 'Learners'], ['programme', 'Programme'], ['sessions', 'In-person sessions'], ['report', 'Period report'],
    ];
    const started = outcomes().started;
    for (const language of ['fr', 'es', 'nl', 'pl', 'da', 'sk', 'de', 'en']) {
      const t = translator(language);
      await page.locator('dash-shell dash-language-switch select').selectOption(language);
      await page.waitForFunction((l) => document.documentElement.lang === l, language);
      await expect.poll(() => navLinks(page), { message: `the views' names in ${language}` }).toEqual(titles.map(([, title]) => t(title)));
      for (const [view, title] of titles) {
        await goToHash(page, `#/${view}`, view);
        expect(await page.locator('dash-shell #view-heading').textContent()).toBe(t(title));
        if (view === 'report') await page.locator('dash-period-report-view[data-state="ready"]').waitFor();
        if (view === 'overview') {
          // Numbers as the language writes them (1,400 / 1 400 / 1.400), from the seed's own count.
          expect(await figure(page, t('Learners started'))).toBe(new Intl.NumberFormat(language === 'en' ? 'en-GB' : language).format(started));
        }
        // One picture per language (the overview) is enough for the artifacts.
        await check(page, `${language}-${view}`, view === 'overview');
      }
    }
    // The last choice is kept in this browser: a new visit opens in it.
    await goToHash(page, '#/overview', 'overview');
    await page.locator('dash-shell dash-language-switch select').selectOption('de');
    await page.waitForFunction(() => document.documentElement.lang === 'de');
    await page.reload();
    await waitForView(page, 'overview');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await navLinks(page)).toEqual(titles.map(([, title]) => translator('de')(title)));
    expect(unexpected(errors)).toEqual([]);
  }, 600_000);

  it('ran axe on every view', () => {
    const inLanguages = ['fr', 'es', 'nl', 'pl', 'da', 'sk', 'de', 'en'].flatMap((l) => ['overview', 'module', 'items', 'case', 'feedback', 'learners', 'programme', 'sessions', 'report'].map((v) => `${l}-${v}`));
    expect(Object.keys(axeByView).sort()).toEqual(['admin', 'case', 'feedback', 'items', 'items-gain', 'items-review', 'learners', 'learners-search', 'learners-trainer', 'module', 'overview', 'overview-phone', 'programme', 'programme-trainer', 'report', 'sessions', 'sessions-attendance', 'sign-in', ...inLanguages].sort());
  });
});
