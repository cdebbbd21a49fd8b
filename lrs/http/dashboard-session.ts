/**
 * The dashboard's way in, beside xAPI credentials (credentials.ts): a signed-in session, whose id
 * travels in an HttpOnly, SameSite cookie and is stored only as a hash. Every dashboard route
 * starts with `signedIn`.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Account, AccountStore, SessionStore } from '../storage/backend.ts';
import type { AccountRole } from '../contracts/admin.ts';
import { HttpError } from './errors.ts';

export const SESSION_COOKIE = 'inprocap_session';

declare module 'fastify' {
  interface FastifyRequest {
    account?: Account;
    /** The signed-in session of a dashboard route: its CSRF token and the hash it is stored under. */
    dashboardSession?: { csrfToken: string; idHash: string };
  }
  interface FastifyContextConfig {
    /**
     * A dashboard session is needed, with one of `roles` if given; a change (any method but GET
     * and HEAD) also needs the session's CSRF token. Checked as the request arrives, before its body.
     */
    session?: { roles?: readonly AccountRole[] };
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Checks `config.session` on every route that names it: no dashboard route can forget. */
export const dashboardSessions = fp(async (app: FastifyInstance, { backend }: { backend: AccountStore & SessionStore }) => {
  // Before the body is read or validated: who may ask comes first.
  app.addHook('onRequest', async (request) => {
    const needs = request.routeOptions.config.session;
    if (!needs) return;
    const change = request.method !== 'GET' && request.method !== 'HEAD';
    const { csrfToken, idHash } = await signedIn(backend, request, needs.roles, change);
    request.dashboardSession = { csrfToken, idHash };
  });
}, { name: 'dashboard-sessions' });

/**
 * The signed-in account, or a 401; with `change`, also checks the CSRF token (403); with `roles`,
 * that the account has one of them (403).
 */
async function signedIn(
  backend: AccountStore & SessionStore,
  request: FastifyRequest,
  roles?: readonly AccountRole[],
  change = false,
): Promise<{ account: Account; csrfToken: string; idHash: string }> {
  const id = request.cookies?.[SESSION_COOKIE];
  const session = id ? await backend.getSession(sha256(id)) : undefined;
  if (!session || session.expires < new Date().toISOString()) throw new HttpError(401, 'sign in first');
  const account = await backend.getAccount(session.username);
  if (!account || account.disabled) throw new HttpError(401, 'this account is disabled');
  if (change && request.headers['x-csrf-token'] !== session.csrfToken) throw new HttpError(403, 'missing or wrong X-CSRF-Token');
  if (roles && !roles.includes(account.role)) throw new HttpError(403, `this needs the ${roles.join(' or ')} role`);
  request.account = account;
  return { account, csrfToken: session.csrfToken, idHash: session.idHash };
}

