/**
 * The dashboard's way in, beside xAPI credentials (credentials.ts): a signed-in session, whose id
 * travels in an HttpOnly, SameSite cookie and is stored only as a hash. Every dashboard route
 * starts with `signedIn`.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Account, LrsBackend } from '../storage/backend.ts';
import type { AccountRole } from '../contracts/admin.ts';
import { HttpError } from './errors.ts';

export const SESSION_COOKIE = 'inprocap_session';

declare module 'fastify' {
  interface FastifyRequest {
    account?: Account;
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The signed-in account, or a 401; with `change`, also checks the CSRF token (403); with `roles`,
 * that the account has one of them (403). Every dashboard route starts here.
 */
export async function signedIn(
  backend: LrsBackend,
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

