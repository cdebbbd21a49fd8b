/**
 * Property-based fuzzing (fast-check) of the statement and document endpoints, on SQLite and
 * PostgreSQL:
 *
 * - generated valid statements round-trip exactly (what the LRS adds aside);
 * - each generated mutation of a valid statement (wrong types, IRIs, UUIDs, timestamps,
 *   durations, language maps, NUL and lone surrogates, unknown properties, deep nesting) is a
 *   4xx with a reason, and a batch holding it stores nothing;
 * - generated query strings, document requests, broken multipart bodies and wrong content types
 *   are answered, never with a 5xx.
 *
 * Seeded and bounded in `npm test` (FUZZ_RUNS cases per property, default 60); `npm run
 * test:stress` runs it long (FUZZ_RUNS=10000: about 100,000 cases over both databases) and
 * prints the count of cases run.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from './backends.ts';
import { startTestLrs, type TestLrs } from './client.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const counted = { cases: 0, fiveHundreds: 0 };

// ---------------------------------------------------------------------------------------------
// Valid statements

const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
const iri = fc.tuple(word, fc.array(word, { maxLength: 3 })).map(([host, path]) => `https://${host}.example/${path.join('/')}`);
const languageTag = fc.constantFrom('en', 'en-US', 'fr', 'de-CH', 'pl', 'zh-Hans', 'es-419');
const languageMap = fc.dictionary(languageTag, anyText, { minKeys: 1, maxKeys: 3 });
const uuid = fc.uuid({ version: 4 });
const timestamp = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
const duration = fc.tuple(fc.nat(100), fc.nat(59), fc.nat(59)).map(([h, m, s]) => `PT${h}H${m}M${s}S`);
const extensions = fc.dictionary(iri, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 2 });

const agent = fc.oneof(
  fc.record({ objectType: fc.constant('Agent'), mbox: fc.tuple(word, word).map(([l, d]) => `mailto:${l}@${d}.example`) }, { requiredKeys: ['mbox'] }),
  fc.record({ objectType: fc.constant('Agent'), name: anyText, account: fc.record({ homePage: iri, name: anyText.filter((n) => n.length > 0 && !n.includes('\u0000')) }) }, { requiredKeys: ['account'] }),
  fc.record({ name: anyText, openid: iri }, { requiredKeys: ['openid'] }),
);
const activity = fc.record(
  {
    objectType: fc.constant('Activity'),
    id: iri,
    definition: fc.record({ name: languageMap, description: languageMap, type: iri, extensions }, { requiredKeys: [] }),
  },
  { requiredKeys: ['id'] },
);
const validStatement = fc.record(
  {
    id: uuid,
    actor: agent,
    verb: fc.record({ id: iri, display: languageMap }, { requiredKeys: ['id'] }),
    object: activity,
    result: fc.record(
      {
        score: fc.record({ scaled: fc.double({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }).map((x) => Math.round(x * 1000) / 1000) }),
        success: fc.boolean(),
        completion: fc.boolean(),
        response: anyText,
        duration,
        extensions,
      },
      { requiredKeys: [] },
    ),
    context: fc.record(
      {
        registration: uuid,
        language: languageTag,
        contextActivities: fc.record({ parent: fc.array(activity.map((a) => ({ id: a.id })), { minLength: 1, maxLength: 2 }), category: fc.array(activity.map((a) => ({ id: a.id })), { minLength: 1, maxLength: 2 }) }, { requiredKeys: [] }),
        extensions,
      },
      { requiredKeys: [] },
    ),
    timestamp,
  },
  { requiredKeys: ['actor', 'verb', 'object'] },
);

// ---------------------------------------------------------------------------------------------
// Mutations that make a statement invalid: each must be a 4xx

type Json = Record<string, any>;
const MUTATIONS: [string, (s: Json, text: string) => void][] = [
  ['mbox without mailto', (s) => (s.actor = { mbox: 'ada@example.org' })],
  ['mbox with NUL', (s) => (s.actor = { mbox: 'mailto:a\u0000@b.example' })],
  ['verb id not an IRI', (s, t) => (s.verb.id = `not an iri ${t}`)],
  ['verb id with NUL', (s) => (s.verb.id = 'https://x.example/\u0000')],
  ['object id with a lone surrogate in the host', (s) => (s.object = { id: 'https://x\ud800.example/a b' })],
  ['id not a UUID', (s, t) => (s.id = `x${t}`)],
  ['timestamp that does not exist', (s) => (s.timestamp = '2026-02-30T10:00:00Z')],
  ['timestamp without a zone', (s) => (s.timestamp = '2026-02-10T10:00:00')],
  ['duration malformed', (s) => (s.result = { duration: 'P1X' })],
  ['scaled score out of range', (s) => (s.result = { score: { scaled: 2 } })],
  ['language map with a bad tag', (s, t) => (s.verb.display = { [`not a tag ${t}`]: 'x' })],
  ['registration not a UUID', (s) => (s.context = { registration: 'xyz' })],
  ['unknown property', (s, t) => (s[`unknown${t.length}`] = t)],
  ['actor of the wrong type', (s, t) => (s.actor = t)],
  ['verb missing', (s) => delete s.verb],
  ['object a number', (s) => (s.object = 42)],
  ['extension key not an IRI', (s, t) => (s.context = { extensions: { [`key ${t}`]: 1 } })],
  ['nesting deeper than the limit', (s) => (s.context = { extensions: { 'https://x.example/deep': nest(80) } })],
  ['context activities not objects', (s, t) => (s.context = { contextActivities: { parent: [t] } })],
];
function nest(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** What the LRS keeps of a statement, in the form it answers it with: the id it was given or gave, in lowercase. */
function expectedBack(input: Json, id: string): Json {
  const sent = JSON.parse(JSON.stringify(input)) as Json; // as it went over the wire (-0 is 0 in JSON)
  return { ...sent, id: String(input.id ?? id).toLowerCase() };
}

/** The stored statement without what the LRS adds. */
function withoutAdded(stored: Json, input: Json): Json {
  const { stored: _s, authority: _a, version, ...rest } = stored;
  if (input.version !== undefined) rest.version = version;
  if (input.timestamp === undefined) delete rest.timestamp;
  return rest;
}

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('fuzzing on %s', (_name, database) => {
  let lrs: TestLrs;
  let auth: string;
  const check = (status: number, what: string) => {
    counted.cases++;
    if (status >= 500) {
      counted.fiveHundreds++;
      throw new Error(`${what} answered ${status}`);
    }
  };

  beforeAll(async () => {
    // Tens of thousands of requests a minute from one credential: the rate limits would answer 429.
    lrs = await startTestLrs(database, { rateLimitPerCredential: 0, rateLimitPerAddress: 0 });
    auth = await lrs.auth(['all']);
  });
  afterAll(async () => {
    await lrs?.close();
    console.log(`fuzz on ${database.name}: ${counted.cases} cases so far, ${counted.fiveHundreds} answered 5xx`);
  });

  it('round-trips generated valid statements exactly', { timeout: 3_600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(validStatement, async (statement) => {
        const posted = await lrs.request('POST', '/xapi/statements', { auth, body: statement });
        check(posted.status, 'POST a valid statement');
        expect(posted.status, posted.text).toBe(200);
        const got = await lrs.request('GET', `/xapi/statements?statementId=${posted.json[0]}&format=exact`, { auth });
        expect(got.status).toBe(200);
        const context = statement.context as Json | undefined;
        expect(withoutAdded(got.json, statement)).toEqual(expectedBack(statement, posted.json[0]));
        // Context activities come back as given (arrays); the id in lowercase.
        if (context?.contextActivities) expect(got.json.context.contextActivities).toEqual(context.contextActivities);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('answers every mutation of a valid statement with a 4xx and a reason, and stores nothing of its batch', { timeout: 3_600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(validStatement, validStatement, fc.constantFrom(...MUTATIONS), anyText, async (good, bad, [name, mutate], text) => {
        const mutated = structuredClone(bad) as Json;
        mutate(mutated, text);
        const goodId = randomUUID();
        const answer = await lrs.request('POST', '/xapi/statements', { auth, body: [{ ...good, id: goodId }, mutated] });
        check(answer.status, `POST with ${name}`);
        expect(answer.status, `${name}: ${answer.text}`).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(typeof answer.json?.message, `${name} names its reason`).toBe('string');
        // The valid statement beside the mutated one is not stored either: the batch is whole or nothing.
        expect((await lrs.request('GET', `/xapi/statements?statementId=${goodId}`, { auth })).status, `${name}: nothing of the batch stored`).toBe(404);
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  const paramName = fc.constantFrom('agent', 'verb', 'activity', 'registration', 'since', 'until', 'limit', 'format', 'ascending', 'related_activities', 'related_agents', 'statementId', 'voidedStatementId', 'attachments', 'unknown');
  const paramValue = fc.oneof(anyText, agent.map((a) => JSON.stringify(a)), fc.jsonValue().map((v) => JSON.stringify(v)), uuid, timestamp, fc.integer().map(String), fc.constant('\u0000'), fc.constant('{"mbox":"mailto:a\\u0000@b.example"}'));

  it('answers generated statement queries, never with a 5xx', { timeout: 3_600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(paramName, paramValue, { maxKeys: 4 }), async (params) => {
        const answer = await lrs.request('GET', `/xapi/statements?${new URLSearchParams(params)}`, { auth });
        check(answer.status, `GET statements?${new URLSearchParams(params)}`);
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });

  const documentPath = fc.constantFrom('/xapi/activities/state', '/xapi/activities/profile', '/xapi/agents/profile');
  const documentParams = fc.record(
    { activityId: fc.oneof(iri, anyText), agent: fc.oneof(agent.map((a) => JSON.stringify(a)), anyText), stateId: anyText, profileId: anyText, registration: fc.oneof(uuid, anyText), since: fc.oneof(timestamp, anyText) },
    { requiredKeys: [] },
  );
  const body = fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), anyText, fc.constant(''));
  const contentType = fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', 'multipart/mixed; boundary=x', '', 'application/json; charset=utf-8');

  it('answers generated document requests, never with a 5xx, and keeps what it takes', { timeout: 3_600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'PUT', 'POST', 'DELETE'), documentPath, documentParams, body, contentType, async (method, path, params, content, type) => {
        const url = `${path}?${new URLSearchParams(params as Record<string, string>)}`;
        const headers: Record<string, string> = type ? { 'content-type': type, 'if-none-match': '*' } : { 'if-none-match': '*' };
        const answer = await lrs.request(method, url, { auth, ...(method === 'PUT' || method === 'POST' ? { raw: content } : {}), headers });
        check(answer.status, `${method} ${url}`);
        if (method === 'PUT' && answer.status === 204) {
          const back = await lrs.request('GET', url, { auth });
          check(back.status, `GET ${url}`);
          expect(back.text).toBe(content);
        }
      }),
      { seed: SEED + 3, numRuns: RUNS },
    );
  });

  it('answers broken multipart bodies and wrong content types on statements with a 4xx', { timeout: 3_600_000 }, async () => {
    const part = fc.record({ headers: fc.dictionary(fc.constantFrom('Content-Type', 'X-Experience-API-Hash', 'Content-Transfer-Encoding', 'X'), anyText, { maxKeys: 3 }), content: anyText });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant('multipart/mixed; boundary=b'), contentType, anyText.map((t) => `multipart/mixed; boundary=${t}`)), fc.array(part, { maxLength: 3 }), fc.boolean(), async (type, parts, closed) => {
        const raw = parts.map((p) => `--b\r\n${Object.entries(p.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${p.content}\r\n`).join('') + (closed ? '--b--\r\n' : '');
        const answer = await lrs.request('POST', '/xapi/statements', { auth, raw, headers: { 'content-type': type } });
        check(answer.status, `POST statements as ${type}`);
        expect(answer.status).toBeGreaterThanOrEqual(400);
      }),
      { seed: SEED + 4, numRuns: RUNS },
    );
  });
});
