/**
 * What the reports ask of storage: aggregations over learning facts, run in the database. Each
 * backend implements this once (see storage/sql-reports.ts); the reports service turns the rows
 * into the figures the dashboard shows.
 */

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
  learnerName: string | null;
  /** Distinct required modules passed. */
  modulesPassed: number;
  /** Distinct in-person sessions attended. */
  sessions: number;
  last: string;
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
  itemSums(filter: ReportFilter): Promise<ItemSums[]>;
  responses(filter: ReportFilter, kind: 'question' | 'case-decision' | 'survey'): Promise<ResponseCount[]>;
  casePaths(filter: ReportFilter, limit: number): Promise<{ paths: PathCount[]; learners: number }>;
  comments(filter: ReportFilter & { activityIds: string[] }, limit: number): Promise<CommentRow[]>;
  learners(filter: ReportFilter, limit: number): Promise<LearnerRow[]>;
  /**
   * Each learner's progress through the programme (the filter's organisations; not its module,
   * language or period: the programme spans them): which of `modules` they passed, how many
   * in-person sessions they attended.
   */
  programme(filter: Pick<ReportFilter, 'orgs'>, modules: string[], limit: number): Promise<ProgrammeRow[]>;
  /** Learners and those who completed the programme, per organisation (`modules` passed, `sessions` attended). */
  programmeByOrg(filter: Pick<ReportFilter, 'orgs'>, modules: string[], sessions: number): Promise<{ org: string; learners: number; complete: number }[]>;
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
