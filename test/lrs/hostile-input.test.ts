/**
 * Hostile input never produces a 5xx: seeded random mutations of a valid statement (wrong types,
 * nulls, deletions, odd keys, deep nesting, odd text) and of query strings, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/quiz/shuffle.ts';
import { TEST_DATABASES } from './backends.ts';
import { startTestLrs, statement, type TestLrs } from './client.ts';

const WEIRD: unknown[] = [null, 0, -1, 1e308, true, '', ' ', 'a b', 'mailto:', '\u0000', '\ud800', '𝓧', [], [null], {}, { '': 1 }, '2026-02-30T00:00:00Z', 'P', '__proto__', 'constructor'];

function mutate(value: unknown, random: () => number, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return random() < 0.05 ? WEIRD[Math.floor(random() * WEIRD.length)] : value;
  if (Array.isArray(value)) return value.map((v) => mutate(v, random, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const roll = random();
    if (roll < 0.03) continue; // drop the property
    if (roll < 0.06) out[key] = WEIRD[Math.floor(random() * WEIRD.length)];
    else out[key] = mutate(v, random, depth + 1);
  }
  if (random() < 0.04) out[['__proto__', 'extra', 'objectType', 'id', ' '][Math.floor(random() * 5)]!] = WEIRD[Math.floor(random() * WEIRD.length)];
  return out;
}

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('hostile input on %s', (_name, database) => {
  let lrs: TestLrs;
  let all: string;
  beforeAll(async () => {
    lrs = await startTestLrs(database);
    all = await lrs.auth(['all']);
  });
  afterAll(async () => lrs?.close());

  it('answers 300 mutated statements with 2xx or 4xx, never 5xx', async () => {
    const random = seededRandom(20261122);
    const statuses = new Map<number, number>();
    const base = statement({ result: { score: { scaled: 0.5, raw: 5, min: 0, max: 10 }, duration: 'PT1M' }, context: { registration: '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', contextActivities: { parent: [{ id: 'https://inprocap.eu/m' }] } } });
    for (let i = 0; i < 300; i++) {
      const body = mutate(random() < 0.2 ? [base, base] : base, random);
      const raw = JSON.stringify(body).replace('"__proto__"', random() < 0.5 ? '"__proto__"' : '"constructor"');
      const response = await lrs.request('POST', '/xapi/statements', { auth: all, raw });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `${raw.slice(0, 300)} -> ${response.text}`).toBeLessThan(500);
    }
    // The mutations must exercise both paths, or this test proves little.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(5);
  });

  it('answers identifiers too long to index with 2xx or a 400 that says so, and stores nothing of a refused batch', async () => {
    const random = seededRandom(7);
    // Random text does not compress: PostgreSQL cannot put an index entry of several kilobytes.
    const long = (n: number) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(random() * 36)]).join('');
    const variants = [
      statement({ object: { objectType: 'Activity', id: `https://example.org/${long(4000)}` } }),
      statement({ actor: { objectType: 'Agent', account: { homePage: 'https://example.org', name: long(4000) } } }),
      statement({
        object: { objectType: 'Activity', id: `https://inprocap.eu/modules/${long(1500)}`, definition: { type: 'http://adlnet.gov/expapi/activities/module' } },
        context: { contextActivities: { category: [{ id: 'https://inprocap.eu/xapi/profile' }] } },
      }),
    ];
    for (const [i, variant] of variants.entries()) {
      const id = `0b8c6a4e-2f1d-4c3b-9a8e-7d6f5e4c3b${String(i).padStart(2, '0')}`;
      const response = await lrs.request('POST', '/xapi/statements', { auth: all, body: [statement({ id: `${id.slice(0, -2)}f${i}` }), { ...variant, id }] });
      expect(response.status, response.text).not.toBeGreaterThanOrEqual(500);
      if (response.status === 400) {
        expect(response.json.message).toMatch(/too long/);
        expect((await lrs.request('GET', `/xapi/statements?statementId=${id.slice(0, -2)}f${i}`, { auth: all })).status).toBe(404);
      }
    }
  });

  it('refuses a NUL hidden in JSON escapes (agent parameter, mbox) with a 400, and keeps NUL out of report columns', async () => {
    const agent = encodeURIComponent('{"mbox":"mailto:a\\u0000b@example.org"}');
    const query = await lrs.request('GET', `/xapi/statements?agent=${agent}`, { auth: all });
    expect(query.status).toBe(400);
    expect(query.json.message).toMatch(/agent\.mbox/);
    const state = await lrs.request('GET', `/xapi/activities/state?activityId=https%3A%2F%2Fx.example&agent=${agent}`, { auth: all });
    expect(state.status).toBe(400);
    const posted = await lrs.request('POST', '/xapi/statements', { auth: all, body: statement({ actor: { objectType: 'Agent', mbox: 'mailto:a\u0000b@example.org' } }) });
    expect(posted.status).toBe(400);
    // A project statement (it becomes a learning fact) whose name and response hold NUL is stored.
    const project = statement({
      actor: { objectType: 'Agent', name: 'Nul\u0000Name', mbox: 'mailto:nul@example.org' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
      object: { objectType: 'Activity', id: 'https://inprocap.eu/modules/pcp/quiz/q1', definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction' } },
      result: { response: 'a\u0000b', success: true },
      context: { contextActivities: { parent: [{ id: 'https://inprocap.eu/modules/pcp' }], category: [{ id: 'https://inprocap.eu/xapi/profile' }] } },
    });
    const stored = await lrs.request('POST', '/xapi/statements', { auth: all, body: project });
    expect(stored.status).toBe(200);
    expect((await lrs.request('GET', `/xapi/statements?statementId=${stored.json[0]}`, { auth: all })).json.result.response).toBe('a\u0000b');
  });

  it('answers odd query strings with 4xx, never 5xx', async () => {
    const random = seededRandom(7);
    const names = ['agent', 'verb', 'activity', 'registration', 'since', 'until', 'limit', 'format', 'ascending', 'statementId', 'related_agents', 'attachments', 'x'];
    for (let i = 0; i < 150; i++) {
      const params = new URLSearchParams();
      const count = 1 + Math.floor(random() * 3);
      for (let k = 0; k < count; k++) params.append(names[Math.floor(random() * names.length)]!, String(WEIRD[Math.floor(random() * WEIRD.length)] ?? 'null'));
      for (const path of ['/xapi/statements', '/xapi/activities/state', '/xapi/agents/profile', '/xapi/activities', '/xapi/agents']) {
        const response = await lrs.request('GET', `${path}?${params}`, { auth: all });
        expect(response.status, `${path}?${params} -> ${response.text}`).toBeLessThan(500);
      }
    }
  });
});
