/**
 * Dispatch packages, the server's side, on both databases: the key a package carries is signed
 * (a made-up one is refused), looked up (a revoked one is refused, and its credential with it);
 * the module is served as built now, in relay mode, reporting as the key's organisation with a
 * write-only credential that works and is walled in that organisation. And the package's side:
 * the page reads exactly what the runtime's SCORM trackers read at start.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../core/content/schema.ts';
import { RELAYED_READS } from '../../core/dispatch.ts';
import type { LaunchConfig } from '../../core/launch.ts';
import { VERBS } from '../../core/xapi/vocabulary.ts';
import { createDispatchKey, dispatchKeyFor, revokeDispatchKey } from '../../lrs/dispatch/keys.ts';
import { loadCheckedCourses } from '../../packaging/build.ts';
import { relayPage } from '../../packaging/dispatch/dispatch-package.ts';
import { scorm12Model } from '../../src/tracker/scorm/scorm12.ts';
import { scorm2004Model } from '../../src/tracker/scorm/scorm2004.ts';
import { TEST_DATABASES } from './backends.ts';
import { startTestLrs, type TestLrs } from './client.ts';

const [pcp] = loadCheckedCourses(resolve(import.meta.dirname, '../..'), { only: ['pcp'] }, { info: () => {}, warn: () => {} }).map((c) => c.course!) as [Course];

function modulesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inprocap-dispatch-'));
  mkdirSync(join(dir, 'courses'));
  mkdirSync(join(dir, 'runtime'));
  writeFileSync(join(dir, 'courses/pcp.json'), JSON.stringify(pcp));
  writeFileSync(join(dir, 'runtime/index.html'), '<!doctype html>\n<html lang="en"><head><title>x</title></head><body></body></html>');
  return dir;
}

const launchOf = (html: string): LaunchConfig => JSON.parse(/<script type="application\/json" id="inprocap-launch">(.*?)<\/script>/s.exec(html)![1]!);

describe('the dispatch page', () => {
  it("reads at start exactly the elements the runtime's SCORM trackers read", () => {
    for (const [format, model] of [['scorm12', scorm12Model], ['scorm2004', scorm2004Model]] as const) {
      expect([...RELAYED_READS[format]].sort()).toEqual([model.learnerId, model.learnerName, model.language, model.interactionCount, model.suspendData, model.location].sort());
    }
  });

  it('frames the module from the server, with its key, and escapes what it writes', () => {
    const page = relayPage({ ...pcp, content: { ...pcp.content, en: { ...pcp.content.en!, title: 'PCP </script><b>' } } }, 'scorm2004', { server: 'https://lrs.example.org/', key: 'abc.def', org: 'DTI' });
    const config = JSON.parse(/<script type="application\/json" id="dispatch">(.*?)<\/script>/s.exec(page)![1]!);
    expect(config).toEqual({ server: 'https://lrs.example.org', module: 'pcp', key: 'abc.def', format: 'scorm2004', reads: [...RELAYED_READS.scorm2004] });
    expect(page).toContain('<title>PCP &lt;/script&gt;&lt;b&gt;</title>');
    expect(page).not.toContain('<b>');
  });
});

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('dispatch keys and the dispatched module on %s', (_name, database) => {
  let lrs: TestLrs;
  const get = (url: string) => lrs.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    lrs = await startTestLrs(database, { modulesDir: modulesDir(), baseUrl: 'https://lrs.example.org' });
  });
  afterAll(async () => lrs?.close());

  it('serves the module as built, in relay mode, reporting as the organisation of the key', async () => {
    const { token } = await createDispatchKey(lrs.backend, 'NCBJ', 'NCBJ Moodle');
    const response = await get(`/dispatch/pcp?key=${token}&format=scorm12`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const launch = launchOf(response.body);
    expect(launch).toMatchObject({ format: 'scorm12', relay: true, report: { endpoint: 'https://lrs.example.org/xapi', org: 'NCBJ', identified: false } });
    // Its credential writes to NCBJ, and only writes
    const statement = { actor: { objectType: 'Agent', account: { homePage: launch.report!.orgIri, name: 'p-1' } }, verb: { id: VERBS.initialized }, object: { id: pcp.id } };
    expect((await lrs.request('POST', '/xapi/statements', { auth: launch.report!.auth, body: statement })).status).toBe(200);
    expect((await lrs.request('GET', '/xapi/statements', { auth: launch.report!.auth })).status).toBe(403);
    const ncbj = await lrs.auth(['statements/read'], 'NCBJ');
    expect((await lrs.request('GET', `/xapi/statements?activity=${encodeURIComponent(pcp.id)}`, { auth: ncbj })).json.statements).toHaveLength(1);
    const other = await lrs.auth(['statements/read'], 'DTI');
    expect((await lrs.request('GET', `/xapi/statements?activity=${encodeURIComponent(pcp.id)}`, { auth: other })).json.statements).toHaveLength(0);
  });

  it("gives every package of an organisation its one key, until it is replaced", async () => {
    const first = await dispatchKeyFor(lrs.backend, 'PEDAL');
    const again = await dispatchKeyFor(lrs.backend, 'PEDAL');
    expect(again.token).toBe(first.token);
    const replaced = await createDispatchKey(lrs.backend, 'PEDAL');
    expect((await dispatchKeyFor(lrs.backend, 'PEDAL')).token).toBe(replaced.token);
  });

  it('refuses a made-up, unknown or revoked key, and a revoked key reports no more', async () => {
    const { key, token } = await createDispatchKey(lrs.backend, 'DTI');
    const forged = await get(`/dispatch/pcp?key=${key.id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&format=scorm12`);
    expect(forged.statusCode).toBe(401);
    expect(forged.body).toContain('not issued by this server');
    expect((await get('/dispatch/pcp?format=scorm12')).statusCode).toBe(401);
    const before = launchOf((await get(`/dispatch/pcp?key=${token}&format=scorm2004`)).body);
    expect(await revokeDispatchKey(lrs.backend, key.id)).toBe(true);
    const revoked = await get(`/dispatch/pcp?key=${token}&format=scorm2004`);
    expect(revoked.statusCode).toBe(403);
    expect(revoked.headers['content-type']).toContain('text/html');
    expect(revoked.body).toContain('was revoked');
    const statement = { actor: { objectType: 'Agent', account: { homePage: before.report!.orgIri, name: 'p-2' } }, verb: { id: VERBS.initialized }, object: { id: pcp.id } };
    expect((await lrs.request('POST', '/xapi/statements', { auth: before.report!.auth, body: statement })).status).toBe(401);
    expect(await revokeDispatchKey(lrs.backend, key.id)).toBe(false);
  });

  it('says what is wrong with a request it cannot serve', async () => {
    const { token } = await createDispatchKey(lrs.backend, 'DTI');
    expect((await get(`/dispatch/pcp?key=${token}&format=cmi5`)).statusCode).toBe(400);
    const missing = await get(`/dispatch/no-such-module?key=${token}&format=scorm12`);
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('not on this server');
  });
});
