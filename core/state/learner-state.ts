/**
 * The learner's state for one module, and its compact serialisation.
 *
 * One model for everything that must survive leaving and coming back: where the learner is,
 * which sections they visited, quiz answers, case path, survey answers, best score. It is stored
 * by the tracker (localStorage in preview, `cmi.suspend_data` in SCORM), so its serialised form
 * must fit SCORM 1.2's 4,096 characters in the worst case: {@link worstCaseState} builds that
 * case for a module and the content check measures it.
 *
 * Serialised form: a JSON array, positional, answers in the question's source order.
 */
import type { Course, CourseContent, Question } from '../content/schema.ts';
import { analyseCase } from '../case/case-graph.ts';
import type { Response } from '../quiz/responses.ts';
import { questionType } from '../question-types/registry.ts';
import { B36 } from './b36.ts';

export const SCORM12_SUSPEND_DATA_LIMIT = 4096;
const FORMAT = 1;
/** Index in the serialised form; -1 (not found) while the pre-check is open. */
const PRECHECK_OUTCOMES = ['sent', 'skipped'] as const;

export interface QuizState {
  /** Attempts started (1 = first attempt). 0 = not started. */
  attempt: number;
  /** Seed for this learner's shuffled order. */
  seed: number;
  /** Answers of the current attempt, by question index (source order). */
  answers: (Response | undefined)[];
  /** Questions whose answer was checked (locked, feedback shown) in the current attempt. */
  checked: boolean[];
  /** The current attempt has been submitted for a score. */
  submitted: boolean;
  /** Best score over submitted attempts, 0..100, or undefined before the first submission. */
  bestPercent?: number;
  /** Score of the last submitted attempt, 0..100. */
  lastPercent?: number;
}

export interface CaseState {
  /** Choice index taken at each decision, in order. */
  path: number[];
  /** The learner has read the consequence of the last choice (used to resume mid-step). */
  consequenceSeen: boolean;
  /** An ending was reached at least once (the case counts as done even if replayed). */
  finished: boolean;
}

export interface SurveyState {
  /** Likert answers by item index (1-based scale value), undefined if not answered. */
  ratings: (number | undefined)[];
  /** Free-text answers by item index. */
  texts: (string | undefined)[];
  submitted: boolean;
}

export interface PrecheckState {
  /** Answers by pre-check question index, kept until the learner sends them. */
  answers: (Response | undefined)[];
  /** Sent (its answers reported) or skipped: either way it is not asked again. */
  outcome?: 'sent' | 'skipped';
}

export interface LearnerState {
  /** The module version this state was made with: answers refer to its structure. */
  version: string;
  language?: string;
  /** Current section index. */
  section: number;
  /** Position within the section (question number in a quiz). */
  step: number;
  visited: boolean[];
  quiz: QuizState;
  precheck: PrecheckState;
  case: CaseState;
  survey: SurveyState;
  /** The learner reached the end (completion summary) at least once. */
  finished: boolean;
}

export function createState(course: Course, seed = Math.floor(Math.random() * 2 ** 31)): LearnerState {
  return {
    version: course.version,
    section: 0,
    step: 0,
    visited: course.sections.map(() => false),
    quiz: { attempt: 0, seed, answers: [], checked: [], submitted: false },
    precheck: { answers: [] },
    case: { path: [], consequenceSeen: false, finished: false },
    survey: { ratings: [], texts: [], submitted: false },
    finished: false,
  };
}

/** Bookmark in the form SCORM's lesson_location / cmi.location takes. */
export function bookmarkOf(state: LearnerState): string {
  return `${state.section}.${state.step}`;
}

// ---------------------------------------------------------------------------------------------
// Serialisation

// Array.from, not map: checked[] is sparse and map would skip its holes.
const bits = (flags: boolean[]) => Array.from(flags, (f) => (f ? '1' : '0')).join('').replace(/0+$/, '');
const unbits = (text: string, length: number) => Array.from({ length }, (_, i) => text[i] === '1');

function encodeResponse(question: Question, response: Response | undefined): string | number | null {
  return response === undefined ? null : questionType(question).encode(question, response);
}

function decodeResponse(question: Question, value: unknown): Response | undefined {
  return value === null || value === undefined ? undefined : questionType(question).decode(question, value);
}

function structure(course: Course): CourseContent {
  return course.content[course.defaultLanguage]!;
}

export function serialiseState(state: LearnerState, course: Course): string {
  const questions = structure(course).quiz?.questions ?? [];
  const survey = structure(course).survey;
  const q = state.quiz;
  const s = state.survey;
  const precheck = structure(course).precheck?.questions ?? [];
  return JSON.stringify([
    FORMAT,
    state.version,
    state.language ?? '',
    state.section,
    state.step,
    bits(state.visited),
    state.finished ? 1 : 0,
    [
      q.attempt,
      q.seed.toString(36),
      q.submitted ? 1 : 0,
      q.bestPercent ?? -1,
      q.lastPercent ?? -1,
      bits(q.checked),
      questions.map((question, i) => encodeResponse(question, q.answers[i])),
    ],
    [state.case.path.map((c) => B36[c]).join(''), state.case.consequenceSeen ? 1 : 0, state.case.finished ? 1 : 0],
    [
      s.submitted ? 1 : 0,
      (survey?.items ?? []).map((_, i) => (s.ratings[i] === undefined ? '-' : String(s.ratings[i]))).join(''),
      (survey?.items ?? []).map((item, i) => (item.type === 'text' ? (s.texts[i] ?? '') : 0)),
    ],
    // Added after the first release: states saved before it have no tenth element.
    [state.precheck.outcome ? PRECHECK_OUTCOMES.indexOf(state.precheck.outcome) : -1, precheck.map((question, i) => encodeResponse(question, state.precheck.answers[i]))],
  ]);
}

/**
 * Reads serialised state back. Returns undefined for anything unreadable or made with another
 * module version (its answers would point at the wrong questions): the learner starts afresh.
 */
export function deserialiseState(text: string | null | undefined, course: Course): LearnerState | undefined {
  if (!text) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(raw) || raw[0] !== FORMAT || raw[1] !== course.version) return undefined;
  const [, version, language, section, step, visited, finished, quiz, exercise, survey, precheck] = raw as [
    number, string, string, number, number, string, number,
    [number, string, number, number, number, string, unknown[]],
    [string, number, number],
    [number, string, unknown[]],
    [number, unknown[]] | undefined,
  ];
  const precheckQuestions = structure(course).precheck?.questions ?? [];
  const precheckOutcome = PRECHECK_OUTCOMES[Number(precheck?.[0])];
  const questions = structure(course).quiz?.questions ?? [];
  const surveyItems = structure(course).survey?.items ?? [];
  const percent = (n: number) => (n >= 0 ? n : undefined);
  const sectionCount = course.sections.length;
  const validSection = Number.isInteger(section) && section >= 0 && section < sectionCount;
  return {
    version,
    ...(language ? { language } : {}),
    section: validSection ? section : 0,
    step: validSection && Number.isInteger(step) && step >= 0 ? step : 0,
    visited: unbits(String(visited ?? ''), sectionCount),
    finished: finished === 1,
    quiz: {
      attempt: Number(quiz?.[0]) || 0,
      seed: parseInt(String(quiz?.[1] ?? '0'), 36) || 0,
      submitted: quiz?.[2] === 1,
      ...(percent(quiz?.[3] ?? -1) !== undefined ? { bestPercent: quiz![3] } : {}),
      ...(percent(quiz?.[4] ?? -1) !== undefined ? { lastPercent: quiz![4] } : {}),
      checked: unbits(String(quiz?.[5] ?? ''), questions.length),
      answers: questions.map((question, i) => decodeResponse(question, (quiz?.[6] ?? [])[i])),
    },
    precheck: {
      answers: precheckQuestions.map((question, i) => decodeResponse(question, (precheck?.[1] ?? [])[i])),
      ...(precheckOutcome ? { outcome: precheckOutcome } : {}),
    },
    case: {
      path: [...String(exercise?.[0] ?? '')].map((c) => B36.indexOf(c)).filter((i) => i >= 0),
      consequenceSeen: exercise?.[1] === 1,
      finished: exercise?.[2] === 1,
    },
    survey: {
      submitted: survey?.[0] === 1,
      ratings: surveyItems.map((_, i) => {
        const c = String(survey?.[1] ?? '')[i];
        return c && c !== '-' ? Number(c) : undefined;
      }),
      texts: surveyItems.map((item, i) => {
        const value = (survey?.[2] ?? [])[i];
        return item.type === 'text' && typeof value === 'string' && value ? value : undefined;
      }),
    },
  };
}

/**
 * The largest state this module can produce: every section visited, the most attempts, every
 * answer at its longest (text made of `"`, which JSON doubles), the longest case path, every
 * survey field full. Its serialised length is what the 4,096-character limit is checked against.
 */
export function worstCaseState(course: Course): LearnerState {
  const content = structure(course);
  const questions = content.quiz?.questions ?? [];
  const worstText = (length: number) => '"'.repeat(length);
  const longestLanguage = course.languages.reduce((a, b) => (b.length > a.length ? b : a), '');
  const caseLength = content.case ? analyseCase(content.case).longestPath : 0;
  const maxChoices = content.case ? Math.max(...content.case.nodes.map((n) => (n.type === 'decision' ? n.choices.length : 0))) : 1;
  return {
    version: course.version,
    language: longestLanguage,
    section: course.sections.length - 1,
    step: Math.max(questions.length, 1),
    visited: course.sections.map(() => true),
    finished: true,
    quiz: {
      attempt: content.quiz?.attempts || 99,
      seed: 2 ** 31 - 1,
      submitted: true,
      bestPercent: 33.3,
      lastPercent: 66.7,
      checked: questions.map(() => true),
      answers: questions.map((q): Response => questionType(q).longestResponse(q)),
    },
    precheck: { answers: (content.precheck?.questions ?? []).map((q): Response => questionType(q).longestResponse(q)), outcome: 'skipped' },
    case: { path: Array.from({ length: caseLength }, () => maxChoices - 1), consequenceSeen: true, finished: true },
    survey: {
      submitted: true,
      ratings: (content.survey?.items ?? []).map(() => content.survey!.scale.length),
      texts: (content.survey?.items ?? []).map((item) => (item.type === 'text' ? worstText(item.maxLength) : undefined)),
    },
  };
}
