/**
 * Two organisations on one LRS, each with a credential of every scope ("all"), on SQLite and
 * PostgreSQL: organisation A stores statements (with an attachment, a registration, related
 * activities and agents, a voided one), state, an activity profile and an agent profile; then
 * organisation B tries every route with A's identifiers. B reads, lists, changes and voids
 * nothing of A's, learns no name A's statements gave, and A's records are unchanged afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMultipart } from '../../lrs/xapi/multipart.ts';
import { createHash } from 'node:crypto';
import { TEST_DATABASES } from './backends.ts';
import { startTestLrs, type TestLrs } from './client.ts';

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const ACTOR = { objectType: 'Agent', name: 'Ada of A', mbox: 'mailto:ada@a.example' };
const TEACHER = { objectType: 'Agent', name: 'Teacher of A', mbox: 'mailto:teacher@a.example' };
const ACTIVITY = 'https://a.example/activities/secret-course';
const PARENT = 'https://a.example/activities/programme';
const REGISTRATION = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
const ids = {
  plain: '0a000000-0000-4000-8000-000000000001',
  related: '0a000000-0000-4000-8000-000000000002',
  voided: '0a000000-0000-4000-8000-000000000003',
  voiding: '0a000000-0000-4000-8000-000000000004',
  attached: '0a000000-0000-4000-8000-000000000005',
};
const verb = (id: string) => ({ id, display: { en: id.split('/').at(-1)! } });
const attachment = Buffer.from('A confidential attachment');
const sha2 = createHash('sha256').update(attachment).digest('hex');

const q = (params: Record<string, string | object>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('two organisations on %s', (_name, database) => {
  let lrs: TestLrs;
  let a: string;
  let b: string;
  let before: string;

  const aStatementIds = Object.values(ids);
  const seen = (statements: { id: string }[]) => statements.map((s) => s.id).filter((id) => aStatementIds.includes(id));

  beforeAll(async () => {
    lrs = await startTestLrs(database);
    a = await lrs.auth(['all'], 'A');
    b = await lrs.auth(['all'], 'B');
    before = new Date(Date.now() - 60_000).toISOString();
    const statements = [
      {
        id: ids.plain,
        actor: ACTOR,
        verb: verb('http://adlnet.gov/expapi/verbs/completed'),
        object: { objectType: 'Activity', id: ACTIVITY, definition: { name: { en: 'A secret course' }, description: { en: 'Contact ada@a.example' } } },
        context: { registration: REGISTRATION, instructor: TEACHER, contextActivities: { parent: [{ id: PARENT }] } },
      },
      { id: ids.related, actor: ACTOR, verb: verb('http://adlnet.gov/expapi/verbs/attempted'), object: { objectType: 'Activity', id: PARENT }, context: { contextActivities: { grouping: [{ id: ACTIVITY }] } } },
      { id: ids.voided, actor: ACTOR, verb: verb('http://adlnet.gov/expapi/verbs/failed'), object: { objectType: 'Activity', id: ACTIVITY } },
      { id: ids.voiding, actor: ACTOR, verb: verb(VOIDED), object: { objectType: 'StatementRef', id: ids.voided } },
    ];
    expect((await lrs.request('POST', '/xapi/statements', { auth: a, body: statements })).status).toBe(200);
    const withAttachment = {
      id: ids.attached,
      actor: ACTOR,
      verb: verb('http://adlnet.gov/expapi/verbs/shared'),
      object: { objectType: 'Activity', id: ACTIVITY },
      attachments: [{ usageType: 'https://a.example/usage', display: { en: 'report' }, contentType: 'text/plain', length: attachment.length, sha2 }],
    };
    const { contentType, body } = buildMultipart([
      { headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(withAttachment)) },
      { headers: { 'Content-Type': 'text/plain', 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': sha2 }, body: attachment },
    ]);
    expect((await lrs.request('POST', '/xapi/statements', { auth: a, raw: body, headers: { 'content-type': contentType } })).status).toBe(200);
    const docs: [string, string][] = [
      [`/xapi/activities/state?${q({ activityId: ACTIVITY, agent: ACTOR, stateId: 'bookmark' })}`, '{"page":7}'],
      [`/xapi/activities/state?${q({ activityId: ACTIVITY, agent: ACTOR, registration: REGISTRATION, stateId: 'bookmark' })}`, '{"page":8}'],
      [`/xapi/activities/profile?${q({ activityId: ACTIVITY, profileId: 'syllabus' })}`, '{"owner":"A"}'],
      [`/xapi/agents/profile?${q({ agent: ACTOR, profileId: 'preferences' })}`, '{"lang":"da"}'],
    ];
    for (const [path, raw] of docs) {
      expect((await lrs.request('PUT', path, { auth: a, raw, headers: { 'if-none-match': '*' } })).status, path).toBe(204);
    }
  }, 60_000);
  afterAll(async () => lrs?.close());

  it('B gets none of A\'s statements by id, voided id, or the alternate request syntax', async () => {
    for (const id of [ids.plain, ids.related, ids.voiding, ids.attached]) {
      expect((await lrs.request('GET', `/xapi/statements?statementId=${id}`, { auth: b })).status, id).toBe(404);
    }
    expect((await lrs.request('GET', `/xapi/statements?voidedStatementId=${ids.voided}`, { auth: b })).status).toBe(404);
    const form = new URLSearchParams({ statementId: ids.plain, Authorization: b, 'X-Experience-API-Version': '1.0.3' });
    const alternate = await lrs.request('POST', '/xapi/statements?method=GET', { raw: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, version: null });
    expect(alternate.status).toBe(404);
    // A still reads them all.
    for (const id of [ids.plain, ids.related, ids.voiding, ids.attached]) expect((await lrs.request('GET', `/xapi/statements?statementId=${id}`, { auth: a })).status).toBe(200);
    expect((await lrs.request('GET', `/xapi/statements?voidedStatementId=${ids.voided}`, { auth: a })).status).toBe(200);
  });

  it('B finds none of A\'s statements with any filter, in any page', async () => {
    const queries: Record<string, string | object>[] = [
      {},
      { since: before },
      { agent: ACTOR },
      { agent: TEACHER, related_agents: 'true' },
      { activity: ACTIVITY },
      { activity: ACTIVITY, related_activities: 'true' },
      { activity: PARENT, related_activities: 'true' },
      { registration: REGISTRATION },
      { verb: 'http://adlnet.gov/expapi/verbs/completed' },
      { verb: VOIDED },
      { attachments: 'true' },
      { format: 'ids', limit: '1' },
    ];
    for (const query of queries) {
      const own = await lrs.request('GET', `/xapi/statements?${q(query)}`, { auth: a });
      const other = await lrs.request('GET', `/xapi/statements?${q(query)}`, { auth: b });
      expect(other.status, JSON.stringify(query)).toBe(200);
      const statements = query.attachments ? JSON.parse(other.text.split(/\r\n\r\n/)[1]!.split('\r\n--')[0]!).statements : other.json.statements;
      expect(seen(statements), `B with ${JSON.stringify(query)}`).toEqual([]);
      expect(other.text).not.toContain('ada@a.example');
      expect(other.text).not.toContain(attachment.toString());
      expect(own.status).toBe(200);
      expect(other.headers['x-experience-api-consistent-through']).toBeDefined();
    }
    // A's `more` link, followed with B's credential, pages through B's records (none of A's).
    const first = await lrs.request('GET', `/xapi/statements?${q({ limit: '1' })}`, { auth: a });
    expect(first.json.more).toMatch(/^\/xapi\/statements\/more\//);
    let more: string = first.json.more;
    const followedByB: { id: string }[] = [];
    for (let page = 0; more && page < 10; page++) {
      const next = await lrs.request('GET', more, { auth: b });
      expect(next.status).toBe(200);
      followedByB.push(...next.json.statements);
      more = next.json.more;
    }
    expect(seen(followedByB)).toEqual([]);
  });

  it('B cannot void A\'s statement: 403, and nothing of the batch is stored', async () => {
    const own = '0b000000-0000-4000-8000-000000000001';
    const voidA = await lrs.request('POST', '/xapi/statements', {
      auth: b,
      body: [
        { id: own, actor: { objectType: 'Agent', mbox: 'mailto:bob@b.example' }, verb: verb('http://adlnet.gov/expapi/verbs/attempted'), object: { objectType: 'Activity', id: 'https://b.example/x' } },
        { actor: { objectType: 'Agent', mbox: 'mailto:bob@b.example' }, verb: verb(VOIDED), object: { objectType: 'StatementRef', id: ids.plain } },
      ],
    });
    expect(voidA.status).toBe(403);
    expect(voidA.json.message).toMatch(/another organisation/);
    expect((await lrs.request('GET', `/xapi/statements?statementId=${own}`, { auth: b })).status).toBe(404);
    expect((await lrs.request('GET', `/xapi/statements?statementId=${ids.plain}`, { auth: a })).status).toBe(200);
    // B may void its own.
    expect((await lrs.request('PUT', `/xapi/statements?statementId=${own}`, { auth: b, body: { actor: { objectType: 'Agent', mbox: 'mailto:bob@b.example' }, verb: verb('http://adlnet.gov/expapi/verbs/attempted'), object: { objectType: 'Activity', id: 'https://b.example/x' } } })).status).toBe(204);
    expect((await lrs.request('POST', '/xapi/statements', { auth: b, body: { actor: { objectType: 'Agent', mbox: 'mailto:bob@b.example' }, verb: verb(VOIDED), object: { objectType: 'StatementRef', id: own } } })).status).toBe(200);
    expect((await lrs.request('GET', `/xapi/statements?voidedStatementId=${own}`, { auth: b })).status).toBe(200);
  });

  it('B storing a statement under one of A\'s ids makes B\'s own, and changes nothing of A\'s', async () => {
    const mine = { actor: { objectType: 'Agent', mbox: 'mailto:bob@b.example' }, verb: verb('http://adlnet.gov/expapi/verbs/experienced'), object: { objectType: 'Activity', id: 'https://b.example/y' } };
    expect((await lrs.request('PUT', `/xapi/statements?statementId=${ids.related}`, { auth: b, body: mine })).status).toBe(204);
    expect((await lrs.request('GET', `/xapi/statements?statementId=${ids.related}`, { auth: b })).json.object.id).toBe('https://b.example/y');
    expect((await lrs.request('GET', `/xapi/statements?statementId=${ids.related}`, { auth: a })).json.object.id).toBe(PARENT);
  });

  it('B reads, lists and changes none of A\'s documents', async () => {
    const paths = {
      state: `/xapi/activities/state?${q({ activityId: ACTIVITY, agent: ACTOR, stateId: 'bookmark' })}`,
      registered: `/xapi/activities/state?${q({ activityId: ACTIVITY, agent: ACTOR, registration: REGISTRATION, stateId: 'bookmark' })}`,
      profile: `/xapi/activities/profile?${q({ activityId: ACTIVITY, profileId: 'syllabus' })}`,
      agentProfile: `/xapi/agents/profile?${q({ agent: ACTOR, profileId: 'preferences' })}`,
    };
    for (const [name, path] of Object.entries(paths)) expect((await lrs.request('GET', path, { auth: b })).status, name).toBe(404);
    for (const path of [
      `/xapi/activities/state?${q({ activityId: ACTIVITY, agent: ACTOR })}`,
      `/xapi/activities/state?${q({ activityId: ACTIVITY, agent: ACTOR, registration: REGISTRATION })}`,
      `/xapi/activities/profile?${q({ activityId: ACTIVITY })}`,
      `/xapi/agents/profile?${q({ agent: ACTOR })}`,
    ]) {
      const listed = await lrs.request('GET', path, { auth: b });
      expect(listed.status).toBe(200);
      expect(listed.json, path).toEqual([]);
    }
    // Deleting and overwriting with A's keys touches B's own documents only.
    expect((await lrs.request('DELETE', `/xapi/activities/state?${q({ activityId: ACTIVITY, agent: ACTOR })}`, { auth: b })).status).toBe(204);
    expect((await lrs.request('DELETE', paths.profile, { auth: b })).status).toBe(204);
    expect((await lrs.request('DELETE', paths.agentProfile, { auth: b })).status).toBe(204);
    expect((await lrs.request('POST', paths.state, { auth: b, body: { page: 1 } })).status).toBe(204);
    expect((await lrs.request('PUT', paths.profile, { auth: b, raw: '{"owner":"B"}', headers: { 'if-none-match': '*' } })).status).toBe(204);
    const stateA = await lrs.request('GET', paths.state, { auth: a });
    expect(stateA.json).toEqual({ page: 7 });
    expect((await lrs.request('GET', paths.registered, { auth: a })).json).toEqual({ page: 8 });
    expect((await lrs.request('GET', paths.profile, { auth: a })).json).toEqual({ owner: 'A' });
    expect((await lrs.request('GET', paths.agentProfile, { auth: a })).json).toEqual({ lang: 'da' });
    expect((await lrs.request('GET', paths.state, { auth: b })).json).toEqual({ page: 1 });
    // If-Match with A's ETag does not reach A's document either.
    const withAEtag = await lrs.request('PUT', paths.agentProfile, { auth: b, raw: '{"lang":"xx"}', headers: { 'if-match': String(stateA.headers.etag) } });
    expect(withAEtag.status).toBe(412);
  });

  it('B learns no name or e-mail A\'s statements gave an activity, nor anything of A\'s agents', async () => {
    const activity = await lrs.request('GET', `/xapi/activities?${q({ activityId: ACTIVITY })}`, { auth: b });
    expect(activity.status).toBe(200);
    expect(activity.json).toEqual({ objectType: 'Activity', id: ACTIVITY });
    expect((await lrs.request('GET', `/xapi/activities?${q({ activityId: ACTIVITY })}`, { auth: a })).json.definition.name).toEqual({ en: 'A secret course' });
    const person = await lrs.request('GET', `/xapi/agents?${q({ agent: { objectType: 'Agent', mbox: ACTOR.mbox } })}`, { auth: b });
    expect(person.json).toEqual({ objectType: 'Person', mbox: [ACTOR.mbox] });
  });
});
