/**
 * The runtime's statement outbox against the real LRS: statements arrive exactly once and in
 * order across an outage, a refused statement does not block the rest, and what a closed tab
 * left behind is delivered by the next session.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../lrs/auth/credentials.ts';
import { createLrsServer } from '../../lrs/server.ts';
import type { LrsBackend } from '../../lrs/storage/backend.ts';
import { XapiClient } from '../../src/xapi/client.ts';
import { Outbox } from '../../src/xapi/outbox.ts';
import type { Statement } from '../../core/xapi/statement-factory.ts';
import { MemoryStorage } from '../support/memory-storage.ts';
import { TEST_DATABASES } from './backends.ts';

let backend: LrsBackend;
let drop: () => Promise<void>;
let app: FastifyInstance | undefined;
let port = 0;
let authorization = '';

async function up(): Promise<void> {
  app = await createLrsServer(backend, { logLevel: 'silent', credentialCacheMs: 0 });
  const address = await app.listen({ port, host: '127.0.0.1' });
  port = Number(new URL(address).port);
}

/** Stops the LRS now: keep-alive connections would otherwise hold close() open. */
async function down(): Promise<void> {
  const running = app;
  app = undefined;
  if (!running) return;
  const closing = running.close();
  running.server.closeAllConnections();
  await closing;
}

let counter = 0;
const make = (): Statement => ({
  id: crypto.randomUUID(),
  timestamp: new Date(Date.UTC(2026, 10, 22, 10, 0, counter++)).toISOString(),
  actor: { mbox: 'mailto:learner@example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
  object: { id: `https://inprocap.eu/modules/outbox/q${counter}` },
});

async function storedIds(): Promise<string[]> {
  const rows = await backend.tenant('DTI').queryStatements({ ascending: true, limit: 1000 });
  return rows.map((r) => r.id);
}

const until = async (condition: () => boolean | Promise<boolean>, ms = 20000) => {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

beforeAll(async () => {
  const database = await TEST_DATABASES[0]!.open();
  backend = database.backend;
  drop = database.drop;
  const { credential, secret } = await createCredential(backend, 'DTI', ['statements/write']);
  authorization = `Basic ${Buffer.from(`${credential.key}:${secret}`).toString('base64')}`;
  await up();
});
afterAll(async () => {
  await down();
  await drop();
});

describe('statement outbox', () => {
  it('delivers every statement exactly once, in order, across an LRS outage', async () => {
    const client = new XapiClient(`http://127.0.0.1:${port}/xapi`, authorization);
    const health: boolean[] = [];
    const outbox = new Outbox(client, { storage: new MemoryStorage(), onHealthChange: (h) => health.push(h.ok) });
    const before = await storedIds();
    const first = [make(), make()];
    await outbox.add(first);
    await down(); // the LRS goes away mid-session
    const during = [make(), make(), make()];
    for (const s of during) await outbox.add([s]);
    expect(outbox.pending).toBe(3);
    expect(health).toEqual([false]);
    await up();
    await until(() => outbox.pending === 0);
    const after = (await storedIds()).filter((id) => !before.includes(id));
    expect(after).toEqual([...first, ...during].map((s) => s.id));
    expect(health).toEqual([false, true]);
  }, 30_000);

  it('reports a statement the LRS refuses and still delivers the others', async () => {
    const client = new XapiClient(`http://127.0.0.1:${port}/xapi`, authorization);
    const rejected: string[] = [];
    const outbox = new Outbox(client, { storage: new MemoryStorage(), onRejected: (s) => rejected.push(s.id) });
    const bad = { ...make(), actor: { mbox: 'not-an-address' } } as Statement;
    const good = [make(), make()];
    const before = await storedIds();
    await outbox.add([good[0]!, bad, good[1]!]);
    expect(rejected).toEqual([bad.id]);
    expect(outbox.pending).toBe(0);
    expect((await storedIds()).filter((id) => !before.includes(id))).toEqual(good.map((s) => s.id));
  });

  it('keeps statements through a closed tab and delivers them at the next launch', async () => {
    const storage = new MemoryStorage();
    const endpoint = `http://127.0.0.1:${port}/xapi`;
    await down();
    const closed = new Outbox(new XapiClient(endpoint, authorization), { storage });
    const left = [make(), make(), make()];
    await closed.add(left);
    expect(closed.pending).toBe(3); // the tab closes now, with a full outbox
    await up();
    const before = await storedIds();
    const next = new Outbox(new XapiClient(endpoint, authorization), { storage });
    expect(next.pending).toBe(3);
    await next.send();
    expect((await storedIds()).filter((id) => !before.includes(id))).toEqual(left.map((s) => s.id));
    expect(storage.length).toBe(0);
  });
});
