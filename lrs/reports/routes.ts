/**
 * The reports API under /api/reports: every route needs a dashboard session. The query is parsed
 * into a typed filter first, and the organisations are narrowed to what the account may see: a
 * trainer gets their own organisation whatever the URL says, and asking for another is a 403.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendJson } from '../http/body.ts';
import type { RouteContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import type { Account } from '../storage/backend.ts';
import type { ReportFilter } from '../storage/report-store.ts';
import { ReportService } from './service.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PARAMETERS = ['module', 'org', 'language', 'from', 'to', 'stuckDays', 'asOf'];

/** The request's filter, for this account. Unknown or malformed parameters are a 400. */
export function parseFilter(query: Record<string, unknown>, account: Account): ReportFilter {
  const unknown = Object.keys(query).filter((k) => !PARAMETERS.includes(k));
  if (unknown.length) throw new HttpError(400, `unknown parameter "${unknown[0]}": use ${PARAMETERS.join(', ')}`);
  const single = (name: string, max = 500): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new HttpError(400, `"${name}" must be given once`);
    if (value.length > max) throw new HttpError(400, `"${name}" is longer than ${max} characters`);
    return value;
  };
  const date = (name: string) => {
    const value = single(name, 10);
    if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) throw new HttpError(400, `"${name}" must be a date as YYYY-MM-DD`);
    return value;
  };
  const filter: ReportFilter = {};
  const moduleId = single('module');
  if (moduleId) filter.moduleId = moduleId;
  const language = single('language', 8);
  if (language) {
    if (!/^[a-z]{2,3}$/i.test(language)) throw new HttpError(400, '"language" must be a language code such as "fr"');
    filter.language = language.toLowerCase();
  }
  const from = date('from');
  const to = date('to');
  if (from) filter.from = `${from}T00:00:00.000Z`;
  // "to" is the last day included.
  if (to) filter.to = new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString();
  const org = single('org', 100);
  if (account.role === 'trainer') {
    if (org !== undefined && org !== account.org) throw new HttpError(403, `a trainer sees only their own organisation (${account.org})`);
    filter.orgs = [account.org!];
  } else if (org !== undefined) {
    filter.orgs = [org];
  }
  return filter;
}

function requireModule(filter: ReportFilter): ReportFilter & { moduleId: string } {
  if (!filter.moduleId) throw new HttpError(400, 'choose a module: "module" is required for this report');
  return filter as ReportFilter & { moduleId: string };
}

/** Every report needs a signed-in account of any role; its filter narrows what the account may see. */
const SIGNED_IN = { config: { session: {} } };

export async function reportRoutes(app: FastifyInstance, { backend }: RouteContext): Promise<void> {
  const reports = new ReportService(backend);
  const filterOf = async (request: FastifyRequest) => {
    const account = request.account!;
    return { account, filter: parseFilter(request.query as Record<string, unknown>, account) };
  };

  app.get('/reports/dimensions', SIGNED_IN, async (request, reply) => {
    const { filter } = await filterOf(request);
    return sendJson(reply, 200, await reports.dimensions({ orgs: filter.orgs }));
  });

  app.get('/reports/overview', SIGNED_IN, async (request, reply) => {
    const { filter } = await filterOf(request);
    return sendJson(reply, 200, await reports.overview(filter));
  });

  app.get('/reports/module', SIGNED_IN, async (request, reply) => {
    const { filter } = await filterOf(request);
    return sendJson(reply, 200, await reports.module(requireModule(filter)));
  });

  app.get('/reports/items', SIGNED_IN, async (request, reply) => {
    const { filter } = await filterOf(request);
    return sendJson(reply, 200, await reports.items(requireModule(filter)));
  });

  app.get('/reports/case', SIGNED_IN, async (request, reply) => {
    const { filter } = await filterOf(request);
    return sendJson(reply, 200, await reports.caseExercise(requireModule(filter)));
  });

  app.get('/reports/feedback', SIGNED_IN, async (request, reply) => {
    const { filter } = await filterOf(request);
    return sendJson(reply, 200, await reports.feedback(filter));
  });

  app.get('/reports/learners', SIGNED_IN, async (request, reply) => {
    const { account, filter } = await filterOf(request);
    const query = request.query as Record<string, unknown>;
    const stuckDays = query.stuckDays === undefined ? 14 : Number(query.stuckDays);
    if (!Number.isInteger(stuckDays) || stuckDays < 1 || stuckDays > 365) throw new HttpError(400, '"stuckDays" must be a whole number of days from 1 to 365');
    const asOf = query.asOf === undefined ? new Date() : new Date(`${String(query.asOf)}T00:00:00.000Z`);
    if (query.asOf !== undefined && (!DATE.test(String(query.asOf)) || Number.isNaN(asOf.getTime()))) throw new HttpError(400, '"asOf" must be a date as YYYY-MM-DD');
    // Names only for a partner's own trainers, and only where its packages send them.
    return sendJson(reply, 200, await reports.learners(filter, { stuckDays, asOf, names: account.role === 'trainer' }));
  });
}
