/**
 * Administration under /api/admin (admin role only): dashboard accounts and LRS credentials.
 * Passwords and secrets are shown once, when made, and stored only as hashes; every change needs
 * the session's CSRF token.
 */
import type { FastifyInstance } from 'fastify';
import { createCredential } from '../auth/credentials.ts';
import { ROLES, type AccountInfo, type AccountRole, type CredentialInfo } from '../contracts/admin.ts';
import { DEFAULT_CREDENTIAL_SCOPES, SCOPES } from '../contracts/scopes.ts';
import { sendJson } from '../http/body.ts';
import { jsonApi } from '../http/json-api.ts';
import type { RouteContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import type { Account, Credential } from '../storage/backend.ts';
import { saveAccount } from './accounts.ts';

/** Every admin route: the admin role (and the CSRF token for changes, see http/dashboard-session.ts). */
const ADMIN = { config: { session: { roles: ['admin'] as readonly AccountRole[] } } };

const publicAccount = (a: Account): AccountInfo => ({ username: a.username, role: a.role, org: a.org, created: a.created, disabled: a.disabled });
const publicCredential = (c: Credential): CredentialInfo => ({ key: c.key, org: c.org, scopes: c.scopes, label: c.label, created: c.created, revoked: c.revoked });

/** A text field as the dashboard's forms send it: trimmed, and empty means not given. */
const given = (value: string | null | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

const ACCOUNT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'role'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 64 },
    role: { type: 'string', enum: [...ROLES] },
    org: { type: ['string', 'null'], maxLength: 64 },
    password: { type: ['string', 'null'], maxLength: 200 },
  },
} as const;

const CREDENTIAL_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['org'],
  properties: {
    org: { type: 'string', minLength: 1, maxLength: 100 },
    label: { type: ['string', 'null'], maxLength: 200 },
    scopes: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...SCOPES] } },
  },
} as const;

const NAMED = (name: string) => ({ type: 'object', required: [name], properties: { [name]: { type: 'string', maxLength: 200 } } }) as const;

export async function adminRoutes(app: FastifyInstance, { backend }: RouteContext): Promise<void> {
  await app.register(jsonApi);
  app.get('/admin/accounts', ADMIN, async (request, reply) => {
    return sendJson(reply, 200, (await backend.listAccounts()).map(publicAccount));
  });

  app.post('/admin/accounts', { ...ADMIN, schema: { body: ACCOUNT_BODY } }, async (request, reply) => {
    const body = request.body as { username: string; role: AccountRole; org?: string | null; password?: string | null };
    const username = body.username.trim();
    if (await backend.getAccount(username)) throw new HttpError(409, `an account "${username}" already exists`);
    try {
      const { account, password } = await saveAccount(backend, { username, role: body.role, org: given(body.org), password: given(body.password) });
      return sendJson(reply, 201, { account: publicAccount(account), password });
    } catch (error) {
      throw new HttpError(400, error instanceof Error ? error.message.replace('--org', '"org"') : String(error));
    }
  });

  app.post('/admin/accounts/:username/disable', { ...ADMIN, schema: { params: NAMED('username') } }, async (request, reply) => {
    const me = request.account!;
    const { username } = request.params as { username: string };
    if (username === me.username) throw new HttpError(400, 'you cannot disable your own account');
    const account = await backend.getAccount(username);
    if (!account) throw new HttpError(404, `no account "${username}"`);
    await backend.saveAccount({ ...account, disabled: true });
    return sendJson(reply, 200, publicAccount({ ...account, disabled: true }));
  });

  app.get('/admin/credentials', ADMIN, async (request, reply) => {
    return sendJson(reply, 200, (await backend.listCredentials()).map(publicCredential));
  });

  app.post('/admin/credentials', { ...ADMIN, schema: { body: CREDENTIAL_BODY } }, async (request, reply) => {
    const body = request.body as { org: string; label?: string | null; scopes?: string[] };
    try {
      const made = await createCredential(backend, body.org.trim(), body.scopes ?? [...DEFAULT_CREDENTIAL_SCOPES], given(body.label) ?? '');
      return sendJson(reply, 201, { credential: publicCredential(made.credential), secret: made.secret });
    } catch (error) {
      throw new HttpError(400, error instanceof Error ? error.message : String(error));
    }
  });

  app.post('/admin/credentials/:key/revoke', { ...ADMIN, schema: { params: NAMED('key') } }, async (request, reply) => {
    const { key } = request.params as { key: string };
    if (!(await backend.revokeCredential(key))) throw new HttpError(404, `no credential "${key}"`);
    return reply.code(204).send();
  });
}
