/**
 * A learner taking a module with the mouse, in whatever frame the module plays: the preview, a
 * test LMS's iframe, or a real Moodle's player. Every step finds its control by role and name, as
 * a person finds it by what it says, and clicks or types; nothing calls the player directly.
 * (curriculum-walkthrough.test.ts takes the same steps by keyboard alone.)
 */
import type { Frame, Locator } from 'playwright-core';
import { expect } from 'vitest';
import { plainText } from '../../core/content/plain-text.ts';
import type { Course, CourseContent, DecisionNode, Question } from '../../core/content/schema.ts';
import type { Response } from '../../core/quiz/responses.ts';
import { matchingTargets } from '../../core/question-types/matching/matching.ts';
import { correctResponse, wrongResponse } from '../../core/quiz/scoring.ts';

export type Answers = 'right' | 'wrong';

/** What the learner saw and did, for the test to compare with what the LMS recorded. */
export interface Taken {
  /** Response given per question index (source order). */
  responses: Response[];
  /** Choice index taken at each decision, in order. */
  casePath: { node: DecisionNode; choice: number }[];
  /** The score the quiz showed, e.g. "100%". */
  scoreShown?: string;
}

export class Learner {
  readonly taken: Taken = { responses: [], casePath: [] };

  constructor(
    readonly frame: Frame,
    readonly course: Course,
    readonly language = course.defaultLanguage,
  ) {}

  get content(): CourseContent {
    return this.course.content[this.language] ?? this.course.content[this.course.defaultLanguage]!;
  }

  /** A button by its visible name, inside one component when given. */
  button(name: string, within?: string): Locator {
    const scope = within ? this.frame.locator(within) : this.frame;
    return scope.getByRole('button', { name, exact: true });
  }

  /** The heading of the view on screen. */
  heading(): Promise<string> {
    return this.frame.evaluate(() => {
      const shell = document.querySelector('inp-course')!.shadowRoot!;
      const view = shell.querySelector('main')!.firstElementChild!;
      const root = view.shadowRoot ?? view;
      return root.querySelector('h2')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    });
  }

  async expectHeading(text: string): Promise<void> {
    await expect.poll(() => this.heading(), { message: 'the heading shown', timeout: 10_000 }).toBe(text.replace(/\s+/g, ' ').trim());
  }

  /** Waits for the module to be on screen (after launch or relaunch). */
  async arrive(): Promise<void> {
    await this.frame.waitForFunction(() => !!document.querySelector('inp-course')?.shadowRoot?.querySelector('main > *'), undefined, { timeout: 30_000 });
  }

  /** The resume prompt's text, or null when none is open. */
  resumePrompt(): Promise<string | null> {
    return this.frame.evaluate(() => {
      const dialog = document.querySelector('inp-course')!.shadowRoot!.querySelector('dialog');
      return dialog?.open ? dialog.querySelector('p')!.textContent!.replace(/\s+/g, ' ').trim() : null;
    });
  }

  async continueWhereLeft(): Promise<void> {
    await this.button('Continue', 'inp-course').click();
  }

  /** Reads the lesson at section `index` (it must be on screen) and goes on with "Next". */
  async readLesson(index: number): Promise<void> {
    const section = this.course.sections[index]!;
    const lesson = this.content.lessons.find((l) => section.kind === 'lesson' && l.id === section.id)!;
    await this.expectHeading(lesson.title);
    await this.next();
  }

  async next(): Promise<void> {
    await this.button('Next →', 'inp-course').click();
  }

  /** Answers one question with the mouse (the question must be on screen). */
  async answer(q: Question, response: Response, question: Locator = this.frame.locator('inp-question')): Promise<void> {
    switch (q.type) {
      case 'single':
      case 'truefalse':
        await question.locator(`input[type=radio][value="${String(response)}"]`).check();
        break;
      case 'multiple':
        for (let i = 0; i < q.options.length; i++) {
          const box = question.locator(`input[type=checkbox][value="${i}"]`);
          if ((response as number[]).includes(i)) await box.check();
          else await box.uncheck();
        }
        break;
      case 'matching': {
        const targets = matchingTargets(q);
        for (let i = 0; i < q.pairs.length; i++) {
          const target = (response as number[])[i]!;
          await question.getByLabel(plainText(q.pairs[i]!.prompt), { exact: true }).selectOption({ label: plainText(targets[target]!.text) });
        }
        break;
      }
      case 'sequencing': {
        const wanted = response as number[];
        for (let position = 0; position < wanted.length; position++) {
          const item = wanted[position]!;
          const shown = await question.locator('button[data-move="up"]').evaluateAll((buttons) => buttons.map((b) => Number((b as HTMLElement).dataset.item)));
          for (let at = shown.indexOf(item); at > position; at--) {
            await question.getByRole('button', { name: `Move up: ${plainText(q.items[item]!.text)}`, exact: true }).click();
          }
        }
        break;
      }
      case 'fillin':
      case 'numeric':
        await question.getByRole('textbox').fill(response as string);
        break;
    }
  }

  /**
   * The quiz from its introduction: each question as shown answered right or wrong and checked,
   * then the score (kept in `taken.scoreShown`). Stops after `limit` questions when given (the quiz
   * is then left unfinished, on its next question).
   */
  async takeQuiz(answers: Answers, limit = Infinity): Promise<void> {
    const quiz = this.content.quiz!;
    await this.expectHeading(quiz.title);
    await this.button('Start the quiz', 'inp-quiz').click();
    const steps = Math.min(limit, quiz.questions.length);
    for (let step = 0; step < steps; step++) await this.answerShown(answers, step === quiz.questions.length - 1);
    if (steps < quiz.questions.length) return;
    await this.expectHeading('Your score');
    this.taken.scoreShown = (await this.frame.locator('inp-quiz .score').textContent())?.trim();
    await this.button('Continue', 'inp-quiz').click();
  }

  /** Answers and checks the question on screen; then on to the next one, or to the score after the last. */
  async answerShown(answers: Answers, last: boolean): Promise<void> {
    const questions = this.content.quiz!.questions;
    await expect.poll(() => this.heading(), { message: 'a question is on screen', timeout: 10_000 }).toMatch(/^Question \d+ of \d+$/);
    const index = Number(await this.frame.locator('inp-question').getAttribute('question-index'));
    const q = questions[index]!;
    const response = answers === 'right' ? correctResponse(q) : wrongResponse(q);
    this.taken.responses[index] = response;
    await this.answer(q, response);
    await this.button('Check answer', 'inp-quiz').click();
    const verdict = this.frame.locator('inp-question .feedback .verdict');
    await expect.poll(() => verdict.textContent(), { message: `feedback on "${q.id}"`, timeout: 10_000 }).toBe(answers === 'right' ? 'Correct.' : 'Not quite.');
    await this.button(last ? 'See your score' : 'Next question', 'inp-quiz').click();
  }

  /** The case from its introduction, along the best path or always the first choice that is not the best, to the debrief. */
  async playCase(path: 'best' | 'worst'): Promise<void> {
    const exercise = this.content.case!;
    await this.expectHeading(exercise.title);
    await this.button('Begin the case', 'inp-case').click();
    const nodes = new Map(exercise.nodes.map((n) => [n.id, n]));
    let node = nodes.get(exercise.start);
    while (node?.type === 'decision') {
      await this.expectHeading(node.title);
      const choice = path === 'best' ? node.choices.findIndex((c) => c.best) : node.choices.findIndex((c) => !c.best);
      await this.frame.locator(`inp-case input[type=radio][value="${choice}"]`).check();
      await this.button('Decide', 'inp-case').click();
      await this.expectHeading('What happens next');
      this.taken.casePath.push({ node, choice });
      await this.button('Continue', 'inp-case').click();
      node = nodes.get(node.choices[choice]!.next);
      if (this.taken.casePath.length > exercise.nodes.length) throw new Error('the case goes round in circles');
    }
    await this.expectHeading(node!.title);
    await this.button('See the debrief', 'inp-case').click();
    await this.expectHeading(`Debrief: ${exercise.title}`);
    await this.button('Continue', 'inp-case').click();
  }

  /** The survey: every scale at `rating`, the comment typed, then sent. */
  async sendSurvey(rating: number, comment: string): Promise<void> {
    const survey = this.content.survey!;
    await this.expectHeading(survey.title);
    for (const item of survey.items) {
      if (item.type === 'likert') await this.frame.locator(`inp-survey input[type=radio][name="survey-${item.id}"][value="${rating}"]`).check();
      else await this.frame.locator(`inp-survey textarea#survey-${item.id}`).fill(comment);
    }
    await this.button('Send feedback', 'inp-survey').click();
    await this.expectHeading('Thank you for your feedback');
    await this.button('Continue', 'inp-survey').click();
  }

  /**
   * The pre-check: every question answered (right or wrong) and sent, or skipped; then on to the
   * first lesson. No feedback is shown: the quiz asks the same questions later.
   */
  async takePrecheck(answers: Answers | 'skip'): Promise<void> {
    const precheck = this.content.precheck!;
    await this.expectHeading(precheck.title);
    if (answers === 'skip') {
      await this.button('Skip the pre-check', 'inp-precheck').click();
    } else {
      for (const [i, q] of precheck.questions.entries()) {
        await this.answer(q, answers === 'right' ? correctResponse(q) : wrongResponse(q), this.frame.locator('inp-precheck inp-question').nth(i));
      }
      await this.button('Send my answers', 'inp-precheck').click();
      expect(await this.frame.locator('inp-precheck .feedback').count(), 'no feedback on pre-check answers').toBe(0);
    }
    await this.expectHeading(precheck.title);
    await this.button('Start the lessons', 'inp-precheck').click();
  }

  /** Every section in order: pre-check, lessons read, quiz, case, survey; ends on the summary. */
  async takeModule({ answers = 'right', precheck = 'wrong', path = 'best', from = 0, survey = { rating: 4, comment: 'Practical and clear.' } }: { answers?: Answers; precheck?: Answers | 'skip'; path?: 'best' | 'worst'; from?: number; survey?: { rating: number; comment: string } } = {}): Promise<void> {
    const sections = this.course.sections;
    for (let index = from; index < sections.length; index++) {
      const kind = sections[index]!.kind;
      if (kind === 'precheck') await this.takePrecheck(precheck);
      else if (kind === 'lesson') await this.readLesson(index);
      else if (kind === 'quiz') await this.takeQuiz(answers);
      else if (kind === 'case') await this.playCase(path);
      else await this.sendSurvey(survey.rating, survey.comment);
    }
  }

  /** On the summary: "Exit module", the module's own exit (the tracker ends the LMS session). */
  async exitModule(): Promise<void> {
    await this.button('Exit module', 'inp-summary').click();
    await this.expectHeading('You have left the module');
  }
}
