/**
 * The alternate request syntax (xAPI 1.0.3, for clients that can only POST): the method in the
 * query string, headers, parameters and content in a form body. It is replayed as the request it
 * stands for, so every rule applies to it unchanged.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ValidationError } from './errors.ts';

/** Headers a client may put in the form of an alternate-syntax request. */
const FORM_HEADERS = ['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match', 'accept-language'];

export function isAlternateSyntax(request: FastifyRequest): boolean {
  return request.method === 'POST' && typeof (request.query as Record<string, unknown> | undefined)?.method === 'string';
}

export const alternateSyntax = fp(async (app: FastifyInstance, { defaultVersion }: { defaultVersion: '1.0.3' | '2.0.0' }) => {
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
    const version = headers['x-experience-api-version'] ?? defaultVersion;
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
}, { name: 'alternate-syntax' });
