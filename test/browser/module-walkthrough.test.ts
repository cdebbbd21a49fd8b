/**
 * Takes the real module end to end in Chromium with the keyboard alone: every lesson, every
 * question (one deliberately wrong), a reload mid-quiz that must resume in place, the case
 * exercise, the survey and the summary. axe-core checks every screen; screenshots are kept in
 * test-artifacts/screenshots.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../core/content/schema.ts';
import { correctResponse, scoreQuiz } from '../../core/quiz/scoring.ts';
import { questionType } from '../../core/question-types/registry.ts';
import type { Response } from '../../core/quiz/responses.ts';
import type { PreviewRecord } from '../../src/tracker/local-preview-tracker.ts';
import {
  answerByKeyboard,
  axeViolations,
  byName,
  focused,
  launchBrowser,
  ROOT,
  screenshot,
  servePreview,
  tabTo,
  viewHeading,
  watchErrors,
} from './harness.ts';

const SLUG = 'fundamentals';
const course = JSON.parse(readFileSync(resolve(ROOT, `dist/courses/${SLUG}.json`), 'utf8')) as Course;
const content = course.content[course.defaultLanguage]!;
const questions = content.quiz!.questions;

let browser: Browser;
let server: Awaited<ReturnType<typeof servePreview>>;
let page: Page;
let errors: string[];
const axeResults: Record<string, string[]> = {};

async function check(name: string): Promise<void> {
  await page.waitForTimeout(50); // let lit finish rendering
  const violations = await axeViolations(page);
  axeResults[name] = violations;
  await screenshot(page, name);
  expect(violations, `axe on ${name}`).toEqual([]);
}

async function pressButton(name: string | RegExp): Promise<void> {
  await tabTo(page, (el) => el.tag === 'button' && !el.disabled && byName(name)(el), `button ${String(name)}`);
  await page.keyboard.press('Enter');
}

/** The quiz's error line (role=alert) once it is shown (it renders after the key press), or null after 5 s. */
async function quizError(): Promise<string | null> {
  const shown = await page
    .waitForFunction(
      () => {
        const quiz = document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-quiz')!.shadowRoot!;
        return quiz.querySelector('.error[role="alert"]')?.textContent?.trim() || null;
      },
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => null);
  return shown ? ((await shown.jsonValue()) as string) : null;
}

async function currentQuestionIndex(): Promise<number> {
  return page.evaluate(() => {
    const quiz = document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-quiz')!.shadowRoot!;
    return Number(quiz.querySelector('inp-question')!.getAttribute('question-index'));
  });
}

async function record(): Promise<PreviewRecord> {
  return page.evaluate((id) => JSON.parse(localStorage.getItem(`inprocap:preview:${id}`)!), course.id);
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await servePreview();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors = watchErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  // A summary for the issue note: every screen checked and its violations (none expected).
  const screens = Object.keys(axeResults);
  console.log(`axe-core: ${screens.length} screens checked, ${Object.values(axeResults).flat().length} violations (${screens.join(', ')})`);
});

describe(`module "${SLUG}" taken with the keyboard alone`, () => {
  it('lists the module on the preview page', async () => {
    await page.goto(`${server.url}/`);
    await check('00-preview-index');
    await tabTo(page, (e) => e.tag === 'a' && e.name === content.title, 'the module link');
    await page.keyboard.press('Enter');
    await page.waitForSelector('inp-course');
    expect(await viewHeading(page)).toBe(content.lessons[0]!.title);
  });

  it('reads every lesson, with glossary popovers that open and close by keyboard', async () => {
    await check('01-lesson');
    // A glossary term: Enter opens the definition, Escape closes it.
    await tabTo(page, (e) => e.tag === 'button' && e.host === 'inp-term', 'a glossary term', 60);
    await page.keyboard.press('Enter');
    const popover = () =>
      page.evaluate(() => {
        let active: Element | null = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        const host = (active!.getRootNode() as ShadowRoot).host as HTMLElement;
        const pop = host.shadowRoot!.querySelector('[part="popover"]') as HTMLElement;
        return { tag: host.tagName.toLowerCase(), expanded: active!.getAttribute('aria-expanded'), hidden: pop.hidden, text: pop.textContent };
      });
    const opened = await popover();
    expect(opened).toMatchObject({ tag: 'inp-term', expanded: 'true', hidden: false });
    expect(content.glossary.some((t) => opened.text!.endsWith(t.definition))).toBe(true);
    await check('02-glossary-popover');
    await page.keyboard.press('Escape');
    expect(await popover()).toMatchObject({ expanded: 'false', hidden: true });

    for (const lesson of content.lessons.slice(1)) {
      await pressButton('Next →');
      await page.waitForTimeout(50);
      expect(await viewHeading(page)).toBe(lesson.title);
      // Focus moved to the new page's heading, so the next Tab starts at the top of the page.
      expect((await focused(page))?.tag).toBe('h2');
    }
    await pressButton('Next →');
    expect(await viewHeading(page)).toBe(content.quiz!.title);
    await check('03-quiz-intro');
  });

  it('answers every question type, reloads mid-quiz and resumes in place', async () => {
    await pressButton('Start the quiz');
    const seenTypes = new Set<string>();
    const wrongIndex = questions.findIndex((q) => q.type === 'single');
    const given: Response[] = [];
    const half = Math.floor(questions.length / 2);
    let checkedUnanswered = false;
    for (let step = 0; step < questions.length; step++) {
      expect(await viewHeading(page)).toBe(`Question ${step + 1} of ${questions.length}`);
      const index = await currentQuestionIndex();
      const q = questions[index]!;
      const response = index === wrongIndex ? q.type === 'single' ? q.options.findIndex((o) => !o.correct) : correctResponse(q) : correctResponse(q);
      given[index] = response;
      if (!checkedUnanswered && !questionType(q).initialResponse) {
        // Checking before answering says what is missing, and locks nothing. (A question that
        // starts from a response, a sequence in its shuffled order, is never unanswered; the
        // quiz's order is shuffled per learner, so it can come first.)
        checkedUnanswered = true;
        await pressButton('Check answer');
        expect(await quizError()).toBe('Answer the question first.');
      }
      if (q.type === 'numeric' && !seenTypes.has('numeric')) {
        // Text that is no number: the learner is asked for a number (the type's own message).
        await answerByKeyboard(page, q, 'a lot');
        await pressButton('Check answer');
        expect(await quizError()).toBe('Enter a number, for example 140000.');
        await tabTo(page, (e) => e.tag === 'input' && e.type === 'text' && e.host === 'inp-question', 'the answer field');
        for (let i = 0; i < 'a lot'.length; i++) await page.keyboard.press('Backspace');
      }
      await answerByKeyboard(page, q, response);
      if (!seenTypes.has(q.type)) await check(`04-question-${q.type}`);
      await pressButton('Check answer');
      await page.waitForTimeout(50);
      expect((await focused(page))?.tag, 'focus moves to the feedback').toBe('div');
      if (!seenTypes.has(q.type) || index === wrongIndex) await check(`05-feedback-${q.type}${index === wrongIndex ? '-incorrect' : ''}`);
      seenTypes.add(q.type);

      if (step === half) {
        // Leave mid-quiz: the reload must offer to resume at this question with the answers kept.
        await page.reload();
        await page.waitForSelector('inp-course');
        await page.waitForTimeout(100);
        const dialogOpen = await page.evaluate(() => document.querySelector('inp-course')!.shadowRoot!.querySelector('dialog')!.open);
        expect(dialogOpen).toBe(true);
        await check('06-resume-prompt');
        expect((await focused(page))?.name).toBe('Continue');
        await page.keyboard.press('Enter');
        await page.waitForTimeout(100);
        expect(await viewHeading(page)).toBe(`Question ${step + 1} of ${questions.length}`);
        expect(await currentQuestionIndex()).toBe(index);
        const restored = await page.evaluate(() => {
          const player = (window as unknown as { inprocap: { player: { state: { quiz: { checked: boolean[]; answers: unknown[] } } } } }).inprocap.player;
          return { checked: player.state.quiz.checked.filter(Boolean).length, answers: player.state.quiz.answers };
        });
        expect(restored.checked).toBe(step + 1);
        expect(restored.answers[index]).toEqual(given[index]);
        // The checked question still shows its feedback after the reload.
        const feedbackShown = await page.evaluate(() => {
          const quiz = document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-quiz')!.shadowRoot!;
          return quiz.querySelector('inp-question')!.shadowRoot!.querySelector('.feedback') !== null;
        });
        expect(feedbackShown).toBe(true);
      }
      await pressButton(step === questions.length - 1 ? 'See your score' : 'Next question');
    }
    expect([...seenTypes].sort()).toEqual(['fillin', 'matching', 'multiple', 'numeric', 'sequencing', 'single', 'truefalse']);
    expect(checkedUnanswered).toBe(true);

    const expected = scoreQuiz(content.quiz!, given);
    expect(await viewHeading(page)).toBe('Your score');
    const shownScore = await page.evaluate(() =>
      document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-quiz')!.shadowRoot!.querySelector('.score')!.textContent,
    );
    expect(shownScore).toBe(`${expected.percent}%`);
    expect(expected.percent).toBeGreaterThanOrEqual(course.masteryScore);
    await check('07-quiz-results');
    const saved = await record();
    expect(saved.score?.raw).toBe(expected.percent);
    expect(saved.success).toBe('passed');
    expect(saved.interactions.filter((i) => i.kind === 'question')).toHaveLength(questions.length);
  });

  it('plays the case exercise to an ending and shows the debrief beside the best path', async () => {
    await pressButton('Continue');
    expect(await viewHeading(page)).toBe(content.case!.title);
    await check('08-case-intro');
    await pressButton('Begin the case');
    const nodes = new Map(content.case!.nodes.map((n) => [n.id, n]));
    let nodeId = content.case!.start;
    let decisions = 0;
    let first = true;
    while (nodes.get(nodeId)!.type === 'decision') {
      const node = nodes.get(nodeId)!;
      if (node.type !== 'decision') break;
      expect(await viewHeading(page)).toBe(node.title);
      if (first) await check('09-case-decision');
      // The first decision deliberately not the best, to see the debrief explain the better one.
      const choiceIndex = first ? node.choices.findIndex((c) => !c.best) : node.choices.findIndex((c) => c.best);
      let el = await tabTo(page, (e) => e.type === 'radio', 'the first case choice');
      for (let i = 0; i < 6 && el.value !== String(choiceIndex); i++) {
        await page.keyboard.press('ArrowDown');
        el = (await focused(page))!;
      }
      if (!el.checked) await page.keyboard.press('Space');
      await pressButton('Decide');
      expect(await viewHeading(page)).toBe('What happens next');
      if (first) await check('10-case-consequence');
      await pressButton('Continue');
      nodeId = node.choices[choiceIndex]!.next;
      decisions++;
      first = false;
    }
    const ending = nodes.get(nodeId)!;
    expect(await viewHeading(page)).toBe(ending.title);
    await check('11-case-ending');
    await pressButton('See the debrief');
    expect(await viewHeading(page)).toBe(`Debrief: ${content.case!.title}`);
    const debrief = await page.evaluate(() => {
      const root = document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-case')!.shadowRoot!;
      const lists = [...root.querySelectorAll('.paths ol')].map((ol) => ol.children.length);
      return { lists, notBest: root.querySelectorAll('.tag.other').length, explained: root.querySelectorAll('.decision').length };
    });
    expect(debrief.lists[0]).toBe(decisions);
    expect(debrief.lists[1]).toBeGreaterThan(0);
    expect(debrief.notBest).toBe(1);
    expect(debrief.explained).toBe(decisions);
    await check('12-case-debrief');
  });

  it('sends the feedback survey, showing free text as text', async () => {
    await pressButton('Continue');
    const survey = content.survey!;
    expect(await viewHeading(page)).toBe(survey.title);
    await check('13-survey');
    const comment = 'More cases please <b>bold</b> <img src=x onerror="window.hacked=1">';
    for (const item of survey.items) {
      if (item.type === 'likert') {
        await tabTo(page, (e) => e.type === 'radio', `the scale of "${item.statement}"`);
        await page.keyboard.press('ArrowRight'); // moves to and selects the second value
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight'); // "Agree" on a five-point scale
      } else {
        await tabTo(page, (e) => e.tag === 'textarea', 'the comment field');
        await page.keyboard.type(comment);
      }
    }
    await pressButton('Send feedback');
    expect(await viewHeading(page)).toBe('Thank you for your feedback');
    const shown = await page.evaluate(() => {
      const root = document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-survey')!.shadowRoot!;
      const el = root.querySelector('.your-comment')!;
      return { text: el.textContent, elements: el.querySelectorAll('*').length, hacked: 'hacked' in window };
    });
    expect(shown).toEqual({ text: comment, elements: 0, hacked: false });
    await check('14-survey-thanks');
    const saved = await record();
    const likert = survey.items.filter((i) => i.type === 'likert');
    expect(saved.interactions.filter((i) => i.kind === 'survey' && i.value === 4)).toHaveLength(likert.length);
  });

  it('shows the completion summary and records completion', async () => {
    await pressButton('Continue');
    expect(await viewHeading(page)).toBe('Module completed');
    await check('15-summary');
    const saved = await record();
    expect(saved.completion).toBe('completed');
    expect(saved.success).toBe('passed');
  });

  it('opens the glossary page', async () => {
    await pressButton('Glossary');
    expect(await viewHeading(page)).toBe('Glossary');
    const terms = await page.evaluate(() => document.querySelector('inp-course')!.shadowRoot!.querySelector('inp-glossary')!.shadowRoot!.querySelectorAll('dt').length);
    expect(terms).toBe(content.glossary.length);
    await check('16-glossary');
    await pressButton('Back to the module');
  });

  it('switches the interface to French by keyboard', async () => {
    let el = await tabTo(page, (e) => e.tag === 'select' && e.name === 'Language', 'the language switch');
    const offered = await page.evaluate(() =>
      [...document.querySelector('inp-course')!.shadowRoot!.querySelectorAll('#language option')].map((o) => `${o.getAttribute('value')} ${o.textContent}`),
    );
    expect(offered).toEqual(['da Dansk', 'de Deutsch', 'en English', 'es Español', 'fr Français', 'nl Nederlands', 'pl Polski', 'sk Slovenčina']);
    for (let i = 0; i < 5 && el.value !== 'fr'; i++) {
      await page.keyboard.press('ArrowDown');
      el = (await focused(page))!;
    }
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    const ui = await page.evaluate(() => {
      const shell = document.querySelector('inp-course')!.shadowRoot!;
      return { toc: shell.querySelector('.toc-title')!.textContent, previous: shell.querySelector('.pager button')!.textContent!.trim() };
    });
    expect(ui).toEqual({ toc: 'Sommaire', previous: '← Précédent' });
    expect(await viewHeading(page)).toBe('Module terminé');
    await check('17-summary-french');
    // The choice survives a reload.
    await page.reload();
    await page.waitForSelector('inp-course');
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  });

  it('fits a phone: the contents fold behind a button', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.waitForTimeout(100);
    const tocVisible = () =>
      page.evaluate(() => getComputedStyle(document.querySelector('inp-course')!.shadowRoot!.querySelector('#toc-list')!).display !== 'none');
    expect(await tocVisible()).toBe(false);
    await check('18-phone');
    await page.evaluate(() => window.scrollTo(0, 0));
    const toggle = await tabTo(page, (e) => e.tag === 'button' && e.data !== undefined && (e.name === 'Sommaire' || e.name === 'Contents'), 'the contents button');
    await page.keyboard.press('Enter');
    expect(await tocVisible()).toBe(true);
    expect(toggle.name).toBe('Sommaire');
    await check('19-phone-contents');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});
