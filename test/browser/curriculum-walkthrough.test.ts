/**
 * The full curriculum in Chromium, by keyboard alone.
 *
 * 1. Every module the build compiled (dist/courses/*.json, so a new module is covered without
 *    touching this file) is opened from the preview index and taken end to end: every lesson,
 *    every quiz question answered correctly, the quiz submitted, the case exercise played along
 *    its best path to an ending and the debrief, the survey sent, the completion summary. The
 *    preview tracker's record must say completed and passed. axe-core checks the first lesson,
 *    one question of each type, a case decision, the debrief, the survey and the summary.
 * 2. One module (fundamentals: content in English and French) in every interface language,
 *    chosen with the language switch by keyboard (starting from English, or from French for
 *    English): the `lang` attributes, the interface strings against the XLIFF targets, the
 *    content in French or falling back to English (marked lang="en", with the notice saying so),
 *    the summary while in progress, then the whole module end to end in that language, with
 *    axe-core on the same screens as above. FULL_WALK_LANGUAGES can limit the end-to-end walk to
 *    some languages (the others then take every lesson, one question, one case decision and the
 *    summary) should the file outgrow its few minutes on a 2-core machine.
 *
 * Failures name the module (and language) and the screen. Screenshots of a few screens per
 * module are kept as test-artifacts/screenshots/curriculum-<slug>-*.png.
 */
import { XMLParser } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course, CourseContent, Question } from '../../core/content/schema.ts';
import { allLocales, sourceLocale } from '../../src/i18n/generated/locale-codes.ts';
import type { Response } from '../../core/quiz/responses.ts';
import { correctResponse, scoreQuiz, wrongResponse } from '../../core/quiz/scoring.ts';
import type { PreviewRecord } from '../../src/tracker/local-preview-tracker.ts';
import {
  answerByKeyboard,
  axeViolations,
  builtCourses,
  chooseRadio,
  focused,
  launchBrowser,
  ROOT,
  screenshot,
  servePreview,
  viewHeading,
  watchErrors,
  type FocusedElement,
} from './harness.ts';

const courses = builtCourses();
/** The module taken in every interface language. */
const MULTILINGUAL = 'fundamentals';
/**
 * Interface languages in which that module is taken end to end; any other takes a shorter path
 * (every lesson, one question, one case decision, the summary). All eight fit in the time budget
 * today (about 10 s each); drop some here if the file grows past a few minutes.
 */
const FULL_WALK_LANGUAGES: ReadonlySet<string> = new Set(allLocales);

let browser: Browser;
let server: Awaited<ReturnType<typeof servePreview>>;
/** axe-core results of every screen checked, for the summary printed at the end. */
const axeResults: Record<string, string[]> = {};
let axeMilliseconds = 0;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await servePreview();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  const screens = Object.keys(axeResults);
  const violations = Object.entries(axeResults).filter(([, v]) => v.length);
  console.log(
    `curriculum: axe-core checked ${screens.length} screens in ${(axeMilliseconds / 1000).toFixed(1)} s: ` +
      (violations.length ? `violations on ${violations.map(([screen]) => screen).join(', ')}` : 'no violations'),
  );
});

// ---------------------------------------------------------------------------------------------
// Interface strings from the XLIFF files, as the learner should see them

/** An interface string in one language: the English source with `{0}`, `{1}` for placeholders. */
type Ui = (english: string, ...values: (string | number)[]) => string;

const xliffParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: false,
  // Sources and targets hold placeholders (<x id="0" equiv-text="${n}"/>): keep them as text.
  stopNodes: ['*.source', '*.target'],
  isArray: (name) => name === 'trans-unit',
});

function xliffText(xml: string): string {
  return xml
    .replace(/<x\b[^>]*?\bid="(\d+)"[^>]*\/>/g, '{$1}')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Whitespace as the accessible names read by `focused()` show it (non-breaking spaces included). */
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

const uiCache = new Map<string, Ui>();
function uiStrings(language: string): Ui {
  const cached = uiCache.get(language);
  if (cached) return cached;
  const targets = new Map<string, string>();
  if (language !== sourceLocale) {
    const doc = xliffParser.parse(readFileSync(resolve(ROOT, `src/i18n/xliff/${language}.xlf`), 'utf8'));
    for (const unit of doc.xliff.file.body['trans-unit'] as { source: string; target?: string }[]) {
      if (unit.target) targets.set(xliffText(String(unit.source)), xliffText(String(unit.target)));
    }
  }
  const ui: Ui = (english, ...values) => {
    const template = language === sourceLocale ? english : targets.get(english);
    if (template === undefined) throw new Error(`No ${language} translation of the interface string "${english}" in src/i18n/xliff/${language}.xlf`);
    return collapse(template.replace(/\{(\d+)\}/g, (_, i: string) => String(values[Number(i)])));
  };
  uiCache.set(language, ui);
  return ui;
}

// ---------------------------------------------------------------------------------------------
// One learner taking one module in one page, by keyboard

class Walk {
  /** Which screen the walk is on, for failure messages. */
  private screen = 'start';
  /** A step failed: later steps of the same walk are skipped rather than failing again. */
  broken = false;
  readonly errors: string[];
  t: Ui;
  uiLanguage: string;
  /** Which screenshots to keep (all of 01-lesson, 02-question, 03-debrief, 04-summary when unset). */
  shots?: ReadonlySet<string>;

  constructor(
    readonly page: Page,
    readonly course: Course,
    /** Names the walk in failure messages, screenshots and the axe summary: slug, maybe language. */
    readonly label: string,
    uiLanguage = sourceLocale,
  ) {
    this.errors = watchErrors(page);
    this.uiLanguage = uiLanguage;
    this.t = uiStrings(uiLanguage);
  }

  get contentLanguage(): string {
    return this.course.languages.includes(this.uiLanguage) ? this.uiLanguage : this.course.defaultLanguage;
  }

  get content(): CourseContent {
    return this.course.content[this.contentLanguage]!;
  }

  record(): Promise<PreviewRecord> {
    return this.page.evaluate((id) => JSON.parse(localStorage.getItem(`inprocap:preview:${id}`) ?? 'null') as PreviewRecord, this.course.id);
  }

  /** Runs one part of the walk; a failure names the walk and the screen it happened on. */
  async step<T>(screen: string, run: () => Promise<T>): Promise<T> {
    this.screen = screen;
    try {
      return await run();
    } catch (error) {
      this.broken = true;
      if (error instanceof Error) error.message = `[${this.label}] on "${this.screen}": ${error.message}`;
      throw error;
    }
  }

  /** axe-core on the screen shown (zero violations), with a screenshot when `shot` is given. */
  async check(name: string, shot?: string): Promise<void> {
    await this.page.waitForTimeout(50); // let lit finish rendering
    const started = Date.now();
    const violations = await axeViolations(this.page);
    axeMilliseconds += Date.now() - started;
    axeResults[`${this.label} ${name}`] = violations;
    if (shot && (!this.shots || this.shots.has(shot))) await screenshot(this.page, `curriculum-${this.label}-${shot}`);
    // Soft: the walk goes on, so one run reports every screen with violations (the test still fails).
    expect.soft(violations, `[${this.label}] axe-core on "${name}"`).toEqual([]);
  }

  async tabTo(matches: (el: FocusedElement) => boolean, what: string, { backwards = false, limit = 200 } = {}): Promise<FocusedElement> {
    const key = backwards ? 'Shift+Tab' : 'Tab';
    for (let i = 0; i < limit; i++) {
      await this.page.keyboard.press(key);
      const el = await focused(this.page);
      if (el && matches(el)) return el;
    }
    throw new Error(`could not reach ${what} with ${key} (${limit} presses)`);
  }

  /** Tabs to an enabled button with this (already translated) name and presses Enter. */
  async press(name: string, host?: string): Promise<void> {
    const wanted = collapse(name);
    await this.tabTo((el) => el.tag === 'button' && !el.disabled && el.name === wanted && (!host || el.host === host), `the button "${wanted}"`);
    await this.page.keyboard.press('Enter');
  }

  async expectHeading(text: string): Promise<void> {
    // lit renders in microtasks: the heading is there at once, but allow for a slow machine.
    await expect.poll(() => viewHeading(this.page), { message: 'the heading shown', timeout: 5_000, interval: 25 }).toBe(collapse(text));
  }

  /** Moves along a radio group with the arrow keys until `value` is chosen. */
  async chooseRadio(host: string, value: string, count: number, what: string): Promise<void> {
    await chooseRadio(this.page, host, value, count, what);
  }

  // -------------------------------------------------------------------------------------------

  /** Opens the module from the preview index, following its link by keyboard. */
  async openFromIndex(baseUrl: string): Promise<void> {
    await this.step('preview index', async () => {
      await this.page.goto(`${baseUrl}/`);
      const title = collapse(this.course.content[this.course.defaultLanguage]!.title);
      await this.tabTo((e) => e.tag === 'a' && e.name === title, `the link to "${title}"`, { limit: 3 * courses.length + 10 });
      await this.page.keyboard.press('Enter');
      await this.page.waitForSelector('inp-course');
      await this.page.waitForFunction(() => !!document.querySelector('inp-course')?.shadowRoot?.querySelector('main > *'));
    });
  }

  /** Chooses an interface language with the language switch, by keyboard. */
  async switchLanguage(language: string): Promise<void> {
    await this.step(`language switch to ${language}`, async () => {
      let el = await this.tabTo((e) => e.tag === 'select' && e.host === 'inp-course', 'the language switch', { limit: 20 });
      expect(el.name, 'the switch is labelled in the current language').toBe(this.t('Language'));
      const offered = await this.page.evaluate(() =>
        [...document.querySelector('inp-course')!.shadowRoot!.querySelectorAll('#language option')].map((o) => ({ value: o.getAttribute('value')!, lang: o.getAttribute('lang') })),
      );
      // Every language named in itself, and marked so.
      expect(offered.every((o) => o.lang === o.value), 'each option carries its own lang').toBe(true);
      expect(offered.map((o) => o.value).sort()).toEqual([...new Set([...allLocales, ...this.course.languages])].sort());
      const values = offered.map((o) => o.value);
      const key = values.indexOf(language) > values.indexOf(el.value!) ? 'ArrowDown' : 'ArrowUp';
      for (let i = 0; i < values.length && el.value !== language; i++) {
        await this.page.keyboard.press(key);
        el = (await focused(this.page))!;
      }
      expect(el.value).toBe(language);
      this.uiLanguage = language;
      this.t = uiStrings(language);
      const next = `${this.t('Next')} →`;
      await this.page
        .waitForFunction(
          ({ language, next }) => {
            const shell = document.querySelector('inp-course')?.shadowRoot;
            const button = shell?.querySelector('.pager button.primary');
            return document.documentElement.lang === language && button?.textContent?.replace(/\s+/g, ' ').trim() === next;
          },
          { language, next },
          { timeout: 10_000 },
        )
        .catch(() => undefined); // the assertions below say what is wrong
    });
  }

  /** The `lang` attributes and interface strings of the page as shown now. */
  async checkLanguage(): Promise<void> {
    await this.step(`language ${this.uiLanguage}: lang attributes and interface strings`, async () => {
      const t = this.t;
      const shown = await this.page.evaluate(() => {
        const shell = document.querySelector('inp-course')!.shadowRoot!;
        const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
        const pager = [...shell.querySelectorAll('.pager button')];
        return {
          html: document.documentElement.lang,
          // <main> speaks the interface language (no lang of its own); content elements carry theirs.
          main: shell.querySelector('main')!.getAttribute('lang'),
          title: shell.querySelector('h1')!.getAttribute('lang'),
          contents: text(shell.querySelector('.toc-title')),
          languageLabel: text(shell.querySelector('label[for="language"]')),
          glossary: text(shell.querySelector('header .tools > button')),
          previous: text(pager[0]),
          next: text(pager[1]),
          notice: text(shell.querySelector('.notice[role="note"]')),
        };
      });
      const autonym = { en: 'English', fr: 'Français' }[this.contentLanguage] ?? this.contentLanguage;
      expect(shown).toEqual({
        html: this.uiLanguage,
        main: null,
        title: this.contentLanguage,
        contents: t('Contents'),
        languageLabel: t('Language'),
        glossary: t('Glossary'),
        previous: `← ${t('Previous')}`,
        next: `${t('Next')} →`,
        notice: this.course.languages.includes(this.uiLanguage) ? null : t("This module's content is not yet translated: it is shown in {0}.", autonym),
      });
      if (this.uiLanguage !== sourceLocale) {
        // Not merely present in the XLIFF: actually different from the English text.
        // The walk presses every button by its translated name, so these are also what is shown.
        for (const english of ['Next', 'Previous', 'Contents', 'Start the quiz', 'Check answer', 'See your score']) {
          expect(t(english), `"${english}" is translated in ${this.uiLanguage}`).not.toBe(english);
        }
      }
    });
  }

  /**
   * Before the walk: the summary while the module is in progress (with its "Go" buttons to the
   * parts still to do), opened from the table of contents, then back to the first lesson.
   */
  async summaryInProgress(): Promise<void> {
    await this.step('summary in progress', async () => {
      const summary = this.t('Summary');
      await this.tabTo((e) => e.tag === 'button' && e.host === 'inp-course' && e.name.endsWith(summary), `the contents entry "${summary}"`);
      await this.page.keyboard.press('Enter');
      await this.expectHeading(this.t('Your progress'));
      const goButtons = await this.page.evaluate(
        () => document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-summary')!.shadowRoot!.querySelectorAll('button.link').length,
      );
      expect(goButtons, 'a "Go" button for every part still to do').toBeGreaterThan(0);
      await this.check('summary in progress', 'summary-in-progress');
      const first = this.course.sections[0]!;
      const c = this.content;
      const title =
        first.kind === 'precheck' ? c.precheck!.title : first.kind === 'lesson' ? c.lessons.find((l) => l.id === first.id)!.title : first.kind === 'quiz' ? c.quiz!.title : first.kind === 'case' ? c.case!.title : c.survey!.title;
      await this.tabTo((e) => e.tag === 'button' && e.host === 'inp-course' && e.name.includes(collapse(title)), `the contents entry "${title}"`, { backwards: true });
      await this.page.keyboard.press('Enter');
      await this.expectHeading(title);
    });
  }

  // -------------------------------------------------------------------------------------------
  // The whole module, section by section as the course lists them

  async walkAll({ shots = true } = {}): Promise<void> {
    const sections = this.course.sections;
    for (let index = 0; index < sections.length; index++) {
      const section = sections[index]!;
      if (section.kind === 'precheck') await this.precheck();
      else if (section.kind === 'lesson') await this.lesson(index, shots);
      else if (section.kind === 'quiz') await this.quiz(shots);
      else if (section.kind === 'case') await this.caseExercise(shots);
      else await this.survey();
    }
    await this.summary(true, shots);
  }

  private firstLessonChecked = false;

  async lesson(sectionIndex: number, shots = true): Promise<void> {
    const section = this.course.sections[sectionIndex]!;
    if (section.kind !== 'lesson') throw new Error(`section ${sectionIndex} is no lesson`);
    const lesson = this.content.lessons.find((l) => l.id === section.id)!;
    await this.step(`lesson "${lesson.title}"`, async () => {
      await this.expectHeading(lesson.title);
      if (!this.firstLessonChecked) {
        this.firstLessonChecked = true;
        await this.check('first lesson', shots ? '01-lesson' : undefined);
      }
      await this.press(`${this.t('Next')} →`, 'inp-course');
      // Focus moves to the next page's heading, so the next Tab starts at the top of the page.
      await expect.poll(async () => (await focused(this.page))?.tag, { message: 'focus on the next page heading', timeout: 5_000, interval: 25 }).toBe('h2');
    });
  }

  /**
   * The pre-check by keyboard: every question answered (wrong, as a newcomer might), sent without
   * feedback, recorded as pre-check answers (not quiz answers), then on to the first lesson.
   */
  async precheck(): Promise<void> {
    const precheck = this.content.precheck!;
    const t = this.t;
    await this.step('pre-check', async () => {
      await this.expectHeading(precheck.title);
      await this.check('pre-check');
      for (const [nth, q] of precheck.questions.entries()) await answerByKeyboard(this.page, q, wrongResponse(q), { view: 'inp-precheck', nth });
      await this.press(t('Send my answers'), 'inp-precheck');
      await this.expectHeading(precheck.title);
      await this.check('pre-check sent');
      const saved = await this.record();
      expect(saved.interactions.filter((i) => i.kind === 'precheck').map((i) => [i.id, i.result])).toEqual(precheck.questions.map((q) => [q.id, 'incorrect']));
      expect(saved.interactions.filter((i) => i.kind === 'question'), 'no quiz answer from the pre-check').toEqual([]);
      expect(saved.score, 'no score from the pre-check').toBeUndefined();
      await this.press(t('Start the lessons'), 'inp-precheck');
    });
  }

  async currentQuestionIndex(): Promise<number> {
    return this.page.evaluate(() => {
      const quiz = document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-quiz')!.shadowRoot!;
      return Number(quiz.querySelector('inp-question')!.getAttribute('question-index'));
    });
  }

  /** Answers the question on screen with the keyboard only. */
  async answer(q: Question, response: Response): Promise<void> {
    await answerByKeyboard(this.page, q, response);
  }

  /**
   * The quiz: from its introduction, every question (or only the first `limit`) answered
   * correctly and checked, then (when all are answered) the score, and on to the next section.
   */
  async quiz(shots = true, limit = Infinity): Promise<void> {
    const quiz = this.content.quiz!;
    const questions = quiz.questions;
    const t = this.t;
    await this.step('quiz introduction', async () => {
      await this.expectHeading(quiz.title);
      await this.press(t('Start the quiz'), 'inp-quiz');
    });
    const seen = new Set<string>();
    const given: Response[] = [];
    const steps = Math.min(limit, questions.length);
    for (let step = 0; step < steps; step++) {
      await this.step(`question ${step + 1} of ${questions.length}`, async () => {
        await this.expectHeading(t('Question {0} of {1}', step + 1, questions.length));
        const index = await this.currentQuestionIndex();
        const q = questions[index]!;
        this.screen = `question ${step + 1} of ${questions.length} (${q.type}, "${q.id}")`;
        const response = correctResponse(q);
        given[index] = response;
        await this.answer(q, response);
        if (!seen.has(q.type)) await this.check(`question ${q.type}`, shots && seen.size === 0 ? '02-question' : undefined);
        seen.add(q.type);
        await this.press(t('Check answer'), 'inp-quiz');
        await expect.poll(async () => (await focused(this.page))?.tag, { message: 'focus moves to the feedback', timeout: 5_000, interval: 25 }).toBe('div');
        const verdict = await this.page.evaluate(() => {
          const quiz = document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-quiz')!.shadowRoot!;
          return quiz.querySelector('inp-question')!.shadowRoot!.querySelector('.feedback .verdict')?.textContent?.trim();
        });
        expect(verdict, 'the answer is marked correct').toBe(t('Correct.'));
        if (step < steps - 1) await this.press(t('Next question'), 'inp-quiz');
        else if (steps === questions.length) await this.press(t('See your score'), 'inp-quiz');
      });
    }
    if (steps < questions.length) return; // the short path leaves the quiz here
    await this.step('quiz results', async () => {
      const types = [...new Set(questions.map((q) => q.type))].sort();
      expect([...seen].sort(), 'one axe-core check per question type').toEqual(types);
      const expected = scoreQuiz(quiz, given);
      expect(expected.percent).toBe(100);
      await this.expectHeading(t('Your score'));
      const score = await this.page.evaluate(() =>
        document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-quiz')!.shadowRoot!.querySelector('.score')!.textContent,
      );
      expect(score).toBe(`${expected.percent}%`);
      const saved = await this.record();
      expect(saved.score?.raw, 'score recorded').toBe(100);
      expect(saved.success, 'quiz passed').toBe('passed');
      const answered = saved.interactions.filter((i) => i.kind === 'question');
      expect(answered.map((i) => i.result), 'every question recorded as correct').toEqual(questions.map(() => 'correct'));
      await this.press(t('Continue'), 'inp-quiz');
    });
  }

  /** The case along its best path (or only its first decision), then the debrief. */
  async caseExercise(shots = true, firstDecisionOnly = false): Promise<void> {
    const exercise = this.content.case!;
    const t = this.t;
    await this.step('case introduction', async () => {
      await this.expectHeading(exercise.title);
      await this.press(t('Begin the case'), 'inp-case');
    });
    const nodes = new Map(exercise.nodes.map((n) => [n.id, n]));
    let nodeId = exercise.start;
    const path: { node: string; choice: string; points: number }[] = [];
    for (let guard = 0; nodes.get(nodeId)?.type === 'decision'; guard++) {
      const node = nodes.get(nodeId)!;
      if (node.type !== 'decision' || guard > exercise.nodes.length) throw new Error(`[${this.label}] the best path of the case goes round in circles`);
      await this.step(`case decision ${path.length + 1} ("${node.id}")`, async () => {
        await this.expectHeading(node.title);
        const best = node.choices.findIndex((c) => c.best);
        expect(best, `decision "${node.id}" has a best choice`).toBeGreaterThanOrEqual(0);
        await this.chooseRadio('inp-case', String(best), node.choices.length, `decision "${node.id}"`);
        if (path.length === 0) await this.check('case decision');
        await this.press(t('Decide'), 'inp-case');
        await this.expectHeading(t('What happens next'));
        path.push({ node: node.id, choice: node.choices[best]!.id, points: node.choices[best]!.points });
        nodeId = node.choices[best]!.next;
        if (!firstDecisionOnly) await this.press(t('Continue'), 'inp-case');
      });
      if (firstDecisionOnly) return;
    }
    await this.step('case ending', async () => {
      const ending = nodes.get(nodeId);
      expect(ending?.type, `the best path ends at an ending ("${nodeId}")`).toBe('ending');
      await this.expectHeading(ending!.title);
      await this.press(t('See the debrief'), 'inp-case');
    });
    await this.step('case debrief', async () => {
      await this.expectHeading(`${t('Debrief')}: ${exercise.title}`);
      const debrief = await this.page.evaluate(() => {
        const root = document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-case')!.shadowRoot!;
        return {
          paths: [...root.querySelectorAll('.paths ol')].map((ol) => ol.children.length),
          best: root.querySelectorAll('.tag.best').length,
          notBest: root.querySelectorAll('.tag.other').length,
        };
      });
      expect(debrief).toEqual({ paths: [path.length, path.length], best: path.length, notBest: 0 });
      await this.check('case debrief', shots ? '03-debrief' : undefined);
      const saved = await this.record();
      expect(
        saved.interactions.filter((i) => i.kind === 'case-decision').map((i) => ({ id: i.id, value: i.value })),
        'every decision recorded',
      ).toEqual(path.map((p) => ({ id: `${p.node}.${p.choice}`, value: p.points })));
      await this.press(t('Continue'), 'inp-case');
    });
  }

  async survey(): Promise<void> {
    const survey = this.content.survey!;
    const t = this.t;
    const rating = Math.min(4, survey.scale.length);
    const comment = `Walked through ${this.label} by keyboard.`;
    await this.step('survey', async () => {
      await this.expectHeading(survey.title);
      for (const item of survey.items) {
        if (item.type === 'likert') {
          await this.tabTo((e) => e.type === 'radio' && e.host === 'inp-survey', `the scale of "${item.statement}"`);
          for (let i = 1; i < rating; i++) await this.page.keyboard.press('ArrowRight');
          if (rating === 1) await this.page.keyboard.press('Space');
          expect((await focused(this.page))!.value, `rating of "${item.statement}"`).toBe(String(rating));
        } else {
          await this.tabTo((e) => e.tag === 'textarea' && e.host === 'inp-survey', `the field "${item.prompt}"`);
          await this.page.keyboard.type(comment);
        }
      }
      await this.check('survey');
      await this.press(t('Send feedback'), 'inp-survey');
    });
    await this.step('survey thanks', async () => {
      await this.expectHeading(t('Thank you for your feedback'));
      const saved = await this.record();
      const expected = survey.items.map((item) => ({ id: item.id, value: item.type === 'likert' ? rating : comment }));
      expect(saved.interactions.filter((i) => i.kind === 'survey').map((i) => ({ id: i.id, value: i.value })), 'survey answers recorded').toEqual(expected);
      await this.press(t('Continue'), 'inp-survey');
    });
  }

  /** The summary: completed and passed after a full walk, in progress after a short one. */
  async summary(completed: boolean, shots = true, shot = '04-summary'): Promise<void> {
    const t = this.t;
    await this.step('completion summary', async () => {
      await this.expectHeading(completed ? t('Module completed') : t('Your progress'));
      await this.check('summary', shots ? shot : undefined);
      const saved = await this.record();
      if (completed) {
        expect({ completion: saved.completion, success: saved.success, score: saved.score?.raw }, 'the tracker record').toEqual({
          completion: 'completed',
          success: 'passed',
          score: 100,
        });
        const verdict = await this.page.evaluate(() =>
          document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-summary')!.shadowRoot!.querySelector('.verdict')!.textContent!.trim(),
        );
        expect(verdict).toBe(t('You have completed every part of this module.'));
      } else {
        expect(saved.completion, 'the tracker record').toBe('incomplete');
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Every module, end to end

describe('the full curriculum, every module by keyboard', () => {
  it('has modules to walk', () => {
    expect(courses.length, 'dist/courses holds the built modules (npm run build)').toBeGreaterThan(0);
  });

  for (const course of courses) {
    describe(`module "${course.slug}"`, () => {
      let context: BrowserContext;
      let walk: Walk;
      const guard = (skip: () => void) => {
        if (!walk || walk.broken) skip();
      };

      beforeAll(async () => {
        context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
        walk = new Walk(await context.newPage(), course, course.slug);
      });

      afterAll(async () => {
        await context?.close();
      });

      it('opens from the preview index', async () => {
        await walk.openFromIndex(server.url);
        await walk.step('first lesson', async () => {
          expect(await walk.page.evaluate(() => document.documentElement.lang)).toBe(course.defaultLanguage);
        });
      });

      // One test per section, in the order the module lists them.
      course.sections.forEach((section, index) => {
        const content = course.content[course.defaultLanguage]!;
        const name =
          section.kind === 'precheck'
            ? 'answers the pre-check by keyboard, without feedback or score'
            : section.kind === 'lesson'
            ? `reads lesson ${course.sections.slice(0, index + 1).filter((s) => s.kind === 'lesson').length}, "${content.lessons.find((l) => l.id === section.id)?.title}", and moves on`
            : section.kind === 'quiz'
              ? 'answers every question correctly, submits the quiz and passes'
              : section.kind === 'case'
                ? 'plays the case along the best path to an ending and the debrief'
                : 'sends the survey';
        it(name, async ({ skip }) => {
          guard(skip);
          if (section.kind === 'precheck') await walk.precheck();
          else if (section.kind === 'lesson') await walk.lesson(index);
          else if (section.kind === 'quiz') await walk.quiz();
          else if (section.kind === 'case') await walk.caseExercise();
          else await walk.survey();
        });
      });

      it('reaches the completion summary: completed and passed', async ({ skip }) => {
        guard(skip);
        await walk.summary(true);
      });

      it('raised no script errors', () => {
        expect(walk.errors, `[${course.slug}] errors in the page`).toEqual([]);
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// 2. One module in every interface language

describe(`module "${MULTILINGUAL}" in every interface language, chosen by keyboard`, () => {
  const course = courses.find((c) => c.slug === MULTILINGUAL);

  it(`is built with content in more than one language`, () => {
    expect(course, `dist/courses/${MULTILINGUAL}.json`).toBeDefined();
    expect(course!.languages.length).toBeGreaterThan(1);
  });

  for (const language of allLocales) {
    const full = FULL_WALK_LANGUAGES.has(language);
    it(`${language}: ${full ? 'end to end' : 'lesson, question, case decision and summary'}`, async ({ skip }) => {
      if (!course) skip();
      // Start from another language than the one to choose, so the switch has work to do.
      const start = language === sourceLocale ? 'fr' : sourceLocale;
      const context = await browser.newContext({ locale: start === 'fr' ? 'fr-FR' : 'en-GB', viewport: { width: 1280, height: 900 } });
      try {
        const walk = new Walk(await context.newPage(), course!, `${MULTILINGUAL}-${language}`, start);
        walk.shots = new Set(['01-lesson', 'summary-in-progress', '04-summary']);
        await walk.openFromIndex(server.url);
        await walk.step('first lesson before the switch', async () => {
          expect(await walk.page.evaluate(() => document.documentElement.lang)).toBe(start);
          await walk.expectHeading(walk.content.lessons[0]!.title);
        });
        await walk.switchLanguage(language);
        await walk.checkLanguage();
        await walk.step('content language', async () => {
          const lessons = walk.content.lessons;
          await walk.expectHeading(lessons[0]!.title);
          if (walk.contentLanguage !== course!.defaultLanguage) {
            // Really the translation, not the original under another lang.
            expect(lessons[0]!.title).not.toBe(course!.content[course!.defaultLanguage]!.lessons[0]!.title);
          }
        });
        await walk.summaryInProgress();
        if (full) {
          await walk.walkAll();
        } else {
          for (let i = 0; i < course!.sections.length && course!.sections[i]!.kind === 'lesson'; i++) await walk.lesson(i, true);
          await walk.quiz(false, 1);
          await walk.step('leaving the quiz', async () => walk.press(`${walk.t('Next')} →`, 'inp-course'));
          await walk.caseExercise(false, true);
          await walk.step('leaving the case', async () => walk.press(`${walk.t('Next')} →`, 'inp-course'));
          await walk.step('survey, skipped', async () => {
            await walk.expectHeading(walk.content.survey!.title);
            await walk.press(walk.t('Skip'), 'inp-survey');
          });
          await walk.summary(false, true);
        }
        await walk.step('language after the walk', async () => {
          const langs = await walk.page.evaluate(() => ({
            html: document.documentElement.lang,
            main: document.querySelector('inp-course')!.shadowRoot!.querySelector('main')!.getAttribute('lang'),
            title: document.querySelector('inp-course')!.shadowRoot!.querySelector('h1')!.getAttribute('lang'),
          }));
          expect(langs).toEqual({ html: language, main: null, title: walk.contentLanguage });
        });
        expect(walk.errors, `[${walk.label}] errors in the page`).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
