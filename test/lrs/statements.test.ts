/** The Statements resource on SQLite and PostgreSQL: the same tests, both databases. */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from './backends.ts';
import { startTestLrs, statement, type TestLrs } from './client.ts';

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('statements on %s', (_name, database) => {
  let lrs: TestLrs;
  let all: string;

  beforeAll(async () => {
    lrs = await startTestLrs(database, { bodyLimit: 256 * 1024 });
    all = await lrs.auth(['all']);
  });
  afterAll(async () => lrs?.close());

  const count = async () => (await lrs.request('GET', '/xapi/statements?limit=0', { auth: all })).json.statements.length as number;

  it('stores a statement and fills in id, stored, authority, version and timestamp', async () => {
    const posted = await lrs.request('POST', '/xapi/statements', { auth: all, body: statement() });
    expect(posted.status).toBe(200);
    const [id] = posted.json;
    const got = await lrs.request('GET', `/xapi/statements?statementId=${id}`, { auth: all });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id, version: '1.0.0', actor: { mbox: 'mailto:ada@example.org' } });
    expect(got.json.stored).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(got.json.timestamp).toBe(got.json.stored);
    expect(got.json.authority).toMatchObject({ objectType: 'Agent', name: 'DTI' });
    expect(got.headers['x-experience-api-version']).toBe('1.0.3');
    expect(got.headers['x-experience-api-consistent-through']).toBeDefined();
  });

  it('treats a re-sent identical statement as a no-op and a different one with the same id as a conflict', async () => {
    const id = randomUUID();
    expect((await lrs.request('PUT', `/xapi/statements?statementId=${id}`, { auth: all, body: statement() })).status).toBe(204);
    expect((await lrs.request('PUT', `/xapi/statements?statementId=${id}`, { auth: all, body: statement() })).status).toBe(204);
    const conflict = await lrs.request('POST', '/xapi/statements', { auth: all, body: { ...statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } }), id } });
    expect(conflict.status).toBe(409);
    const kept = await lrs.request('GET', `/xapi/statements?statementId=${id}`, { auth: all });
    expect(kept.json.verb.id).toBe('http://adlnet.gov/expapi/verbs/completed');
  });

  it('stores a batch whole or not at all', async () => {
    const before = await count();
    const bad = await lrs.request('POST', '/xapi/statements', { auth: all, body: [statement(), statement(), statement({ actor: { mbox: 'ada@example.org' } })] });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('statements[2].actor.mbox: must be a "mailto:" IRI with an e-mail address');
    expect(await count()).toBe(before);
    const id = randomUUID();
    const duplicate = await lrs.request('POST', '/xapi/statements', { auth: all, body: [{ ...statement(), id }, { ...statement(), id }] });
    expect(duplicate.status).toBe(400);
    expect(await count()).toBe(before);
    const good = await lrs.request('POST', '/xapi/statements', { auth: all, body: [statement(), statement()] });
    expect(good.status).toBe(200);
    expect(await count()).toBe(before + 2);
  });

  const invalid: [string, unknown, string][] = [
    ['no actor', { verb: statement().verb, object: statement().object }, 'statement.actor: is required'],
    ['an IRI with a space', statement({ verb: { id: 'http://example.org/my verb' } }), 'statement.verb.id: must be an absolute IRI with a scheme and no spaces'],
    ['a UUID in braces', { ...statement(), id: `{${randomUUID()}}` }, 'statement.id: must be a UUID in its canonical form (8-4-4-4-12 hexadecimal digits)'],
    ['30 February', statement({ timestamp: '2026-02-30T10:00:00Z' }), 'statement.timestamp: must be an ISO 8601 date and time with a time zone, and a date that exists'],
    ['a short mbox_sha1sum', statement({ actor: { mbox_sha1sum: 'abc123' } }), 'statement.actor.mbox_sha1sum: must be 40 hexadecimal digits (a SHA-1 of the mailto IRI)'],
    ['a Group inside a Group', statement({ actor: { objectType: 'Group', member: [{ objectType: 'Group', member: [{ mbox: 'mailto:a@b.c' }] }] } }), 'statement.actor.member[0]: a Group cannot contain a Group'],
    ['a __proto__ key', JSON.parse(`{"actor":{"mbox":"mailto:a@b.c"},"verb":{"id":"http://a.b/v"},"object":{"id":"http://a.b/o"},"__proto__":{"x":1}}`), 'statement.__proto__: is not a property of statement (allowed: id, actor, verb, object, result, context, timestamp, stored, authority, version, attachments)'],
    ['an unknown property', statement({ colour: 'red' }), 'statement.colour: is not a property of statement (allowed: id, actor, verb, object, result, context, timestamp, stored, authority, version, attachments)'],
    ['a null value', statement({ result: null }), 'statement.result: must not be null: leave the property out instead'],
    ['a scaled score over 1', statement({ result: { score: { scaled: 1.5 } } }), 'statement.result.score.scaled: must lie between -1 and 1'],
    ['two identifiers on an agent', statement({ actor: { mbox: 'mailto:a@b.c', openid: 'http://a.b/c' } }), 'statement.actor: an Agent must have exactly one of mbox, mbox_sha1sum, openid, account (has 2)'],
    ['a bad duration', statement({ result: { duration: 'PT1H30' } }), 'statement.result.duration: must be an ISO 8601 duration such as PT1H30M'],
    ['a -00:00 offset', statement({ timestamp: '2026-05-01T10:00:00-00:00' }), 'statement.timestamp: must not use the offset -00 (write Z or +00:00 for UTC)'],
    ['platform with a StatementRef object', statement({ object: { objectType: 'StatementRef', id: randomUUID() }, context: { platform: 'Moodle' } }), 'statement.context.platform: is only allowed when the object is an Activity'],
    ['an identified Group as authority', statement({ authority: { objectType: 'Group', mbox: 'mailto:g@example.org', member: [{ mbox: 'mailto:a@b.c' }, { mbox: 'mailto:d@e.f' }] } }), 'statement.authority: a Group authority must be anonymous (an OAuth consumer and a user, no identifier)'],
    ['revision on an Agent object', statement({ object: { objectType: 'Agent', mbox: 'mailto:b@c.d' }, context: { revision: '2' } }), 'statement.context.revision: is only allowed when the object is an Activity'],
  ];

  it.each(invalid)('rejects %s with the field and the rule, storing nothing', async (_what, body, message) => {
    const before = await count();
    const response = await lrs.request('POST', '/xapi/statements', { auth: all, body });
    expect(response.status).toBe(400);
    expect(response.json.message).toBe(message);
    expect(await count()).toBe(before);
  });

  it('limits nesting depth, body size and refuses invalid UTF-8 and broken JSON with 4xx', async () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 70; i++) deep = { nested: deep };
    const tooDeep = await lrs.request('POST', '/xapi/statements', { auth: all, body: statement({ result: { extensions: { 'http://a.b/x': deep } } }) });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.json.message).toBe('statements: nests deeper than 64 levels');
    const big = await lrs.request('POST', '/xapi/statements', { auth: all, body: statement({ result: { response: 'x'.repeat(300 * 1024) } }) });
    expect(big.status).toBe(413);
    const utf8 = await lrs.request('POST', '/xapi/statements', { auth: all, raw: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });
    expect(utf8.status).toBe(400);
    expect(utf8.json.message).toBe('statements: is not valid UTF-8');
    const broken = await lrs.request('POST', '/xapi/statements', { auth: all, raw: '{"actor":' });
    expect(broken.status).toBe(400);
    expect(broken.json.message).toMatch(/^statements: is not valid JSON/);
  });

  it('refuses unknown query parameters and conflicting id parameters', async () => {
    const unknown = await lrs.request('GET', '/xapi/statements?verbs=x', { auth: all });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toMatch(/^verbs: is not a parameter of GET statements/);
    const both = await lrs.request('GET', `/xapi/statements?statementId=${randomUUID()}&verb=http://a.b/c`, { auth: all });
    expect(both.status).toBe(400);
  });

  it('voids a statement: it disappears from queries and is found as voided', async () => {
    const [target] = (await lrs.request('POST', '/xapi/statements', { auth: all, body: statement() })).json;
    const voiding = statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: target } });
    const [voidingId] = (await lrs.request('POST', '/xapi/statements', { auth: all, body: voiding })).json;
    expect((await lrs.request('GET', `/xapi/statements?statementId=${target}`, { auth: all })).status).toBe(404);
    const voided = await lrs.request('GET', `/xapi/statements?voidedStatementId=${target}`, { auth: all });
    expect(voided.status).toBe(200);
    expect(voided.json.id).toBe(target);
    const listed = (await lrs.request('GET', '/xapi/statements?limit=0', { auth: all })).json.statements.map((s: { id: string }) => s.id);
    expect(listed).not.toContain(target);
    expect(listed).toContain(voidingId);
    const voidVoiding = statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: voidingId } });
    expect((await lrs.request('POST', '/xapi/statements', { auth: all, body: voidVoiding })).status).toBe(400);
  });

  it('filters by agent, verb, activity, related activities, registration, time, and pages with more', async () => {
    const registration = randomUUID();
    const learner = { mbox: `mailto:${randomUUID()}@example.org` };
    const course = `https://inprocap.eu/modules/${randomUUID()}`;
    const question = `${course}/quiz/q1`;
    const since = new Date(Date.now() - 1000).toISOString();
    const batch = Array.from({ length: 5 }, (_, i) =>
      statement({
        actor: learner,
        verb: { id: i === 4 ? 'http://adlnet.gov/expapi/verbs/passed' : 'http://adlnet.gov/expapi/verbs/answered' },
        object: { id: i === 4 ? course : question },
        context: { registration, contextActivities: { parent: [{ id: course }] } },
      }),
    );
    const ids: string[] = (await lrs.request('POST', '/xapi/statements', { auth: all, body: batch })).json;
    await lrs.request('POST', '/xapi/statements', { auth: all, body: statement() }); // someone else
    const q = async (params: Record<string, string>) =>
      (await lrs.request('GET', `/xapi/statements?${new URLSearchParams(params)}`, { auth: all })).json;
    const agent = JSON.stringify(learner);
    expect((await q({ agent })).statements).toHaveLength(5);
    expect((await q({ agent, verb: 'http://adlnet.gov/expapi/verbs/passed' })).statements.map((s: any) => s.id)).toEqual([ids[4]]);
    expect((await q({ activity: course })).statements).toHaveLength(1);
    expect((await q({ activity: course, related_activities: 'true' })).statements).toHaveLength(5);
    expect((await q({ registration })).statements).toHaveLength(5);
    expect((await q({ agent, since })).statements).toHaveLength(5);
    expect((await q({ agent, until: since })).statements).toHaveLength(0);
    const ascending = (await q({ agent, ascending: 'true' })).statements.map((s: any) => s.id);
    expect(ascending).toEqual(ids);

    const seen: string[] = [];
    let page = await q({ agent, limit: '2' });
    seen.push(...page.statements.map((s: any) => s.id));
    let pages = 1;
    while (page.more) {
      const next = await lrs.request('GET', page.more, { auth: all });
      expect(next.status, next.text).toBe(200);
      page = next.json;
      seen.push(...page.statements.map((s: any) => s.id));
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('returns statements that target a matching statement, the voiding one included', async () => {
    const verb = `https://inprocap.eu/verbs/${randomUUID()}`;
    const [target] = (await lrs.request('POST', '/xapi/statements', { auth: all, body: statement({ verb: { id: verb } }) })).json;
    const [ref] = (await lrs.request('POST', '/xapi/statements', { auth: all, body: statement({ object: { objectType: 'StatementRef', id: target } }) })).json;
    let found = (await lrs.request('GET', `/xapi/statements?verb=${encodeURIComponent(verb)}`, { auth: all })).json.statements.map((s: any) => s.id);
    expect(found.sort()).toEqual([target, ref].sort());
    const [voiding] = (await lrs.request('POST', '/xapi/statements', { auth: all, body: statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: target } }) })).json;
    found = (await lrs.request('GET', `/xapi/statements?verb=${encodeURIComponent(verb)}`, { auth: all })).json.statements.map((s: any) => s.id);
    expect(found.sort()).toEqual([ref, voiding].sort());
  });

  it('stores single context activities as arrays and merges activity definitions', async () => {
    const id = `https://inprocap.eu/modules/${randomUUID()}`;
    const [first] = (await lrs.request('POST', '/xapi/statements', { auth: all, body: statement({ object: { id, definition: { name: { en: 'Market consultation' } } }, context: { contextActivities: { parent: { id: 'https://inprocap.eu/modules' } } } }) })).json;
    const stored = (await lrs.request('GET', `/xapi/statements?statementId=${first}`, { auth: all })).json;
    expect(stored.context.contextActivities.parent).toEqual([{ id: 'https://inprocap.eu/modules' }]);
    await lrs.request('POST', '/xapi/statements', { auth: all, body: statement({ object: { id, definition: { name: { fr: 'Consultation du marché' } } } }) });
    const activity = (await lrs.request('GET', `/xapi/activities?activityId=${encodeURIComponent(id)}`, { auth: all })).json;
    expect(activity.definition.name).toEqual({ en: 'Market consultation', fr: 'Consultation du marché' });
  });

  it('takes attachments in multipart/mixed and gives them back with attachments=true', async () => {
    const content = Buffer.from('Minutes of the market consultation, in plain text.');
    const sha2 = createHash('sha256').update(content).digest('hex');
    const body = statement({ attachments: [{ usageType: 'https://inprocap.eu/attachments/minutes', display: { en: 'Minutes' }, contentType: 'text/plain', length: content.length, sha2 }] });
    const boundary = 'test-boundary-42';
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(body)}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const posted = await lrs.request('POST', '/xapi/statements', { auth: all, raw: multipart, headers: { 'content-type': `multipart/mixed; boundary=${boundary}` } });
    expect(posted.status, posted.text).toBe(200);
    const [id] = posted.json;
    const back = await lrs.request('GET', `/xapi/statements?statementId=${id}&attachments=true`, { auth: all });
    expect(String(back.headers['content-type'])).toMatch(/^multipart\/mixed; boundary=/);
    expect(back.text).toContain(`X-Experience-API-Hash: ${sha2}`);
    expect(back.text).toContain(content.toString());
    // Declared but missing, and present but undeclared, are both refused.
    const json = await lrs.request('POST', '/xapi/statements', { auth: all, body });
    expect(json.status).toBe(400);
    expect(json.json.message).toContain('has no fileUrl');
  });

  it('understands the alternate request syntax', async () => {
    const id = randomUUID();
    const form = new URLSearchParams({
      statementId: id,
      content: JSON.stringify(statement()),
      Authorization: all,
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
    });
    const put = await lrs.request('POST', '/xapi/statements?method=PUT', { raw: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, version: null });
    expect(put.status, put.text).toBe(204);
    const get = await lrs.request('POST', '/xapi/statements?method=GET', {
      raw: new URLSearchParams({ statementId: id, Authorization: all, 'X-Experience-API-Version': '1.0.3' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      version: null,
    });
    expect(get.status).toBe(200);
    expect(get.json.id).toBe(id);
    const v2 = await lrs.request('POST', '/xapi/statements?method=GET', {
      raw: new URLSearchParams({ statementId: id, Authorization: all, 'X-Experience-API-Version': '2.0.0' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      version: null,
    });
    expect(v2.status).toBe(400);
    const extra = await lrs.request('POST', `/xapi/statements?method=GET&statementId=${id}`, { raw: '', headers: { 'content-type': 'application/x-www-form-urlencoded' }, version: null });
    expect(extra.status).toBe(400);
  });

  it('answers in the ids and canonical formats', async () => {
    const [id] = (await lrs.request('POST', '/xapi/statements', { auth: all, body: statement() })).json;
    const ids = await lrs.request('GET', `/xapi/statements?statementId=${id}&format=ids`, { auth: all });
    expect(ids.json.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:ada@example.org' });
    expect(ids.json.object).toEqual({ id: 'https://inprocap.eu/modules/pcp' });
    const canonical = await lrs.request('GET', `/xapi/statements?statementId=${id}&format=canonical`, { auth: all, headers: { 'accept-language': 'fr-BE, en;q=0.5' } });
    expect(canonical.json.object.definition.name).toEqual({ fr: 'Achats avant commercialisation' });
  });

  it('enforces credentials and scopes', async () => {
    expect((await lrs.request('GET', '/xapi/statements')).status).toBe(401);
    expect((await lrs.request('GET', '/xapi/statements', { auth: 'Basic ' + Buffer.from('nobody:nothing').toString('base64') })).status).toBe(401);
    const writer = await lrs.auth(['statements/write'], 'ESS');
    expect((await lrs.request('POST', '/xapi/statements', { auth: writer, body: statement() })).status).toBe(200);
    expect((await lrs.request('GET', '/xapi/statements', { auth: writer })).status).toBe(403);
    const mine = await lrs.auth(['statements/write', 'statements/read/mine'], 'CERN');
    const [own] = (await lrs.request('POST', '/xapi/statements', { auth: mine, body: statement() })).json;
    const visible = (await lrs.request('GET', '/xapi/statements?limit=0', { auth: mine })).json.statements.map((s: any) => s.id);
    expect(visible).toEqual([own]);
    const state = await lrs.request('GET', '/xapi/activities/state?activityId=http://a.b/c&agent=' + encodeURIComponent('{"mbox":"mailto:a@b.c"}'), { auth: writer });
    expect(state.status).toBe(403);
  });

  it('takes every 1.0.x and 2.0.0 version header, answers in kind, and needs one except on about', async () => {
    for (const version of ['1.0.0', '1.0.1', '1.0.2', '1.0.3']) {
      expect((await lrs.request('GET', '/xapi/statements?limit=1', { auth: all, version })).headers['x-experience-api-version']).toBe('1.0.3');
    }
    expect((await lrs.request('GET', '/xapi/statements?limit=1', { auth: all, version: '2.0.0' })).headers['x-experience-api-version']).toBe('2.0.0');
    expect((await lrs.request('GET', '/xapi/statements', { auth: all, version: null })).status).toBe(400);
    expect((await lrs.request('GET', '/xapi/statements', { auth: all, version: '0.95' })).status).toBe(400);
    const about = await lrs.request('GET', '/xapi/about', { version: null });
    expect(about.status).toBe(200);
    expect(about.json.version).toContain('2.0.0');
  });

  it('lets browsers from other origins PUT and DELETE (CORS preflight)', async () => {
    const preflight = await lrs.request('OPTIONS', '/xapi/activities/state', {
      version: null,
      headers: { origin: 'https://moodle.example.org', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,content-type,x-experience-api-version' },
    });
    expect(preflight.status).toBe(204);
    expect(String(preflight.headers['access-control-allow-methods'])).toMatch(/PUT/);
    expect(String(preflight.headers['access-control-allow-methods'])).toMatch(/DELETE/);
  });

  it('answers hostile input with 4xx, never 5xx', async () => {
    const hostile = ['[]', '[1]', '"x"', 'null', '{"actor":[]}', '{"verb":{"id":{}}}', '[{"actor":{"objectType":"Group"}}]', '{"object":{"objectType":"SubStatement","object":{"objectType":"SubStatement"}}}'];
    for (const raw of hostile) {
      const response = await lrs.request('POST', '/xapi/statements', { auth: all, raw });
      expect(response.status, raw).toBeGreaterThanOrEqual(400);
      expect(response.status, raw).toBeLessThan(500);
    }
    const queries = ['agent=notjson', 'agent={}', 'since=yesterday', 'limit=-1', 'statementId=abc', 'ascending=maybe', 'format=xml'];
    for (const query of queries) {
      expect((await lrs.request('GET', `/xapi/statements?${query}`, { auth: all })).status, query).toBe(400);
    }
  });
});
