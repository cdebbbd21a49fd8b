import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadCheckedCourses } from '../../packaging/build.ts';
import type { Course } from '../../core/content/schema.ts';
import { CoursePlayer } from '../../src/player/course-player.ts';
import type { Response } from '../../core/quiz/responses.ts';
import { correctResponse as correctOf, wrongResponse as wrongOf } from '../../core/quiz/scoring.ts';
import { LocalPreviewTracker, type PreviewRecord } from '../../src/tracker/local-preview-tracker.ts';
import { MemoryStorage } from '../support/memory-storage.ts';

const quiet = { info: () => {}, warn: () => {} };
const course: Course = loadCheckedCourses(resolve(import.meta.dirname, '../..'), { only: ['fundamentals'] }, quiet)[0]!.course!;
const content = course.content[course.defaultLanguage]!;
const quiz = content.quiz!;

const correctResponse = (index: number): Response => correctOf(quiz.questions[index]!);

const wrongResponse = (index: number): Response => wrongOf(quiz.questions[index]!);

describe('course player with the local preview tracker', () => {
  let storage: MemoryStorage;
  let player: CoursePlayer;
  const record = () => JSON.parse(storage.getItem(LocalPreviewTracker.storageKey(course.id))!) as PreviewRecord;

  beforeEach(async () => {
    storage = new MemoryStorage();
    player = new CoursePlayer(course, new LocalPreviewTracker(course.id, storage));
    await player.start();
  });

  const quizSection = () => course.sections.findIndex((s) => s.kind === 'quiz');
  const caseSection = () => course.sections.findIndex((s) => s.kind === 'case');

  function takeQuiz(answer: (i: number) => Response) {
    player.goTo(quizSection());
    player.startQuiz();
    for (const i of player.questionOrder) {
      player.setAnswer(i, answer(i));
      expect(player.checkAnswer(i)).toBeDefined();
    }
    player.submitQuiz();
  }

  it('starts incomplete at the first section', () => {
    expect(player.state.section).toBe(0);
    expect(player.completion).toBe('incomplete');
    expect(player.success).toBe('unknown');
    expect(player.progress.done).toBe(1); // the first lesson is open, so visited
  });

  it('scores a perfect quiz as passed and reports score and success to the tracker', async () => {
    takeQuiz(correctResponse);
    await player.settled();
    expect(player.state.quiz.bestPercent).toBe(100);
    expect(player.success).toBe('passed');
    expect(record().score).toEqual({ raw: 100, min: 0, max: 100, scaled: 1 });
    expect(record().success).toBe('passed');
    expect(record().interactions.filter((i) => i.kind === 'question')).toHaveLength(quiz.questions.length);
    expect(record().interactions.every((i) => i.kind !== 'question' || i.result === 'correct')).toBe(true);
  });

  it('fails a wrong quiz, limits attempts and keeps the best score', async () => {
    takeQuiz(wrongResponse);
    expect(player.state.quiz.lastPercent).toBe(0);
    expect(player.success).toBe('failed');
    takeQuiz((i) => (i % 2 === 0 ? correctResponse(i) : wrongResponse(i)));
    const second = player.state.quiz.lastPercent!;
    expect(second).toBeGreaterThan(0);
    takeQuiz(wrongResponse);
    expect(player.state.quiz.bestPercent).toBe(second);
    expect(player.quizAttemptsLeft).toBe(Math.max(0, quiz.attempts - 3));
    if (quiz.attempts === 3) {
      player.startQuiz(); // no attempts left: nothing happens
      expect(player.state.quiz.attempt).toBe(3);
      expect(player.state.quiz.submitted).toBe(true);
    }
  });

  it('locks an answer once checked', () => {
    player.goTo(quizSection());
    player.startQuiz();
    const first = player.questionOrder[0]!;
    player.setAnswer(first, wrongResponse(first));
    player.checkAnswer(first);
    player.setAnswer(first, correctResponse(first));
    expect(player.state.quiz.answers[first]).toEqual(wrongResponse(first));
    expect(player.checkAnswer(first)).toBeUndefined();
  });

  it('refuses to check an unanswered question', () => {
    player.goTo(quizSection());
    player.startQuiz();
    const choice = quiz.questions.findIndex((q) => q.type === 'single');
    expect(player.checkAnswer(choice)).toBeUndefined();
    expect(player.state.quiz.checked[choice]).toBeFalsy();
  });

  it('shuffles with the learner seed: the same after a reload, different for another learner', async () => {
    player.goTo(quizSection());
    player.startQuiz();
    const order = player.questionOrder;
    const choice = quiz.questions.findIndex((q) => q.type === 'single');
    const options = player.displayOrder(choice);
    await player.settled();
    const again = new CoursePlayer(course, new LocalPreviewTracker(course.id, storage));
    await again.start();
    expect(again.questionOrder).toEqual(order);
    expect(again.displayOrder(choice)).toEqual(options);
    if (quiz.shuffle) {
      const orders = new Set<string>();
      for (let seed = 1; seed <= 5; seed++) {
        const other = new CoursePlayer(course, new LocalPreviewTracker(course.id, new MemoryStorage()));
        other.state.quiz.seed = seed * 7919;
        orders.add(other.questionOrder.join());
      }
      expect(orders.size).toBeGreaterThan(1);
    }
  });

  it('never starts a sequencing question in the correct order', () => {
    player.goTo(quizSection());
    const seq = quiz.questions.findIndex((q) => q.type === 'sequencing');
    for (let seed = 0; seed < 50; seed++) {
      player.state.quiz.seed = seed;
      const start = player.responseFor(seq) as number[];
      expect(start.every((item, i) => item === i)).toBe(false);
    }
  });

  it('plays the case along the best path to a good ending and records each decision', async () => {
    player.goTo(caseSection(), 1);
    for (const choice of player.caseBestChoices) {
      player.chooseInCase(choice);
      player.continueCase();
    }
    expect(player.casePath?.ending?.outcome).toBe('good');
    expect(player.state.case.finished).toBe(true);
    expect(player.sectionStatus(caseSection())).toBe('done');
    await player.settled();
    expect(record().interactions.filter((i) => i.kind === 'case-decision')).toHaveLength(player.caseBestChoices.length);
  });

  it('completes when every lesson, the quiz and the case are done; the survey is optional', async () => {
    course.sections.forEach((s, i) => s.kind === 'lesson' && player.goTo(i));
    takeQuiz(correctResponse);
    player.goTo(caseSection(), 1);
    for (const choice of player.caseBestChoices) {
      player.chooseInCase(choice);
      player.continueCase();
    }
    expect(player.completion).toBe('completed');
    await player.settled();
    expect(record().completion).toBe('completed');
  });

  it('records survey answers and keeps free text as typed (without control characters)', async () => {
    const survey = content.survey!;
    const text = survey.items.findIndex((i) => i.type === 'text');
    const likert = survey.items.findIndex((i) => i.type === 'likert');
    player.setRating(likert, 4);
    player.setSurveyText(text, '<script>alert(1)</script>\u0007 Great');
    player.submitSurvey();
    await player.settled();
    expect(player.state.survey.texts[text]).toBe('<script>alert(1)</script> Great');
    const recorded = record().interactions.filter((i) => i.kind === 'survey');
    expect(recorded).toEqual(expect.arrayContaining([expect.objectContaining({ id: survey.items[likert]!.id, value: 4 })]));
  });

  it('resumes from storage at the same place with the same answers', async () => {
    player.goTo(quizSection());
    player.startQuiz();
    const [first, second] = player.questionOrder;
    player.setAnswer(first!, correctResponse(first!));
    player.checkAnswer(first!);
    player.setAnswer(second!, wrongResponse(second!));
    player.goToQuestion(1);
    await player.settled();
    const resumed = new CoursePlayer(course, new LocalPreviewTracker(course.id, storage));
    await resumed.start();
    expect(resumed.resumed).toBe(true);
    expect(resumed.state.section).toBe(quizSection());
    expect(resumed.state.step).toBe(1);
    expect(resumed.state.quiz.checked[first!]).toBe(true);
    expect(resumed.state.quiz.answers[second!]).toEqual(wrongResponse(second!));
    expect(record().sessions).toBe(2);
  });

  it("tells a resumed session's tracker the score so far, before any status", async () => {
    takeQuiz((i) => correctResponse(i));
    await player.settled();
    const calls: string[] = [];
    const tracker = new LocalPreviewTracker(course.id, storage);
    const spy = Object.assign(Object.create(tracker) as LocalPreviewTracker, {
      setScore: async (score: { raw: number }) => void calls.push(`score ${score.raw}`),
      setStatus: async (completion: string, success: string) => void calls.push(`status ${completion} ${success}`),
    });
    const resumed = new CoursePlayer(course, spy);
    await resumed.start();
    resumed.next();
    await resumed.settled();
    // Trackers that hold the score until the final status (SCORM) or send it with it (xAPI, cmi5) need it.
    expect(calls[0]).toBe('score 100');
    expect(calls.slice(1)).toContain('status incomplete passed');
  });
});
