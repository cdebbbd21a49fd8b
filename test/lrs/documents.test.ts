/** State, activity profile and agent profile documents, and credentials, on both databases. */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../lrs/auth/credentials.ts';
import { TEST_DATABASES } from './backends.ts';
import { startTestLrs, statement, type TestLrs } from './client.ts';

const agent = encodeURIComponent(JSON.stringify({ objectType: 'Agent', mbox: 'mailto:ada@example.org' }));
const activity = encodeURIComponent('https://inprocap.eu/modules/pcp');

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('documents on %s', (_name, database) => {
  let lrs: TestLrs;
  let all: string;
  beforeAll(async () => {
    lrs = await startTestLrs(database);
    all = await lrs.auth(['all']);
  });
  afterAll(async () => lrs?.close());

  const state = (extra = '') => `/xapi/activities/state?activityId=${activity}&agent=${agent}${extra}`;

  it('stores, merges, lists and deletes state documents with ETags', async () => {
    expect((await lrs.request('PUT', state('&stateId=bookmark'), { auth: all, body: { page: 3, answers: [1, 2] } })).status).toBe(204);
    const got = await lrs.request('GET', state('&stateId=bookmark'), { auth: all });
    expect(got.status).toBe(200);
    expect(got.json).toEqual({ page: 3, answers: [1, 2] });
    expect(got.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect((await lrs.request('POST', state('&stateId=bookmark'), { auth: all, body: { page: 4, done: true } })).status).toBe(204);
    expect((await lrs.request('GET', state('&stateId=bookmark'), { auth: all })).json).toEqual({ page: 4, answers: [1, 2], done: true });
    await lrs.request('PUT', state('&stateId=notes'), { auth: all, raw: 'plain words', headers: { 'content-type': 'text/plain' } });
    const text = await lrs.request('GET', state('&stateId=notes'), { auth: all });
    expect(text.text).toBe('plain words');
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect((await lrs.request('POST', state('&stateId=notes'), { auth: all, body: { a: 1 } })).status).toBe(400);
    expect((await lrs.request('GET', state(), { auth: all })).json).toEqual(['bookmark', 'notes']);
    const registration = '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
    await lrs.request('PUT', state(`&registration=${registration}&stateId=bookmark`), { auth: all, body: { other: true } });
    expect((await lrs.request('GET', state(`&registration=${registration}&stateId=bookmark`), { auth: all })).json).toEqual({ other: true });
    expect((await lrs.request('DELETE', state('&stateId=notes'), { auth: all })).status).toBe(204);
    expect((await lrs.request('GET', state('&stateId=notes'), { auth: all })).status).toBe(404);
    expect((await lrs.request('DELETE', state(), { auth: all })).status).toBe(204);
    expect((await lrs.request('GET', state(), { auth: all })).json).toEqual([]);
  });

  it('checks state parameters', async () => {
    expect((await lrs.request('GET', `/xapi/activities/state?agent=${agent}&stateId=x`, { auth: all })).status).toBe(400);
    expect((await lrs.request('GET', state('&stateId=x&registration=nope'), { auth: all })).status).toBe(400);
    expect((await lrs.request('GET', state('&stateId=x&colour=red'), { auth: all })).status).toBe(400);
  });

  it('requires If-Match or If-None-Match to overwrite a profile, and honours both', async () => {
    const profile = `/xapi/activities/profile?activityId=${activity}&profileId=settings`;
    expect((await lrs.request('PUT', profile, { auth: all, body: { v: 1 } })).status).toBe(400);
    expect((await lrs.request('PUT', profile, { auth: all, body: { v: 1 }, headers: { 'if-none-match': '*' } })).status).toBe(204);
    const first = await lrs.request('GET', profile, { auth: all });
    expect((await lrs.request('PUT', profile, { auth: all, body: { v: 2 } })).status).toBe(409);
    // xAPI 2.0 guards state documents the same way once they exist.
    const state = `/xapi/activities/state?activityId=${activity}&agent=${agent}&stateId=guarded`;
    expect((await lrs.request('PUT', state, { auth: all, body: { a: 1 }, version: '2.0.0' })).status).toBe(204);
    expect((await lrs.request('PUT', state, { auth: all, body: { a: 2 }, version: '2.0.0' })).status).toBe(409);
    expect((await lrs.request('PUT', state, { auth: all, body: { a: 2 }, version: '1.0.3' })).status).toBe(204);
    expect((await lrs.request('PUT', profile, { auth: all, body: { v: 2 }, headers: { 'if-none-match': '*' } })).status).toBe(412);
    expect((await lrs.request('PUT', profile, { auth: all, body: { v: 2 }, headers: { 'if-match': '"stale"' } })).status).toBe(412);
    expect((await lrs.request('PUT', profile, { auth: all, body: { v: 2 }, headers: { 'if-match': String(first.headers.etag) } })).status).toBe(204);
    expect((await lrs.request('GET', profile, { auth: all })).json).toEqual({ v: 2 });
    const agentProfile = `/xapi/agents/profile?agent=${agent}&profileId=prefs`;
    expect((await lrs.request('PUT', agentProfile, { auth: all, body: { language: 'fr' }, headers: { 'if-none-match': '*' } })).status).toBe(204);
    expect((await lrs.request('GET', `/xapi/agents/profile?agent=${agent}`, { auth: all })).json).toEqual(['prefs']);
  });

  it('describes activities from their definitions and agents as persons', async () => {
    await lrs.request('POST', '/xapi/statements', { auth: all, body: statement() });
    const described = await lrs.request('GET', `/xapi/activities?activityId=${activity}`, { auth: all });
    expect(described.json).toMatchObject({ objectType: 'Activity', id: 'https://inprocap.eu/modules/pcp', definition: { name: { en: 'PCP' } } });
    const person = await lrs.request('GET', `/xapi/agents?agent=${encodeURIComponent('{"name":"Ada","mbox":"mailto:ada@example.org"}')}`, { auth: all });
    expect(person.json).toEqual({ objectType: 'Person', name: ['Ada'], mbox: ['mailto:ada@example.org'] });
  });

  it('stores secrets hashed, and refuses a revoked credential', async () => {
    const auth = await lrs.auth(['statements/write']);
    const [key, secret] = Buffer.from(auth.slice(6), 'base64').toString().split(':') as [string, string];
    const stored = await lrs.backend.getCredential(key);
    expect(stored?.secretHash).toBe(hashSecret(key, secret));
    expect(stored?.secretHash).not.toContain(secret);
    expect((await lrs.request('POST', '/xapi/statements', { auth, body: statement() })).status).toBe(200);
    await lrs.backend.revokeCredential(key);
    expect((await lrs.request('POST', '/xapi/statements', { auth, body: statement() })).status).toBe(401);
  });
});

describe('two LRS processes on one PostgreSQL database', () => {
  it('reads through one what was written through the other', async () => {
    const postgres = TEST_DATABASES.find((d) => d.name === 'postgres')!;
    const first = await startTestLrs(postgres);
    const auth = await first.auth(['all']);
    // The second LRS is a separate operating-system process on the same database.
    const root = resolve(import.meta.dirname, '../..');
    const child = spawn(process.execPath, [join(root, 'bin/inprocap.js'), 'lrs', '--lrs-port', '0', '--database', first.url, '--log-level', 'error'], { cwd: root });
    try {
      const url = await new Promise<string>((resolvePromise, reject) => {
        let output = '';
        child.stdout.on('data', (chunk) => {
          output += chunk;
          const match = /LRS: (http:\/\/\S+)/.exec(output);
          if (match) resolvePromise(match[1]!);
        });
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('exit', (code) => reject(new Error(`second LRS exited (${code}): ${output}`)));
        setTimeout(() => reject(new Error(`second LRS did not start: ${output}`)), 30_000);
      });
      const headers = { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' };
      const written = await fetch(`${url}/statements`, { method: 'POST', headers, body: JSON.stringify(statement()) });
      expect(written.status).toBe(200);
      const [id] = (await written.json()) as string[];
      const read = await first.request('GET', `/xapi/statements?statementId=${id}`, { auth });
      expect(read.status).toBe(200);
      expect(read.json.id).toBe(id);
      const [second] = (await first.request('POST', '/xapi/statements', { auth, body: statement() })).json;
      const back = await fetch(`${url}/statements?statementId=${second}`, { headers });
      expect(back.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await first.close();
    }
  }, 60_000);
});
