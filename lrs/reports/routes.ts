/**
 * The reports API under /api/reports: every route needs a dashboard session. The query is checked
 * by the route's JSON schema (a 400 naming the parameter and its rule), then made a typed filter,
 * and the organisations are narrowed to what the account may see: a trainer gets their own
 * organisation whatever the URL says, and asking for another is a 403.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSV_BOM } from '../../core/csv.ts';
import { COMMENT_SORTS, LEARNER_SORTS, MAX_PAGE_SIZE, MAX_SEARCH, PAGE_SIZE, PROGRAMME_SORTS, type SortDirection } from '../contracts/paging.ts';
import { sendJson } from '../http/body.ts';
import type { RouteContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import { patterned } from '../http/json-api.ts';
import type { Account } from '../storage/backend.ts';
import type { ReportFilter } from '../storage/report-store.ts';
import { commentsCsv, learnersCsv, programmeCsv } from './exports.ts';
import { ReportService, type PageOptions } from './service.ts';

/** The query every report takes; each report's schema adds its own (module required, stuckDays, asOf). */
const FILTER_PARAMETERS = {
  module: { type: 'string', maxLength: 500 },
  org: { type: 'string', maxLength: 100 },
  language: patterned(/^[A-Za-z]{2,3}$/, 'a language code such as "fr"', 8),
  from: { type: 'string', format: 'date' },
  to: { type: 'string', format: 'date' },
} as const;

/** A querystring schema: the filter's parameters plus `extra`; anything else is a 400 naming it. */
const query = (extra: Record<string, unknown> = {}, required: string[] = []) => ({
  querystring: { type: 'object', additionalProperties: false, required, properties: { ...FILTER_PARAMETERS, ...extra } },
});

type FilterQuery = Partial<Record<keyof typeof FILTER_PARAMETERS, string>>;

/** The request's filter (already checked by the route's schema), narrowed to what this account may see. */
export function filterFor(parameters: FilterQuery, account: Account): ReportFilter {
  const filter: ReportFilter = {};
  const given = (value: string | undefined) => (value === '' ? undefined : value);
  const moduleId = given(parameters.module);
  if (moduleId) filter.moduleId = moduleId;
  const language = given(parameters.language);
  if (language) filter.language = language.toLowerCase();
  const from = given(parameters.from);
  const to = given(parameters.to);
  if (from) filter.from = `${from}T00:00:00.000Z`;
  // "to" is the last day included.
  if (to) filter.to = new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString();
  const org = given(parameters.org);
  if (account.role === 'trainer') {
    if (org !== undefined && org !== account.org) throw new HttpError(403, `a trainer sees only their own organisation (${account.org})`);
    filter.orgs = [account.org!];
  } else if (org !== undefined) {
    filter.orgs = [org];
  }
  return filter;
}

/** Every report needs a signed-in account of any role; its filter narrows what the account may see. */
const SIGNED_IN_CONFIG = { config: { session: {} } };

function requireModule(filter: ReportFilter): ReportFilter & { moduleId: string } {
  // The schema requires the parameter; an empty value is still no module.
  if (!filter.moduleId) throw new HttpError(400, 'choose a module: "module" is required for this report');
  return filter as ReportFilter & { moduleId: string };
}

/** The parameters of a paged table sorted by one of `sorts`; an export takes them without the page. */
const paged = (sorts: readonly string[], page = true) => ({
  ...(page
    ? {
        page: patterned(/^[1-9][0-9]{0,6}$/, 'a page number from 1', 7),
        pageSize: patterned(/^[1-9][0-9]{0,2}$/, `a number of rows from 1 to ${MAX_PAGE_SIZE}`, 3),
      }
    : {}),
  sort: { type: 'string', enum: sorts },
  dir: { type: 'string', enum: ['asc', 'desc'] },
  q: { type: 'string', maxLength: MAX_SEARCH },
});

type PageQuery = { page?: string; pageSize?: string; sort?: string; dir?: string; q?: string };

/** The page asked for (the schema checked each parameter); sorting or searching by names only where names are shown. */
function pageOptions<Sort extends string>(parameters: PageQuery, defaults: { sort: Sort; dir: SortDirection }, names: boolean): PageOptions<Sort> {
  const pageSize = parameters.pageSize === undefined ? PAGE_SIZE : Number(parameters.pageSize);
  if (pageSize > MAX_PAGE_SIZE) throw new HttpError(400, `"pageSize" must be a number of rows from 1 to ${MAX_PAGE_SIZE}`);
  const sort = (parameters.sort || defaults.sort) as Sort;
  if (sort === 'name' && !names) throw new HttpError(400, '"sort": names are not shown to this account, so they cannot sort the table');
  return { page: Number(parameters.page ?? 1), pageSize, sort, dir: (parameters.dir as SortDirection | undefined) ?? defaults.dir, q: (parameters.q ?? '').trim() };
}

const LEARNER_SETTINGS = {
  stuckDays: patterned(/^[0-9]{1,3}$/, 'a whole number of days from 1 to 365', 3),
  asOf: { type: 'string', format: 'date' },
  onlyStuck: { type: 'string', enum: ['0', '1', 'true', 'false'] },
};

const ANY_MODULE = { ...SIGNED_IN_CONFIG, schema: query() };
const ONE_MODULE = { ...SIGNED_IN_CONFIG, schema: query({}, ['module']) };
const FEEDBACK = { ...SIGNED_IN_CONFIG, schema: query(paged(COMMENT_SORTS)) };
const COMMENTS_CSV = { ...SIGNED_IN_CONFIG, schema: query(paged(COMMENT_SORTS, false)) };
const LEARNERS = { ...SIGNED_IN_CONFIG, schema: query({ ...LEARNER_SETTINGS, ...paged(LEARNER_SORTS) }) };
const LEARNERS_CSV = { ...SIGNED_IN_CONFIG, schema: query({ ...LEARNER_SETTINGS, ...paged(LEARNER_SORTS, false) }) };

/** The programme spans modules, languages and periods: only the organisation narrows it. */
const programmeQuery = (page: boolean) => ({
  ...SIGNED_IN_CONFIG,
  schema: { querystring: { type: 'object', additionalProperties: false, properties: { org: FILTER_PARAMETERS.org, ...paged(PROGRAMME_SORTS, page) } } },
});
const PROGRAMME = programmeQuery(true);
const PROGRAMME_CSV = programmeQuery(false);

/** Streams CSV lines as a download: every row, fetched a batch at a time, never held whole. */
function sendCsv(reply: FastifyReply, fileName: string, lines: AsyncIterable<string>): FastifyReply {
  async function* withBom() {
    yield CSV_BOM;
    yield* lines;
  }
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(withBom()));
}

/** The day of an export, for its file name. */
const today = () => new Date().toISOString().slice(0, 10);

export async function reportRoutes(app: FastifyInstance, { backend, config }: RouteContext): Promise<void> {
  const reports = new ReportService(backend);
  const filterOf = (request: FastifyRequest) => {
    const account = request.account!;
    return { account, filter: filterFor(request.query as FilterQuery, account) };
  };

  app.get('/reports/dimensions', ANY_MODULE, async (request, reply) => {
    const { filter } = filterOf(request);
    return sendJson(reply, 200, await reports.dimensions({ orgs: filter.orgs }));
  });

  app.get('/reports/overview', ANY_MODULE, async (request, reply) => {
    const { filter } = filterOf(request);
    return sendJson(reply, 200, await reports.overview(filter));
  });

  app.get('/reports/module', ONE_MODULE, async (request, reply) => {
    const { filter } = filterOf(request);
    return sendJson(reply, 200, await reports.module(requireModule(filter)));
  });

  app.get('/reports/items', ONE_MODULE, async (request, reply) => {
    const { filter } = filterOf(request);
    return sendJson(reply, 200, await reports.items(requireModule(filter)));
  });

  app.get('/reports/gain', ONE_MODULE, async (request, reply) => {
    const { filter } = filterOf(request);
    return sendJson(reply, 200, await reports.gain(requireModule(filter)));
  });

  app.get('/reports/case', ONE_MODULE, async (request, reply) => {
    const { filter } = filterOf(request);
    return sendJson(reply, 200, await reports.caseExercise(requireModule(filter)));
  });

  const COMMENT_ORDER = { sort: 'date', dir: 'desc' } as const;
  app.get('/reports/feedback', FEEDBACK, async (request, reply) => {
    const { filter } = filterOf(request);
    return sendJson(reply, 200, await reports.feedback(filter, pageOptions(request.query as PageQuery, COMMENT_ORDER, false)));
  });

  app.get('/reports/comments.csv', COMMENTS_CSV, async (request, reply) => {
    const { filter } = filterOf(request);
    const { page: _, pageSize: __, ...order } = pageOptions(request.query as PageQuery, COMMENT_ORDER, false);
    return sendCsv(reply, `inprocap-comments-${today()}.csv`, commentsCsv(reports.allComments(filter, order)));
  });

  /** The learner table's settings from the query; names only for a partner's own trainers, and only where its packages send them. */
  const learnerOptions = (request: FastifyRequest) => {
    const parameters = request.query as PageQuery & { stuckDays?: string; asOf?: string; onlyStuck?: string };
    const stuckDays = parameters.stuckDays === undefined ? 14 : Number(parameters.stuckDays);
    if (stuckDays < 1 || stuckDays > 365) throw new HttpError(400, '"stuckDays" must be a whole number of days from 1 to 365');
    const asOf = parameters.asOf === undefined ? new Date() : new Date(`${parameters.asOf}T00:00:00.000Z`);
    const names = request.account!.role === 'trainer';
    const onlyStuck = parameters.onlyStuck === '1' || parameters.onlyStuck === 'true';
    return { ...pageOptions(parameters, { sort: 'org', dir: 'asc' }, names), stuckDays, asOf, names, onlyStuck };
  };

  app.get('/reports/learners', LEARNERS, async (request, reply) => {
    const { filter } = filterOf(request);
    return sendJson(reply, 200, await reports.learners(filter, learnerOptions(request)));
  });

  app.get('/reports/learners.csv', LEARNERS_CSV, async (request, reply) => {
    const { filter } = filterOf(request);
    const options = learnerOptions(request);
    return sendCsv(reply, `inprocap-learners-${today()}.csv`, learnersCsv(reports.allLearners(filter, options), options.names));
  });

  const programmeOptions = (request: FastifyRequest) => {
    const names = request.account!.role === 'trainer';
    return { ...pageOptions(request.query as PageQuery, { sort: 'org', dir: 'asc' }, names), names };
  };

  app.get('/reports/programme', PROGRAMME, async (request, reply) => {
    const { filter } = filterOf(request);
    return sendJson(reply, 200, await reports.programme({ ...(filter.orgs ? { orgs: filter.orgs } : {}) }, config.programme, programmeOptions(request)));
  });

  app.get('/reports/programme.csv', PROGRAMME_CSV, async (request, reply) => {
    const { filter } = filterOf(request);
    const options = programmeOptions(request);
    return sendCsv(reply, `inprocap-programme-${today()}.csv`, programmeCsv(reports.allProgramme({ ...(filter.orgs ? { orgs: filter.orgs } : {}) }, config.programme, options), options.names));
  });
}
