/**
 * Tables that grow with learners (learners per module, the programme, survey comments) are paged,
 * sorted and searched by the server: what the API takes and answers about a page, shared by the
 * server and the dashboard app. Their CSV exports (`.csv` beside each report) stream every row.
 */

/** Rows per page: the default, and the most one request may ask for. */
export const PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** The longest search text accepted. */
export const MAX_SEARCH = 100;

/** Columns the learner table sorts by. `name` only where the viewer may see names. */
export const LEARNER_SORTS = ['learner', 'name', 'org', 'module', 'lessons', 'status', 'score', 'last'] as const;
export type LearnerSort = (typeof LEARNER_SORTS)[number];

/** Columns the programme table sorts by. `name` only where the viewer may see names. */
export const PROGRAMME_SORTS = ['learner', 'name', 'org', 'modules', 'sessions', 'complete', 'last'] as const;
export type ProgrammeSort = (typeof PROGRAMME_SORTS)[number];

/** Comments sort by date only. */
export const COMMENT_SORTS = ['date'] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

export type SortDirection = 'asc' | 'desc';

/** The page a report holds, as the server understood the request. */
export interface PageInfo<Sort extends string = string> {
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Rows over all pages. */
  total: number;
  sort: Sort;
  dir: SortDirection;
  /** The search text, trimmed; empty when none. */
  q: string;
}
