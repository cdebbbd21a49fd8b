/**
 * The programme on both databases: in-person sessions and attendance per organisation, programme
 * completion (checked against the seed's statements counted here), certificates and their public
 * verification, and the walls between organisations and roles.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../core/content/schema.ts';
import { VERBS } from '../../core/xapi/vocabulary.ts';
import { SESSION_COOKIE } from '../../lrs/http/dashboard-session.ts';
import { pseudonym } from '../../lrs/reports/service.ts';
import { learnerStatements, postSeed, SEED_ORGS, seedCredentials, seedLearners, type SeedOptions } from '../../lrs/seed/seed.ts';
import { agentKey } from '../../core/xapi/identity.ts';
import { loadCheckedCourses } from '../../packaging/build.ts';
import { TEST_DATABASES } from './backends.ts';
import { signInAccounts, startTestLrs, type TestLrs } from './client.ts';

const quiet = { info: () => {}, warn: () => {} };
const courses: Course[] = loadCheckedCourses(resolve(import.meta.dirname, '../..'), { only: ['fundamentals', 'pcp'] }, quiet).map((c) => c.course!);
const [fundamentals, pcp] = [courses.find((c) => c.slug === 'fundamentals')!, courses.find((c) => c.slug === 'pcp')!];
const options: SeedOptions = { learners: 60, orgs: 2, seed: 5, from: new Date(Date.UTC(2026, 8, 1)), days: 30 };
const PASSWORD = 'a long password 1';

// What the seed sent: who passed both modules, per organisation (DTI is identified, the other pseudonymous).
const learners = seedLearners(options);
const passedAll = learners.filter((l) => courses.every((c) => learnerStatements(c, l, options).some((s: any) => s.verb.id === VERBS.passed)));
const keyOf = (l: (typeof learners)[number]) => agentKey({ account: l.account })!;
const ofOrg = (org: string) => learners.filter((l) => l.org === org);
/** The seed's second organisation: its learners are pseudonymous. */
const OTHER = SEED_ORGS[1]!;

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('the programme on %s', (_name, database) => {
  let lrs: TestLrs;
  const cookies: Record<string, { session: string; csrf: string }> = {};

  beforeAll(async () => {
    lrs = await startTestLrs(database, { programme: { modules: [fundamentals.id, pcp.id], sessions: 1 }, baseUrl: 'https://lrs.example.org' });
    const address = await lrs.app.listen({ port: 0, host: '127.0.0.1' });
    await postSeed(`${address}/xapi`, seedCredentials(lrs.backend).authorization, courses, options);
    Object.assign(cookies, await signInAccounts(lrs, [['trainer.dti', 'trainer', 'DTI'], ['trainer.other', 'trainer', OTHER], ['cg', 'control-group'], ['admin', 'admin']], PASSWORD));
  }, 120_000);
  afterAll(async () => lrs?.close());

  const api = async (who: string, method: string, url: string, payload?: unknown) => {
    const response = await lrs.app.inject({
      method: method as never,
      url: `/api${url}`,
      cookies: { [SESSION_COOKIE]: cookies[who]!.session },
      headers: method === 'GET' ? {} : { 'x-csrf-token': cookies[who]!.csrf },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.headers['content-type']?.toString().startsWith('application/json') ? response.json() : response.rawPayload, headers: response.headers };
  };

  let session: { id: string };

  it("a trainer creates a session in their organisation, which only it and the Control Group see", async () => {
    const created = await api('trainer.dti', 'POST', '/training-sessions', { moduleId: fundamentals.id, date: '2026-10-01', place: 'Taastrup' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ org: 'DTI', moduleId: fundamentals.id, moduleName: fundamentals.content.en!.title, date: '2026-10-01', place: 'Taastrup', createdBy: 'trainer.dti', attendees: 0 });
    session = created.body;
    expect((await api('trainer.dti', 'GET', '/training-sessions')).body.map((s: any) => s.id)).toEqual([session.id]);
    expect((await api('trainer.other', 'GET', '/training-sessions')).body).toEqual([]);
    expect((await api('cg', 'GET', '/training-sessions')).body.map((s: any) => s.id)).toEqual([session.id]);
    // another organisation's session is not found; the Control Group records nothing
    expect((await api('trainer.other', 'GET', `/training-sessions/${session.id}`)).status).toBe(404);
    expect((await api('trainer.other', 'POST', `/training-sessions/${session.id}/attendance`, { learners: [pseudonym(keyOf(ofOrg(OTHER)[0]!))] })).status).toBe(404);
    expect((await api('cg', 'POST', '/training-sessions', { moduleId: fundamentals.id, date: '2026-10-01', place: 'x', org: 'DTI' })).status).toBe(403);
    expect((await api('trainer.other', 'POST', '/training-sessions', { moduleId: fundamentals.id, date: '2026-10-01', place: 'x', org: 'DTI' })).status).toBe(403);
    expect((await api('admin', 'POST', '/training-sessions', { moduleId: fundamentals.id, date: '2026-10-01', place: 'x' })).body.message).toBe('"org" is required: say which organisation this is for');
  });

  it('refuses malformed sessions and attendance with the field and its rule, storing nothing', async () => {
    expect((await api('trainer.dti', 'POST', '/training-sessions', { moduleId: fundamentals.id, date: '1 Oct', place: 'x' })).body.message).toBe('"date" must be a date as YYYY-MM-DD');
    expect((await api('trainer.dti', 'POST', '/training-sessions', { moduleId: 'pcp', date: '2026-10-01', place: 'x' })).body.message).toBe('"moduleId" must be an IRI such as "https://inprocap.eu/modules/pcp"');
    expect((await api('trainer.dti', 'POST', `/training-sessions/${session.id}/attendance`, {})).status).toBe(400);
    expect((await api('trainer.dti', 'POST', `/training-sessions/${session.id}/attendance`, { learners: ['L-0000000000'] })).body.message).toBe('not a learner of DTI: L-0000000000');
    expect((await api('trainer.dti', 'POST', `/training-sessions/${session.id}/attendance`, { people: [{ email: 'not an address' }] })).body.message).toBe('"people.0.email" must be an e-mail address');
    expect((await api('trainer.dti', 'GET', '/training-sessions')).body).toHaveLength(1);
    expect((await api('trainer.dti', 'GET', `/training-sessions/${session.id}`)).body.present).toEqual([]);
  });

  it("records attendance as xAPI statements in the organisation's records, for known learners and people typed in", async () => {
    const before = await api('trainer.dti', 'GET', `/training-sessions/${session.id}`);
    expect(before.body.candidates).toHaveLength(ofOrg('DTI').length);
    expect(before.body.namesKept).toBe(true);
    const chosen = [...passedAll.filter((l) => l.org === 'DTI').slice(0, 3), ofOrg('DTI').find((l) => !passedAll.includes(l))!];
    const recorded = await api('trainer.dti', 'POST', `/training-sessions/${session.id}/attendance`, {
      learners: chosen.map((l) => pseudonym(keyOf(l))),
      people: [{ name: 'Zofia Łęcka', email: 'Zofia@Example.org' }],
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.recorded).toBe(5);
    const after = (await api('trainer.dti', 'GET', `/training-sessions/${session.id}`)).body;
    expect(after.attendees).toBe(5);
    expect(after.present.map((p: any) => p.learner).sort()).toEqual([...chosen.map((l) => pseudonym(keyOf(l))), recorded.body.learners[4]].sort());
    expect(after.present.find((p: any) => p.learner === recorded.body.learners[4]).name).toBe('Zofia Łęcka');
    expect(after.candidates).toHaveLength(ofOrg('DTI').length - 4);
    // the same person typed again is the same learner
    const again = await api('trainer.dti', 'POST', `/training-sessions/${session.id}/attendance`, { people: [{ email: 'ZOFIA@example.org' }] });
    expect(again.body.learners).toEqual([recorded.body.learners[4]]);
    // the statements: in DTI's records, as xAPI clients read them; none in CDTI's
    const read = async (org: string) => (await lrs.request('GET', `/xapi/statements?verb=${encodeURIComponent(VERBS.attended)}`, { auth: await lrs.auth(['statements/read'], org) })).json.statements;
    const statements = await read('DTI');
    expect(statements).toHaveLength(6);
    expect(statements[0]).toMatchObject({ verb: { id: VERBS.attended }, object: { id: `https://lrs.example.org/training-sessions/${session.id}`, definition: { type: 'http://adlnet.gov/expapi/activities/meeting' } }, context: { contextActivities: { parent: [{ id: fundamentals.id }] }, instructor: { account: { name: 'trainer.dti' } } } });
    expect(JSON.stringify(statements)).not.toContain('zofia@example.org');
    expect(await read(OTHER)).toEqual([]);
  });

  it('reports programme completion per learner and per partner, as the seed and the attendance say', async () => {
    const attended = new Set((await api('trainer.dti', 'GET', `/training-sessions/${session.id}`)).body.present.map((p: any) => p.learner));
    const dti = (await api('trainer.dti', 'GET', '/reports/programme')).body;
    expect(dti.required).toEqual({ modules: expect.arrayContaining([{ id: fundamentals.id, name: fundamentals.content.en!.title }, { id: pcp.id, name: pcp.content.en!.title }]), sessions: 1 });
    expect(dti.namesShown).toBe(true);
    const expected = ofOrg('DTI').filter((l) => passedAll.includes(l) && attended.has(pseudonym(keyOf(l)))).map((l) => pseudonym(keyOf(l))).sort();
    expect(expected).toHaveLength(3);
    expect(dti.learners.filter((l: any) => l.complete).map((l: any) => l.learner).sort()).toEqual(expected);
    const first = dti.learners.find((l: any) => l.learner === expected[0]);
    expect(first).toMatchObject({ org: 'DTI', modulesPassed: 2, sessions: 1, complete: true });
    expect(first.name).toBe(ofOrg('DTI').find((l) => pseudonym(keyOf(l)) === expected[0])!.name);
    expect(dti.orgs).toEqual([{ org: 'DTI', learners: ofOrg('DTI').length + 1, complete: 3, rate: 3 / (ofOrg('DTI').length + 1) }]);
    // Paged, sorted and searched by the server (the person known only from the session included).
    expect(dti.paging).toMatchObject({ page: 1, pageSize: 50, total: ofOrg('DTI').length + 1, sort: 'org', dir: 'asc' });
    expect(dti.complete).toBe(3);
    const done = (await api('trainer.dti', 'GET', '/reports/programme?sort=complete&dir=desc&pageSize=3')).body;
    expect(done.learners.map((l: any) => l.learner).sort()).toEqual(expected);
    const pages = await Promise.all([1, 2, 3, 4].map(async (page) => (await api('trainer.dti', 'GET', `/reports/programme?pageSize=10&page=${page}&sort=last`)).body.learners.map((l: any) => l.learner)));
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 1]);
    expect(new Set(pages.flat()).size).toBe(ofOrg('DTI').length + 1);
    const found = (await api('trainer.dti', 'GET', `/reports/programme?q=${expected[1]}`)).body;
    expect(found.learners.map((l: any) => l.learner)).toEqual([expected[1]]);
    const byName = (await api('trainer.dti', 'GET', `/reports/programme?q=${encodeURIComponent(first.name.slice(1, -1))}`)).body;
    expect(byName.learners.map((l: any) => l.learner)).toContain(expected[0]);
    const exported = await lrs.app.inject({ method: 'GET', url: '/api/reports/programme.csv', cookies: { [SESSION_COOKIE]: cookies['trainer.dti']!.session } });
    const lines = exported.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('learner,name,organisation,modules_passed,sessions_attended,complete,last_activity');
    expect(lines).toHaveLength(ofOrg('DTI').length + 2);
    expect(lines.filter((l) => l.includes(',true,'))).toHaveLength(3);
    // the Control Group: every partner, no names
    const cg = (await api('cg', 'GET', '/reports/programme')).body;
    expect(cg.orgs.map((o: any) => [o.org, o.complete])).toEqual([['DTI', 3], [OTHER, 0]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(cg.learners.every((l: any) => l.name === null)).toBe(true);
    expect((await api('trainer.other', 'GET', '/reports/programme?org=DTI')).status).toBe(403);
    expect((await api('cg', 'GET', '/reports/programme?module=x')).body.message).toBe('unknown parameter "module"');
  });

  it('issues a certificate only to a learner who completed the programme, and the public page confirms its code and nothing else', async () => {
    const report = (await api('trainer.dti', 'GET', '/reports/programme')).body;
    const done = report.learners.find((l: any) => l.complete);
    const notDone = report.learners.find((l: any) => !l.complete && l.modulesPassed === 2);
    const refused = await api('trainer.dti', 'POST', '/certificates', { learner: notDone.learner });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(`${notDone.learner} has not completed the programme yet: 2 of 2 modules passed, 0 of 1 in-person session attended`);
    expect((await api('trainer.other', 'POST', '/certificates', { learner: done.learner })).status).toBe(404);
    expect((await api('cg', 'POST', '/certificates', { learner: done.learner, org: 'DTI' })).status).toBe(403);

    const issued = await api('trainer.dti', 'POST', '/certificates', { learner: done.learner, name: 'Søren Ærø-Łukasz' });
    expect(issued.status).toBe(201);
    expect(issued.headers['content-type']).toBe('application/pdf');
    const code = String(issued.headers['x-certificate-code']);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const file = join(mkdtempSync(join(tmpdir(), 'inprocap-cert-')), 'certificate.pdf');
    writeFileSync(file, issued.body as Buffer);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Certificate of completion');
    expect(text).toContain('Søren Ærø-Łukasz');
    expect(text).toContain(`Verification code ${code}: https://lrs.example.org/verify/${code}`);
    expect(text).toContain(`${fundamentals.content.en!.title} · ${pcp.content.en!.title}`);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);

    const verify = await lrs.app.inject({ method: 'GET', url: `/verify/${code.toLowerCase()}` });
    expect(verify.statusCode).toBe(200);
    expect(verify.body).toContain(`Valid: the certificate with the code <strong>${code}</strong> was issued on ${new Date().toISOString().slice(0, 10)}`);
    for (const secret of ['Søren', 'DTI', done.learner, 'trainer.dti']) expect(verify.body).not.toContain(secret);
    const wrong = await lrs.app.inject({ method: 'GET', url: '/verify?code=ABCD-EFGH-JKMN' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('No certificate has the code <strong>ABCD-EFGH-JKMN</strong>');
    expect((await lrs.app.inject({ method: 'GET', url: '/verify?code=%3Cscript%3E' })).body).not.toContain('<script>');
    // nothing of the certificate is stored but the hash of its code
    expect(JSON.stringify(await lrs.backend.listTrainingSessions())).not.toContain(code);
  });
});
