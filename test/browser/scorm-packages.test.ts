/**
 * The built SCORM 1.2 and SCORM 2004 packages, launched in Chromium from a test LMS whose SCORM
 * API is scorm-again. Asserts what the LMS keeps: statuses, score, interactions, bookmark,
 * suspend_data, session time; resume after a relaunch; an abandoned session; a failing LMS; and
 * a launch with no LMS at all.
 */
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course, Question } from '../../core/content/schema.ts';
import type { Response } from '../../core/quiz/responses.ts';
import { correctResponse, scoreQuiz } from '../../core/quiz/scoring.ts';
import { ROOT, answerFirst, axeViolations, builtCourses, launchBrowser, playModule, screenshot, until } from './harness.ts';
import { readZip, startLms, type Standard } from './lms-host.ts';

const courses = builtCourses();
let browser: Browser;
let lms: Awaited<ReturnType<typeof startLms>>;

const packageFile = (course: Course, standard: Standard) =>
  resolve(ROOT, `dist/packages/${course.slug}-${course.version}-scorm${standard}.zip`);

beforeAll(async () => {
  browser = await launchBrowser();
  lms = await startLms();
  for (const course of courses) {
    for (const standard of ['12', '2004'] as const) lms.addPackage(`${course.slug}-${standard}`, readZip(packageFile(course, standard)));
  }
});

afterAll(async () => {
  await browser?.close();
  await lms?.close();
});

/** Opens the launch page and waits until the module is running in its frame. */
async function launch(context: BrowserContext, course: Course, standard: Standard, key: string, language?: string): Promise<{ page: Page; frame: Frame }> {
  const page = await context.newPage();
  await page.goto(lms.launchUrl(`${course.slug}-${standard}`, standard, key, 'learner-1', language));
  const frame = page.frame({ url: /\/pkg\// })!;
  await frame.waitForFunction(() => 'inprocap' in window);
  return { page, frame };
}

/** A wrong answer for the first single-choice question, so the score is not trivially 100. */
function plannedAnswers(course: Course): Response[] {
  const questions = course.content[course.defaultLanguage]!.quiz!.questions;
  const wrong = questions.findIndex((q) => q.type === 'single');
  return questions.map((q, i) => (i === wrong && q.type === 'single' ? q.options.findIndex((o) => !o.correct) : correctResponse(q)));
}

/** The planned answers, the survey and the summary; the session stays open (see exitModule). */
function completeModule(frame: Frame, answers: Response[]): Promise<void> {
  return playModule(frame, { answers, survey: { rating: 5, comment: 'Clear and practical, "thanks" & <more> cases please' } });
}

async function exitModule(frame: Frame): Promise<void> {
  await frame.evaluate(() => (window as any).inprocap.player.finish());
}

const letter = (i: number) => String.fromCharCode(97 + i);

/** What SCORM 1.2 should hold for a question, written out from the content independently of the tracker. */
function expected12(q: Question, response: Response): { type: string; student_response: string; pattern: string } {
  switch (q.type) {
    case 'truefalse':
      return { type: 'true-false', student_response: response ? 't' : 'f', pattern: q.answer ? 't' : 'f' };
    case 'single':
      return { type: 'choice', student_response: letter(response as number), pattern: letter(q.options.findIndex((o) => o.correct)) };
    case 'multiple':
      return {
        type: 'choice',
        student_response: (response as number[]).map(letter).join(','),
        pattern: q.options.map((o, i) => (o.correct ? letter(i) : '')).filter(Boolean).join(','),
      };
    case 'matching':
      return {
        type: 'matching',
        student_response: (response as number[]).map((t, s) => `${s + 1}.${letter(t)}`).join(','),
        pattern: q.pairs.map((_, s) => `${s + 1}.${letter(s)}`).join(','),
      };
    case 'sequencing':
      return { type: 'sequencing', student_response: (response as number[]).map(letter).join(','), pattern: q.items.map((_, i) => letter(i)).join(',') };
    case 'fillin':
      return { type: 'fill-in', student_response: response as string, pattern: q.answers[0]! };
    case 'numeric':
      return { type: 'numeric', student_response: String(response), pattern: q.tolerance ? `${q.answer - q.tolerance}:${q.answer + q.tolerance}` : String(q.answer) };
  }
}

function expected2004(q: Question, response: Response): { type: string; learner_response: string; pattern: string } {
  switch (q.type) {
    case 'truefalse':
      return { type: 'true-false', learner_response: String(response), pattern: String(q.answer) };
    case 'single':
      return { type: 'choice', learner_response: q.options[response as number]!.id, pattern: q.options.find((o) => o.correct)!.id };
    case 'multiple':
      return {
        type: 'choice',
        learner_response: (response as number[]).map((i) => q.options[i]!.id).join('[,]'),
        pattern: q.options.filter((o) => o.correct).map((o) => o.id).join('[,]'),
      };
    case 'matching':
      return {
        type: 'matching',
        learner_response: (response as number[]).map((t, s) => `${q.pairs[s]!.id}[.]${letter(t)}`).join('[,]'),
        pattern: q.pairs.map((p, s) => `${p.id}[.]${letter(s)}`).join('[,]'),
      };
    case 'sequencing':
      return { type: 'sequencing', learner_response: (response as number[]).map((i) => q.items[i]!.id).join('[,]'), pattern: q.items.map((i) => i.id).join('[,]') };
    case 'fillin':
      return { type: 'fill-in', learner_response: response as string, pattern: `{case_matters=${q.caseSensitive}}${q.answers[0]}` };
    case 'numeric': {
      // Moodle's 2004 player takes decimals of at most five integer digits: larger numbers go in as "other", exactly.
      const fits = [Number(response), q.answer - q.tolerance, q.answer + q.tolerance].every((n) => Math.abs(n) < 100_000);
      return { type: fits ? 'numeric' : 'other', learner_response: String(response), pattern: `${q.answer - q.tolerance}[:]${q.answer + q.tolerance}` };
    }
  }
}

type Json = Record<string, any>;
const interactionsOf = (cmi: Json): Json[] => Object.values(cmi.interactions ?? {}) as Json[];
const patternsOf = (interaction: Json): string[] => Object.values(interaction.correct_responses ?? {}).map((c: any) => c.pattern);


describe.each(courses.map((c) => [c.slug, c] as const))('module %s', (slug, course) => {
  const content = course.content[course.defaultLanguage]!;
  const questions = content.quiz!.questions;
  const surveyAnswers = content.survey?.items.length ?? 0;
  const decisions = () => {
    const nodes = new Map(content.case!.nodes.map((n) => [n.id, n]));
    let node = nodes.get(content.case!.start);
    let count = 0;
    while (node?.type === 'decision') {
      count++;
      node = nodes.get(node.choices.find((c) => c.best)!.next);
    }
    return count;
  };

  it('SCORM 1.2: records status, score, interactions, bookmark and state in the LMS', async () => {
    const context = await browser.newContext();
    const { page, frame } = await launch(context, course, '12', `${slug}-12-complete`);
    await screenshot(page, `scorm12-${slug}-in-lms-500px`);
    const answers = plannedAnswers(course);
    await completeModule(frame, answers);
    await exitModule(frame);
    const key = `${slug}-12-complete`;
    await until(() => (lms.record(key)?.cmi as Json | undefined)?.core?.lesson_status === 'passed', 'lesson_status passed');
    const cmi = lms.record(key)!.cmi as Json;
    const score = scoreQuiz(content.quiz!, answers);
    expect(cmi.core.score).toEqual({ raw: String(score.percent), min: '0', max: '100' });
    expect(Number(cmi.core.score.raw)).toBeLessThan(100);
    expect(cmi.core.exit).toBe('');
    expect(cmi.core.lesson_location).toBe(`${course.sections.length}.0`);
    expect(cmi.core.session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
    expect(cmi.suspend_data.length).toBeGreaterThan(0);
    expect(cmi.suspend_data.length).toBeLessThanOrEqual(4096);

    const interactions = interactionsOf(cmi);
    expect(interactions).toHaveLength(questions.length + decisions() + surveyAnswers);
    questions.forEach((q, i) => {
      const interaction = interactions.find((x) => x.id === `quiz-${q.id}`)!;
      const want = expected12(q, answers[i]!);
      expect(interaction, q.id).toBeDefined();
      expect({ type: interaction.type, student_response: interaction.student_response, pattern: patternsOf(interaction)[0] }, q.id).toEqual(want);
      expect(interaction.result).toBe(scoreQuiz({ ...content.quiz!, questions: [q] }, [answers[i]]).correctCount ? 'correct' : 'wrong');
      expect(Number(interaction.weighting)).toBe(q.points);
      expect(interaction.latency).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
      expect(interaction.time).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    });
    const caseInteractions = interactions.filter((x) => x.id.startsWith(`${content.case!.id}-`));
    expect(caseInteractions.every((x) => x.type === 'choice' && x.result === 'correct')).toBe(true);
    const likert = interactions.filter((x) => x.type === 'likert');
    expect(likert.every((x) => x.student_response === 'e' && x.result === 'neutral')).toBe(true);
    await context.close();
  });

  it('SCORM 2004: records completion and success apart, scaled score and 2004 interaction formats', async () => {
    const context = await browser.newContext();
    const key = `${slug}-2004-complete`;
    const { frame } = await launch(context, course, '2004', key);
    const answers = plannedAnswers(course);
    await completeModule(frame, answers);
    await exitModule(frame);
    await until(() => (lms.record(key)?.cmi as Json | undefined)?.success_status === 'passed', 'success_status passed');
    const cmi = lms.record(key)!.cmi as Json;
    const score = scoreQuiz(content.quiz!, answers);
    expect(cmi.completion_status).toBe('completed');
    expect(cmi.success_status).toBe('passed');
    expect(Number(cmi.score.scaled)).toBeCloseTo(score.percent / 100, 3);
    expect(Number(cmi.score.raw)).toBe(score.percent);
    expect([cmi.score.min, cmi.score.max].map(Number)).toEqual([0, 100]);
    expect(cmi.scaled_passing_score).toBe(String(course.masteryScore / 100));
    expect(cmi.exit).toBe('normal');
    expect(cmi.location).toBe(`${course.sections.length}.0`);
    expect(cmi.session_time).toMatch(/^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)$/);

    const interactions = interactionsOf(cmi);
    expect(interactions).toHaveLength(questions.length + decisions() + surveyAnswers);
    questions.forEach((q, i) => {
      const interaction = interactions.find((x) => x.id === `quiz-${q.id}`)!;
      expect({ type: interaction.type, learner_response: interaction.learner_response, pattern: patternsOf(interaction)[0] }, q.id).toEqual(expected2004(q, answers[i]!));
      expect(interaction.description.length).toBeGreaterThan(0);
      expect(interaction.latency).toMatch(/^PT/);
      expect(interaction.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?Z$/);
    });
    const comment = interactions.find((x) => x.type === 'long-fill-in');
    expect(comment?.learner_response).toBe('Clear and practical, "thanks" & <more> cases please');
    await context.close();
  });

  it.each(['12', '2004'] as const)('SCORM %s: an abandoned session stays incomplete and suspended, and a relaunch resumes in place', async (standard) => {
    const context = await browser.newContext();
    const key = `${slug}-${standard}-resume`;
    const first = await launch(context, course, standard, key);
    const answers = plannedAnswers(course);
    const before = await first.frame.evaluate((answers) => {
      const p = (window as any).inprocap.player;
      p.goTo(p.course.sections.findIndex((s: { kind: string }) => s.kind === 'quiz'));
      p.startQuiz();
      const order: number[] = p.questionOrder;
      for (const i of order.slice(0, 3)) {
        p.setAnswer(i, answers[i]);
        p.checkAnswer(i);
      }
      p.goToQuestion(3);
      return { section: p.state.section, answered: order.slice(0, 3), answers: order.slice(0, 3).map((i) => p.state.quiz.answers[i]) };
    }, answers);
    await first.page.close({ runBeforeUnload: true }); // the learner closes the window: pagehide ends the session
    const statusOf = (cmi: Json) => (standard === '12' ? cmi.core.lesson_status : cmi.completion_status);
    // The last commit leaves with the closing page (scorm-again sends it as a beacon): wait for it.
    const locationOf = (cmi: Json | undefined) => (standard === '12' ? cmi?.core?.lesson_location : cmi?.location);
    await until(() => locationOf(lms.record(key)?.cmi) === `${before.section}.3`, 'the final commit of the abandoned session');
    expect(interactionsOf(lms.record(key)!.cmi as Json)).toHaveLength(3);
    const kept = lms.record(key)!.cmi as Json;
    expect(statusOf(kept)).toBe('incomplete');
    expect(standard === '12' ? kept.core.exit : kept.exit).toBe('suspend');
    expect(kept.suspend_data.length).toBeGreaterThan(0);

    // A new browser profile: whatever comes back must come from the LMS, not from this browser.
    await context.close();
    const fresh = await browser.newContext();
    const second = await launch(fresh, course, standard, key);
    const dialogOpen = await second.frame.evaluate(() => document.querySelector('inp-course')!.shadowRoot!.querySelector('dialog')!.open);
    expect(dialogOpen).toBe(true);
    const after = await second.frame.evaluate((answered) => {
      const p = (window as any).inprocap.player;
      return { section: p.state.section, step: p.state.step, answers: answered.map((i: number) => p.state.quiz.answers[i]), checked: answered.map((i: number) => p.state.quiz.checked[i]) };
    }, before.answered);
    expect(after).toEqual({ section: before.section, step: 3, answers: before.answers, checked: [true, true, true] });
    await fresh.close();
  });

  it.each(['12', '2004'] as const)('SCORM %s: when the LMS fails to commit, the learner is told and nothing is lost once it recovers', async (standard) => {
    const context = await browser.newContext();
    const key = `${slug}-${standard}-failing`;
    const { page, frame } = await launch(context, course, standard, key);
    await until(() => (lms.record(key)?.commits ?? 0) >= 0, 'launch');
    lms.failCommits(2);
    const answers = plannedAnswers(course);
    await frame.evaluate((answers) => {
      const p = (window as any).inprocap.player;
      p.goTo(p.course.sections.findIndex((s: { kind: string }) => s.kind === 'quiz'));
      p.startQuiz();
      const first = p.questionOrder[0];
      p.setAnswer(first, answers[first]);
      p.checkAnswer(first);
    }, answers);
    const banner = (role: string) =>
      frame.evaluate((role) => document.querySelector('inp-course')!.shadowRoot!.querySelector(`[role="${role}"]`)!.textContent!.trim(), role);
    await frame.waitForFunction(() => document.querySelector('inp-course')!.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim().length > 0);
    expect(await banner('alert')).toMatch(/not reaching the learning platform/);
    await screenshot(page, `scorm${standard}-${slug}-lms-failing`);
    // The retries succeed once the LMS answers again.
    await frame.waitForFunction(() => document.querySelector('inp-course')!.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim().length > 0, undefined, { timeout: 15000 });
    expect(await banner('status')).toMatch(/saved in the learning platform again/);
    expect(await banner('alert')).toBe('');
    const record = lms.record(key)!;
    expect(record.failedCommits).toBe(2);
    expect(interactionsOf(record.cmi as Json)).toHaveLength(1);
    await context.close();
  });

  it.each(['12', '2004'] as const)('SCORM %s: a window closed while the LMS was down loses nothing', async (standard) => {
    const context = await browser.newContext();
    const key = `${slug}-${standard}-closed-while-down`;
    const first = await launch(context, course, standard, key);
    lms.failCommits(1000);
    const answers = plannedAnswers(course);
    const answered = await answerFirst(first.frame, answers, 2);
    await first.page.close({ runBeforeUnload: true });
    expect((lms.record(key)?.cmi as Json | undefined)?.suspend_data ?? '').toBe('');
    lms.failCommits(0);
    // Same browser, LMS back: the state kept in the browser is restored and sent to the LMS.
    const second = await launch(context, course, standard, key);
    const restored = await second.frame.evaluate((answered) => answered.map((i: number) => (window as any).inprocap.player.state.quiz.checked[i]), answered);
    expect(restored).toEqual([true, true]);
    await until(() => String((lms.record(key)?.cmi as Json | undefined)?.suspend_data ?? '').length > 0, 'the restored state in the LMS');
    await context.close();
  });
});

describe.each(['12', '2004'] as const)('SCORM %s language preference', (standard) => {
  it("shows the interface in the learner's LMS language", async () => {
    const course = courses[0]!;
    const context = await browser.newContext({ locale: 'en-GB' });
    const { frame } = await launch(context, course, standard, `lang-${standard}`, 'fr');
    await frame.waitForFunction(() => document.documentElement.lang === 'fr');
    const toc = await frame.evaluate(() => document.querySelector('inp-course')!.shadowRoot!.querySelector('.toc-title')!.textContent);
    expect(toc).toBe('Sommaire');
    await context.close();
  });
});

describe('in an LMS frame 650 px wide (Moodle\'s player with its course structure beside it)', () => {
  it('the folded contents take one line, on a lesson and on the "You have left the module" screen', async () => {
    const course = courses[0]!;
    const context = await browser.newContext({ viewport: { width: 650, height: 700 } });
    const { page, frame } = await launch(context, course, '12', 'narrow-frame');
    const toc = () =>
      frame.evaluate(() => {
        const nav = document.querySelector('inp-course')!.shadowRoot!.querySelector('nav.toc')!;
        const style = getComputedStyle(nav);
        const toggle = nav.querySelector('.toc-toggle')!.getBoundingClientRect();
        return { height: Math.round(nav.getBoundingClientRect().height), toggle: Math.round(toggle.height), rightBorder: style.borderRightWidth };
      });
    const onLesson = await toc();
    expect(onLesson.rightBorder).toBe('0px');
    // The toggle and its padding, nothing more: no empty bordered box.
    expect(onLesson.height).toBeLessThanOrEqual(onLesson.toggle + 24);
    await frame.evaluate(() => (window as any).inprocap.player.goTo((window as any).inprocap.player.summaryIndex));
    await frame.locator('inp-summary').getByRole('button', { name: 'Exit module' }).click();
    await frame.waitForFunction(() => document.querySelector('inp-course')!.shadowRoot!.querySelector('main h2')?.textContent === 'You have left the module');
    expect((await toc()).height).toBe(onLesson.height);
    await screenshot(page, 'scorm-narrow-frame-exited');
    await context.close();
  });
});

describe('a SCORM package opened without an LMS', () => {
  it('says so and offers preview mode', async () => {
    const course = courses[0]!;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(lms.url + `/pkg/${course.slug}-12/index.html`);
    await page.waitForSelector('.no-lms');
    expect(await page.textContent('h1')).toBe('No connection to the learning platform');
    expect(await page.textContent('.no-lms p')).toContain('SCORM 1.2');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'scorm-no-lms');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('inp-course');
    expect(await page.evaluate(() => (window as any).inprocap.player.tracker.label)).toBe('Preview');
    await context.close();
  });
});
