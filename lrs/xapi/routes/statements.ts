/** The Statements resource: PUT, POST (one or a batch), GET with filters and `more`, HEAD. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseJsonBody, sendJson, singleParams } from '../../http/body.ts';
import { storeOf, type XapiContext } from '../../http/context.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { boundaryOf, buildMultipart, parseMultipart, type Part } from '../multipart.ts';
import { allows } from '../../auth/credentials.ts';
import { isUuid } from '../formats.ts';
import { formatStatement, parseStatementQuery, readStatements } from '../read-statements.ts';
import { storeStatements, type Writer } from '../store-statements.ts';

const WRITE = ['statements/write'] as const;
const READ = ['statements/read', 'statements/read/mine', 'all/read'] as const;

/** Statements from a JSON body, or from the first part of a multipart/mixed body with the attachments after it. */
function readStatementsBody(request: FastifyRequest, maxDepth: number, what: string): { body: unknown; parts?: Part[] } {
  const contentType = request.headers['content-type'] ?? '';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return { body: parseJsonBody(request.body, maxDepth, what) };
  if (type === 'multipart/mixed') {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const [first, ...rest] = parseMultipart(raw, boundaryOf(contentType));
    if (!first || !(first.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      throw new ValidationError(what, 'the first part of a multipart/mixed request must be the statements as application/json');
    }
    return { body: parseJsonBody(first.body, maxDepth, what), parts: rest };
  }
  throw new ValidationError('Content-Type', `must be application/json or multipart/mixed for statements (was "${type || 'none'}")`);
}

function writerOf(request: FastifyRequest, baseUrl: string): Writer {
  const credential = request.credential!;
  return {
    credentialKey: credential.key,
    agent: credential.agent ?? null,
    authority: { objectType: 'Agent', name: credential.org, account: { homePage: baseUrl, name: credential.key } },
  };
}

function languagesOf(request: FastifyRequest): string[] {
  const header = request.headers['accept-language'];
  if (typeof header !== 'string') return [];
  return header
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: tag!.trim(), q: q ? Number(q) : 1 };
    })
    .filter((l) => l.tag && l.tag !== '*')
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

export async function statementRoutes(app: FastifyInstance, { config, events }: XapiContext): Promise<void> {
  const stored = (request: FastifyRequest, statements: unknown[], ids: string[]) =>
    events?.emit({
      org: request.credential!.org,
      credentialKey: request.credential!.key,
      statements: statements.map((s, i) => ({ ...(s as object), id: ids[i] })),
    });
  const baseUrl = (request: FastifyRequest) => config.baseUrl ?? `${request.protocol}://${request.host}`;

  app.put('/statements', { config: { scopes: WRITE } }, async (request, reply) => {
    const params = singleParams(request);
    const extra = Object.keys(params).filter((k) => k !== 'statementId');
    if (extra.length) throw new ValidationError(extra[0]!, 'is not a parameter of PUT statements');
    const id = params.statementId;
    if (!id) throw new ValidationError('statementId', 'is required for PUT');
    if (!isUuid(id)) throw new ValidationError('statementId', 'must be a UUID');
    const { body: statement, parts } = readStatementsBody(request, config.maxJsonDepth, 'statement');
    if (Array.isArray(statement)) throw new ValidationError('statement', 'PUT takes one statement, not an array');
    const bodyId = (statement as { id?: unknown } | null)?.id;
    if (bodyId !== undefined && String(bodyId).toLowerCase() !== id.toLowerCase()) {
      throw new ValidationError('statement.id', `differs from the statementId parameter (${id})`);
    }
    const one = [{ ...(statement as object), id }];
    await stored(request, one, await storeStatements(storeOf(request), one, request.xapiVersion, writerOf(request, baseUrl(request)), parts));
    return reply.code(204).send();
  });

  app.post('/statements', { config: { scopes: WRITE } }, async (request, reply) => {
    const params = singleParams(request);
    if (Object.keys(params).length) throw new ValidationError(Object.keys(params)[0]!, 'is not a parameter of POST statements');
    const { body, parts } = readStatementsBody(request, config.maxJsonDepth, 'statements');
    const statements = Array.isArray(body) ? body : [body];
    const ids = await storeStatements(storeOf(request), statements, request.xapiVersion, writerOf(request, baseUrl(request)), parts);
    await stored(request, statements, ids);
    return sendJson(reply, 200, ids);
  });

  const answerQuery = async (request: FastifyRequest, reply: FastifyReply, params: Record<string, string>, after?: { afterSeq: number; maxSeq: number }) => {
    const parsed = parseStatementQuery(params);
    const mine = !allows(request.credential!, ['statements/read', 'all/read']) ? request.credential!.key : undefined;
    const languages = languagesOf(request);
    const singleId = parsed.statementId ?? parsed.voidedStatementId;
    if (singleId) {
      const [found] = await storeOf(request).findStatements([singleId]);
      const wantVoided = parsed.voidedStatementId !== undefined;
      if (!found || found.voided !== wantVoided || (mine && found.credentialKey !== mine)) {
        throw new NotFoundError(`no ${wantVoided ? 'voided ' : ''}statement ${singleId}`);
      }
      reply.header('Last-Modified', new Date(found.stored).toUTCString());
      const statement = formatStatement(JSON.parse(found.body), parsed.format, languages);
      return parsed.attachments ? sendWithAttachments(request, reply, statement, [found.body]) : sendJson(reply, 200, statement);
    }
    const page = await readStatements(storeOf(request), {
      ...parsed.query,
      ...(mine ? { credentialKey: mine } : {}),
      ...(after ? { afterSeq: after.afterSeq, maxSeq: after.maxSeq } : {}),
    });
    const more =
      page.nextAfter !== undefined
        ? `/xapi/statements/more/${Buffer.from(JSON.stringify({ p: params, a: page.nextAfter, m: page.maxSeq })).toString('base64url')}`
        : '';
    const result = { statements: page.statements.map((s) => formatStatement(JSON.parse(s.body), parsed.format, languages)), more };
    return parsed.attachments ? sendWithAttachments(request, reply, result, page.statements.map((s) => s.body)) : sendJson(reply, 200, result);
  };

  /** The result as the first part of a multipart/mixed answer, each attachment after it once. */
  const sendWithAttachments = async (request: FastifyRequest, reply: FastifyReply, result: unknown, bodies: string[]) => {
    const hashes = new Set<string>();
    for (const body of bodies) {
      const statement = JSON.parse(body);
      for (const a of [...(statement.attachments ?? []), ...(statement.object?.attachments ?? [])]) hashes.add(String(a.sha2).toLowerCase());
    }
    const stored = await storeOf(request).getAttachments([...hashes]);
    const { contentType, body } = buildMultipart([
      { headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(result)) },
      ...stored.map((a) => ({
        headers: { 'Content-Type': a.contentType, 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': a.sha2 },
        body: a.content,
      })),
    ]);
    return reply.code(200).type(contentType).send(body);
  };

  // Every answer to a statement query, errors included, carries Consistent-Through: writes are
  // visible as soon as they are acknowledged, so "now" is always consistent.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD') reply.header('X-Experience-API-Consistent-Through', new Date().toISOString());
  });

  app.get('/statements', { config: { scopes: READ } }, async (request, reply) => answerQuery(request, reply, singleParams(request)));

  app.get<{ Params: { token: string } }>('/statements/more/:token', { config: { scopes: READ } }, async (request, reply) => {
    let state: { p: Record<string, string>; a: number; m: number };
    try {
      state = JSON.parse(Buffer.from(request.params.token, 'base64url').toString('utf8'));
      if (typeof state.a !== 'number' || typeof state.m !== 'number' || typeof state.p !== 'object') throw new Error('shape');
    } catch {
      throw new ValidationError('more', 'is not a link this LRS gave out');
    }
    return answerQuery(request, reply, state.p, { afterSeq: state.a, maxSeq: state.m });
  });
}
