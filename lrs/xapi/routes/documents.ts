/**
 * The document resources (activities/state, activities/profile, agents/profile) with ETag
 * concurrency and JSON merge on POST, and the activities and agents resources.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseJsonBody, sendJson, singleParams } from '../../http/body.ts';
import { storeOf, type XapiContext } from '../../http/context.ts';
import { HttpError, ValidationError } from '../../http/errors.ts';
import type { DocumentKey, StoredDocument } from '../../storage/backend.ts';
import { isIri, isIsoTimestamp, isUuid } from '../formats.ts';
import { agentKey } from '../../../core/xapi/identity.ts';
import { validateActor, validateAgent } from '../validate-statement.ts';

type Kind = DocumentKey['kind'];

interface ResourceSpec {
  kind: Kind;
  path: string;
  idParam: 'stateId' | 'profileId';
  needsActivity: boolean;
  needsAgent: boolean;
  allowsRegistration: boolean;
  /** Profiles need If-Match/If-None-Match to overwrite an existing document. */
  concurrencyRequired: boolean;
  read: readonly string[];
  write: readonly string[];
}

const RESOURCES: ResourceSpec[] = [
  { kind: 'state', path: '/activities/state', idParam: 'stateId', needsActivity: true, needsAgent: true, allowsRegistration: true, concurrencyRequired: false, read: ['state', 'all/read'], write: ['state'] },
  { kind: 'activity-profile', path: '/activities/profile', idParam: 'profileId', needsActivity: true, needsAgent: false, allowsRegistration: false, concurrencyRequired: true, read: ['profile', 'define', 'all/read'], write: ['profile', 'define'] },
  { kind: 'agent-profile', path: '/agents/profile', idParam: 'profileId', needsActivity: false, needsAgent: true, allowsRegistration: false, concurrencyRequired: true, read: ['profile', 'define', 'all/read'], write: ['profile', 'define'] },
];

const etagOf = (content: Buffer) => `"${createHash('sha1').update(content).digest('hex')}"`;

function parseAgentParam(text: string | undefined): string {
  if (text === undefined) throw new ValidationError('agent', 'is required');
  let agent: unknown;
  try {
    agent = JSON.parse(text);
  } catch {
    throw new ValidationError('agent', 'must be an Agent as JSON');
  }
  validateActor(agent, 'agent');
  const key = agentKey(agent as Record<string, unknown>);
  if (!key) throw new ValidationError('agent', 'must identify an Agent');
  return key;
}

function keyFrom(spec: ResourceSpec, params: Record<string, string>, method: string): { key: Omit<DocumentKey, 'documentId'>; documentId?: string; since?: string } {
  const allowed = [spec.idParam, 'since', ...(spec.needsActivity ? ['activityId'] : []), ...(spec.needsAgent ? ['agent'] : []), ...(spec.allowsRegistration ? ['registration'] : [])];
  for (const name of Object.keys(params)) if (!allowed.includes(name)) throw new ValidationError(name, `is not a parameter of ${spec.path} (allowed: ${allowed.join(', ')})`);
  if (spec.needsActivity) {
    if (params.activityId === undefined) throw new ValidationError('activityId', 'is required');
    if (!isIri(params.activityId)) throw new ValidationError('activityId', 'must be an absolute IRI');
  }
  const agent = spec.needsAgent ? parseAgentParam(params.agent) : '';
  if (params.registration !== undefined && !isUuid(params.registration)) throw new ValidationError('registration', 'must be a UUID');
  if (params.since !== undefined) {
    if (method !== 'GET' || params[spec.idParam] !== undefined) throw new ValidationError('since', `only applies when listing ids (GET without ${spec.idParam})`);
    if (!isIsoTimestamp(params.since)) throw new ValidationError('since', 'must be an ISO 8601 timestamp with a time zone');
  }
  return {
    key: { kind: spec.kind, activityId: params.activityId ?? '', agentKey: agent, registration: params.registration?.toLowerCase() ?? '' },
    ...(params[spec.idParam] !== undefined ? { documentId: params[spec.idParam] } : {}),
    ...(params.since !== undefined ? { since: new Date(params.since).toISOString() } : {}),
  };
}

/** The document's key; a credential bound to one learner (a launch's) reaches that learner's documents only. */
function keyOf(spec: ResourceSpec, request: FastifyRequest, method: string): ReturnType<typeof keyFrom> {
  const parsed = keyFrom(spec, singleParams(request), method);
  const bound = request.credential?.agent;
  if (bound && (!spec.needsAgent || parsed.key.agentKey !== bound)) throw new HttpError(403, 'this credential reads and writes its own learner\'s documents only');
  return parsed;
}

function contentTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
}

function checkPreconditions(spec: ResourceSpec, request: FastifyRequest, existing: StoredDocument | undefined, method: string): void {
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifMatch !== undefined) {
    const tags = String(ifMatch).split(',').map((t) => t.trim());
    if (!existing || !(tags.includes('*') || tags.includes(existing.etag))) throw new HttpError(412, 'If-Match does not match the current document');
  }
  if (ifNoneMatch !== undefined && String(ifNoneMatch).trim() === '*' && existing) {
    throw new HttpError(412, 'If-None-Match: * but the document exists');
  }
  if (method !== 'PUT' || ifMatch !== undefined || ifNoneMatch !== undefined) return;
  // xAPI 1.0.x asks for a concurrency header on every profile PUT; 2.0 extends the rule to state
  // and asks only when the document exists.
  const guarded = spec.concurrencyRequired || request.xapiVersion === '2.0';
  if (existing && guarded) throw new HttpError(409, 'this document exists: send If-Match with its ETag to change it');
  if (!existing && spec.concurrencyRequired && request.xapiVersion === '1.0') {
    throw new HttpError(400, 'send If-None-Match: * to create this document (or If-Match with an ETag to replace one)');
  }
}

export async function documentRoutes(app: FastifyInstance, { config }: XapiContext): Promise<void> {
  for (const spec of RESOURCES) {
    app.get(spec.path, { config: { scopes: spec.read } }, async (request, reply) => {
      const { key, documentId, since } = keyOf(spec, request, 'GET');
      const store = storeOf(request);
      if (documentId === undefined) return sendJson(reply, 200, await store.listDocumentIds(key, since));
      const doc = await store.getDocument({ ...key, documentId });
      if (!doc) throw new HttpError(404, `no document "${documentId}"`);
      return reply
        .code(200)
        .header('ETag', doc.etag)
        .header('Last-Modified', new Date(doc.updated).toUTCString())
        .type(doc.contentType)
        .send(doc.content);
    });

    const write = (method: 'PUT' | 'POST') => async (request: FastifyRequest, reply: FastifyReply) => {
      const { key, documentId } = keyOf(spec, request, method);
      if (documentId === undefined) throw new ValidationError(spec.idParam, `is required for ${method}`);
      const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const contentType = contentTypeOf(request);
      await storeOf(request).transaction(async (tx) => {
        const existing = await tx.getDocument({ ...key, documentId });
        checkPreconditions(spec, request, existing, method);
        let stored = content;
        let storedType = contentType;
        if (method === 'POST') {
          // POST merges JSON objects; anything else is a 400 (the specification's rule).
          const incoming = contentType === 'application/json' ? parseJsonBody(content, config.maxJsonDepth, 'document') : undefined;
          if (!incoming || typeof incoming !== 'object' || Array.isArray(incoming)) throw new ValidationError('document', 'POST merges JSON objects: send Content-Type application/json with a JSON object');
          if (existing) {
            const current = existing.contentType === 'application/json' ? safeJson(existing.content) : undefined;
            if (!current || typeof current !== 'object' || Array.isArray(current)) throw new ValidationError('document', 'the stored document is not a JSON object, so it cannot be merged: use PUT');
            stored = Buffer.from(JSON.stringify({ ...current, ...incoming }));
          } else {
            stored = Buffer.from(JSON.stringify(incoming));
          }
          storedType = 'application/json';
        } else if (contentType === 'application/json') {
          parseJsonBody(content, config.maxJsonDepth, 'document');
        }
        await tx.putDocument({ ...key, documentId }, { contentType: storedType, content: stored, etag: etagOf(stored), updated: new Date().toISOString() });
      });
      return reply.code(204).send();
    };
    app.put(spec.path, { config: { scopes: spec.write } }, write('PUT'));
    app.post(spec.path, { config: { scopes: spec.write } }, write('POST'));

    app.delete(spec.path, { config: { scopes: spec.write } }, async (request, reply) => {
      const { key, documentId } = keyOf(spec, request, 'DELETE');
      if (documentId === undefined && spec.kind !== 'state') throw new ValidationError(spec.idParam, 'is required for DELETE');
      await storeOf(request).transaction(async (tx) => {
        if (documentId !== undefined) checkPreconditions(spec, request, await tx.getDocument({ ...key, documentId }), 'DELETE');
        await tx.deleteDocuments({ ...key, ...(documentId !== undefined ? { documentId } : {}) });
      });
      return reply.code(204).send();
    });
  }

  const readAny = { scopes: ['all/read', 'statements/read', 'define', 'profile'] } as const;

  app.get('/activities', { config: readAny }, async (request, reply) => {
    const params = singleParams(request);
    for (const name of Object.keys(params)) if (name !== 'activityId') throw new ValidationError(name, 'is not a parameter of GET activities');
    if (!params.activityId || !isIri(params.activityId)) throw new ValidationError('activityId', 'is required and must be an absolute IRI');
    const stored = await storeOf(request).getActivity(params.activityId);
    return sendJson(reply, 200, stored ? JSON.parse(stored) : { objectType: 'Activity', id: params.activityId });
  });

  app.get('/agents', { config: readAny }, async (request, reply) => {
    const params = singleParams(request);
    for (const name of Object.keys(params)) if (name !== 'agent') throw new ValidationError(name, 'is not a parameter of GET agents');
    if (params.agent === undefined) throw new ValidationError('agent', 'is required');
    let agent: Record<string, any>;
    try {
      agent = JSON.parse(params.agent);
    } catch {
      throw new ValidationError('agent', 'must be an Agent as JSON');
    }
    validateAgent(agent, 'agent');
    const person: Record<string, unknown> = { objectType: 'Person' };
    if (agent.name) person.name = [agent.name];
    for (const ifi of ['mbox', 'mbox_sha1sum', 'openid', 'account']) if (agent[ifi] !== undefined) person[ifi] = [agent[ifi]];
    return sendJson(reply, 200, person);
  });
}

function safeJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    return undefined;
  }
}
