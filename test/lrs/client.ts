/** Test helpers: an LRS on a test database, a credential, and requests through Fastify's inject. */
import type { FastifyInstance } from 'fastify';
import { createCredential } from '../../lrs/auth/credentials.ts';
import type { LrsConfig } from '../../lrs/config.ts';
import type { AccountRole } from '../../lrs/contracts/admin.ts';
import { saveAccount } from '../../lrs/dashboard/accounts.ts';
import { createLrsServer } from '../../lrs/server.ts';
import type { LrsBackend } from '../../lrs/storage/backend.ts';
import type { TestDatabase } from './backends.ts';

export interface TestLrs {
  app: FastifyInstance;
  backend: LrsBackend;
  url: string;
  /** Authorization header for a new credential with these scopes. */
  auth(scopes: string[], org?: string): Promise<string>;
  request(method: string, path: string, options?: { auth?: string; body?: unknown; raw?: string | Buffer; headers?: Record<string, string>; version?: string | null }): Promise<{ status: number; json: any; text: string; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startTestLrs(database: TestDatabase, config: Partial<LrsConfig> = {}): Promise<TestLrs> {
  const { backend, url, drop } = await database.open();
  const app = await createLrsServer(backend, { logLevel: 'silent', credentialCacheMs: 0, ...config });
  return {
    app,
    backend,
    url,
    async auth(scopes, org = 'DTI') {
      const { credential, secret } = await createCredential(backend, org, scopes);
      return `Basic ${Buffer.from(`${credential.key}:${secret}`).toString('base64')}`;
    },
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.version !== null) headers['x-experience-api-version'] = options.version ?? '1.0.3';
      if (options.auth) headers.authorization = options.auth;
      let payload: string | Buffer | undefined = options.raw;
      if (options.body !== undefined) {
        payload = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      if (payload !== undefined) headers['content-type'] ??= 'application/json';
      const response = await app.inject({ method: method as never, url: path, headers, ...(payload !== undefined ? { payload } : {}) });
      let json: unknown;
      try {
        json = response.body ? JSON.parse(response.body) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.statusCode, json, text: response.body, headers: response.headers };
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}

export const statement = (overrides: Record<string, unknown> = {}) => ({
  actor: { objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  object: { objectType: 'Activity', id: 'https://inprocap.eu/modules/pcp', definition: { name: { en: 'PCP', fr: 'Achats avant commercialisation' } } },
  ...overrides,
});

/** A dashboard session per account: each is saved with `password`, then signs in. */
export async function signInAccounts(
  lrs: TestLrs,
  accounts: readonly (readonly [username: string, role: AccountRole, org?: string])[],
  password: string,
): Promise<Record<string, { session: string; csrf: string }>> {
  const sessions: Record<string, { session: string; csrf: string }> = {};
  for (const [username, role, org] of accounts) {
    await saveAccount(lrs.backend, { username, role, ...(org ? { org } : {}), password });
    const response = await lrs.app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    sessions[username] = { session: /inprocap_session=([^;]+)/.exec(String(response.headers['set-cookie']))![1]!, csrf: response.json().csrfToken };
  }
  return sessions;
}
