/**
 * The LRS: a Fastify server with the xAPI resources as plugins under /xapi, credentials checked
 * on every route but /xapi/about, and bad input always answered with a 4xx that names the field
 * and the rule (never a 5xx).
 */
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Credential, LrsBackend, TenantStore } from './storage/backend.ts';
import { allows, CredentialVerifier } from './auth/credentials.ts';
import { ValidationError, type XapiVersion } from './xapi/validate-statement.ts';
import { ConflictError, NotFoundError } from './xapi/statements.ts';
import { statementRoutes } from './routes/statements.ts';
import { documentRoutes } from './routes/documents.ts';
import { sessionRoutes } from './dashboard/sessions.ts';
import { reportRoutes } from './reports/routes.ts';
import { adminRoutes } from './dashboard/admin.ts';
import { dashboardApp } from './dashboard/serve.ts';

export interface LrsConfig {
  /** Largest request body in bytes (413 above it). */
  bodyLimit: number;
  /** Deepest JSON nesting accepted (400 above it), extensions included. */
  maxJsonDepth: number;
  /** Origins allowed by CORS; "*" for any. */
  corsOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Public base URL, used in authority accounts and `more` links. */
  baseUrl?: string;
  /** How long a verified credential is trusted before it is looked up again (revocation delay). */
  credentialCacheMs: number;
  /** The version the LRS answers in when a request names none (or an invalid one). */
  defaultVersion: '1.0.3' | '2.0.0';
  /** The built dashboard app (dist/dashboard), served at /dashboard/; absent: not served. */
  dashboardDir?: string;
  /**
   * Requests a minute before a 429, per verified credential and per client address (0: no
   * limit). One noisy credential or address exhausts its own allowance, never another's.
   */
  rateLimitPerCredential: number;
  rateLimitPerAddress: number;
}

export const DEFAULT_LRS_CONFIG: LrsConfig = {
  bodyLimit: 4 * 1024 * 1024,
  maxJsonDepth: 64,
  corsOrigins: ['*'],
  logLevel: 'warn',
  credentialCacheMs: 10_000,
  defaultVersion: '2.0.0',
  // Generous: a partner's whole Moodle posts through one credential. They stop floods, not use.
  rateLimitPerCredential: 30_000,
  rateLimitPerAddress: 30_000,
};

/** Errors that mean the database is gone, unreachable, full or busy: the LRS answers 503 and recovers when it returns. */
const UNAVAILABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND',
  // PostgreSQL: connection exceptions (08), shutdown (57P0x), insufficient resources (53)
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53100', '53200', '53300',
  // SQLite
  'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_LOCKED',
]);

function databaseUnavailable(error: Error & { code?: string }): boolean {
  return (
    (error.code !== undefined && (UNAVAILABLE.has(error.code) || /^SQLITE_(IOERR|FULL|BUSY)/.test(error.code))) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(error.message)
  );
}

/** A route the server answers, as registered: the route × role matrix test is generated from these. */
export interface RouteEntry {
  method: string;
  url: string;
  /** The credential scopes the route takes (xAPI resources); absent for dashboard and public routes. */
  scopes?: readonly string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route, as registered (HEAD routes Fastify adds for GET included). */
    routeTable: RouteEntry[];
  }
  interface FastifyRequest {
    credential?: Credential;
    /** The records of the credential's organisation: the xAPI routes' only way to storage. */
    store?: TenantStore;
    xapiVersion: XapiVersion;
  }
  interface FastifyContextConfig {
    /** Scopes any one of which allows the route; absent means no credential is needed. */
    scopes?: readonly string[];
  }
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const XAPI_VERSION_HEADER = 'x-experience-api-version';

/** Headers a client may put in the form of an alternate-syntax request. */
const FORM_HEADERS = ['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match', 'accept-language'];

/**
 * How much of an oversized body the LRS reads and discards before answering 413, so that a
 * client still sending reads the answer instead of a reset connection. Beyond it the connection
 * is closed after the answer (a client sending that much must cope with that).
 */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** Reads and discards the rest of a request body, up to `limit` bytes and 10 s; true when it all arrived. */
function drainBody(raw: NodeJS.ReadableStream & { readableEnded?: boolean }, limit: number): Promise<boolean> {
  if (raw.readableEnded) return Promise.resolve(true);
  return new Promise((done) => {
    let read = 0;
    const timer = setTimeout(() => finish(false), 10_000);
    const finish = (all: boolean) => {
      clearTimeout(timer);
      raw.removeListener('data', onData);
      raw.removeListener('end', onEnd);
      raw.removeListener('error', onError);
      done(all);
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > limit) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    raw.on('data', onData);
    raw.on('end', onEnd);
    raw.on('error', onError);
    raw.resume();
  });
}

function isAlternateSyntax(request: FastifyRequest): boolean {
  return request.method === 'POST' && typeof (request.query as Record<string, unknown> | undefined)?.method === 'string';
}

export async function createLrsServer(backend: LrsBackend, overrides: Partial<LrsConfig> = {}): Promise<FastifyInstance> {
  const config = { ...DEFAULT_LRS_CONFIG, ...overrides };
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    // `more` links carry the query in the path: allow long ones.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 4096 },
    return503OnClosing: true,
  });
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, ...(route.config?.scopes ? { scopes: route.config.scopes } : {}) });
  });
  const verifier = new CredentialVerifier(backend, config.credentialCacheMs);

  // A client that asks before sending (Expect: 100-continue) a body too large to take gets the
  // 413 without sending it.
  app.server.on('checkContinue', (req, res) => {
    if (Number(req.headers['content-length']) <= config.bodyLimit) res.writeContinue();
    app.server.emit('request', req, res);
  });

  await app.register(cors, {
    origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
    credentials: true,
    methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Experience-API-Version', 'If-Match', 'If-None-Match'],
    exposedHeaders: ['ETag', 'Last-Modified', 'X-Experience-API-Version', 'X-Experience-API-Consistent-Through'],
  });

  // Dashboard sessions travel in a cookie; the xAPI resources ignore it.
  await app.register(cookie);

  // Rate limits: per client address before anything else, per credential once it is verified
  // (keyed by the verified key, so nobody can spend another's allowance by naming its key).
  await app.register(rateLimit, { global: false });
  const limiter = (max: number, key: (request: FastifyRequest) => string) => {
    if (!max) return async () => {};
    const check = app.createRateLimit({ max, timeWindow: 60_000, keyGenerator: key });
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await check(request);
      if (result.isAllowed || !result.isExceeded) return;
      reply.header('Retry-After', String(result.ttlInSeconds));
      throw new HttpError(429, `too many requests from this ${key(request).split(':')[0]}: at most ${max} a minute; try again in ${result.ttlInSeconds} s`);
    };
  };
  const limitAddress = limiter(config.rateLimitPerAddress, (request) => `address:${request.ip}`);
  const limitCredential = limiter(config.rateLimitPerCredential, (request) => `credential:${request.credential!.key}`);
  app.addHook('onRequest', limitAddress);

  // Bodies arrive raw: the LRS checks UTF-8, JSON syntax and depth itself, with clear messages.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.decorateRequest('xapiVersion', '2.0');
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/xapi/')) return;
    const about = request.url.startsWith('/xapi/about');
    const header = request.headers[XAPI_VERSION_HEADER];
    const version = typeof header === 'string' ? header.trim() : '';
    // Every answer, errors included, says which version it speaks.
    request.xapiVersion = config.defaultVersion.startsWith('2.') ? '2.0' : '1.0';
    reply.header('X-Experience-API-Version', config.defaultVersion);
    if (version) {
      if (!/^(1\.0(\.\d+)?|2\.0(\.\d+)?)$/.test(version)) {
        throw new HttpError(400, `X-Experience-API-Version "${version}" is not supported: use 1.0.x or 2.0.0`);
      }
      request.xapiVersion = version.startsWith('2.') ? '2.0' : '1.0';
    } else if (!about && request.method !== 'OPTIONS' && !isAlternateSyntax(request)) {
      throw new HttpError(400, 'the X-Experience-API-Version header is required (1.0.3 or 2.0.0)');
    }
    reply.header('X-Experience-API-Version', request.xapiVersion === '2.0' ? '2.0.0' : '1.0.3');
  });

  // Too large to take: answered at once, before the body is read (see the error handler).
  app.addHook('onRequest', async (request) => {
    const length = Number(request.headers['content-length']);
    if (length > config.bodyLimit) throw new HttpError(413, `the request body is ${length} bytes; this LRS takes at most ${config.bodyLimit} bytes per request`);
  });

  // The alternate request syntax (xAPI 1.0.3, for clients that can only POST): the method in the
  // query string, headers, parameters and content in a form body. It is replayed as the request it
  // stands for, so every rule applies to it unchanged.
  app.addHook('preValidation', async (request, reply) => {
    if (!isAlternateSyntax(request)) return;
    const query = request.query as Record<string, unknown>;
    const method = String(query.method).toUpperCase();
    if (!['GET', 'HEAD', 'PUT', 'POST', 'DELETE'].includes(method)) throw new ValidationError('method', `"${method}" is not an HTTP method the LRS serves`);
    const extra = Object.keys(query).filter((k) => k !== 'method');
    if (extra.length) throw new ValidationError(extra[0]!, 'with ?method=, every other parameter goes in the form body');
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') throw new ValidationError('Content-Type', 'the alternate request syntax needs an application/x-www-form-urlencoded body');
    const form = new URLSearchParams(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
    // Headers sent as real headers count too; form fields override them.
    const headers: Record<string, string> = {};
    for (const name of FORM_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string' && name !== 'content-type' && name !== 'content-length') headers[name] = value;
    }
    const params = new URLSearchParams();
    let content: string | undefined;
    for (const [name, value] of form) {
      const lower = name.toLowerCase();
      if (lower === 'content') content = value;
      else if (FORM_HEADERS.includes(lower)) headers[lower] = value;
      else params.append(name, value);
    }
    if (content !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const version = headers['x-experience-api-version'] ?? config.defaultVersion;
    if (version.startsWith('2.')) throw new ValidationError('method', 'xAPI 2.0 has no alternate request syntax: send the request itself (it remains for 1.0.x clients)');
    const path = request.url.split('?')[0]!;
    const response = await app.inject({
      method: method as 'GET',
      url: params.size ? `${path}?${params}` : path,
      headers,
      ...(content !== undefined ? { payload: content } : {}),
    });
    for (const [name, value] of Object.entries(response.headers)) {
      if (!['content-length', 'transfer-encoding', 'connection', 'date'].includes(name) && value !== undefined) reply.header(name, value);
    }
    return reply.code(response.statusCode).send(response.rawPayload);
  });

  app.addHook('preHandler', async (request) => {
    const scopes = request.routeOptions.config.scopes;
    if (!scopes) return;
    const credential = await authenticate(request, verifier);
    if (!allows(credential, scopes)) {
      throw new HttpError(403, `this credential's scopes (${credential.scopes.join(', ')}) do not allow this request (needs one of: ${scopes.join(', ')})`);
    }
    request.credential = credential;
    request.store = backend.tenant(credential.org);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.credential) await limitCredential(request, reply);
  });

  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
    // An answer before the whole body arrived (too large, no version, ...): the rest of the body
    // is read and discarded first, so a client still sending reads the answer rather than a reset
    // connection, and a keep-alive connection stays usable. Not when the client was told not to
    // send it (Expect: 100-continue, no 100 given).
    const toldNotToSend = String(request.headers.expect ?? '').toLowerCase() === '100-continue' && Number(request.headers['content-length']) > config.bodyLimit;
    if (!request.raw.readableEnded && (toldNotToSend || !(await drainBody(request.raw, DRAIN_LIMIT)))) reply.header('connection', 'close');
    const unavailable = databaseUnavailable(error);
    if (unavailable) reply.header('Retry-After', '5');
    const status =
      unavailable ? 503
      : error instanceof ValidationError ? 400
      : error instanceof ConflictError ? 409
      : error instanceof NotFoundError ? 404
      : error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode
      : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 413
      // PostgreSQL's "program limit exceeded": an identifier too long for an index entry. The
      // transaction has rolled back, so nothing of the request is stored.
      : error.code === '54000' ? 400
      : 500;
    if (status === 500) request.log.error(error, 'unexpected error');
    if (unavailable) request.log.warn({ code: error.code }, 'database unavailable');
    // The Basic challenge is for xAPI clients; on the dashboard's API it would make browsers
    // open their own password dialog instead of letting the app show its sign-in form.
    if (status === 401 && request.url.startsWith('/xapi/')) reply.header('WWW-Authenticate', 'Basic realm="INPROCAP LRS"');
    const message =
      status === 500 ? 'internal error'
      : unavailable ? 'the database is not answering right now: nothing of this request was stored; try again shortly'
      : error.code === '54000' ? 'an identifier in the request (an IRI, account name or document id) is too long to store: keep identifiers under about 2,000 characters'
      : error.message;
    return reply.code(status).send({ error: status, message });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: 404, message: `no resource at ${request.method} ${request.url.split('?')[0]}` });
  });

  app.get('/xapi/about', async () => ({ version: ['1.0.0', '1.0.1', '1.0.2', '1.0.3', '2.0.0'], extensions: {} }));

  const context = { backend, config };
  // The xAPI resources get no backend: they reach storage only through request.store, which is
  // bound to the credential's organisation (tenancy, see storage/backend.ts).
  await app.register(async (scope) => statementRoutes(scope, { config }), { prefix: '/xapi' });
  await app.register(async (scope) => documentRoutes(scope, { config }), { prefix: '/xapi' });
  await app.register(async (scope) => sessionRoutes(scope, context), { prefix: '/api' });
  await app.register(async (scope) => reportRoutes(scope, context), { prefix: '/api' });
  await app.register(async (scope) => adminRoutes(scope, context), { prefix: '/api' });
  if (config.dashboardDir) await app.register(async (scope) => dashboardApp(scope, config.dashboardDir!));
  return app;
}

export interface RouteContext {
  backend: LrsBackend;
  config: LrsConfig;
}

/** What the xAPI resource plugins get: settings, no storage (that is request.store). */
export interface XapiContext {
  config: LrsConfig;
}

/** The organisation's store of an authenticated xAPI request. */
export function storeOf(request: FastifyRequest): TenantStore {
  if (!request.store) throw new HttpError(401, 'credentials are required');
  return request.store;
}

async function authenticate(request: FastifyRequest, verifier: CredentialVerifier): Promise<Credential> {
  const header = request.headers.authorization;
  const match = header && /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) throw new HttpError(401, 'credentials required: HTTP Basic with an LRS key and secret');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const credential = colon > 0 ? await verifier.verify(decoded.slice(0, colon), decoded.slice(colon + 1)) : undefined;
  if (!credential) throw new HttpError(401, 'unknown or revoked credentials');
  return credential;
}

/** Parses a JSON body: valid UTF-8, valid JSON, nesting within the limit. */
export function parseJsonBody(body: unknown, maxDepth: number, what = 'body'): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new ValidationError(what, 'is empty: a JSON document is required');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ValidationError(what, 'is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(what, `is not valid JSON (${error instanceof Error ? error.message : 'syntax error'})`);
  }
  if (depthOf(value) > maxDepth) throw new ValidationError(what, `nests deeper than ${maxDepth} levels`);
  return value;
}

function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v && typeof v === 'object') {
      max = Math.max(max, depth);
      for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return max;
}

export function sendJson(reply: FastifyReply, status: number, value: unknown): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(value));
}
