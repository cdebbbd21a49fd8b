/**
 * The dashboard's address: the view and its filters live in the URL hash
 * (`#/items?module=...&org=...`), so every view can be bookmarked and shared, and the browser's
 * back and forward buttons move between views and filters.
 */
import { msg } from '@lit/localize';
import type { Viewer } from '../lrs/contracts/report-types.ts';

export type ViewId = 'overview' | 'module' | 'items' | 'case' | 'feedback' | 'learners' | 'programme' | 'sessions' | 'report' | 'admin';

export interface ViewInfo {
  id: ViewId;
  /** In the dashboard's language, read when drawn. */
  readonly title: string;
  /** required: the report needs one module (the first is chosen when none is given). */
  module: 'optional' | 'required' | 'none';
  adminOnly?: boolean;
}

export const VIEWS: readonly ViewInfo[] = [
  { id: 'overview', get title() { return msg('Overview'); }, module: 'optional' },
  { id: 'module', get title() { return msg('Module'); }, module: 'required' },
  { id: 'items', get title() { return msg('Questions'); }, module: 'required' },
  { id: 'case', get title() { return msg('Case exercise'); }, module: 'required' },
  { id: 'feedback', get title() { return msg('Feedback'); }, module: 'optional' },
  { id: 'learners', get title() { return msg('Learners'); }, module: 'optional' },
  { id: 'programme', get title() { return msg('Programme'); }, module: 'none' },
  { id: 'sessions', get title() { return msg('In-person sessions'); }, module: 'none' },
  { id: 'report', get title() { return msg('Period report'); }, module: 'optional' },
  { id: 'admin', get title() { return msg('Admin'); }, module: 'none', adminOnly: true },
];

/** Filters every report takes. */
export const FILTER_PARAMS = ['module', 'org', 'language', 'from', 'to'] as const;
/** Settings of the Learners view. */
export const LEARNER_PARAMS = ['stuckDays', 'asOf', 'onlyStuck'] as const;
/** A table the server pages (Learners, Programme, the Feedback view's comments): page, order, search. */
export const TABLE_PARAMS = ['page', 'sort', 'dir', 'q'] as const;
/** The In-person sessions view: the session open for attendance. */
export const SESSION_PARAMS = ['session'] as const;

export type RouteParams = Partial<Record<(typeof FILTER_PARAMS)[number] | (typeof LEARNER_PARAMS)[number] | (typeof TABLE_PARAMS)[number] | (typeof SESSION_PARAMS)[number], string>>;

export interface Route {
  view: ViewId;
  params: RouteParams;
}

const KNOWN = new Set<string>([...FILTER_PARAMS, ...LEARNER_PARAMS, ...TABLE_PARAMS, ...SESSION_PARAMS]);

export function viewInfo(id: ViewId): ViewInfo {
  return VIEWS.find((v) => v.id === id)!;
}

export function viewsFor(viewer: Viewer): ViewInfo[] {
  return VIEWS.filter((v) => !v.adminOnly || viewer.role === 'admin');
}

/** Reads `#/view?a=1&b=2`; anything else is the overview without filters. */
export function parseHash(hash: string): Route {
  const match = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  const view = VIEWS.find((v) => v.id === match?.[1])?.id ?? 'overview';
  const params: RouteParams = {};
  for (const [name, value] of new URLSearchParams(match?.[2] ?? '')) {
    if (KNOWN.has(name) && value) params[name as keyof RouteParams] = value;
  }
  return { view, params };
}

export function formatHash(route: Route): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(route.params)) if (value) query.set(name, value);
  const text = query.toString();
  return `#/${route.view}${text ? `?${text}` : ''}`;
}

/** The link to another view, keeping the filters (and the Learners settings only for Learners); a table's page, order and search stay with their view. */
export function linkTo(view: ViewId, params: RouteParams): string {
  const kept: RouteParams = {};
  for (const name of FILTER_PARAMS) if (params[name]) kept[name] = params[name];
  if (view === 'learners') for (const name of LEARNER_PARAMS) if (params[name]) kept[name] = params[name];
  if (view === 'sessions') for (const name of SESSION_PARAMS) if (params[name]) kept[name] = params[name];
  return formatHash({ view, params: kept });
}
