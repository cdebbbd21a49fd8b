/**
 * Reading statements (the query side): GET parameters parsed into a typed query, every filter,
 * the exact, ids and canonical formats, and `more` paging.
 */
import type { StatementQuery, StoredStatement, TenantStore } from '../storage/backend.ts';
import { ValidationError } from '../http/errors.ts';
import { isIri, isIsoTimestamp, isUuid } from './formats.ts';
import { agentKey } from '../../core/xapi/identity.ts';
import { validateActor } from './validate-statement.ts';

type Json = Record<string, any>;

export const QUERY_PARAMETERS = [
  'statementId', 'voidedStatementId', 'agent', 'verb', 'activity', 'registration', 'related_activities',
  'related_agents', 'since', 'until', 'limit', 'format', 'attachments', 'ascending',
] as const;

export type Format = 'exact' | 'ids' | 'canonical';

export interface ParsedQuery {
  statementId?: string;
  voidedStatementId?: string;
  query: Omit<StatementQuery, 'credentialKey' | 'afterSeq' | 'maxSeq'>;
  format: Format;
  attachments: boolean;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

const bool = (name: string, value: string | undefined): boolean => {
  if (value === undefined) return false;
  if (value !== 'true' && value !== 'false') throw new ValidationError(name, 'must be true or false');
  return value === 'true';
};

/** Parses GET /statements parameters; unknown parameters are a 400, as the specification requires. */
export function parseStatementQuery(params: Record<string, string | undefined>): ParsedQuery {
  for (const key of Object.keys(params)) {
    if (!(QUERY_PARAMETERS as readonly string[]).includes(key)) throw new ValidationError(key, `is not a parameter of GET statements (allowed: ${QUERY_PARAMETERS.join(', ')})`);
  }
  const format = (params.format ?? 'exact') as Format;
  if (!['exact', 'ids', 'canonical'].includes(format)) throw new ValidationError('format', 'must be exact, ids or canonical');
  const attachments = bool('attachments', params.attachments);
  if (params.statementId !== undefined || params.voidedStatementId !== undefined) {
    const name = params.statementId !== undefined ? 'statementId' : 'voidedStatementId';
    const others = Object.keys(params).filter((k) => !['statementId', 'voidedStatementId', 'format', 'attachments'].includes(k));
    if (others.length || (params.statementId !== undefined && params.voidedStatementId !== undefined)) {
      throw new ValidationError(name, `cannot be combined with ${[...others, ...(params.statementId !== undefined && params.voidedStatementId !== undefined ? ['the other id'] : [])].join(', ')}`);
    }
    const id = params[name]!;
    if (!isUuid(id)) throw new ValidationError(name, 'must be a UUID');
    return { [name]: id.toLowerCase(), query: { ascending: false, limit: 1 }, format, attachments };
  }
  const query: ParsedQuery['query'] = { ascending: bool('ascending', params.ascending), limit: DEFAULT_LIMIT };
  if (params.agent !== undefined) {
    let agent: unknown;
    try {
      agent = JSON.parse(params.agent);
    } catch {
      throw new ValidationError('agent', 'must be an Agent or identified Group as JSON');
    }
    validateActor(agent, 'agent');
    const key = agentKey(agent as Json);
    if (!key) throw new ValidationError('agent', 'must identify an Agent or Group (mbox, mbox_sha1sum, openid or account)');
    query.agentKey = key;
  }
  for (const name of ['verb', 'activity'] as const) {
    if (params[name] !== undefined && !isIri(params[name]!)) throw new ValidationError(name, 'must be an absolute IRI');
  }
  if (params.verb !== undefined) query.verbId = params.verb;
  if (params.activity !== undefined) query.activityId = params.activity;
  if (params.registration !== undefined) {
    if (!isUuid(params.registration)) throw new ValidationError('registration', 'must be a UUID');
    query.registration = params.registration.toLowerCase();
  }
  query.relatedActivities = bool('related_activities', params.related_activities);
  query.relatedAgents = bool('related_agents', params.related_agents);
  for (const name of ['since', 'until'] as const) {
    const value = params[name];
    if (value === undefined) continue;
    if (!isIsoTimestamp(value)) throw new ValidationError(name, 'must be an ISO 8601 timestamp with a time zone');
    query[name] = new Date(value).toISOString();
  }
  if (params.limit !== undefined) {
    if (!/^\d+$/.test(params.limit)) throw new ValidationError('limit', 'must be a whole number (0 means the server maximum)');
    const limit = Number(params.limit);
    query.limit = limit === 0 ? MAX_LIMIT : Math.min(limit, MAX_LIMIT);
  }
  return { query, format, attachments };
}

/** Reduces a stored statement to the requested format. */
export function formatStatement(statement: Json, format: Format, languages: string[]): Json {
  if (format === 'exact') return statement;
  if (format === 'ids') return idsFormat(statement);
  return canonicalFormat(statement, languages);
}

function idsActor(actor: Json): Json {
  const { name: _n, member, ...rest } = actor;
  return actor.objectType === 'Group' && member && !agentKey(actor) ? { ...rest, member: member.map(idsActor) } : rest;
}

function idsFormat(statement: Json): Json {
  const out: Json = { ...statement, actor: idsActor(statement.actor), verb: { id: statement.verb.id } };
  const object = statement.object as Json;
  if (object.objectType === 'Agent' || object.objectType === 'Group') out.object = idsActor(object);
  else if (object.objectType === 'SubStatement') out.object = idsFormat(object);
  else if ((object.objectType ?? 'Activity') === 'Activity') out.object = { id: object.id };
  if (statement.authority) out.authority = idsActor(statement.authority);
  return out;
}

function canonicalFormat(value: unknown, languages: string[]): any {
  if (Array.isArray(value)) return value.map((v) => canonicalFormat(v, languages));
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value as Json)) {
    if (['display', 'name', 'description'].includes(key) && v && typeof v === 'object' && !Array.isArray(v)) {
      const tags = Object.keys(v);
      // In the learner's order of preference: the exact tag, else the same primary language.
      const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();
      const pick = languages.map((l) => tags.find((t) => t.toLowerCase() === l.toLowerCase()) ?? tags.find((t) => primary(t) === primary(l))).find(Boolean) ?? tags[0];
      out[key] = pick ? { [pick]: v[pick] } : {};
    } else if (key === 'extensions') {
      out[key] = v;
    } else {
      out[key] = canonicalFormat(v, languages);
    }
  }
  return out;
}

export interface StatementPage {
  statements: StoredStatement[];
  /** Sequence to continue after, if there may be more. */
  nextAfter?: number;
  maxSeq: number;
}

/** One page of statements for a parsed query. */
export async function readStatements(store: TenantStore, query: StatementQuery): Promise<StatementPage> {
  const maxSeq = query.maxSeq ?? (await store.lastSeq());
  const rows = await store.queryStatements({ ...query, maxSeq, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { statements: page, maxSeq, ...(rows.length > query.limit ? { nextAfter: page[page.length - 1]!.seq } : {}) };
}
