/**
 * LRS benchmarks, as ratios against a baseline measured in the same run on the same machine:
 *
 * 1. Ingest through the HTTP API of an LRS process (single statements, batches of 100), against raw better-sqlite3
 *    inserts of the same rows (statement and index rows, same schema) into the same engine,
 *    1 and 100 per transaction.
 * 2. GET /statements filtered by activity and by agent with BENCH_STATEMENTS stored
 *    (default 1,000,000), p50 and p95 over repeated queries.
 * 3. Dashboard reports (overview, item analysis, ...) over BENCH_STATEMENTS statements of seeded
 *    learners taking every module, through the reports API, against a raw SQL scan of the same
 *    learning facts.
 *
 * Run: npm run bench   (BENCH_STATEMENTS=200000 npm run bench for a quicker run; BENCH_PARTS=reports for one part)
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCredential } from '../lrs/auth/credentials.ts';
import { createLrsServer } from '../lrs/server.ts';
import type { StatementRow } from '../lrs/storage/backend.ts';
import { openBackend } from '../lrs/storage/open.ts';
import { indexStatement } from '../core/xapi/identity.ts';
import { saveAccount } from '../lrs/dashboard/accounts.ts';
import { SESSION_COOKIE } from '../lrs/http/dashboard-session.ts';
import { learningFact } from '../core/xapi/learning-facts.ts';
import { learnerStatements, seedLearners } from '../lrs/seed/seed.ts';
import { FACT_COLUMNS, factValues } from '../lrs/storage/schema.ts';
import { loadCheckedCourses } from '../packaging/build.ts';
import { CONTEXT } from '../core/xapi/vocabulary.ts';

const INGEST = Number(process.env.BENCH_INGEST ?? 5000);
const STORED = Number(process.env.BENCH_STATEMENTS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const ACTIVITIES = 2000;
const AGENTS = 20000;

const dir = mkdtempSync(join(tmpdir(), 'inprocap-bench-'));

function sampleStatement(i: number) {
  const agent = i % AGENTS;
  const module = i % 7;
  const activity = `https://inprocap.eu/modules/m${module}/quiz/q${i % ACTIVITIES}`;
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: `https://partner${agent % 4}.example.org`, name: `learner-${agent}` } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
    object: {
      objectType: 'Activity',
      id: activity,
      definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: 'choice', name: { en: `Question ${i % ACTIVITIES}` } },
    },
    result: { success: i % 3 !== 0, response: 'b', duration: 'PT12.5S' },
    context: {
      registration: '3f1b5a2c-8d4e-4f6a-9b7c-0d1e2f3a4b5c',
      // The project's profile category: the LRS writes a learning fact for each, as for real modules.
      contextActivities: { parent: [{ id: `https://inprocap.eu/modules/m${module}` }], category: [{ id: CONTEXT.profile }] },
      language: 'en',
      extensions: { 'https://inprocap.eu/xapi/extensions/organisation': `partner${agent % 4}` },
    },
    timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  };
}

const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

/** What the LRS stores for a statement: the statement row and its index rows. */
function rowOf(s: ReturnType<typeof sampleStatement>, stored: string): StatementRow {
  const body = { ...s, stored, authority: { objectType: 'Agent', account: { homePage: 'https://lrs', name: 'bench' } }, version: '1.0.0' };
  const index = indexStatement(body);
  return {
    id: s.id,
    stored,
    verbId: s.verb.id,
    objectActivityId: s.object.id,
    objectStatementId: null,
    registration: s.context.registration,
    voiding: false,
    credentialKey: 'bench',
    body: JSON.stringify(body),
    agents: index.agents,
    activities: index.activities,
    fact: learningFact(body, 'bench'),
  };
}

/**
 * The baseline: the same rows the LRS writes (statement and index rows, same schema and
 * indexes), inserted with raw better-sqlite3 prepared statements, no HTTP, no xAPI rules.
 */
async function rawInsertRate(perTransaction: number): Promise<number> {
  const file = join(dir, `raw-${perTransaction}.db`);
  (await openBackend(file)).close(); // the LRS schema, migrated
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const statement = db.prepare('insert into statements (id, stored, verb_id, object_activity_id, object_statement_id, registration, voided, voiding, org, credential_key, body) values (?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)');
  const agent = db.prepare('insert into statement_agents (seq, org, agent_key, relation) values (?, ?, ?, ?)');
  const activity = db.prepare('insert into statement_activities (seq, org, activity_id, relation) values (?, ?, ?, ?)');
  const fact = db.prepare(`insert into learning_facts (${FACT_COLUMNS.join(', ')}) values (${FACT_COLUMNS.map(() => '?').join(', ')})`);
  const batch = db.transaction((rows: ReturnType<typeof sampleStatement>[]) => {
    for (const s of rows) {
      const r = rowOf(s, new Date().toISOString());
      const { lastInsertRowid } = statement.run(r.id, r.stored, r.verbId, r.objectActivityId, r.objectStatementId, r.registration, 'bench', r.credentialKey, r.body);
      for (const a of r.agents) agent.run(lastInsertRowid, 'bench', a.key, a.relation);
      for (const a of r.activities) activity.run(lastInsertRowid, 'bench', a.id, a.relation);
      fact.run(Object.values(factValues(Number(lastInsertRowid), r.fact!)));
    }
  });
  const rows = Array.from({ length: INGEST }, (_, i) => sampleStatement(i));
  const started = performance.now();
  for (let i = 0; i < rows.length; i += perTransaction) batch(rows.slice(i, i + perTransaction));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows.length / seconds;
}

/** The LRS as a separate process, as in production: the bench process is only its client. */
async function startLrsProcess(database: string): Promise<{ url: string; authorization: string; stop: () => void }> {
  const root = join(import.meta.dirname, '..');
  const cli = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin/inprocap.js'), ...args], { cwd: root, encoding: 'utf8' });
  const created = cli(['lrs', 'credentials', 'create', '--org', 'bench', '--scopes', 'all', '--database', database]);
  const key = /key:\s+(\S+)/.exec(created.stdout)?.[1];
  const secret = /secret:\s+(\S+)/.exec(created.stdout)?.[1];
  if (!key || !secret) throw new Error(`could not create a credential: ${created.stderr}`);
  const child = spawn(process.execPath, [join(root, 'bin/inprocap.js'), 'lrs', '--lrs-port', '0', '--database', database, '--log-level', 'error'], { cwd: root });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /LRS: (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`LRS exited (${code}): ${output}`)));
  });
  return { url, authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, stop: () => child.kill('SIGTERM') };
}

async function lrsIngestRate(perRequest: number): Promise<number> {
  const lrs = await startLrsProcess(join(dir, `lrs-${perRequest}.db`));
  const headers = { authorization: lrs.authorization, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' };
  const rows = Array.from({ length: INGEST }, (_, i) => sampleStatement(i));
  const bodies: string[] = [];
  for (let i = 0; i < rows.length; i += perRequest) bodies.push(JSON.stringify(perRequest === 1 ? rows[i] : rows.slice(i, i + perRequest)));
  const started = performance.now();
  for (const body of bodies) {
    const response = await fetch(`${lrs.url}/statements`, { method: 'POST', headers, body });
    if (response.status !== 200) throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
  }
  const seconds = (performance.now() - started) / 1000;
  lrs.stop();
  return rows.length / seconds;
}

async function filteredQueries(): Promise<void> {
  const backend = await openBackend(join(dir, 'large.db'));
  console.log(`\nLoading ${fmt(STORED)} statements for the query benchmark…`);
  const started = performance.now();
  const chunk = 5000;
  for (let i = 0; i < STORED; i += chunk) {
    const rows: StatementRow[] = [];
    for (let j = i; j < Math.min(STORED, i + chunk); j++) {
      rows.push(rowOf(sampleStatement(j), new Date(Date.UTC(2026, 0, 1) + j).toISOString()));
    }
    await backend.tenant('bench').transaction((tx) => tx.insertStatements(rows));
    if ((i / chunk) % 40 === 0) process.stdout.write(`  ${fmt(i + rows.length)} (${fmt((i + rows.length) / ((performance.now() - started) / 1000))}/s)\n`);
  }
  const app = await createLrsServer(backend, { logLevel: 'silent' });
  const { credential, secret } = await createCredential(backend, 'bench', ['all']);
  const headers = { authorization: `Basic ${Buffer.from(`${credential.key}:${secret}`).toString('base64')}`, 'x-experience-api-version': '1.0.3' };
  const measure = async (label: string, url: (i: number) => string) => {
    const times: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const t = performance.now();
      const response = await app.inject({ method: 'GET', url: url(i), headers });
      if (response.statusCode !== 200) throw new Error(`${label}: ${response.statusCode} ${response.body}`);
      times.push(performance.now() - t);
    }
    console.log(`  ${label.padEnd(40)} p50 ${fmt(percentile(times, 50)).padStart(6)} ms   p95 ${fmt(percentile(times, 95)).padStart(6)} ms`);
  };
  console.log(`GET /statements at ${fmt(STORED)} statements (limit 100, ${QUERIES} queries each):`);
  await measure('filtered by activity', (i) => `/xapi/statements?activity=${encodeURIComponent(`https://inprocap.eu/modules/m${i % 7}/quiz/q${(i * 37) % ACTIVITIES}`)}`);
  await measure('filtered by agent', (i) => `/xapi/statements?agent=${encodeURIComponent(JSON.stringify({ account: { homePage: `https://partner${((i * 101) % AGENTS) % 4}.example.org`, name: `learner-${(i * 101) % AGENTS}` } }))}`);
  await measure('filtered by activity, related', (i) => `/xapi/statements?related_activities=true&activity=${encodeURIComponent(`https://inprocap.eu/modules/m${i % 7}`)}`);
  await app.close();
  await backend.close();
}

/** Which parts to run: BENCH_PARTS=ingest,queries,reports (default all). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'ingest,queries,reports').split(',').map((p) => p.trim()));

async function main(): Promise<void> {
  if (PARTS.has('ingest')) await ingest();
  if (STORED > 0 && PARTS.has('queries')) await filteredQueries();
  if (STORED > 0 && PARTS.has('reports')) await reportQueries();
}

async function ingest(): Promise<void> {
  console.log(`LRS ingest, ${fmt(INGEST)} statements, SQLite (WAL, synchronous=NORMAL), this machine, this run (median of ${process.env.BENCH_ROUNDS ?? 3} interleaved rounds):`);
  // Rounds interleave baseline and LRS so machine load hits both alike; medians are reported.
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const samples = { raw1: [] as number[], raw100: [] as number[], lrs1: [] as number[], lrs100: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    samples.raw100.push(await rawInsertRate(100));
    samples.lrs100.push(await lrsIngestRate(100));
    samples.raw1.push(await rawInsertRate(1));
    samples.lrs1.push(await lrsIngestRate(1));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const [raw1, raw100, lrs1, lrs100] = [median(samples.raw1), median(samples.raw100), median(samples.lrs1), median(samples.lrs100)];
  const ratios = samples.lrs100.map((l, i) => (l / samples.raw100[i]!).toFixed(2)).join(', ');
  console.log(`  raw inserts of the same rows, 1/tx    ${fmt(raw1).padStart(9)} statements/s   (baseline)`);
  console.log(`  raw inserts of the same rows, 100/tx  ${fmt(raw100).padStart(9)} statements/s   (baseline)`);
  console.log(`  LRS POST, 1 statement per request     ${fmt(lrs1).padStart(9)} statements/s   ${(lrs1 / raw1).toFixed(2)} x raw (1/tx)`);
  console.log(`  LRS POST, batches of 100              ${fmt(lrs100).padStart(9)} statements/s   ${(lrs100 / raw100).toFixed(2)} x raw (100/tx)   target >= 0.50   (rounds: ${ratios})`);
}

/** Seeded learners taking every module, stored until BENCH_STATEMENTS, then the reports timed. */
async function reportQueries(): Promise<void> {
  const file = join(dir, 'reports.db');
  const backend = await openBackend(file);
  const courses = loadCheckedCourses(join(import.meta.dirname, '..'), {}, { info: () => {}, warn: () => {} }).map((c) => c.course!);
  console.log(`\nLoading ${fmt(STORED)} statements of seeded learners (${courses.length} modules) for the report benchmark…`);
  const options = { learners: 1_000_000, orgs: 8, seed: 3, from: new Date(Date.UTC(2026, 0, 1)), days: 300 };
  const learners = seedLearners({ ...options, learners: Math.ceil(STORED / 150) });
  let stored = 0;
  const started = performance.now();
  for (const learner of learners) {
    if (stored >= STORED) break;
    const rows: StatementRow[] = [];
    for (const course of courses) {
      for (const s of learnerStatements(course, learner, options)) {
        const body = { ...s, stored: s.timestamp, authority: { objectType: 'Agent', account: { homePage: 'https://lrs', name: 'bench' } }, version: '1.0.0' } as Record<string, any>;
        const index = indexStatement(body);
        const object = body.object as { id: string };
        rows.push({
          id: s.id, stored: s.timestamp, verbId: (body.verb as { id: string }).id, objectActivityId: object.id, objectStatementId: null,
          registration: (body.context as { registration?: string }).registration ?? null, voiding: false, credentialKey: 'bench',
          body: JSON.stringify(body), agents: index.agents, activities: index.activities, fact: learningFact(body, learner.org),
        });
      }
    }
    // Each organisation's learners are that organisation's records, as the LRS stores them.
    const store = backend.tenant(learner.org);
    await store.transaction((tx) => tx.insertStatements(rows.slice(0, STORED - stored)));
    await store.transaction(async (tx) => {
      for (const course of courses) await tx.upsertActivity(course.id, JSON.stringify({ objectType: 'Activity', id: course.id, definition: { name: { en: course.slug } } }));
    });
    const before = stored;
    stored += Math.min(rows.length, STORED - stored);
    if (Math.floor(stored / 100_000) > Math.floor(before / 100_000)) process.stdout.write(`  ${fmt(stored)} (${fmt(stored / ((performance.now() - started) / 1000))}/s)\n`);
  }
  const app = await createLrsServer(backend, { logLevel: 'silent' });
  await saveAccount(backend, { username: 'bench', role: 'control-group', password: 'bench password 1' });
  const login = await app.inject({ method: 'POST', url: '/api/session', payload: JSON.stringify({ username: 'bench', password: 'bench password 1' }), headers: { 'content-type': 'application/json' } });
  const cookie = /inprocap_session=([^;]+)/.exec(String(login.headers['set-cookie']))![1]!;
  const raw = new Database(file, { readonly: true });
  const baseline = (moduleId?: string) => {
    const t = performance.now();
    raw.prepare(`select kind, count(*), avg(score), count(distinct learner) from learning_facts ${moduleId ? 'where module_id = ?' : ''} group by kind`).all(...(moduleId ? [moduleId] : []));
    return performance.now() - t;
  };
  const runs = Math.max(5, Math.min(20, Math.round(QUERIES / 10)));
  const measure = async (label: string, url: string, moduleId?: string) => {
    const times: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < runs; i++) {
      base.push(baseline(moduleId));
      const t = performance.now();
      const response = await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: cookie } });
      if (response.statusCode !== 200) throw new Error(`${label}: ${response.statusCode} ${response.body}`);
      times.push(performance.now() - t);
    }
    const p50 = percentile(times, 50);
    console.log(`  ${label.padEnd(40)} p50 ${fmt(p50).padStart(6)} ms   p95 ${fmt(percentile(times, 95)).padStart(6)} ms   ${(p50 / percentile(base, 50)).toFixed(2)} x raw scan (${fmt(percentile(base, 50))} ms)`);
  };
  const moduleId = encodeURIComponent(courses[0]!.id);
  console.log(`Reports at ${fmt(stored)} statements (${runs} runs each; baseline: one raw SQL pass over the same facts, grouped by kind; target < 500 ms):`);
  await measure('overview, all modules', '/api/reports/overview');
  await measure('overview, one module', `/api/reports/overview?module=${moduleId}`, courses[0]!.id);
  await measure('item analysis, one module', `/api/reports/items?module=${moduleId}`, courses[0]!.id);
  // The learning gain of a module with a pre-check (its learners' pre-check against their first quiz attempt).
  const withPrecheck = courses.find((c) => c.content[c.defaultLanguage]?.precheck) ?? courses[0]!;
  await measure('learning gain, one module', `/api/reports/gain?module=${encodeURIComponent(withPrecheck.id)}`, withPrecheck.id);
  await measure('module funnel, one module', `/api/reports/module?module=${moduleId}`, courses[0]!.id);
  await measure('case exercise, one module', `/api/reports/case?module=${moduleId}`, courses[0]!.id);
  await measure('feedback, one module', `/api/reports/feedback?module=${moduleId}`, courses[0]!.id);
  await measure('learners, one organisation', `/api/reports/learners?org=DTI`);
  // The tables that grow with learners, paged on the server (issue 18: first page under 300 ms).
  console.log('Paged tables (first page target < 300 ms):');
  await measure('learners, first page, everyone', '/api/reports/learners');
  await measure('learners, sorted by score, page 40', '/api/reports/learners?sort=score&dir=desc&page=40');
  await measure('learners, only stuck', '/api/reports/learners?onlyStuck=1&asOf=2026-06-01');
  const someone = (await app.inject({ method: 'GET', url: '/api/reports/learners?pageSize=1', cookies: { [SESSION_COOKIE]: cookie } })).json().learners[0].learner as string;
  await measure('learners, searched by pseudonym', `/api/reports/learners?q=${someone.slice(0, 6)}`);
  await measure('programme, first page', '/api/reports/programme');
  await measure('feedback with comments, first page', '/api/reports/feedback');
  // A whole export, streamed: every learner-module row.
  const exportStart = performance.now();
  const exported = await app.inject({ method: 'GET', url: '/api/reports/learners.csv', cookies: { [SESSION_COOKIE]: cookie } });
  const exportMs = performance.now() - exportStart;
  const exportRows = exported.body.trim().split('\r\n').length - 1;
  console.log(`  ${'learners CSV export, every row'.padEnd(40)} ${fmt(exportMs).padStart(6)} ms for ${fmt(exportRows)} rows (${fmt(exportRows / (exportMs / 1000))} rows/s)`);
  raw.close();
  await app.close();
  await backend.close();
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  // BENCH_KEEP=1 keeps the databases for a closer look (the folder is printed).
  .finally(() => (process.env.BENCH_KEEP ? console.log(`kept ${dir}`) : rmSync(dir, { recursive: true, force: true })));
