/**
 * The admin API's input, checked by the routes' JSON schemas: every malformed body or parameter
 * is a 400 that names the field and the rule, nothing is created, and who may ask is decided
 * before the body is looked at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAccount } from '../../lrs/dashboard/accounts.ts';
import { SESSION_COOKIE } from '../../lrs/http/dashboard-session.ts';
import { TEST_DATABASES } from './backends.ts';
import { startTestLrs, type TestLrs } from './client.ts';

describe('the admin API refuses malformed input with the reason', () => {
  let lrs: TestLrs;
  let headers: Record<string, string>;
  beforeAll(async () => {
    lrs = await startTestLrs(TEST_DATABASES[0]!);
    await saveAccount(lrs.backend, { username: 'admin.one', role: 'admin', password: 'a long password 1' });
    const login = await lrs.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin.one', password: 'a long password 1' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    headers = { cookie, 'x-csrf-token': login.json().csrfToken, 'content-type': 'application/json' };
  });
  afterAll(async () => lrs?.close());

  const post = (url: string, body: unknown, extra: Record<string, string> = {}) =>
    lrs.app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, payload: typeof body === 'string' ? body : JSON.stringify(body) });

  it.each([
    ['/api/admin/accounts', { role: 'trainer', org: 'DTI' }, '"username" is required'],
    ['/api/admin/accounts', { username: 'x.y', role: 'owner' }, '"role" must be one of admin, control-group, trainer'],
    ['/api/admin/accounts', { username: 'x.y', role: 'admin', extra: 1 }, '"extra" is not a field of this body'],
    ['/api/admin/accounts', { username: 5, role: 'admin' }, '"username" must be a string'],
    ['/api/admin/accounts', { username: 'x'.repeat(65), role: 'admin' }, '"username" is longer than 64 characters'],
    ['/api/admin/accounts', [1, 2], 'body must be a object'],
    ['/api/admin/accounts', '{"username": ', 'body: is not valid JSON'],
    ['/api/admin/credentials', { org: 'DTI', scopes: ['statements/write', 'reports:all'] }, '"scopes.1" must be one of all, all/read, statements/write, statements/read, statements/read/mine, state, define, profile'],
    ['/api/admin/credentials', { org: 'DTI', scopes: [] }, '"scopes" must list at least 1'],
    ['/api/admin/credentials', { org: 'DTI', scopes: 'all' }, '"scopes" must be a list'],
    ['/api/admin/credentials', { org: '' }, '"org" must not be empty'],
    ['/api/admin/credentials', { org: 'DTI', scopes: ['state', 'state'] }, '"scopes" lists an item twice'],
  ])('POST %s %j: 400 %s', async (url, body, message) => {
    const before = [(await lrs.backend.listAccounts()).length, (await lrs.backend.listCredentials()).length];
    const answer = await post(url, body);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().message).toContain(message);
    expect([(await lrs.backend.listAccounts()).length, (await lrs.backend.listCredentials()).length]).toEqual(before);
  });

  it('takes a well-formed body, the form’s empty fields as not given', async () => {
    const made = await post('/api/admin/accounts', { username: 'cg.one', role: 'control-group', org: '', password: '' });
    expect(made.statusCode).toBe(201);
    expect(made.json().account).toMatchObject({ username: 'cg.one', role: 'control-group', org: null });
    expect(made.json().password.length).toBeGreaterThanOrEqual(10);
    const credential = await post('/api/admin/credentials', { org: 'DTI', label: '' });
    expect(credential.statusCode).toBe(201);
    expect(credential.json().credential.scopes).toEqual(['statements/write', 'state']);
  });

  it('decides who may ask before it looks at the body', async () => {
    const anonymous = await lrs.app.inject({ method: 'POST', url: '/api/admin/accounts', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await post('/api/admin/accounts', { role: 'owner' }, { 'x-csrf-token': 'wrong' });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('refuses a malformed sign-in with the reason, not as a failed attempt', async () => {
    const answer = await lrs.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin.one' } });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().message).toBe('"password" is required');
  });
});
