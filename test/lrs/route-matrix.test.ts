/**
 * Every route the server registers (its route table), every method, against every kind of
 * caller: no credentials, a wrong secret, a revoked credential, a credential with each scope,
 * a credential of another organisation, a dashboard session of each role, a change without the
 * CSRF token. Each answer is asserted. A route with no row in MATRIX fails the test, so a new
 * route cannot ship without its access rules being written down here.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows } from '../../lrs/auth/credentials.ts';
import { SCOPES } from '../../lrs/contracts/scopes.ts';
import { saveAccount } from '../../lrs/dashboard/accounts.ts';
import { SESSION_COOKIE } from '../../lrs/http/dashboard-session.ts';
import type { RouteEntry } from '../../lrs/http/context.ts';
import type { Credential } from '../../lrs/storage/backend.ts';
import type { AccountRole } from '../../lrs/contracts/admin.ts';
import { TEST_DATABASES } from './backends.ts';
import { startTestLrs, type TestLrs } from './client.ts';

const ROLES: AccountRole[] = ['trainer', 'control-group', 'admin'];
const PASSWORD = 'a long test password';
const ACTOR = { objectType: 'Agent', mbox: 'mailto:ada@a.example' };
const ACTIVITY = 'https://a.example/course';
const STATEMENT_ID = '0a000000-0000-4000-8000-0000000000aa';
const PUT_ID = '0a000000-0000-4000-8000-0000000000bb';
const MODULE = 'https://inprocap.eu/modules/fundamentals';
/** An activity of the built module (npm test builds first: dist/review/ holds its source index). */
const builtActivity = (n: number) => Object.keys(JSON.parse(readFileSync('dist/review/fundamentals.sources.json', 'utf8')).items)[n]!;

interface Sample {
  method: string;
  url: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

/** A route reached with a credential (xAPI): what a permitted caller of A and one of B get. */
interface CredentialRow {
  access: 'credential';
  sample: (ctx: Context) => Sample;
  /** The answer to organisation A's credential (which owns the sample's records). */
  own: number;
  /** The answer to organisation B's credential, with every scope: never A's records. */
  otherOrg: number;
  /** Where a permitted scope answers otherwise (statements/read/mine sees only its own credential's statements). */
  byScope?: Partial<Record<(typeof SCOPES)[number], number>>;
}

/** A dashboard route reached with a session: the answer per role; `change` routes need the CSRF token. */
interface SessionRow {
  access: 'session';
  sample: (ctx: Context) => Sample;
  roles: Record<AccountRole, number>;
  change: boolean;
}

/** Open to anyone (the xAPI about resource, the dashboard's files, sign-in, CORS preflights). */
interface PublicRow {
  access: 'public';
  sample: (ctx: Context) => Sample;
  status: number;
}

type Row = CredentialRow | SessionRow | PublicRow;

interface Context {
  moreToken: string;
  credentialKey: string;
  username: string;
  /** A training session of organisation A. */
  sessionId: string;
}

const q = (params: Record<string, string | object>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
const statement = { actor: ACTOR, verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' }, object: { objectType: 'Activity', id: ACTIVITY } };
const state = (extra: Record<string, string> = {}) => `/xapi/activities/state?${q({ activityId: ACTIVITY, agent: ACTOR, ...extra })}`;
const activityProfile = (extra: Record<string, string> = {}) => `/xapi/activities/profile?${q({ activityId: ACTIVITY, ...extra })}`;
const agentProfile = (extra: Record<string, string> = {}) => `/xapi/agents/profile?${q({ agent: ACTOR, ...extra })}`;
const json = (raw: string) => ({ raw, headers: { 'content-type': 'application/json' } });

/** Every route, by "METHOD url" as the route table names it. HEAD rows follow their GET row. */
const MATRIX: Record<string, Row> = {
  'OPTIONS *': { access: 'public', sample: () => ({ method: 'OPTIONS', url: '/xapi/statements', headers: { origin: 'https://lms.example', 'access-control-request-method': 'POST' } }), status: 204 },
  'GET /xapi/about': { access: 'public', sample: () => ({ method: 'GET', url: '/xapi/about' }), status: 200 },

  'PUT /xapi/statements': { access: 'credential', sample: () => ({ method: 'PUT', url: `/xapi/statements?statementId=${PUT_ID}`, body: statement }), own: 204, otherOrg: 204 },
  'POST /xapi/statements': { access: 'credential', sample: () => ({ method: 'POST', url: '/xapi/statements', body: [statement] }), own: 200, otherOrg: 200 },
  'GET /xapi/statements': { access: 'credential', sample: () => ({ method: 'GET', url: `/xapi/statements?statementId=${STATEMENT_ID}` }), own: 200, otherOrg: 404, byScope: { 'statements/read/mine': 404 } },
  'GET /xapi/statements/more/:token': { access: 'credential', sample: (c) => ({ method: 'GET', url: `/xapi/statements/more/${c.moreToken}` }), own: 200, otherOrg: 200 },

  'GET /xapi/activities/state': { access: 'credential', sample: () => ({ method: 'GET', url: state({ stateId: 'bookmark' }) }), own: 200, otherOrg: 404 },
  'PUT /xapi/activities/state': { access: 'credential', sample: () => ({ method: 'PUT', url: state({ stateId: 'other' }), ...json('{"a":1}') }), own: 204, otherOrg: 204 },
  'POST /xapi/activities/state': { access: 'credential', sample: () => ({ method: 'POST', url: state({ stateId: 'merged' }), ...json('{"b":2}') }), own: 204, otherOrg: 204 },
  'DELETE /xapi/activities/state': { access: 'credential', sample: () => ({ method: 'DELETE', url: state({ stateId: 'nothing-here' }) }), own: 204, otherOrg: 204 },

  'GET /xapi/activities/profile': { access: 'credential', sample: () => ({ method: 'GET', url: activityProfile({ profileId: 'syllabus' }) }), own: 200, otherOrg: 404 },
  'PUT /xapi/activities/profile': { access: 'credential', sample: () => ({ method: 'PUT', url: activityProfile({ profileId: 'syllabus' }), ...json('{"v":2}'), headers: { 'content-type': 'application/json', 'if-match': '*' } }), own: 204, otherOrg: 412 },
  'POST /xapi/activities/profile': { access: 'credential', sample: () => ({ method: 'POST', url: activityProfile({ profileId: 'notes' }), ...json('{"n":1}') }), own: 204, otherOrg: 204 },
  'DELETE /xapi/activities/profile': { access: 'credential', sample: () => ({ method: 'DELETE', url: activityProfile({ profileId: 'none' }) }), own: 204, otherOrg: 204 },

  'GET /xapi/agents/profile': { access: 'credential', sample: () => ({ method: 'GET', url: agentProfile({ profileId: 'preferences' }) }), own: 200, otherOrg: 404 },
  'PUT /xapi/agents/profile': { access: 'credential', sample: () => ({ method: 'PUT', url: agentProfile({ profileId: 'preferences' }), ...json('{"v":2}'), headers: { 'content-type': 'application/json', 'if-match': '*' } }), own: 204, otherOrg: 412 },
  'POST /xapi/agents/profile': { access: 'credential', sample: () => ({ method: 'POST', url: agentProfile({ profileId: 'notes' }), ...json('{"n":1}') }), own: 204, otherOrg: 204 },
  'DELETE /xapi/agents/profile': { access: 'credential', sample: () => ({ method: 'DELETE', url: agentProfile({ profileId: 'none' }) }), own: 204, otherOrg: 204 },

  'GET /xapi/activities': { access: 'credential', sample: () => ({ method: 'GET', url: `/xapi/activities?${q({ activityId: ACTIVITY })}` }), own: 200, otherOrg: 200 },
  'GET /xapi/agents': { access: 'credential', sample: () => ({ method: 'GET', url: `/xapi/agents?${q({ agent: ACTOR })}` }), own: 200, otherOrg: 200 },

  'POST /api/session': { access: 'public', sample: () => ({ method: 'POST', url: '/api/session', body: { username: 'nobody', password: 'wrong' } }), status: 401 },
  'GET /api/session': { access: 'session', sample: () => ({ method: 'GET', url: '/api/session' }), roles: { trainer: 200, 'control-group': 200, admin: 200 }, change: false },
  'DELETE /api/session': { access: 'session', sample: () => ({ method: 'DELETE', url: '/api/session' }), roles: { trainer: 204, 'control-group': 204, admin: 204 }, change: true },

  ...Object.fromEntries(
    ['dimensions', 'overview', 'module', 'items', 'gain', 'case', 'feedback', 'learners', 'learners.csv', 'comments.csv'].map((report) => [
      `GET /api/reports/${report}`,
      {
        access: 'session',
        sample: () => ({ method: 'GET', url: `/api/reports/${report}?${q({ module: MODULE })}` }),
        roles: { trainer: 200, 'control-group': 200, admin: 200 },
        change: false,
      } satisfies SessionRow,
    ]),
  ),

  'GET /api/admin/accounts': { access: 'session', sample: () => ({ method: 'GET', url: '/api/admin/accounts' }), roles: { trainer: 403, 'control-group': 403, admin: 200 }, change: false },
  'POST /api/admin/accounts': { access: 'session', sample: () => ({ method: 'POST', url: '/api/admin/accounts', body: { username: `new-${Math.random().toString(36).slice(2)}`, role: 'control-group' } }), roles: { trainer: 403, 'control-group': 403, admin: 201 }, change: true },
  'POST /api/admin/accounts/:username/disable': { access: 'session', sample: (c) => ({ method: 'POST', url: `/api/admin/accounts/${c.username}/disable` }), roles: { trainer: 403, 'control-group': 403, admin: 200 }, change: true },
  'GET /api/admin/credentials': { access: 'session', sample: () => ({ method: 'GET', url: '/api/admin/credentials' }), roles: { trainer: 403, 'control-group': 403, admin: 200 }, change: false },
  'POST /api/admin/credentials': { access: 'session', sample: () => ({ method: 'POST', url: '/api/admin/credentials', body: { org: 'C', scopes: ['statements/write'] } }), roles: { trainer: 403, 'control-group': 403, admin: 201 }, change: true },
  'POST /api/admin/credentials/:key/revoke': { access: 'session', sample: (c) => ({ method: 'POST', url: `/api/admin/credentials/${c.credentialKey}/revoke` }), roles: { trainer: 403, 'control-group': 403, admin: 204 }, change: true },

  'GET /api/reports/programme': { access: 'session', sample: () => ({ method: 'GET', url: '/api/reports/programme' }), roles: { trainer: 200, 'control-group': 200, admin: 200 }, change: false },
  'GET /api/reviews': { access: 'session', sample: () => ({ method: 'GET', url: `/api/reviews?${q({ module: MODULE })}` }), roles: { trainer: 200, 'control-group': 200, admin: 200 }, change: false },
  // Marking is the Control Group's (and admins'); the activity is one of the built module's.
  'PUT /api/reviews': { access: 'session', sample: () => ({ method: 'PUT', url: '/api/reviews', body: { moduleId: MODULE, activityId: builtActivity(0), note: 'Reviewed.' } }), roles: { trainer: 403, 'control-group': 200, admin: 200 }, change: true },
  'DELETE /api/reviews': { access: 'session', sample: () => ({ method: 'DELETE', url: '/api/reviews', body: { moduleId: MODULE, activityId: builtActivity(1) } }), roles: { trainer: 403, 'control-group': 404, admin: 404 }, change: true },
  'GET /review/:page': { access: 'session', sample: () => ({ method: 'GET', url: '/review/fundamentals.html' }), roles: { trainer: 200, 'control-group': 200, admin: 200 }, change: false },
  'GET /api/reports/programme.csv': { access: 'session', sample: () => ({ method: 'GET', url: '/api/reports/programme.csv' }), roles: { trainer: 200, 'control-group': 200, admin: 200 }, change: false },
  'GET /api/training-sessions': { access: 'session', sample: () => ({ method: 'GET', url: '/api/training-sessions' }), roles: { trainer: 200, 'control-group': 200, admin: 200 }, change: false },
  'POST /api/training-sessions': { access: 'session', sample: () => ({ method: 'POST', url: '/api/training-sessions', body: { moduleId: MODULE, date: '2026-10-01', place: 'Room 1', org: 'A' } }), roles: { trainer: 201, 'control-group': 403, admin: 201 }, change: true },
  'GET /api/training-sessions/:id': { access: 'session', sample: (c) => ({ method: 'GET', url: `/api/training-sessions/${c.sessionId}` }), roles: { trainer: 200, 'control-group': 403, admin: 200 }, change: false },
  'POST /api/training-sessions/:id/attendance': { access: 'session', sample: (c) => ({ method: 'POST', url: `/api/training-sessions/${c.sessionId}/attendance`, body: { people: [{ name: 'A Person' }] } }), roles: { trainer: 200, 'control-group': 403, admin: 200 }, change: true },
  'POST /api/certificates': { access: 'session', sample: () => ({ method: 'POST', url: '/api/certificates', body: { learner: 'L-0000000000', org: 'A' } }), roles: { trainer: 404, 'control-group': 403, admin: 404 }, change: true },
  'GET /verify': { access: 'public', sample: () => ({ method: 'GET', url: '/verify' }), status: 200 },
  'GET /verify/:code': { access: 'public', sample: () => ({ method: 'GET', url: '/verify/ABCD-EFGH-JKMN' }), status: 404 },

  // Hosted launch by LTI 1.3: public by design, the platform's signature is the credential (test/lrs/lti.test.ts).
  'GET /lti': { access: 'public', sample: () => ({ method: 'GET', url: '/lti' }), status: 200 },
  'GET /lti/jwks': { access: 'public', sample: () => ({ method: 'GET', url: '/lti/jwks' }), status: 200 },
  'GET /lti/login': { access: 'public', sample: () => ({ method: 'GET', url: '/lti/login' }), status: 400 },
  'POST /lti/login': { access: 'public', sample: () => ({ method: 'POST', url: '/lti/login', raw: 'login_hint=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), status: 400 },
  'GET /lti/launch': { access: 'public', sample: () => ({ method: 'GET', url: '/lti/launch' }), status: 400 },
  'POST /lti/launch': { access: 'public', sample: () => ({ method: 'POST', url: '/lti/launch', raw: 'id_token=x&state=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), status: 401 },
  'GET /lti/play/:launch': { access: 'public', sample: () => ({ method: 'GET', url: '/lti/play/no-such-launch' }), status: 404 },
  'GET /lti/play/assets/*': { access: 'public', sample: () => ({ method: 'GET', url: '/lti/play/assets/no-such-file.js' }), status: 404 },
  'GET /lti/pick/:launch': { access: 'public', sample: () => ({ method: 'GET', url: '/lti/pick/no-such-launch' }), status: 404 },
  'POST /lti/pick/:launch': { access: 'public', sample: () => ({ method: 'POST', url: '/lti/pick/no-such-launch', raw: 'module=pcp', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), status: 404 },
  'GET /lti/register/:token': { access: 'public', sample: () => ({ method: 'GET', url: '/lti/register/no-such-link' }), status: 404 },

  // Dispatch packages: public by design, the package's signed key is the credential (test/lrs/dispatch.test.ts).
  'GET /dispatch/:module': { access: 'public', sample: () => ({ method: 'GET', url: '/dispatch/pcp?format=scorm12&key=x.y' }), status: 401 },
  'GET /dispatch/assets/*': { access: 'public', sample: () => ({ method: 'GET', url: '/dispatch/assets/no-such-file.js' }), status: 404 },

  'GET /': { access: 'public', sample: () => ({ method: 'GET', url: '/' }), status: 302 },
  'GET /dashboard/': { access: 'public', sample: () => ({ method: 'GET', url: '/dashboard/' }), status: 200 },
  'GET /dashboard/*': { access: 'public', sample: () => ({ method: 'GET', url: '/dashboard/no-such-file.js' }), status: 404 },
};

function rowOf(route: RouteEntry): Row | undefined {
  return MATRIX[`${route.method} ${route.url}`] ?? (route.method === 'HEAD' ? MATRIX[`GET ${route.url}`] : undefined);
}

describe.each(TEST_DATABASES.filter((d) => d.name === 'sqlite').map((d) => [d.name, d] as const))('route x caller matrix on %s', (_name, database) => {
  let lrs: TestLrs;
  const credentials = new Map<string, string>(); // scope -> Authorization header (organisation A)
  let otherOrg: string;
  let revoked: string;
  let wrongSecret: string;
  const sessions = new Map<AccountRole, { cookie: string; csrf: string }>();
  const context: Context = { moreToken: '', credentialKey: '', username: '', sessionId: '' };

  beforeAll(async () => {
    lrs = await startTestLrs(database, { dashboardDir: `${process.cwd()}/dist/dashboard`, modulesDir: `${process.cwd()}/dist` });
    for (const scope of SCOPES) credentials.set(scope, await lrs.auth([scope], 'A'));
    otherOrg = await lrs.auth(['all'], 'B');
    revoked = await lrs.auth(['all'], 'A');
    const revokedKey = Buffer.from(revoked.slice(6), 'base64').toString().split(':')[0]!;
    await lrs.backend.revokeCredential(revokedKey);
    wrongSecret = `Basic ${Buffer.from(`${Buffer.from(credentials.get('all')!.slice(6), 'base64').toString().split(':')[0]}:not-the-secret`).toString('base64')}`;
    // Organisation A's records, which the samples name.
    const all = credentials.get('all')!;
    expect((await lrs.request('PUT', `/xapi/statements?statementId=${STATEMENT_ID}`, { auth: all, body: statement })).status).toBe(204);
    expect((await lrs.request('POST', '/xapi/statements', { auth: all, body: [statement, statement] })).status).toBe(200);
    context.moreToken = (await lrs.request('GET', '/xapi/statements?limit=1', { auth: all })).json.more.split('/').at(-1);
    expect((await lrs.request('PUT', state({ stateId: 'bookmark' }), { auth: all, raw: '{"page":1}', headers: { 'content-type': 'application/json' } })).status).toBe(204);
    expect((await lrs.request('PUT', activityProfile({ profileId: 'syllabus' }), { auth: all, raw: '{"v":1}', headers: { 'content-type': 'application/json', 'if-none-match': '*' } })).status).toBe(204);
    expect((await lrs.request('PUT', agentProfile({ profileId: 'preferences' }), { auth: all, raw: '{"v":1}', headers: { 'content-type': 'application/json', 'if-none-match': '*' } })).status).toBe(204);
    context.sessionId = '0b000000-0000-4000-8000-0000000000cc';
    await lrs.backend.tenant('A').saveTrainingSession({ id: context.sessionId, moduleId: MODULE, date: '2026-10-01', place: 'Room 1', createdBy: 'trainer', created: new Date().toISOString() });
    for (const role of ROLES) {
      await saveAccount(lrs.backend, { username: role, role, ...(role === 'trainer' ? { org: 'A' } : {}), password: PASSWORD });
      const login = await lrs.app.inject({ method: 'POST', url: '/api/session', payload: JSON.stringify({ username: role, password: PASSWORD }), headers: { 'content-type': 'application/json' } });
      sessions.set(role, { cookie: new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(String(login.headers['set-cookie']))![1]!, csrf: (JSON.parse(login.body) as { csrfToken: string }).csrfToken });
    }
  });
  afterAll(async () => lrs?.close());

  /** Targets the per-role samples need fresh each time (an account to disable, a credential to revoke). */
  async function freshTargets(): Promise<void> {
    const username = `target-${Math.random().toString(36).slice(2)}`;
    await saveAccount(lrs.backend, { username, role: 'control-group', password: PASSWORD });
    context.username = username;
    const made = await lrs.auth(['statements/write'], 'C');
    context.credentialKey = Buffer.from(made.slice(6), 'base64').toString().split(':')[0]!;
  }

  async function call(sample: Sample, headers: Record<string, string>, version = true) {
    const response = await lrs.app.inject({
      method: sample.method as never,
      url: sample.url,
      headers: { ...(version ? { 'x-experience-api-version': '1.0.3' } : {}), ...(sample.body !== undefined || sample.raw !== undefined ? { 'content-type': 'application/json' } : {}), ...sample.headers, ...headers },
      ...(sample.body !== undefined ? { payload: JSON.stringify(sample.body) } : sample.raw !== undefined ? { payload: sample.raw } : {}),
    });
    return response.statusCode;
  }

  it('has a row for every route the server registers', () => {
    const routes = lrs.app.routeTable;
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.filter((r) => !rowOf(r)).map((r) => `${r.method} ${r.url}`);
    expect(missing, 'routes without a row in MATRIX (add one, with its access rules)').toEqual([]);
    // And the matrix names no route the server does not have.
    const registered = new Set(routes.map((r) => `${r.method} ${r.url}`));
    expect(Object.keys(MATRIX).filter((key) => !registered.has(key))).toEqual([]);
  });

  it('has every dashboard route declare its session in its own options, where the kernel checks it', () => {
    const undeclared = lrs.app.routeTable.filter((r) => (rowOf(r)?.access === 'session') !== (r.session === true)).map((r) => `${r.method} ${r.url}`);
    expect(undeclared, 'routes whose config.session does not match the matrix').toEqual([]);
  });

  it('answers every credential route as its scopes say, for every caller', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    const expectStatus = (what: string, got: number, want: number | ((s: number) => boolean)) => {
      if (typeof want === 'number' ? got !== want : !want(got)) failures.push(`${what}: got ${got}${typeof want === 'number' ? `, want ${want}` : ''}`);
    };
    for (const route of lrs.app.routeTable) {
      const row = rowOf(route);
      if (row?.access !== 'credential') continue;
      const name = `${route.method} ${route.url}`;
      const sample = { ...row.sample(context), method: route.method };
      const ok = row.own;
      expect(route.scopes, `${name} declares its scopes`).toBeDefined();
      expectStatus(`${name} without credentials`, await call(sample, {}), 401);
      expectStatus(`${name} with a wrong secret`, await call(sample, { authorization: wrongSecret }), 401);
      expectStatus(`${name} with a revoked credential`, await call(sample, { authorization: revoked }), 401);
      expectStatus(`${name} with a dashboard session and no credential`, await call(sample, { cookie: `${SESSION_COOKIE}=${sessions.get('admin')!.cookie}` }), 401);
      for (const scope of SCOPES) {
        const permitted = allows({ scopes: [scope] } as unknown as Credential, route.scopes!);
        expectStatus(`${name} with scope ${scope}`, await call(sample, { authorization: credentials.get(scope)! }), permitted ? (row.byScope?.[scope] ?? ok) : 403);
      }
      expectStatus(`${name} with organisation B's credential`, await call(sample, { authorization: otherOrg }), row.otherOrg);
    }
    expect(failures).toEqual([]);
  });

  it('answers every dashboard route as the role says, and refuses changes without the CSRF token', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    for (const route of lrs.app.routeTable) {
      const row = rowOf(route);
      if (row?.access !== 'session') continue;
      const name = `${route.method} ${route.url}`;
      await freshTargets();
      const sample = { ...row.sample(context), method: route.method };
      const check = (what: string, got: number, want: number) => got !== want && failures.push(`${name} ${what}: got ${got}, want ${want}`);
      check('without a session', await call(sample, {}, false), 401);
      check('with an xAPI credential', await call(sample, { authorization: credentials.get('all')! }, false), 401);
      check('with a forged session cookie', await call(sample, { cookie: `${SESSION_COOKIE}=forged` }, false), 401);
      for (const role of ROLES) {
        const session = sessions.get(role)!;
        if (row.change) check(`as ${role} without the CSRF token`, await call(sample, { cookie: `${SESSION_COOKIE}=${session.cookie}` }, false), 403);
        if (route.url === '/api/session' && route.method === 'DELETE') continue; // signing out ends the session the other rows use
        await freshTargets();
        const fresh = { ...row.sample(context), method: route.method };
        check(`as ${role}`, await call(fresh, { cookie: `${SESSION_COOKIE}=${session.cookie}`, 'x-csrf-token': session.csrf }, false), row.roles[role]);
      }
    }
    // Signing out, last: each role's session ends and is refused afterwards.
    for (const role of ROLES) {
      const session = sessions.get(role)!;
      const headers = { cookie: `${SESSION_COOKIE}=${session.cookie}`, 'x-csrf-token': session.csrf };
      const out = await call({ method: 'DELETE', url: '/api/session' }, headers, false);
      if (out !== 204) failures.push(`DELETE /api/session as ${role}: got ${out}, want 204`);
      const after = await call({ method: 'GET', url: '/api/session' }, headers, false);
      if (after !== 401) failures.push(`GET /api/session after signing out as ${role}: got ${after}, want 401`);
    }
    expect(failures).toEqual([]);
  });

  it('answers the public routes to anyone', async () => {
    const failures: string[] = [];
    for (const route of lrs.app.routeTable) {
      const row = rowOf(route);
      if (row?.access !== 'public') continue;
      const sample = { ...row.sample(context), method: route.method };
      const got = await call(sample, {}, route.url.startsWith('/xapi'));
      if (got !== row.status) failures.push(`${route.method} ${route.url}: got ${got}, want ${row.status}`);
    }
    expect(failures).toEqual([]);
  });
});
