/**
 * Dashboard sessions: login, who am I, logout. The session id travels in an HttpOnly, SameSite
 * cookie and is stored only as a hash; every change needs the session's CSRF token in a header;
 * failed logins are limited per client and username.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendJson } from '../http/body.ts';
import { jsonApi } from '../http/json-api.ts';
import type { RouteContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import type { Account } from '../storage/backend.ts';
import { SESSION_COOKIE, sha256 } from '../http/dashboard-session.ts';
import { verifyPassword } from './accounts.ts';

const SESSION_HOURS = 8;
const FAILED_LOGINS = 5;
const FAILED_WINDOW_MS = 15 * 60_000;

const LOGIN_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: { username: { type: 'string', maxLength: 200 }, password: { type: 'string', maxLength: 1000 } },
} as const;

export async function sessionRoutes(app: FastifyInstance, { backend }: RouteContext): Promise<void> {
  await app.register(jsonApi);
  const failures = new Map<string, number[]>();

  const describe = (account: Account, csrfToken: string) => ({ username: account.username, role: account.role, org: account.org, csrfToken });

  app.post('/session', { schema: { body: LOGIN_BODY } }, async (request, reply) => {
    const { username, password } = request.body as { username: string; password: string };
    const key = `${request.ip}|${username.toLowerCase()}`;
    const now = Date.now();
    const recent = (failures.get(key) ?? []).filter((t) => now - t < FAILED_WINDOW_MS);
    if (recent.length >= FAILED_LOGINS) {
      reply.header('Retry-After', String(Math.ceil((FAILED_WINDOW_MS - (now - recent[0]!)) / 1000)));
      throw new HttpError(429, 'too many failed sign-ins: wait a few minutes');
    }
    const account = username ? await backend.getAccount(username) : undefined;
    // The hash is checked even for unknown users, so timing tells nothing about who exists.
    const valid = await verifyPassword(password, account?.passwordHash ?? 'scrypt$0$AAAAAAAAAAAAAAAAAAAAAA$AAAA');
    if (!account || !valid || account.disabled) {
      failures.set(key, [...recent, now]);
      throw new HttpError(401, 'wrong username or password');
    }
    failures.delete(key);
    const id = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await backend.saveSession({ idHash: sha256(id), username: account.username, csrfToken, expires: new Date(now + SESSION_HOURS * 3_600_000).toISOString() });
    reply.setCookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https', maxAge: SESSION_HOURS * 3600 });
    return sendJson(reply, 200, describe(account, csrfToken));
  });

  app.get('/session', { config: { session: {} } }, async (request, reply: FastifyReply) => {
    return sendJson(reply, 200, describe(request.account!, request.dashboardSession!.csrfToken));
  });

  app.delete('/session', { config: { session: {} } }, async (request, reply) => {
    await backend.deleteSession(request.dashboardSession!.idHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
}
