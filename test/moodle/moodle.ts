/**
 * A real Moodle for the tests: installed by test/moodle/install.sh, served by PHP's built-in
 * server on loopback, set up and read back through test/moodle/php/fixture.php (Moodle's own
 * APIs), and used in Chromium as a learner uses it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { moodleSettingValues } from '../../packaging/moodle/settings.ts';
import type { Course } from '../../core/content/schema.ts';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '../..');
/** PHP's settings for Moodle, set per call: no system file is changed. */
export const PHP_ARGS = ['-d', 'max_input_vars=5000', '-d', 'memory_limit=1G', '-d', 'opcache.enable_cli=1'];

export interface MoodleSite {
  /** The site's address, e.g. http://127.0.0.1:8769 */
  url: string;
  /** Moodle's code directory (its config.php is there). */
  code: string;
  /** Moodle's release, e.g. "4.3 (Build: 20231009)". */
  release: string;
  /** The short name of this run's course: every run has its own. */
  course: string;
}

/** Installs Moodle, or checks an existing install; returns its folder (code in ./moodle unless MOODLE_SOURCE). */
export async function installMoodle(log: (line: string) => void): Promise<{ site: string; code: string }> {
  const child = spawn('bash', [resolve(ROOT, 'test/moodle/install.sh')], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach(log));
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? 1)));
  if (code !== 0) throw new Error(`test/moodle/install.sh failed (exit ${code}); see the lines above`);
  const site = out.trim().split('\n').at(-1)!;
  return { site, code: process.env.MOODLE_SOURCE ? resolve(process.env.MOODLE_SOURCE) : resolve(site, 'moodle') };
}

/** Serves Moodle with PHP's built-in server (several workers) until `close`. */
export async function serveMoodle(code: string, port: number): Promise<{ url: string; close: () => Promise<void> }> {
  const url = `http://127.0.0.1:${port}`;
  if (await answers(url)) throw new Error(`something already answers at ${url}: stop it or set MOODLE_PORT`);
  const server: ChildProcess = spawn('php', [...PHP_ARGS, '-S', `127.0.0.1:${port}`], {
    cwd: code,
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4', MOODLE_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true, // its own process group: the workers stop with it
  });
  let errors = '';
  server.stderr!.on('data', (d: Buffer) => (errors = (errors + d.toString()).slice(-4000)));
  const deadline = Date.now() + 30_000;
  while (!(await answers(url))) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`Moodle's server did not start at ${url}: ${errors}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    close: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((r) => server.once('exit', r));
      process.kill(-server.pid!, 'SIGTERM');
      await exited;
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/login/index.php`, { redirect: 'manual' });
    return response.status < 500;
  } catch {
    return false;
  }
}

/** Runs one command of fixture.php inside Moodle and returns its JSON answer. */
export async function fixture<T>(site: MoodleSite, args: Record<string, unknown>): Promise<T> {
  const { stdout } = await run('php', [...PHP_ARGS, resolve(ROOT, 'test/moodle/php/fixture.php'), JSON.stringify({ course: site.course, ...args })], {
    cwd: site.code,
    env: { ...process.env, MOODLE_PORT: new URL(site.url).port },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`fixture ${JSON.stringify(args)} failed: ${error.stderr || error.stdout || error.message}`);
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as T & { error?: string };
  if (result.error) throw new Error(`fixture ${args.command}: ${result.error}`);
  return result;
}

export interface Learner {
  username: string;
  password: string;
}

/** A new learner of this run's course (a student, no attempts yet). */
export function newLearnerAccount(site: MoodleSite, label: string): Promise<Learner> {
  return fixture<Learner>(site, { command: 'learner', username: `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.slice(0, 90) });
}

/** Signs a learner in through Moodle's login form. */
export async function signIn(page: Page, site: MoodleSite, learner: Learner): Promise<void> {
  await page.goto(`${site.url}/login/index.php`);
  await page.fill('#username', learner.username);
  await page.fill('#password', learner.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login/')), page.click('#loginbtn')]);
}

/** One call the package made on Moodle's SCORM API, with its answer and Moodle's error code after it. */
export interface ApiCall {
  method: string;
  args: string[];
  result: string;
  error: string;
}

/**
 * Wraps Moodle's SCORM API objects as Moodle's player page creates them (window.API for 1.2,
 * window.API_1484_11 for 2004), so every call the package makes is logged with its result and
 * error code. Read the log with {@link apiCalls}.
 */
export async function recordApiCalls(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const calls: unknown[] = [];
    (window as unknown as { __scormCalls: unknown[] }).__scormCalls = calls;
    for (const name of ['API', 'API_1484_11']) {
      let wrapped: unknown;
      Object.defineProperty(window, name, {
        configurable: true,
        get: () => wrapped,
        set(api: Record<string, (...args: string[]) => string>) {
          const lastError = api.LMSGetLastError ? 'LMSGetLastError' : 'GetLastError';
          wrapped = new Proxy(api, {
            get(target, key: string) {
              const value = target[key];
              if (typeof value !== 'function' || /GetLastError|GetErrorString|GetDiagnostic/.test(key)) return value;
              return (...args: string[]) => {
                const result = String(value.apply(target, args));
                calls.push({ method: key, args: args.map(String), result, error: String(target[lastError]!.call(target)) });
                return result;
              };
            },
          });
        },
      });
    }
  });
}

/** The API calls logged in the player page (the page that holds Moodle's API). */
export function apiCalls(page: Page): Promise<ApiCall[]> {
  return page.evaluate(() => ((window as unknown as { __scormCalls?: ApiCall[] }).__scormCalls ?? []).slice());
}

/**
 * Calls Moodle refused: a SetValue, Commit, Initialize or Finish that answered false or set an
 * error, and a GetValue failing with anything but "not initialized" (403, normal on a first launch).
 */
export function refused(calls: ApiCall[]): ApiCall[] {
  return calls.filter((c) => {
    if (/GetValue$/.test(c.method)) return c.error !== '0' && c.error !== '403' && c.error !== '';
    return c.result !== 'true' || (c.error !== '0' && c.error !== '');
  });
}

/** The module's frame inside Moodle's player page, once the module is running. */
export async function moduleFrame(page: Page): Promise<Frame> {
  const element = await page.waitForSelector('#scorm_object', { timeout: 30_000 });
  const frame = (await element.contentFrame())!;
  await frame.waitForFunction(() => !!document.querySelector('inp-course')?.shadowRoot?.querySelector('main > *'), undefined, { timeout: 30_000 });
  return frame;
}

// ---------------------------------------------------------------------------------------------
// SCORM activities and what Moodle recorded (fixture.php's answers)

export interface Activity {
  cmid: number;
  scormid: number;
  version: string;
  scos: number;
  validation?: string[];
}

/**
 * Adds a SCORM package to the test course as a teacher would, through Moodle's own package
 * validation, with the recommended settings (packaging/moodle/settings.ts) and any overrides.
 */
export function addScormActivity(site: MoodleSite, zip: string, name: string, overrides: Record<string, number> = {}): Promise<Activity> {
  return fixture<Activity>(site, { command: 'scorm', zip, name, settings: { ...moodleSettingValues(), ...overrides } });
}

export interface Results {
  attempts: { attempt: number; elements: Record<string, string> }[];
  grade: number | null;
  gradeText: string | null;
  completion: string;
}

export const packagePath = (course: Course, version: '12' | '2004') => resolve(ROOT, `dist/packages/${course.slug}-${course.version}-scorm${version}.zip`);

/** The elements of the learner's last attempt, as Moodle stored them. */
export const lastAttempt = (r: Results) => r.attempts.at(-1)?.elements ?? {};

/** Moodle stores cmi.interactions.N.x as cmi.interactions_N.x: the interactions, by index. */
export function storedInteractions(elements: Record<string, string>): Record<string, string>[] {
  const byIndex: Record<string, string>[] = [];
  for (const [element, value] of Object.entries(elements)) {
    const match = /^cmi\.interactions[._](\d+)\.(.+)$/.exec(element);
    if (match) (byIndex[Number(match[1])] ??= {})[match[2]!] = value;
  }
  return byIndex;
}

/** Opens the activity as a learner does, presses Enter, and waits for the module in Moodle's player. */
export async function openActivity(page: Page, site: MoodleSite, cmid: number): Promise<Frame> {
  await page.goto(`${site.url}/mod/scorm/view.php?id=${cmid}`);
  await Promise.all([page.waitForURL(/\/mod\/scorm\/player\.php/), page.click('#scormviewform button[value="normal"]')]);
  return moduleFrame(page);
}


/** One run of a package in Moodle, as the note's results table shows it. */
export interface ResultRow {
  module: string;
  version: '1.2' | '2004';
  run: string;
  status: string;
  score: string | undefined;
  grade: string | null;
  completion: string;
  interactions: number;
  refused: number;
}

/** A results row from what Moodle recorded. */
export function resultRow(module: string, version: '12' | '2004', run: string, r: Results, calls: ApiCall[]): ResultRow {
  const e = lastAttempt(r);
  return {
    module,
    version: version === '12' ? '1.2' : '2004',
    run,
    status: version === '12' ? (e['cmi.core.lesson_status'] ?? '') : `${e['cmi.completion_status']}/${e['cmi.success_status']}`,
    score: e[version === '12' ? 'cmi.core.score.raw' : 'cmi.score.raw'],
    grade: r.gradeText,
    completion: r.completion,
    interactions: storedInteractions(e).length,
    refused: refused(calls).length,
  };
}

/** Prints the rows and keeps them as test-artifacts/moodle-<name>.json. */
export function saveResults(name: string, site: MoodleSite, rows: ResultRow[]): void {
  mkdirSync(resolve(ROOT, 'test-artifacts'), { recursive: true });
  writeFileSync(resolve(ROOT, `test-artifacts/moodle-${name}.json`), JSON.stringify({ moodle: site.release, rows }, null, 2));
  console.table(rows);
}
