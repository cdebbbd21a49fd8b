/**
 * Browser test harness: Debian's Chromium driven by playwright-core, the real preview server,
 * keyboard-only helpers, axe-core checks and screenshots kept as artifacts.
 */
import axe from 'axe-core';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildPreview } from '../../packaging/build.ts';
import type { Course, Question } from '../../core/content/schema.ts';
import type { Response } from '../../core/quiz/responses.ts';
import { startPreviewServer } from '../../packaging/preview/server.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = resolve(ROOT, 'test-artifacts');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  // A fresh, temporary profile per launch.
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Serves dist/preview (building it first if it is missing) on a free port. */
export async function servePreview(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(resolve(ROOT, 'dist/preview/index.html'))) {
    await buildPreview(ROOT, {}, { info: () => {}, warn: console.warn });
  }
  const { app, url } = await startPreviewServer({ dir: resolve(ROOT, 'dist/preview'), port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

/** Fails the test on any script error or console error in the page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Failed requests are reported below with their URL.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return errors;
}

export interface FocusedElement {
  tag: string;
  type: string | null;
  value: string | null;
  name: string;
  checked: boolean | null;
  data: Record<string, string>;
  disabled: boolean;
  /** Tag of the custom element whose shadow root holds the element. */
  host: string | null;
}

/** The focused element, looking inside shadow roots, with a name as a person would read it. */
export async function focused(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return null;
    const el = active as HTMLInputElement;
    const label = el.closest('label')?.textContent ?? (el.id ? (el.getRootNode() as ShadowRoot).querySelector(`label[for="${el.id}"]`)?.textContent : null);
    const name = (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type'),
      value: 'value' in el ? String(el.value) : null,
      name,
      checked: 'checked' in el ? el.checked : null,
      data: { ...el.dataset } as Record<string, string>,
      disabled: el.disabled === true,
      host: ((el.getRootNode() as ShadowRoot).host?.tagName ?? '').toLowerCase() || null,
    };
  });
}

/** Presses Tab (forwards) until the focused element matches; fails after `limit` presses. */
export async function tabTo(page: Page, matches: (el: FocusedElement) => boolean, what: string, limit = 150): Promise<FocusedElement> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const el = await focused(page);
    if (el && matches(el)) return el;
  }
  throw new Error(`Could not reach ${what} with the Tab key`);
}

export const byName = (name: string | RegExp) => (el: FocusedElement) =>
  typeof name === 'string' ? el.name === name : name.test(el.name);

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page, shadow roots included. */
/** WCAG 2.1 AA violations axe-core finds in a page, or in one frame of it (a tool's page inside an LMS). */
export async function axeViolations(page: Page | Frame): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  return violations;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = resolve(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: resolve(dir, `${name}.png`), fullPage: true });
}

/** Text of the visible h2 of the current view (inside the shell's shadow DOM). */
export async function viewHeading(page: Page): Promise<string> {
  return page.evaluate(() => {
    const shell = document.querySelector('inp-course')!.shadowRoot!;
    const view = shell.querySelector('main')!.firstElementChild!;
    const root = view.shadowRoot ?? view;
    return root.querySelector('h2')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  });
}

export interface PlayThrough {
  /** Responses by question index (source order). */
  answers: unknown[];
  /** Send the survey with this rating on every Likert item and this comment. */
  survey?: { rating: number; comment: string };
  /** Then leave the module (the tracker's finish). */
  finish?: boolean;
}

/**
 * Takes the whole module through the player in the page: every lesson, the quiz with the given
 * answers, the case along its best path, optionally the survey, the summary. The UI itself is
 * tested by keyboard in module-walkthrough.test.ts; this drives the same player the UI calls.
 */
export function playModule(frame: Frame, plan: PlayThrough): Promise<void> {
  return frame.evaluate(async ({ answers, survey, finish }) => {
    const p = (window as any).inprocap.player;
    const sections: { kind: string }[] = p.course.sections;
    sections.forEach((s, i) => s.kind === 'lesson' && p.goTo(i));
    p.goTo(sections.findIndex((s) => s.kind === 'quiz'));
    p.startQuiz();
    for (const i of p.questionOrder) {
      p.setAnswer(i, answers[i]);
      p.checkAnswer(i);
    }
    p.submitQuiz();
    p.goTo(sections.findIndex((s) => s.kind === 'case'), 1);
    for (const choice of p.caseBestChoices) {
      p.chooseInCase(choice);
      p.continueCase();
    }
    if (survey) {
      p.goTo(sections.findIndex((s) => s.kind === 'survey'));
      p.content.survey.items.forEach((item: { type: string }, i: number) => (item.type === 'likert' ? p.setRating(i, survey.rating) : p.setSurveyText(i, survey.comment)));
      p.submitSurvey();
    }
    p.goTo(p.summaryIndex);
    await p.settled();
    if (finish) {
      await p.tracker.flush?.();
      await p.finish();
    }
  }, plan as PlayThrough);
}

/** Every module the build compiled (npm test builds first), from dist/courses. */
export function builtCourses(): Course[] {
  const dir = resolve(ROOT, 'dist/courses');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as Course);
}

/** Polls until `condition` holds, failing with `what` after `ms`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens the quiz and answers (and checks) its first `count` questions as shown; returns their indices. */
export function answerFirst(frame: Frame, answers: unknown[], count: number): Promise<number[]> {
  return frame.evaluate(
    ({ answers, count }) => {
      const p = (window as any).inprocap.player;
      p.goTo(p.course.sections.findIndex((s: { kind: string }) => s.kind === 'quiz'));
      p.startQuiz();
      const order: number[] = p.questionOrder.slice(0, count);
      for (const i of order) {
        p.setAnswer(i, answers[i]);
        p.checkAnswer(i);
      }
      return order;
    },
    { answers, count },
  );
}

/** Moves along a radio group (inside the element `host`) with the arrow keys until `value` is chosen. */
export async function chooseRadio(page: Page, host: string, value: string, count: number, what: string): Promise<void> {
  let el = await tabTo(page, (e) => e.type === 'radio' && e.host === host, `the first option of ${what}`);
  for (let i = 0; i <= count && el.value !== value; i++) {
    await page.keyboard.press('ArrowDown');
    el = (await focused(page))!;
  }
  // Tabbing into a group focuses its first radio without choosing it: Space chooses.
  if (!el.checked) await page.keyboard.press('Space');
  expect(el.value, `option chosen in ${what}`).toBe(value);
  expect((await focused(page))!.checked, `${what}: the option is checked`).toBe(true);
}

/** Which question on screen: the quiz's one, or the nth of the pre-check's. */
export interface QuestionOnScreen {
  view: 'inp-quiz' | 'inp-precheck';
  nth: number;
}

/** The order of the sequencing items on screen, by item index. */
function sequenceShown(page: Page, at: QuestionOnScreen): Promise<number[]> {
  return page.evaluate(({ view, nth }) => {
    const root = document.querySelector('inp-course')!.shadowRoot!.querySelector(view)!.shadowRoot!;
    const q = root.querySelectorAll('inp-question')[nth]!.shadowRoot!;
    return [...q.querySelectorAll('button[data-move="up"]')].map((b) => Number((b as HTMLElement).dataset.item));
  }, at);
}

/** Answers the question on screen with the keyboard only, as a learner would, every type. */
export async function answerByKeyboard(page: Page, q: Question, response: Response, at: QuestionOnScreen = { view: 'inp-quiz', nth: 0 }): Promise<void> {
  switch (q.type) {
    case 'single':
    case 'truefalse':
      await chooseRadio(page, 'inp-question', String(response), q.type === 'single' ? q.options.length : 2, 'the answer options');
      break;
    case 'multiple': {
      const wanted = new Set((response as number[]).map(String));
      let el = await tabTo(page, (e) => e.type === 'checkbox' && e.host === 'inp-question', 'the first checkbox');
      for (let i = 0; i < q.options.length; i++) {
        if (wanted.has(el.value!) !== el.checked) await page.keyboard.press('Space');
        if (i < q.options.length - 1) {
          await page.keyboard.press('Tab');
          el = (await focused(page))!;
          expect(el.type, 'the options are checkboxes one Tab apart').toBe('checkbox');
        }
      }
      break;
    }
    case 'matching': {
      const targets = response as number[];
      const choices = q.pairs.length + q.distractors.length;
      for (let pair = 0; pair < q.pairs.length; pair++) {
        let el = await tabTo(page, (e) => e.tag === 'select' && e.host === 'inp-question', `drop-down ${pair + 1}`);
        for (let i = 0; i <= choices && el.value !== String(targets[pair]); i++) {
          await page.keyboard.press('ArrowDown');
          el = (await focused(page))!;
        }
        expect(el.value, `drop-down ${pair + 1}`).toBe(String(targets[pair]));
      }
      break;
    }
    case 'sequencing': {
      const wanted = response as number[];
      for (let position = 0; position < wanted.length; position++) {
        const item = wanted[position]!;
        const from = (await sequenceShown(page, at)).indexOf(item);
        if (from === position) continue;
        await tabTo(page, (e) => e.data.move === 'up' && e.data.item === String(item), `"Move up" for item ${item}`);
        for (let i = from; i > position; i--) await page.keyboard.press('Enter');
      }
      expect(await sequenceShown(page, at), 'items in order').toEqual(wanted);
      break;
    }
    case 'fillin':
    case 'numeric':
      await tabTo(page, (e) => e.tag === 'input' && e.type === 'text' && e.host === 'inp-question', 'the answer field');
      await page.keyboard.type(response as string);
      expect((await focused(page))!.value).toBe(response);
      break;
  }
}
