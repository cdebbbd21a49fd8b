/**
 * Who may ask: a route that names scopes (`config: { scopes }`) needs HTTP Basic credentials
 * with one of them, and then reaches only its organisation's store (`request.store`). Rate limits
 * per client address (before anything else) and per verified credential (keyed by the verified
 * key, so nobody can spend another's allowance by naming its key).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { allows, CredentialVerifier } from '../auth/credentials.ts';
import type { Credential, LrsBackend } from '../storage/backend.ts';
import { HttpError } from './errors.ts';

export interface CredentialOptions {
  backend: LrsBackend;
  /** How long a verified credential is trusted before it is looked up again. */
  cacheMs: number;
  /** Requests a minute per verified credential and per client address (0: no limit). */
  perCredential: number;
  perAddress: number;
}

export const credentials = fp(async (app: FastifyInstance, options: CredentialOptions) => {
  const verifier = new CredentialVerifier(options.backend, options.cacheMs);
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
  const limitAddress = limiter(options.perAddress, (request) => `address:${request.ip}`);
  const limitCredential = limiter(options.perCredential, (request) => `credential:${request.credential!.key}`);
  app.addHook('onRequest', limitAddress);

  app.addHook('preHandler', async (request) => {
    const scopes = request.routeOptions.config.scopes;
    if (!scopes) return;
    const credential = await authenticate(request, verifier);
    if (!allows(credential, scopes)) {
      throw new HttpError(403, `this credential's scopes (${credential.scopes.join(', ')}) do not allow this request (needs one of: ${scopes.join(', ')})`);
    }
    request.credential = credential;
    request.store = options.backend.tenant(credential.org);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.credential) await limitCredential(request, reply);
  });
}, { name: 'credentials' });

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
