/**
 * What the reports ask of storage: aggregations over learning facts, run in the database. Each
 * backend implements this once (see storage/sql-reports.ts); the reports service turns the rows
 * into the figures the dashboard shows.
 */
import type { LearnerSort, ProgrammeSort } from '../contracts/paging.ts';

/** Which facts a report covers. Organisations are already narrowed to what the account may see. */
export interface ReportFilter {
  moduleId?: string;
  /** Undefined: every organisation. */
  orgs?: string[];
  /** Primary language subtag ("fr"). */
  language?: string;
  /** ISO timestamps: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

/** Per-learner outcome figures for one group (a module x organisation cell, a module, or all). */
export interface OutcomeRow {
  moduleId: string | null;
  org: string | null;
  learners: number;
  completed: number;
  passed: number;
  /** Learners with a passed or failed result. */
  scored: number;
  /** Of each learner's best scaled score. */
  averageScore: number | null;
  medianScore: number | null;
  /** Of the session time each learner had recorded when completing. */
  medianCompleteMs: number | null;
}

export interface GroupedOutcome extends OutcomeRow {
  groupBy: 'module-org' | 'module' | 'all';
}

export interface TrendRow {
  day: string;
  started: number;
  completed: number;
}

export interface CountRow {
  activityId: string;
  learners: number;
}

export interface StageCounts {
  started: number;
  quiz: number;
  passed: number;
  caseStarted: number;
  completed: number;
  survey: number;
}

export interface ItemSums {
  activityId: string;
  /** The module version the answers were given in (sums by version only); null when unknown. */
  version?: string | null;
  /** Learners whose first-attempt answer is counted (those with a module score). */
  n: number;
  /** All first-attempt answers and the correct ones, with or without a module score. */
  answers: number;
  correct: number;
  /** Sums over learners with a module score: x = correct (0/1), y = best scaled module score. */
  sumX: number;
  sumY: number;
  sumXY: number;
  sumYY: number;
}

export interface ResponseCount {
  activityId: string;
  response: string;
  count: number;
}

export interface PathCount {
  /** activityId=choice steps in order, joined by " > ". */
  path: string;
  learners: number;
}

export interface CommentRow {
  activityId: string;
  text: string;
  timestamp: string;
  org: string;
  language: string | null;
}

export interface LearnerRow {
  learner: string;
  pseudonym: string;
  learnerName: string | null;
  org: string;
  moduleId: string;
  lessons: number;
  bestScore: number | null;
  passed: boolean;
  failed: boolean;
  completed: boolean;
  first: string;
  last: string;
}

/** One learner's progress through the programme. */
export interface ProgrammeRow {
  org: string;
  learner: string;
  pseudonym: string;
  learnerName: string | null;
  /** Distinct required modules passed. */
  modulesPassed: number;
  /** Distinct in-person sessions attended. */
  sessions: number;
  last: string;
}

/**
 * One page of a table that grows with learners, sorted and searched in the database. The sort
 * always ends on a unique key, so pages never overlap or skip a row.
 */
export interface PageRequest<Sort extends string> {
  offset: number;
  limit: number;
  sort: Sort;
  descending: boolean;
  /** Text to find: in the pseudonym always, in the name too when `searchNames`. */
  search?: string;
  searchNames?: boolean;
}

export interface Page<Row> {
  rows: Row[];
  /** Rows matching the request, over all pages. */
  total: number;
}

export interface LearnerPageRequest extends PageRequest<LearnerSort> {
  /** Not completed and no activity since: stuck. */
  stuckBefore: string;
  onlyStuck: boolean;
}

export interface ProgrammePageRequest extends PageRequest<ProgrammeSort> {
  /** The modules to pass and sessions to attend for the programme. */
  modules: string[];
  sessions: number;
}

/**
 * Sums over the learners of a group for the learning gain (storage/sql-reports.ts says which
 * learners count): `learners` matched, `n` of them below the ceiling, and over those n the sums
 * of their gains, squared gains, and pre-check and quiz scores in percent.
 */
export interface GainSums {
  learners: number;
  n: number;
  sumGain: number;
  sumGainSquares: number;
  sumPre: number;
  sumPost: number;
}

/** One pre-check item over the matched learners who answered it: how many were right before and at the first quiz attempt. */
export interface GainItemSums {
  activityId: string;
  learners: number;
  preCorrect: number;
  postCorrect: number;
}

export interface GainRows {
  /** Learners with a pre-check answer to a quiz item in the filter. */
  precheckLearners: number;
  overall: GainSums;
  orgs: (GainSums & { org: string })[];
  languages: (GainSums & { language: string | null })[];
  items: GainItemSums[];
}

export interface ReportStore {
  /** Modules, organisations and languages present in the facts (within the filter's organisations). */
  dimensions(filter: ReportFilter): Promise<{ modules: string[]; orgs: string[]; languages: string[] }>;
  /** Outcomes grouped by module and organisation, by module, and over everything; and learners starting and completing per day. */
  overview(filter: ReportFilter): Promise<{ outcomes: GroupedOutcome[]; trend: TrendRow[] }>;
  /** Learners who reached each activity of a kind (lessons, questions, case decisions). */
  reached(filter: ReportFilter, kind: 'lesson' | 'question' | 'case-decision' | 'survey'): Promise<CountRow[]>;
  /** Learners (per module, counted once each) who reached each stage of a module. */
  stages(filter: ReportFilter): Promise<StageCounts>;
  /** Best scaled score per learner, counted in ten buckets (0-10% ... 90-100%). */
  scoreHistogram(filter: ReportFilter): Promise<number[]>;
  /** Total recorded session time per learner and module (terminated statements): how many, median, 75th percentile, average. */
  sessionTimes(filter: ReportFilter): Promise<{ learners: number; medianMs: number | null; p75Ms: number | null; averageMs: number | null }>;
  /** First-attempt sums per question; `byVersion`: a row per question and module version. */
  itemSums(filter: ReportFilter, byVersion?: boolean): Promise<ItemSums[]>;
  /**
   * The learning gain's sums for one module: each learner's first pre-check answer to each quiz
   * item (answers after their first quiz answer in the module left out) against their
   * first-attempt quiz answer to it; a learner counts when every pre-check item has one.
   */
  gainSums(filter: ReportFilter & { moduleId: string }): Promise<GainRows>;
  responses(filter: ReportFilter, kind: 'question' | 'case-decision' | 'survey'): Promise<ResponseCount[]>;
  casePaths(filter: ReportFilter, limit: number): Promise<{ paths: PathCount[]; learners: number }>;
  /** Free-text survey answers, newest first unless `descending` is false; searched in their text. */
  comments(filter: ReportFilter & { activityIds: string[] }, page: Omit<PageRequest<'date'>, 'searchNames'>): Promise<Page<CommentRow>>;
  /**
   * Each learner's progress per module (one row per learner and module with a module-level
   * fact), from the progress kept as facts arrive. The module, organisations and language (the
   * learner's latest) narrow it; the period keeps learners active in it (first activity before its
   * end, last activity after its start). `stuck` counts the stuck rows of the page's filter and
   * search, whether or not `onlyStuck` keeps only them.
   */
  learners(filter: ReportFilter, page: LearnerPageRequest): Promise<Page<LearnerRow> & { stuck: number }>;
  /**
   * Each learner's progress through the programme (the filter's organisations; not its module,
   * language or period: the programme spans them): which of the required modules they passed, how
   * many in-person sessions they attended. `complete` counts those who completed it.
   */
  programme(filter: Pick<ReportFilter, 'orgs'>, page: ProgrammePageRequest): Promise<Page<ProgrammeRow> & { complete: number }>;
  /** Learners and those who completed the programme, per organisation (`modules` passed, `sessions` attended). */
  programmeByOrg(filter: Pick<ReportFilter, 'orgs'>, modules: string[], sessions: number): Promise<{ org: string; learners: number; complete: number }[]>;
  /** Per module: the distinct lessons the filter's organisations' learners have seen. */
  lessonsSeen(filter: Pick<ReportFilter, 'orgs'>, modules: string[]): Promise<Map<string, number>>;
  /** Every module any organisation's learners started (the programme when none is configured). */
  allModules(): Promise<string[]>;
  /** The learners (key and name) with a fact of this verb on this activity, in the filter's organisations. */
  learnersOf(filter: Pick<ReportFilter, 'orgs'>, activityId: string, verb: string): Promise<{ learner: string; learnerName: string | null }[]>;
  /**
   * Stored activity definitions (JSON) by id, as the filter's organisations recorded them (one
   * per id, the first organisation's in name order): a trainer sees names their own
   * organisation's statements gave, never another's.
   */
  activityDefinitions(filter: ReportFilter, ids: string[]): Promise<Map<string, string>>;
}
