/** Dashboard accounts and sessions, on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, saveAccount, verifyPassword } from '../../lrs/dashboard/accounts.ts';
import { SESSION_COOKIE } from '../../lrs/http/dashboard-session.ts';
import { TEST_DATABASES } from './backends.ts';
import { startTestLrs, type TestLrs } from './client.ts';

describe('password hashing', () => {
  it('is salted and slow, and verifies', async () => {
    const [a, b] = [await hashPassword('correct horse battery'), await hashPassword('correct horse battery')];
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct');
    const started = performance.now();
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(performance.now() - started).toBeGreaterThan(10);
    expect(await verifyPassword('wrong horse battery', a)).toBe(false);
  });
});

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('dashboard sessions on %s', (_name, database) => {
  let lrs: TestLrs;
  beforeAll(async () => {
    lrs = await startTestLrs(database);
    await saveAccount(lrs.backend, { username: 'trainer.dti', role: 'trainer', org: 'DTI', password: 'a long password 1' });
  });
  afterAll(async () => lrs?.close());

  const login = (username: string, password: string, ip = '127.0.0.1') =>
    lrs.app.inject({ method: 'POST', url: '/api/session', payload: JSON.stringify({ username, password }), headers: { 'content-type': 'application/json' }, remoteAddress: ip });

  it('signs in with an HttpOnly, SameSite session cookie and tells who is signed in', async () => {
    const response = await login('trainer.dti', 'a long password 1');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ username: 'trainer.dti', role: 'trainer', org: 'DTI' });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain(`${SESSION_COOKIE}=`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const id = /inprocap_session=([^;]+)/.exec(cookie)![1]!;
    const me = await lrs.app.inject({ method: 'GET', url: '/api/session', cookies: { [SESSION_COOKIE]: id } });
    expect(me.json()).toMatchObject({ username: 'trainer.dti', csrfToken: body.csrfToken });
    // Logging out is a change: it needs the CSRF token.
    expect((await lrs.app.inject({ method: 'DELETE', url: '/api/session', cookies: { [SESSION_COOKIE]: id } })).statusCode).toBe(403);
    expect((await lrs.app.inject({ method: 'DELETE', url: '/api/session', cookies: { [SESSION_COOKIE]: id }, headers: { 'x-csrf-token': body.csrfToken } })).statusCode).toBe(204);
    expect((await lrs.app.inject({ method: 'GET', url: '/api/session', cookies: { [SESSION_COOKIE]: id } })).statusCode).toBe(401);
  });

  it('refuses wrong passwords and unknown users alike, and limits failed attempts', async () => {
    expect((await login('trainer.dti', 'wrong password', '10.0.0.1')).statusCode).toBe(401);
    expect((await login('nobody', 'wrong password', '10.0.0.1')).statusCode).toBe(401);
    for (let i = 0; i < 5; i++) await login('trainer.dti', 'wrong password', '10.0.0.2');
    const limited = await login('trainer.dti', 'a long password 1', '10.0.0.2');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    // Another client is not affected.
    expect((await login('trainer.dti', 'a long password 1', '10.0.0.3')).statusCode).toBe(200);
  });

  it('needs a session: no cookie, a made-up cookie', async () => {
    expect((await lrs.app.inject({ method: 'GET', url: '/api/session' })).statusCode).toBe(401);
    expect((await lrs.app.inject({ method: 'GET', url: '/api/session', cookies: { [SESSION_COOKIE]: 'made-up' } })).statusCode).toBe(401);
  });

  it('refuses a trainer account without an organisation', async () => {
    await expect(saveAccount(lrs.backend, { username: 'lost', role: 'trainer' })).rejects.toThrow('needs --org');
  });
});
