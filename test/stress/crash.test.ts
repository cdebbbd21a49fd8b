/**
 * Crash safety (npm run test:stress): the LRS as its own process, on SQLite and on PostgreSQL,
 * taking batches from concurrent clients, killed with SIGKILL mid-ingest, then opened again:
 * every statement it acknowledged is there, and no batch is half-stored. Several rounds per
 * database; the figures are printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../lrs/auth/credentials.ts';
import { openBackend } from '../../lrs/storage/open.ts';
import { POSTGRES_URL } from '../lrs/backends.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 4);
const CLIENTS = 8;
const BATCH = 10;

async function until(condition: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function statement(id: string, n: number) {
  return { id, actor: { mbox: `mailto:learner${n % 50}@crash.example` }, verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' }, object: { id: `https://crash.example/activities/${n % 20}` } };
}

const databases: { name: string; url: () => Promise<string> }[] = [
  { name: 'sqlite', url: async () => join(mkdtempSync(join(tmpdir(), 'inprocap-crash-')), 'lrs.db') },
  {
    name: 'postgres',
    url: async () => {
      const schema = `crash_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: POSTGRES_URL });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      });
      return `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    },
  },
];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.each(databases.map((d) => [d.name, d] as const))('SIGKILL during concurrent ingest on %s', (_name, database) => {
  it(`loses no acknowledged statement and half-stores no batch, over ${ROUNDS} rounds`, { timeout: 600_000 }, async () => {
    const url = await database.url();
    const setup = await openBackend(url);
    const { credential, secret } = await createCredential(setup, 'CRASH', ['all']);
    await setup.close();
    const auth = `Basic ${Buffer.from(`${credential.key}:${secret}`).toString('base64')}`;
    const totals = { acknowledged: 0, found: 0, lost: 0, batches: 0, partial: 0, sentNotAcknowledgedStored: 0 };
    let n = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const port = 19000 + Math.floor(Math.random() * 900);
      const lrs: ChildProcess = spawn('node', [resolve(ROOT, 'bin/inprocap.js'), 'lrs', '--lrs-port', String(port), '--database', url, '--log-level', 'error', '--rate-limit-credential', '0', '--rate-limit-address', '0'], { cwd: ROOT, stdio: 'ignore' });
      const base = `http://127.0.0.1:${port}/xapi`;
      await until(async () => (await fetch(`${base}/about`).catch(() => undefined))?.ok === true, 30_000);
      const batches: { ids: string[]; acknowledged: boolean }[] = [];
      let running = true;
      const client = async () => {
        while (running) {
          const ids = Array.from({ length: BATCH }, () => randomUUID());
          const batch = { ids, acknowledged: false };
          batches.push(batch);
          try {
            const response = await fetch(`${base}/statements`, {
              method: 'POST',
              headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
              body: JSON.stringify(ids.map((id) => statement(id, n++))),
            });
            if (response.status === 200) batch.acknowledged = true;
            await response.arrayBuffer().catch(() => undefined);
          } catch {
            return; // the server is gone
          }
        }
      };
      const clients = Array.from({ length: CLIENTS }, client);
      await new Promise((r) => setTimeout(r, 1500 + Math.random() * 1500));
      const exited = new Promise((r) => lrs.once('exit', r));
      lrs.kill('SIGKILL');
      running = false;
      await Promise.all(clients);
      await exited;

      const backend = await openBackend(url);
      const store = backend.tenant('CRASH');
      for (const batch of batches) {
        const present = (await store.findStatements(batch.ids)).length;
        totals.batches++;
        if (present !== 0 && present !== BATCH) totals.partial++;
        if (batch.acknowledged) {
          totals.acknowledged += BATCH;
          totals.found += present;
          totals.lost += BATCH - present;
        } else if (present === BATCH) {
          totals.sentNotAcknowledgedStored++; // committed, the answer lost in the kill: allowed
        }
      }
      await backend.close();
    }
    console.log(`crash on ${database.name}: ${ROUNDS} rounds, ${totals.batches} batches, ${totals.acknowledged} statements acknowledged, ${totals.found} found, ${totals.lost} lost, ${totals.partial} batches half-stored (${totals.sentNotAcknowledgedStored} batches stored whose answer the kill cut)`);
    expect(totals.acknowledged).toBeGreaterThan(0);
    expect(totals.lost).toBe(0);
    expect(totals.partial).toBe(0);
  });
});
