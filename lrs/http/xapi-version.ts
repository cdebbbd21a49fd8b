/**
 * The X-Experience-API-Version header: required on every xAPI request but /xapi/about (and the
 * alternate syntax, which carries it in its form), answered on every response, errors included.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './errors.ts';
import { isAlternateSyntax } from './alternate-syntax.ts';

export type XapiVersion = '1.0' | '2.0';

export const XAPI_VERSION_HEADER = 'x-experience-api-version';

export const xapiVersion = fp(async (app: FastifyInstance, { defaultVersion }: { defaultVersion: '1.0.3' | '2.0.0' }) => {
  app.decorateRequest('xapiVersion', '2.0');
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/xapi/')) return;
    const about = request.url.startsWith('/xapi/about');
    const header = request.headers[XAPI_VERSION_HEADER];
    const version = typeof header === 'string' ? header.trim() : '';
    // Every answer, errors included, says which version it speaks.
    request.xapiVersion = defaultVersion.startsWith('2.') ? '2.0' : '1.0';
    reply.header('X-Experience-API-Version', defaultVersion);
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
}, { name: 'xapi-version' });
