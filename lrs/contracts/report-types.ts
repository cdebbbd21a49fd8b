/**
 * What the reports API answers: one type per report, shared by the API and the dashboard app
 * (which imports them as types only).
 */
import type { CommentSort, LearnerSort, PageInfo } from './paging.ts';

export interface Viewer {
  username: string;
  role: 'admin' | 'control-group' | 'trainer';
  org: string | null;
}

export interface Dimensions {
  modules: { id: string; name: string }[];
  orgs: string[];
  languages: string[];
}

export interface Outcome {
  moduleId: string | null;
  moduleName: string | null;
  org: string | null;
  learners: number;
  completed: number;
  /** completed / learners (null without learners). */
  completionRate: number | null;
  passed: number;
  scored: number;
  /** passed / learners who got a quiz result. */
  passRate: number | null;
  /** Percent, 0-100, of each learner's best score. */
  averageScore: number | null;
  medianScore: number | null;
  medianCompleteMinutes: number | null;
}

export interface OverviewReport {
  totals: Outcome;
  modules: Outcome[];
  matrix: Outcome[];
  trend: { day: string; started: number; completed: number }[];
}

export interface FunnelStep {
  /** The step in English (for API readers); the dashboard words it from `step` in the viewer's language. */
  label: string;
  /** Which step: the lesson's number and name for lessons. */
  step: { kind: 'started' | 'quiz' | 'case' | 'completed' } | { kind: 'lesson'; number: number; name: string };
  learners: number;
  /** Learners lost since the previous step. */
  lost: number;
}

export interface ModuleReport {
  moduleId: string;
  moduleName: string;
  funnel: FunnelStep[];
  /** The step after which most learners stop, if any stop. */
  dropOff: string | null;
  /** Learners per score band: 0-9%, 10-19%, ... 90-100%. */
  histogram: { band: string; learners: number }[];
  time: { learners: number; medianMinutes: number | null; p75Minutes: number | null; averageMinutes: number | null };
}

export interface ItemReport {
  moduleId: string;
  moduleName: string;
  items: {
    activityId: string;
    question: string;
    interactionType: string;
    answers: number;
    facility: number | null;
    discrimination: number | null;
    flags: string[];
    /** For choice and true-false questions: every option and how often it was chosen. */
    options: { id: string; label: string; chosen: number; correct: boolean }[];
    /** For other types: the most frequent responses, as sent and in words. */
    responses: { response: string; label: string; count: number; correct: boolean }[];
    /** The same figures per module version, oldest first, when learners answered in more than one. */
    versions: { version: string | null; answers: number; facility: number | null; discrimination: number | null }[];
  }[];
  /** The module versions the answers were given in, oldest first (a comparison needs two). */
  versions: (string | null)[];
}

export interface CaseReport {
  moduleId: string;
  moduleName: string;
  /** Learners with at least one decision. */
  learners: number;
  decisions: {
    activityId: string;
    title: string;
    reached: number;
    choices: { id: string; label: string; chosen: number; best: boolean }[];
  }[];
  paths: { steps: { decision: string; choice: string; best: boolean }[]; learners: number; best: boolean }[];
}

export interface FeedbackReport {
  moduleId: string | null;
  items: { activityId: string; prompt: string; responses: number; average: number | null; distribution: { value: string; count: number }[] }[];
  /** The free-text questions answered, each a finding to review, with how many answers it has. */
  commentItems: { activityId: string; prompt: string; comments: number }[];
  /** One page of the free-text answers, newest first unless sorted otherwise. */
  comments: { prompt: string; text: string; date: string; org: string; language: string | null }[];
  commentPage: PageInfo<CommentSort>;
}

export interface LearnerReport {
  stuckDays: number;
  asOf: string;
  /** Whether names can appear (trainers of partners that send identified learners). */
  namesShown: boolean;
  /** Whether the page holds only stuck rows. */
  onlyStuck: boolean;
  /** Stuck rows over all pages (of the filters and search, with or without `onlyStuck`). */
  stuck: number;
  paging: PageInfo<LearnerSort>;
  learners: {
    learner: string;
    name: string | null;
    org: string;
    moduleId: string;
    moduleName: string;
    lessons: number;
    lessonsTotal: number;
    status: 'in progress' | 'failed' | 'passed' | 'completed';
    score: number | null;
    lastActivity: string;
    stuck: boolean;
  }[];
}

/**
 * The learning gain of one group of learners (a module overall, a partner, a language): each
 * learner's pre-check against their first quiz attempt on the same items.
 */
export interface GainFigures {
  /** Matched learners: every item they answered in the pre-check has a first-attempt quiz answer. */
  learners: number;
  /** Of those, learners with every pre-check item right: no gain to measure, left out of the figures below. */
  atCeiling: number;
  /** Learners the figures below are made of (matched, not at the ceiling). */
  n: number;
  /** Percent, 0-100: the mean of the n learners' pre-check scores and of their quiz scores on the same items. */
  meanPre: number | null;
  meanPost: number | null;
  /** The mean of the n learners' normalised gains, (post − pre) / (100 − pre); null without learners. */
  gain: number | null;
  /** The gains' sample standard deviation (null below 2 learners). */
  sd: number | null;
  /** The 95% confidence interval of the mean gain, mean ± t(0.975, n − 1)·sd/√n (null below 2 learners). */
  ci: { low: number; high: number } | null;
}

export interface GainReport {
  moduleId: string;
  moduleName: string;
  /** Learners who answered the module's pre-check (quiz items) in the filters: 0 when it has none, or nobody took it. */
  precheckLearners: number;
  overall: GainFigures;
  orgs: (GainFigures & { org: string })[];
  /** By the language of the learner's pre-check answers. */
  languages: (GainFigures & { language: string | null })[];
  /** Each pre-check item (a quiz question) over the matched learners who answered it, ceiling included. */
  items: {
    activityId: string;
    question: string;
    learners: number;
    /** Share right in the pre-check, and at the first quiz attempt. */
    preFacility: number | null;
    postFacility: number | null;
    /** (post − pre) / (1 − pre) of the two facilities; null when everyone was right before. */
    gain: number | null;
  }[];
}
