/**
 * Abuse and faults: rate limits per credential and per address (one noisy caller cannot starve
 * another), and a database that goes away and comes back: 503 with Retry-After while it is gone,
 * nothing half-stored, and service again without a restart. PostgreSQL is taken away by a TCP
 * proxy between the LRS and the server, so the shared test server itself is never stopped.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL, TEST_DATABASES } from './backends.ts';
import { startTestLrs, statement, type TestLrs } from './client.ts';

describe('rate limits', () => {
  let lrs: TestLrs;
  beforeAll(async () => {
    lrs = await startTestLrs(TEST_DATABASES[0]!, { rateLimitPerCredential: 20, rateLimitPerAddress: 60 });
  });
  afterAll(async () => lrs?.close());

  it('stops a noisy credential with 429 and Retry-After, while another credential goes on', async () => {
    const noisy = await lrs.auth(['all'], 'A');
    const quiet = await lrs.auth(['all'], 'B');
    const statuses: number[] = [];
    let limited: { status: number; headers: Record<string, unknown>; json: any } | undefined;
    for (let i = 0; i < 25; i++) {
      const answer = await lrs.request('GET', '/xapi/statements?limit=1', { auth: noisy });
      statuses.push(answer.status);
      if (answer.status === 429) limited ??= answer;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited?.json.message).toMatch(/too many requests from this credential/);
    expect((await lrs.request('GET', '/xapi/statements?limit=1', { auth: quiet })).status).toBe(200);
    // Naming the noisy credential's key without its secret spends nobody's allowance: a 401.
    const key = Buffer.from(noisy.slice(6), 'base64').toString().split(':')[0];
    expect((await lrs.request('GET', '/xapi/statements', { auth: `Basic ${Buffer.from(`${key}:wrong`).toString('base64')}` })).status).toBe(401);
  });

  it('limits one client address across credentials', async () => {
    const fresh = await startTestLrs(TEST_DATABASES[0]!, { rateLimitPerCredential: 0, rateLimitPerAddress: 10 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await fresh.request('GET', '/xapi/about')).status);
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      const other = await fresh.app.inject({ method: 'GET', url: '/xapi/about', remoteAddress: '10.0.0.2' });
      expect(other.statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

/** A TCP proxy to PostgreSQL that the test can cut and restore. */
async function proxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const start = () =>
    new Promise<void>((done) => {
      if (server?.listening) return done();
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        done();
      });
    });
  await start();
  return {
    get port() {
      return port;
    },
    /** The database is gone: every connection cut, no new one taken. */
    cut: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((done) => server!.close(done));
    },
    restore: start,
  };
}

describe('PostgreSQL going away and coming back', () => {
  let lrs: TestLrs;
  let cable: Awaited<ReturnType<typeof proxy>>;
  let auth: string;

  beforeAll(async () => {
    const target = new URL(POSTGRES_URL);
    cable = await proxy({ host: target.hostname, port: Number(target.port || 5432) });
    const postgres = TEST_DATABASES.find((d) => d.name === 'postgres')!;
    const through = { ...postgres, open: () => postgres.open({ via: (url) => url.replace(`${target.hostname}:${target.port || 5432}`, `127.0.0.1:${cable.port}`) }) };
    lrs = await startTestLrs(through);
    auth = await lrs.auth(['all']);
  });
  afterAll(async () => {
    await cable?.restore();
    await lrs?.close();
  });

  it('answers 503 with Retry-After while the database is gone, stores nothing half, and recovers without a restart', async () => {
    const first = await lrs.request('POST', '/xapi/statements', { auth, body: [statement(), statement()] });
    expect(first.status).toBe(200);
    await cable.cut();
    const during = await lrs.request('POST', '/xapi/statements', { auth, body: [statement(), statement()] });
    expect(during.status).toBe(503);
    expect(during.headers['retry-after']).toBe('5');
    expect(during.json.message).toMatch(/nothing of this request was stored/);
    expect((await lrs.request('GET', '/xapi/statements', { auth })).status).toBe(503);
    await cable.restore();
    let after = await lrs.request('POST', '/xapi/statements', { auth, body: [statement(), statement()] });
    for (let i = 0; i < 5 && after.status !== 200; i++) after = await lrs.request('POST', '/xapi/statements', { auth, body: [statement(), statement()] });
    expect(after.status).toBe(200);
    const all = await lrs.request('GET', '/xapi/statements?limit=100', { auth });
    expect(all.json.statements).toHaveLength(4);
  }, 60_000);
});

describe('SQLite disk full and space again', () => {
  it('answers 503 with Retry-After when the database file cannot grow, stores nothing of the batch, and recovers', async () => {
    const lrs = await startTestLrs(TEST_DATABASES.find((d) => d.name === 'sqlite')!);
    try {
      const auth = await lrs.auth(['all']);
      expect((await lrs.request('POST', '/xapi/statements', { auth, body: [statement()] })).status).toBe(200);
      // A full disk, as SQLite meets it: the file may not grow by one more page (SQLITE_FULL).
      const database = (lrs.backend as unknown as { database: import('better-sqlite3').Database }).database;
      const pages = Number(database.pragma('page_count', { simple: true }));
      database.pragma(`max_page_count = ${pages + 1}`);
      const big = () => statement({ result: { response: 'x'.repeat(64 * 1024) } });
      const during = await lrs.request('POST', '/xapi/statements', { auth, body: [big(), big(), big()] });
      expect(during.status).toBe(503);
      expect(during.headers['retry-after']).toBe('5');
      expect(during.json.message).toMatch(/nothing of this request was stored/);
      database.pragma('max_page_count = 4294967294');
      const after = await lrs.request('POST', '/xapi/statements', { auth, body: [big()] });
      expect(after.status).toBe(200);
      const all = await lrs.request('GET', '/xapi/statements?limit=100', { auth });
      expect(all.json.statements).toHaveLength(2);
    } finally {
      await lrs.close();
    }
  });
});

describe('security headers on the dashboard', () => {
  it('sends a strict Content-Security-Policy and the other helmet headers with the app', async () => {
    const lrs = await startTestLrs(TEST_DATABASES[0]!, { dashboardDir: `${process.cwd()}/dist/dashboard` });
    try {
      const page = await lrs.app.inject({ method: 'GET', url: '/dashboard/' });
      expect(page.statusCode).toBe(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
      const script = await lrs.app.inject({ method: 'GET', url: '/dashboard/no-such.js' });
      expect(script.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await lrs.close();
    }
  });
});
