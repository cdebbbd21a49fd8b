/**
 * The course player: the one place where the learner's actions change their state.
 *
 * Components call its methods and re-render on its `change` event; it keeps the learner state,
 * derives progress, completion and success, and reports to the {@link Tracker} after every
 * meaningful step. It knows nothing of the DOM, so its rules are easy to follow and to test.
 */
import { bestChoices, walkPath, type WalkedPath } from '../../core/case/case-graph.ts';
import type { Course, CourseContent, CourseSection, Question } from '../../core/content/schema.ts';
import type { QuestionResult } from '../../core/question-types/question-type.ts';
import { isPassed, scoreQuestion, scoreQuiz } from '../../core/quiz/scoring.ts';
import type { Response } from '../../core/quiz/responses.ts';
import { PRECHECK_ID } from '../../core/quiz/precheck.ts';
import { deriveSeed, shuffledIndices } from '../../core/quiz/shuffle.ts';
import { cleanText } from '../../core/quiz/text.ts';
import { questionType } from '../../core/question-types/registry.ts';
import {
  bookmarkOf,
  createState,
  deserialiseState,
  serialiseState,
  type LearnerState,
} from '../../core/state/learner-state.ts';
import type { CompletionStatus, SuccessStatus } from '../../core/records.ts';
import type { LearnerInfo, Tracker } from '../tracker/tracker.ts';

export type SectionStatus = 'done' | 'started' | 'not-started';

export class CoursePlayer extends EventTarget {
  state: LearnerState;
  learner: LearnerInfo = {};
  /** The learner came back to a module they had started. */
  resumed = false;
  private shownAt = new Map<string, number>();
  private reported: { completion?: CompletionStatus; success?: SuccessStatus } = {};
  private saving: Promise<void> = Promise.resolve();

  constructor(
    readonly course: Course,
    readonly tracker: Tracker,
  ) {
    super();
    this.state = createState(course);
  }

  /** Opens the tracker session and restores saved state. */
  async start(): Promise<void> {
    const session = await this.tracker.start();
    this.learner = session.learner;
    const saved = deserialiseState(session.savedState, this.course);
    if (saved) {
      this.state = saved;
      this.resumed = saved.visited.some(Boolean);
    }
    // Every session's tracker knows the score so far: it goes with the status it leads to.
    if (this.state.quiz.bestPercent !== undefined) this.reportScore(this.state.quiz.bestPercent);
    this.reported = {};
    this.markVisited();
  }

  /** Content in the language being shown (the module's default when not translated). */
  get content(): CourseContent {
    return this.course.content[this.contentLanguage]!;
  }

  get contentLanguage(): string {
    const wanted = this.state.language;
    return wanted && this.course.content[wanted] ? wanted : this.course.defaultLanguage;
  }

  get sections(): CourseSection[] {
    return this.course.sections;
  }

  /** Index of the virtual page after the last section: the completion summary. */
  get summaryIndex(): number {
    return this.course.sections.length;
  }

  get currentSection(): CourseSection | undefined {
    return this.course.sections[this.state.section];
  }

  setLanguage(language: string): void {
    this.state.language = language;
    this.commit();
  }

  // -------------------------------------------------------------------------------------------
  // Navigation and progress

  goTo(section: number, step = 0): void {
    this.state.section = Math.max(0, Math.min(section, this.summaryIndex));
    this.state.step = step;
    if (this.state.section === this.summaryIndex) this.state.finished = true;
    this.markVisited();
    this.commit();
  }

  next(): void {
    this.goTo(this.state.section + 1);
  }

  previous(): void {
    this.goTo(this.state.section - 1);
  }

  private readonly lessonsReported = new Set<string>();

  private markVisited(): void {
    if (this.state.section >= this.summaryIndex) return;
    this.state.visited[this.state.section] = true;
    const section = this.currentSection;
    // A lesson read is recorded once per session (the LRS gets an "experienced" statement).
    if (section?.kind === 'lesson' && !this.lessonsReported.has(section.id)) {
      this.lessonsReported.add(section.id);
      const title = this.content.lessons.find((l) => l.id === section.id)?.title ?? section.id;
      void this.report(() => this.tracker.recordInteraction({ kind: 'lesson', lessonId: section.id, title, timestamp: new Date() }));
    }
  }

  sectionStatus(index: number): SectionStatus {
    const section = this.course.sections[index];
    if (!section) return 'not-started';
    const visited = this.state.visited[index] === true;
    switch (section.kind) {
      case 'precheck':
        return this.state.precheck.outcome || !this.precheckOpen ? 'done' : visited ? 'started' : 'not-started';
      case 'lesson':
        return visited ? 'done' : 'not-started';
      case 'quiz':
        return this.state.quiz.bestPercent !== undefined ? 'done' : visited ? 'started' : 'not-started';
      case 'case':
        return this.state.case.finished ? 'done' : visited ? 'started' : 'not-started';
      case 'survey':
        return this.state.survey.submitted ? 'done' : visited ? 'started' : 'not-started';
    }
  }

  /** Sections that count towards completion (the pre-check and the survey are optional). */
  get requiredSections(): number[] {
    return this.course.sections.map((s, i) => (s.kind === 'survey' || s.kind === 'precheck' ? -1 : i)).filter((i) => i >= 0);
  }

  get progress(): { done: number; total: number; percent: number } {
    const required = this.requiredSections;
    const done = required.filter((i) => this.sectionStatus(i) === 'done').length;
    return { done, total: required.length, percent: required.length ? Math.round((done / required.length) * 100) : 100 };
  }

  get completion(): CompletionStatus {
    return this.progress.done === this.progress.total ? 'completed' : 'incomplete';
  }

  get success(): SuccessStatus {
    const best = this.state.quiz.bestPercent;
    if (!this.content.quiz || best === undefined) return 'unknown';
    return isPassed(best, this.course.masteryScore) ? 'passed' : 'failed';
  }

  // -------------------------------------------------------------------------------------------
  // Quiz

  get quizAttemptsLeft(): number {
    const allowed = this.content.quiz?.attempts ?? 0;
    return allowed === 0 ? Infinity : Math.max(0, allowed - this.state.quiz.attempt);
  }

  private get attemptSeed(): number {
    return this.state.quiz.seed + this.state.quiz.attempt;
  }

  /** A question's display order (choices, matching targets, sequencing start order) from a seed. */
  private orderOf(question: Question, seed: number): number[] {
    const order = questionType(question).displayOrder;
    return order ? order(question, (count) => shuffledIndices(count, seed), this.content.quiz?.shuffle ?? false) : [];
  }

  /** The response shown: the saved one, or the starting arrangement of the question's type. */
  private shownResponse(question: Question, saved: Response | undefined, displayOrder: () => number[]): Response | undefined {
    return saved !== undefined ? saved : questionType(question).initialResponse?.(question, displayOrder());
  }

  /** A response as kept: the question's type tidies what was typed. */
  private cleaned(question: Question, response: Response): Response {
    const clean = questionType(question).clean;
    return clean ? clean(question, response) : response;
  }

  /** Question indices in the order this attempt shows them. */
  get questionOrder(): number[] {
    const count = this.content.quiz?.questions.length ?? 0;
    return this.content.quiz?.shuffle
      ? shuffledIndices(count, deriveSeed(this.attemptSeed, 'questions'))
      : Array.from({ length: count }, (_, i) => i);
  }

  /** Display order of a question's options (choices, matching targets, sequencing start order). */
  displayOrder(questionIndex: number): number[] {
    const question = this.content.quiz!.questions[questionIndex]!;
    return this.orderOf(question, deriveSeed(this.attemptSeed, question.id));
  }

  startQuiz(): void {
    const quiz = this.state.quiz;
    if (quiz.attempt > 0 && !quiz.submitted) return;
    if (this.quizAttemptsLeft <= 0) return;
    quiz.attempt++;
    quiz.answers = [];
    quiz.checked = [];
    quiz.submitted = false;
    this.state.step = 0;
    this.commit();
  }

  /** The response shown for a question: the saved one, or the starting arrangement. */
  responseFor(questionIndex: number): Response | undefined {
    return this.shownResponse(this.content.quiz!.questions[questionIndex]!, this.state.quiz.answers[questionIndex], () => this.displayOrder(questionIndex));
  }

  questionShown(questionIndex: number): void {
    const key = `${this.state.quiz.attempt}:${questionIndex}`;
    if (!this.shownAt.has(key)) this.shownAt.set(key, Date.now());
  }

  setAnswer(questionIndex: number, response: Response): void {
    if (this.state.quiz.checked[questionIndex] || this.state.quiz.submitted) return;
    this.state.quiz.answers[questionIndex] = this.cleaned(this.content.quiz!.questions[questionIndex]!, response);
    this.commit({ report: false });
  }

  goToQuestion(step: number): void {
    this.state.step = Math.max(0, Math.min(step, this.questionOrder.length - 1));
    this.commit();
  }

  /** Locks the answer, shows feedback and records the interaction. */
  checkAnswer(questionIndex: number): QuestionResult | undefined {
    const quiz = this.state.quiz;
    const question = this.content.quiz!.questions[questionIndex]!;
    const response = this.responseFor(questionIndex);
    const result = scoreQuestion(question, response);
    if (!result.answered || quiz.checked[questionIndex] || quiz.submitted) return undefined;
    quiz.answers[questionIndex] = response;
    quiz.checked[questionIndex] = true;
    const shown = this.shownAt.get(`${quiz.attempt}:${questionIndex}`) ?? Date.now();
    void this.report(() =>
      this.tracker.recordInteraction({
        kind: 'question',
        question,
        response: response!,
        result,
        latencyMs: Date.now() - shown,
        attempt: quiz.attempt,
        timestamp: new Date(),
      }),
    );
    this.commit();
    return result;
  }

  questionResult(questionIndex: number): QuestionResult {
    return scoreQuestion(this.content.quiz!.questions[questionIndex]!, this.state.quiz.answers[questionIndex]);
  }

  get allQuestionsChecked(): boolean {
    return (this.content.quiz?.questions ?? []).every((_, i) => this.state.quiz.checked[i]);
  }

  /** Scores the attempt; the module's score is the best attempt. */
  submitQuiz(): void {
    const quiz = this.state.quiz;
    const definition = this.content.quiz;
    if (!definition || quiz.submitted || quiz.attempt === 0) return;
    const score = scoreQuiz(definition, quiz.answers);
    quiz.submitted = true;
    quiz.lastPercent = score.percent;
    quiz.bestPercent = Math.max(quiz.bestPercent ?? 0, score.percent);
    this.reportScore(quiz.bestPercent);
    this.commit();
  }

  /** The module's score is the best attempt's percentage. */
  private reportScore(best: number): void {
    void this.report(() => this.tracker.setScore({ raw: best, min: 0, max: 100, scaled: Math.round(best * 10) / 1000 }));
  }

  get lastQuizScore() {
    return this.content.quiz ? scoreQuiz(this.content.quiz, this.state.quiz.answers) : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Pre-check: answered before the lessons, not scored for the module, sent to the LRS only

  /** Open until the learner sends or skips it, and only before the quiz: after it, it would measure nothing. */
  get precheckOpen(): boolean {
    return !!this.content.precheck && !this.state.precheck.outcome && this.state.quiz.attempt === 0;
  }

  precheckDisplayOrder(questionIndex: number): number[] {
    const question = this.content.precheck!.questions[questionIndex]!;
    return this.orderOf(question, deriveSeed(this.state.quiz.seed, `${PRECHECK_ID}:${question.id}`));
  }

  precheckResponseFor(questionIndex: number): Response | undefined {
    return this.shownResponse(this.content.precheck!.questions[questionIndex]!, this.state.precheck.answers[questionIndex], () => this.precheckDisplayOrder(questionIndex));
  }

  setPrecheckAnswer(questionIndex: number, response: Response): void {
    if (!this.precheckOpen) return;
    this.state.precheck.answers[questionIndex] = this.cleaned(this.content.precheck!.questions[questionIndex]!, response);
    this.shownAt.set(`${PRECHECK_ID}:${questionIndex}`, Date.now());
    this.commit({ report: false });
  }

  /** Indices of the pre-check's questions not answered yet. */
  get precheckUnanswered(): number[] {
    return (this.content.precheck?.questions ?? []).flatMap((q, i) => (scoreQuestion(q, this.precheckResponseFor(i)).answered ? [] : [i]));
  }

  /** Records every answer (all must be answered) and closes the pre-check. Returns false when some are not. */
  sendPrecheck(): boolean {
    const precheck = this.content.precheck;
    if (!precheck || !this.precheckOpen || this.precheckUnanswered.length) return false;
    const opened = this.shownAt.get(PRECHECK_ID) ?? Date.now();
    const inQuiz = new Set(this.content.quiz?.questions.map((q) => q.id));
    precheck.questions.forEach((question, i) => {
      const response = this.precheckResponseFor(i)!;
      const answeredAt = this.shownAt.get(`${PRECHECK_ID}:${i}`) ?? Date.now();
      this.state.precheck.answers[i] = response;
      void this.report(() =>
        this.tracker.recordInteraction({
          kind: 'precheck',
          question,
          response,
          result: scoreQuestion(question, response),
          latencyMs: Math.max(0, answeredAt - opened),
          inQuiz: inQuiz.has(question.id),
          timestamp: new Date(),
        }),
      );
    });
    this.state.precheck.outcome = 'sent';
    this.commit();
    return true;
  }

  skipPrecheck(): void {
    if (!this.precheckOpen) return;
    this.state.precheck.outcome = 'skipped';
    this.commit();
  }

  precheckShown(): void {
    if (!this.shownAt.has(PRECHECK_ID)) this.shownAt.set(PRECHECK_ID, Date.now());
  }

  // -------------------------------------------------------------------------------------------
  // Case exercise

  get casePath(): WalkedPath | undefined {
    return this.content.case ? walkPath(this.content.case, this.state.case.path) : undefined;
  }

  get caseBestChoices(): number[] {
    return this.content.case ? bestChoices(this.content.case) : [];
  }

  chooseInCase(choiceIndex: number): void {
    const exercise = this.content.case;
    const walked = this.casePath;
    const awaitingConsequence = this.state.case.path.length > 0 && !this.state.case.consequenceSeen;
    if (!exercise || !walked || walked.current?.type !== 'decision' || awaitingConsequence) return;
    const node = walked.current;
    const choice = node.choices[choiceIndex];
    if (!choice) return;
    const key = `case:${node.id}:${this.state.case.path.length}`;
    const shown = this.shownAt.get(key) ?? Date.now();
    this.state.case.path.push(choiceIndex);
    this.state.case.consequenceSeen = false;
    void this.report(() =>
      this.tracker.recordInteraction({
        kind: 'case-decision',
        caseId: exercise.id,
        node,
        choice,
        step: this.state.case.path.length,
        latencyMs: Date.now() - shown,
        timestamp: new Date(),
      }),
    );
    this.commit();
  }

  caseNodeShown(nodeId: string): void {
    const key = `case:${nodeId}:${this.state.case.path.length}`;
    if (!this.shownAt.has(key)) this.shownAt.set(key, Date.now());
  }

  /** The learner read the consequence of their last choice; on to the next node. */
  continueCase(): void {
    this.state.case.consequenceSeen = true;
    if (this.casePath?.ending) this.state.case.finished = true;
    this.commit();
  }

  restartCase(): void {
    this.state.case.path = [];
    this.state.case.consequenceSeen = false;
    this.state.step = 1;
    this.commit();
  }

  // -------------------------------------------------------------------------------------------
  // Survey

  setRating(itemIndex: number, value: number): void {
    this.state.survey.ratings[itemIndex] = value;
    this.commit({ report: false });
  }

  setSurveyText(itemIndex: number, text: string): void {
    const item = this.content.survey?.items[itemIndex];
    if (item?.type !== 'text') return;
    this.state.survey.texts[itemIndex] = cleanText(text, item.maxLength);
    this.commit({ report: false });
  }

  submitSurvey(): void {
    const survey = this.content.survey;
    if (!survey) return;
    this.state.survey.submitted = true;
    survey.items.forEach((item, i) => {
      const value = item.type === 'likert' ? this.state.survey.ratings[i] : this.state.survey.texts[i]?.trim();
      if (value === undefined || value === '') return;
      void this.report(() =>
        this.tracker.recordInteraction({ kind: 'survey', surveyId: survey.id, item, value, timestamp: new Date() }),
      );
    });
    this.commit();
  }

  reopenSurvey(): void {
    this.state.survey.submitted = false;
    this.commit();
  }

  // -------------------------------------------------------------------------------------------
  // Saving

  /**
   * Saves state and reports status changes. `report: false` saves without telling listeners
   * that the view must change (typing in a field re-renders nothing).
   */
  private commit({ report = true }: { report?: boolean } = {}): void {
    const state = serialiseState(this.state, this.course);
    const bookmark = bookmarkOf(this.state);
    const completion = this.completion;
    const success = this.success;
    void this.report(() => this.tracker.saveState(state, bookmark));
    if (completion !== this.reported.completion || success !== this.reported.success) {
      this.reported = { completion, success };
      void this.report(() => this.tracker.setStatus(completion, success));
    }
    if (report) this.dispatchEvent(new Event('change'));
  }

  /** Tracker calls run one after another, in the order the learner acted. */
  private report(call: () => Promise<void>): Promise<void> {
    this.saving = this.saving.then(call).catch((error: unknown) => {
      console.error('Could not record progress', error);
      this.dispatchEvent(new CustomEvent('tracker-error', { detail: error }));
    });
    return this.saving;
  }

  /** Waits for every pending tracker call, then ends the session. */
  async finish(): Promise<void> {
    await this.report(() => this.tracker.finish());
  }

  /** Resolves when every call made so far has reached the tracker. */
  settled(): Promise<void> {
    return this.saving;
  }

  questionById(id: string): { index: number; question: Question } | undefined {
    const index = this.content.quiz?.questions.findIndex((q) => q.id === id) ?? -1;
    return index >= 0 ? { index, question: this.content.quiz!.questions[index]! } : undefined;
  }
}
