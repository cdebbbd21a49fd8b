/**
 * The reports API under /api/reports: every route needs a dashboard session. The query is checked
 * by the route's JSON schema (a 400 naming the parameter and its rule), then made a typed filter,
 * and the organisations are narrowed to what the account may see: a trainer gets their own
 * organisation whatever the URL says, and asking for another is a 403.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendJson } from '../http/body.ts';
import type { RouteContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import { patterned } from '../http/json-api.ts';
import type { Account } from '../storage/backend.ts';
import type { ReportFilter } from '../storage/report-store.ts';
import { ReportService } from './service.ts';

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

const ANY_MODULE = { ...SIGNED_IN_CONFIG, schema: query() };
const ONE_MODULE = { ...SIGNED_IN_CONFIG, schema: query({}, ['module']) };
const LEARNERS = {
  ...SIGNED_IN_CONFIG,
  schema: query({
    stuckDays: patterned(/^[0-9]{1,3}$/, 'a whole number of days from 1 to 365', 3),
    asOf: { type: 'string', format: 'date' },
  }),
};

/** The programme spans modules, languages and periods: only the organisation narrows it. */
const PROGRAMME = { ...SIGNED_IN_CONFIG, schema: { querystring: { type: 'object', additionalProperties: false, properties: { org: FILTER_PARAMETERS.org } } } };

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

  app.get('/reports/case', ONE_MODULE, async (request, reply) => {
    const { filter } = filterOf(request);
    return sendJson(reply, 200, await reports.caseExercise(requireModule(filter)));
  });

  app.get('/reports/feedback', ANY_MODULE, async (request, reply) => {
    const { filter } = filterOf(request);
    return sendJson(reply, 200, await reports.feedback(filter));
  });

  app.get('/reports/learners', LEARNERS, async (request, reply) => {
    const { account, filter } = filterOf(request);
    const parameters = request.query as { stuckDays?: string; asOf?: string };
    const stuckDays = parameters.stuckDays === undefined ? 14 : Number(parameters.stuckDays);
    if (stuckDays < 1 || stuckDays > 365) throw new HttpError(400, '"stuckDays" must be a whole number of days from 1 to 365');
    const asOf = parameters.asOf === undefined ? new Date() : new Date(`${parameters.asOf}T00:00:00.000Z`);
    // Names only for a partner's own trainers, and only where its packages send them.
    return sendJson(reply, 200, await reports.learners(filter, { stuckDays, asOf, names: account.role === 'trainer' }));
  });

  app.get('/reports/programme', PROGRAMME, async (request, reply) => {
    const { account, filter } = filterOf(request);
    // Names only for a partner's own trainers, and only where its packages send them.
    return sendJson(reply, 200, await reports.programme({ ...(filter.orgs ? { orgs: filter.orgs } : {}) }, config.programme, { names: account.role === 'trainer' }));
  });
}
