/**
 * Administration under /api/admin (admin role only): dashboard accounts and LRS credentials.
 * Passwords and secrets are shown once, when made, and stored only as hashes; every change needs
 * the session's CSRF token.
 */
import type { FastifyInstance } from 'fastify';
import { createCredential } from '../auth/credentials.ts';
import { ROLES, type AccountInfo, type AccountRole, type CredentialInfo } from '../contracts/admin.ts';
import { SCOPES } from '../contracts/scopes.ts';
import { parseJsonBody, sendJson } from '../http/body.ts';
import type { RouteContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import type { Account, Credential } from '../storage/backend.ts';
import { saveAccount } from './accounts.ts';

/** Every admin route: the admin role (and the CSRF token for changes, see http/dashboard-session.ts). */
const ADMIN = { config: { session: { roles: ['admin'] as readonly AccountRole[] } } };

const publicAccount = (a: Account): AccountInfo => ({ username: a.username, role: a.role, org: a.org, created: a.created, disabled: a.disabled });
const publicCredential = (c: Credential): CredentialInfo => ({ key: c.key, org: c.org, scopes: c.scopes, label: c.label, created: c.created, revoked: c.revoked });

function stringField(body: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') {
    if (required) throw new HttpError(400, `"${name}" is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw new HttpError(400, `"${name}" must be a string`);
  return value.trim();
}

export async function adminRoutes(app: FastifyInstance, { backend }: RouteContext): Promise<void> {
  app.get('/admin/accounts', ADMIN, async (request, reply) => {
    return sendJson(reply, 200, (await backend.listAccounts()).map(publicAccount));
  });

  app.post('/admin/accounts', ADMIN, async (request, reply) => {
    const body = parseJsonBody(request.body, 4, 'account') as Record<string, unknown>;
    const username = stringField(body, 'username', true)!;
    const role = stringField(body, 'role', true) as AccountRole;
    if (!ROLES.includes(role)) throw new HttpError(400, `"role" must be one of ${ROLES.join(', ')}`);
    if (await backend.getAccount(username)) throw new HttpError(409, `an account "${username}" already exists`);
    try {
      const { account, password } = await saveAccount(backend, { username, role, org: stringField(body, 'org', false), password: stringField(body, 'password', false) });
      return sendJson(reply, 201, { account: publicAccount(account), password });
    } catch (error) {
      throw new HttpError(400, error instanceof Error ? error.message.replace('--org', '"org"') : String(error));
    }
  });

  app.post('/admin/accounts/:username/disable', ADMIN, async (request, reply) => {
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

  app.post('/admin/credentials', ADMIN, async (request, reply) => {
    const body = parseJsonBody(request.body, 4, 'credential') as Record<string, unknown>;
    const org = stringField(body, 'org', true)!;
    if (org.length > 100) throw new HttpError(400, '"org" is longer than 100 characters');
    const scopes = body.scopes === undefined ? ['statements/write', 'state'] : body.scopes;
    if (!Array.isArray(scopes) || !scopes.length || scopes.some((s) => typeof s !== 'string')) throw new HttpError(400, `"scopes" must be a list from ${SCOPES.join(', ')}`);
    try {
      const made = await createCredential(backend, org, scopes as string[], stringField(body, 'label', false) ?? '');
      return sendJson(reply, 201, { credential: publicCredential(made.credential), secret: made.secret });
    } catch (error) {
      throw new HttpError(400, error instanceof Error ? error.message : String(error));
    }
  });

  app.post('/admin/credentials/:key/revoke', ADMIN, async (request, reply) => {
    const { key } = request.params as { key: string };
    if (!(await backend.revokeCredential(key))) throw new HttpError(404, `no credential "${key}"`);
    return reply.code(204).send();
  });
}
