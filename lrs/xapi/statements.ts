/**
 * xAPI rules for statements, above storage: storing a batch whole or not at all, ids, stored,
 * authority and version set by the LRS, conflicts and no-ops on re-sent ids, voiding; and reading
 * with every filter, formats and `more` paging.
 */
import { randomUUID } from 'node:crypto';
import type { StatementQuery, StoredStatement, TenantStore } from '../storage/backend.ts';
import { matchAttachments, requireNoInlineAttachments } from './attachments.ts';
import { isIri, isIsoTimestamp, isUuid, nowIso } from './formats.ts';
import type { Part } from './multipart.ts';
import { agentKey, indexStatement } from '../../core/xapi/identity.ts';
import { learningFact } from '../../core/xapi/learning-facts.ts';
import { mergeDefinitions } from '../../core/xapi/definitions.ts';
import { validateActor, validateStatement, ValidationError, VOIDED_VERB, type XapiVersion } from './validate-statement.ts';

type Json = Record<string, any>;

export class ConflictError extends Error {
  readonly statusCode = 409;
}

export class NotFoundError extends Error {
  readonly statusCode = 404;
}

export class ForbiddenError extends Error {
  readonly statusCode = 403;
}

/** Who is writing: the credential's key and the authority the LRS records (the organisation is the store's). */
export interface Writer {
  credentialKey: string;
  authority: Json;
}

/** JSON with object keys sorted, so equal statements give equal text. On the ingest hot path. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += `${i ? ',' : ''}${JSON.stringify(keys[i])}:${canonicalJson((value as Json)[keys[i]!])}`;
  return `${out}}`;
}

/**
 * The statement as the client meant it, for deciding whether a re-sent id carries the same
 * statement: without what the LRS adds (stored, authority, version, a timestamp it filled in),
 * keys in canonical order. Computed only when an id is already stored, so ingest does not pay it.
 */
function clientView(statement: Json, filledTimestamp: boolean): string {
  const { stored: _s, authority: _a, version: _v, ...rest } = statement;
  if (filledTimestamp) delete rest.timestamp;
  return canonicalJson({ ...rest, id: String(rest.id).toLowerCase() });
}

/** Single context activities become one-element arrays, as the specification stores them. */
function normaliseStatement(statement: Json): Json {
  const out: Json = { ...statement };
  const activities = statement.context?.contextActivities as Json | undefined;
  if (activities) {
    out.context = {
      ...statement.context,
      contextActivities: Object.fromEntries(Object.entries(activities).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])),
    };
  }
  if (statement.object?.objectType === 'SubStatement') out.object = normaliseStatement(statement.object);
  return out;
}

/** Per organisation's store: activity definitions (as sent) this process knows to be contained in what is stored. */
const knownDefinitions = new WeakMap<TenantStore, Map<string, string>>();
const REMEMBERED_DEFINITIONS = 10_000;

function rememberDefinition(known: Map<string, string>, id: string, definition: string): void {
  if (known.size >= REMEMBERED_DEFINITIONS) known.delete(known.keys().next().value!);
  known.set(id, definition);
}

/**
 * Stores statements (validated first, all of them). Returns their ids in order.
 * A re-sent id with identical content is a no-op; with different content a 409 and nothing stored.
 */
export async function storeStatements(store: TenantStore, input: unknown[], version: XapiVersion, writer: Writer, parts?: Part[]): Promise<string[]> {
  if (input.length === 0) throw new ValidationError('statements', 'the batch is empty');
  input.forEach((s, i) => validateStatement(s, version, input.length > 1 ? `statements[${i}]` : 'statement'));
  // Attachment contents come as multipart parts; a JSON request may only point at files (fileUrl).
  const attachments = parts ? matchAttachments(input as Json[], parts) : (requireNoInlineAttachments(input as Json[]), []);
  const stored = nowIso();
  const seen = new Set<string>();
  const prepared = (input as Json[]).map(normaliseStatement).map((statement, i) => {
    const id = String(statement.id ?? randomUUID()).toLowerCase();
    if (seen.has(id)) throw new ValidationError(`statements[${i}].id`, `"${id}" appears more than once in the batch`);
    seen.add(id);
    const body: Json = {
      ...statement,
      id,
      timestamp: statement.timestamp ?? stored,
      stored,
      authority: writer.authority,
      version: statement.version ?? (version === '2.0' ? '2.0.0' : '1.0.0'),
    };
    return { id, body, statement };
  });

  let storedDefinitions = knownDefinitions.get(store);
  if (!storedDefinitions) knownDefinitions.set(store, (storedDefinitions = new Map()));
  return store.transaction(async (tx) => {
    const existing = new Map((await tx.findStatements(prepared.map((p) => p.id))).map((s) => [s.id, s]));
    const fresh = prepared.filter((p) => {
      const known = existing.get(p.id);
      if (!known) return true;
      const storedBody = JSON.parse(known.body) as Json;
      const same = clientView(storedBody, storedBody.timestamp === storedBody.stored) === clientView({ ...p.statement, id: p.id }, false);
      if (!same) throw new ConflictError(`statement ${p.id} already exists with different content`);
      return false; // identical: already stored
    });

    // Voiding: the target must not be a voiding statement; it may arrive later, or not at all.
    // Only an organisation's own statements can be voided by it: a target that another
    // organisation holds (and this one does not) is refused, and nothing of the batch is stored.
    const voidingTargets = fresh.filter((p) => p.body.verb.id === VOIDED_VERB).map((p) => String(p.body.object.id).toLowerCase());
    if (voidingTargets.length) {
      const targets = await tx.findStatements(voidingTargets);
      const inBatch = new Map(fresh.map((p) => [p.id, p]));
      for (const target of voidingTargets) {
        const stored = targets.find((t) => t.id === target);
        if (stored?.voiding || inBatch.get(target)?.body.verb.id === VOIDED_VERB) {
          throw new ValidationError('statement.object.id', `statement ${target} is itself a voiding statement and cannot be voided`);
        }
      }
      const unknown = voidingTargets.filter((t) => !inBatch.has(t) && !targets.some((s) => s.id === t));
      const foreign = await tx.heldElsewhere(unknown);
      if (foreign.length) throw new ForbiddenError(`statement ${foreign[0]} is another organisation's: only the organisation that stored a statement can void it`);
    }

    await tx.insertStatements(
      fresh.map(({ id, body }) => {
        const object = body.object as Json;
        const index = indexStatement(body);
        return {
          id,
          stored,
          verbId: body.verb.id,
          objectActivityId: (object.objectType ?? 'Activity') === 'Activity' ? object.id : null,
          objectStatementId: object.objectType === 'StatementRef' ? String(object.id).toLowerCase() : null,
          registration: body.context?.registration ? String(body.context.registration).toLowerCase() : null,
          voiding: body.verb.id === VOIDED_VERB,
          credentialKey: writer.credentialKey,
          body: JSON.stringify(body),
          agents: index.agents,
          activities: index.activities,
          fact: body.verb.id === VOIDED_VERB ? undefined : learningFact(body, tx.org),
        };
      }),
    );
    if (voidingTargets.length) await tx.markVoided(voidingTargets);
    if (attachments.length) await tx.saveAttachments(attachments);
    // Activity definitions: merged per activity within the batch, then once with what is stored.
    // Definitions only grow by merging, so one this process has already stored needs no work.
    const definitions = new Map<string, Json>();
    for (const { body } of fresh) {
      const object = body.object as Json;
      if ((object.objectType ?? 'Activity') !== 'Activity' || !object.definition) continue;
      if (storedDefinitions.get(object.id) === JSON.stringify(object.definition)) continue;
      definitions.set(object.id, mergeDefinitions(definitions.get(object.id), object.definition));
    }
    const known = await tx.getActivities([...definitions.keys()]);
    for (const [id, definition] of definitions) {
      const stored = known.get(id);
      const text = JSON.stringify({ objectType: 'Activity', id, definition: mergeDefinitions(stored ? JSON.parse(stored).definition : undefined, definition) });
      if (text !== stored) await tx.upsertActivity(id, text); // unchanged definitions cost no write
    }
    return fresh.filter(({ body }) => definitions.has(body.object.id)).map(({ body }) => [body.object.id, JSON.stringify(body.object.definition)] as const);
  }).then((written) => {
    // Only once committed: a rolled-back batch must not be remembered as stored.
    for (const [id, definition] of written) rememberDefinition(storedDefinitions, id, definition);
    return prepared.map((p) => p.id);
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

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
