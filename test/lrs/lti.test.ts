/**
 * Hosted launch by LTI 1.3 on both databases, against a platform made for the failure paths
 * (lti-platform.ts; the real platform is Moodle, test/moodle/lti.test.ts): dynamic registration
 * bound to an organisation, the OIDC login and the verified launch, the player page with the
 * learner's pseudonym, language and resumable registration, the launch credential's walls, grades
 * back through the outbox (refused, then delivered), deep linking, and every refused launch:
 * replayed, expired, wrong audience, wrong key, unknown deployment, keys unreachable.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalJWKSet, generateKeyPair, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../core/content/schema.ts';
import type { EmbeddedXapiLaunch, LaunchConfig } from '../../core/launch.ts';
import { VERBS } from '../../core/xapi/vocabulary.ts';
import { createRegistrationLink } from '../../lrs/lti/registration.ts';
import { loadCheckedCourses } from '../../packaging/build.ts';
import { TEST_DATABASES } from './backends.ts';
import { startTestLrs, type TestLrs } from './client.ts';
import { TestPlatform } from './lti-platform.ts';

const BASE = 'https://lrs.example.org';
const ORG = 'NWO-I';
const [pcp] = loadCheckedCourses(resolve(import.meta.dirname, '../..'), { only: ['pcp'] }, { info: () => {}, warn: () => {} }).map((c) => c.course!) as [Course];

/** A modules folder as `npm run build` writes it: the course and a runtime page. */
function modulesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inprocap-hosted-'));
  mkdirSync(join(dir, 'courses'));
  mkdirSync(join(dir, 'runtime/assets'), { recursive: true });
  writeFileSync(join(dir, 'courses/pcp.json'), JSON.stringify(pcp));
  writeFileSync(join(dir, 'runtime/index.html'), '<!doctype html>\n<html lang="en"><head><title>INPROCAP module</title><script type="module" src="./assets/index-test.js"></script></head><body></body></html>');
  writeFileSync(join(dir, 'runtime/assets/index-test.js'), 'console.log("runtime")');
  return dir;
}

const form = (fields: Record<string, string>) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });

function embedded(html: string): { course: Course; launch: LaunchConfig } {
  const read = (id: string) => JSON.parse(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html)![1]!);
  return { course: read('inprocap-course'), launch: read('inprocap-launch') };
}

async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(TEST_DATABASES.map((d) => [d.name, d] as const))('hosted launch by LTI 1.3 on %s', (_name, database) => {
  let lrs: TestLrs;
  let platform: TestPlatform;
  let dir: string;

  beforeAll(async () => {
    dir = modulesDir();
    lrs = await startTestLrs(database, { modulesDir: dir, baseUrl: BASE, ltiRetryMs: 100 });
    await lrs.app.ready();
    platform = await TestPlatform.start();
    platform.toolJwks = (await lrs.app.inject({ method: 'GET', url: '/lti/jwks' })).json();
  });
  afterAll(async () => {
    await lrs?.close();
    await platform?.close();
  });

  /** The OIDC login: returns the state and nonce the tool sent to the platform. */
  async function login() {
    const query = new URLSearchParams({ iss: platform.issuer, login_hint: 'user-42', target_link_uri: `${BASE}/lti/launch`, client_id: platform.clientId, lti_message_hint: 'hint-7' });
    const response = await lrs.app.inject({ method: 'GET', url: `/lti/login?${query}` });
    expect(response.statusCode).toBe(302);
    const to = new URL(String(response.headers.location));
    expect(`${to.origin}${to.pathname}`).toBe(`${platform.url}/auth`);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: platform.clientId,
      redirect_uri: `${BASE}/lti/launch`, login_hint: 'user-42', lti_message_hint: 'hint-7',
    });
    return { state: to.searchParams.get('state')!, nonce: to.searchParams.get('nonce')! };
  }

  const post = (idToken: string, state: string) => lrs.app.inject({ method: 'POST', url: '/lti/launch', ...form({ id_token: idToken, state }) });

  /** A whole launch as a learner's browser makes it: the player's page and the launch written into it. */
  async function launchAs(sub: string, claims: Record<string, unknown> = {}) {
    const { state, nonce } = await login();
    const response = await post(await platform.idToken(nonce, { sub, ...claims }), state);
    expect(response.statusCode, response.body).toBe(303);
    const player = await lrs.app.inject({ method: 'GET', url: String(response.headers.location) });
    expect(player.statusCode).toBe(200);
    return { location: String(response.headers.location), player, ...embedded(player.body) };
  }

  it('registers a platform by dynamic registration for the organisation of the link, once', async () => {
    const link = await createRegistrationLink(lrs.backend, BASE, ORG, 'NWO-I Moodle');
    const token = link.split('/').at(-1)!;
    const info = await lrs.app.inject({ method: 'GET', url: `/lti/register/${token}` });
    expect(info.statusCode).toBe(200);
    expect(info.body).toContain('registration link for <strong>NWO-I</strong>');
    const query = new URLSearchParams({ openid_configuration: `${platform.url}/.well-known/openid-configuration`, registration_token: 'reg-token' });
    const done = await lrs.app.inject({ method: 'GET', url: `/lti/register/${token}?${query}` });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.body).toContain("postMessage({subject: 'org.imsglobal.lti.close'}");
    // What the tool asked the platform for
    expect(platform.registrations[0]).toMatchObject({
      initiate_login_uri: `${BASE}/lti/login`,
      redirect_uris: [`${BASE}/lti/launch`],
      jwks_uri: `${BASE}/lti/jwks`,
      token_endpoint_auth_method: 'private_key_jwt',
      'https://purl.imsglobal.org/spec/lti-tool-configuration': { messages: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }] },
    });
    const [saved] = await lrs.backend.lti.platformsByIssuer(platform.issuer);
    expect(saved).toMatchObject({ org: ORG, clientId: platform.clientId, authLoginUrl: `${platform.url}/auth`, tokenUrl: `${platform.url}/token`, jwksUrl: `${platform.url}/jwks` });
    expect(await lrs.backend.lti.deployment(saved!.id, platform.deploymentId)).toMatchObject({ org: ORG });
    // A link registers one platform
    const again = await lrs.app.inject({ method: 'GET', url: `/lti/register/${token}?${query}` });
    expect(again.statusCode).toBe(410);
    expect(again.headers['content-type']).toContain('text/html');
    expect((await lrs.app.inject({ method: 'GET', url: '/lti/register/not-a-link' })).statusCode).toBe(404);
  });

  it('plays the module as the learner of the launch: a pseudonym, their LMS language, the organisation of the deployment', async () => {
    const { player, course, launch } = await launchAs('moodle-user-42');
    expect(player.headers['cache-control']).toBe('no-store');
    expect(player.headers['referrer-policy']).toBe('no-referrer');
    expect(course.id).toBe(pcp.id);
    expect(launch.format).toBe('xapi');
    const xapi = launch.xapi!;
    expect(xapi.endpoint).toBe(`${BASE}/xapi`);
    expect(xapi.language).toBe('es');
    expect(xapi.actor.account.homePage).toBe(platform.issuer);
    expect(xapi.actor.account.name).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(JSON.stringify(launch)).not.toContain('moodle-user-42');
    expect(player.body).toContain('src="./assets/index-test.js"');
    // The runtime's scripts are served beside the player
    const script = await lrs.app.inject({ method: 'GET', url: '/lti/play/assets/index-test.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('runtime');

    // The launch's credential writes this learner's statements, in the deployment's organisation
    const statement = { actor: xapi.actor, verb: { id: VERBS.initialized }, object: { id: pcp.id }, context: { registration: xapi.registration } };
    expect((await lrs.request('POST', '/xapi/statements', { auth: xapi.auth, body: statement })).status).toBe(200);
    const reader = await lrs.auth(['statements/read'], ORG);
    const found = await lrs.request('GET', `/xapi/statements?registration=${xapi.registration}`, { auth: reader });
    expect(found.json.statements).toHaveLength(1);
    const elsewhere = await lrs.auth(['statements/read'], 'DTI');
    expect((await lrs.request('GET', `/xapi/statements?registration=${xapi.registration}`, { auth: elsewhere })).json.statements).toHaveLength(0);
  });

  it("keeps a launch's credential to its own learner: no other actor, no other learner's state, nothing after it ends", async () => {
    const { launch } = await launchAs('moodle-user-43');
    const xapi = launch.xapi!;
    const other = { objectType: 'Agent', account: { homePage: platform.issuer, name: 'someone-else' } };
    const written = await lrs.request('POST', '/xapi/statements', { auth: xapi.auth, body: { actor: other, verb: { id: VERBS.initialized }, object: { id: pcp.id } } });
    expect(written.status).toBe(403);
    expect(written.json.message).toContain('its own learner only');
    const state = (agent: object) => `/xapi/activities/state?${new URLSearchParams({ activityId: pcp.id, agent: JSON.stringify(agent), stateId: 'x' })}`;
    expect((await lrs.request('PUT', state(other), { auth: xapi.auth, body: { a: 1 } })).status).toBe(403);
    expect((await lrs.request('PUT', state(xapi.actor), { auth: xapi.auth, body: { a: 1 } })).status).toBe(204);
    // Not an administrator's credential to list
    expect((await lrs.backend.listCredentials()).some((c) => c.key.startsWith('lti-'))).toBe(false);
    // Expired: refused
    const key = Buffer.from(xapi.auth.slice(6), 'base64').toString().split(':')[0]!;
    const credential = (await lrs.backend.getCredential(key))!;
    expect(credential.expires).toBeTruthy();
    await lrs.backend.revokeCredential(key);
    expect((await lrs.request('GET', `/xapi/statements?registration=${xapi.registration}`, { auth: xapi.auth })).status).toBe(401);
  });

  it('resumes: the same learner and link get the same registration, and their saved state, at the next launch', async () => {
    const first = (await launchAs('moodle-user-44')).launch.xapi!;
    const state = `/xapi/activities/state?${new URLSearchParams({ activityId: pcp.id, agent: JSON.stringify(first.actor), registration: first.registration, stateId: 'https://inprocap.eu/xapi/state/learner' })}`;
    expect((await lrs.request('PUT', state, { auth: first.auth, body: { state: 'lesson-3', bookmark: 'l3' } })).status).toBe(204);
    const second = (await launchAs('moodle-user-44')).launch.xapi!;
    expect(second.registration).toBe(first.registration);
    expect(second.actor).toEqual(first.actor);
    expect(second.auth).not.toBe(first.auth);
    expect((await lrs.request('GET', state, { auth: second.auth })).json).toEqual({ state: 'lesson-3', bookmark: 'l3' });
    // another link of the same module is another attempt
    const other = (await launchAs('moodle-user-44', { 'https://purl.imsglobal.org/spec/lti/claim/resource_link': { id: 'link-2' } })).launch.xapi!;
    expect(other.registration).not.toBe(first.registration);
  });

  it('plays the module as built now: a rebuilt module shows at the next launch', async () => {
    const changed = { ...pcp, content: { ...pcp.content, en: { ...pcp.content.en!, title: 'PCP, revised' } } };
    writeFileSync(join(dir, 'courses/pcp.json'), JSON.stringify(changed));
    try {
      const { course } = await launchAs('moodle-user-45');
      expect(course.content.en!.title).toBe('PCP, revised');
    } finally {
      writeFileSync(join(dir, 'courses/pcp.json'), JSON.stringify(pcp));
    }
  });

  it('sends the grade to the line item when the learner passes, retrying until the platform takes it', async () => {
    const { launch } = await launchAs('moodle-user-46');
    const xapi: EmbeddedXapiLaunch = launch.xapi!;
    platform.refuseScores = { times: 2, status: 500 };
    const before = platform.scores.length;
    const passed = {
      actor: xapi.actor,
      verb: { id: VERBS.passed },
      object: { id: pcp.id },
      result: { score: { scaled: 0.8, raw: 80, min: 0, max: 100 }, success: true, completion: true },
      context: { registration: xapi.registration },
      timestamp: '2026-12-07T10:00:00.000Z',
    };
    expect((await lrs.request('POST', '/xapi/statements', { auth: xapi.auth, body: passed })).status).toBe(200);
    // Refused twice: kept, with the reason, and tried again
    const waiting = await until(async () => (await lrs.backend.lti.pendingScores()).find((s) => s.attempts >= 1));
    expect(waiting.lastError).toContain('answered 500');
    const received = await until(() => (platform.scores.length > before ? platform.scores.at(-1) : undefined));
    expect(received.body).toEqual({ userId: 'moodle-user-46', scoreGiven: 80, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: '2026-12-07T10:00:00.000Z' });
    // The line item was made for the link (the launch named only the container), its query kept
    expect(received.query).toBe('type_id=1');
    expect(received.authorization).toMatch(/^Bearer token-/);
    expect(await until(async () => (await lrs.backend.lti.pendingScores()).length === 0)).toBe(true);
  });

  it('lets a teacher pick a module and language by deep linking, answering with a signed resource link and line item', async () => {
    const { state, nonce } = await login();
    const request = await platform.idToken(nonce, {
      'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingRequest',
      'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': { deep_link_return_url: `${platform.url}/return`, accept_types: ['ltiResourceLink'], data: 'opaque-42' },
      'https://purl.imsglobal.org/spec/lti/claim/resource_link': undefined,
      sub: 'teacher-1',
    });
    const response = await post(request, state);
    expect(response.statusCode, response.body).toBe(303);
    const picker = await lrs.app.inject({ method: 'GET', url: String(response.headers.location) });
    expect(picker.body).toContain('value="pcp"');
    expect(picker.body).toContain('<option value="es">Español</option>');
    const refused = await lrs.app.inject({ method: 'POST', url: String(response.headers.location), ...form({ module: 'pcp', language: 'pl' }) });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('has no Polski version');
    const answer = await lrs.app.inject({ method: 'POST', url: String(response.headers.location), ...form({ module: 'pcp', language: 'es' }) });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain(`action="${platform.url}/return"`);
    const jwt = /name="JWT" value="([^"]+)"/.exec(answer.body)![1]!;
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(platform.toolJwks!), { issuer: platform.clientId, audience: platform.issuer });
    expect(payload['https://purl.imsglobal.org/spec/lti/claim/message_type']).toBe('LtiDeepLinkingResponse');
    expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/data']).toBe('opaque-42');
    expect(payload['https://purl.imsglobal.org/spec/lti/claim/deployment_id']).toBe(platform.deploymentId);
    expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items']).toEqual([
      {
        type: 'ltiResourceLink',
        title: pcp.content.es!.title,
        url: `${BASE}/lti/launch?module=pcp`,
        custom: { module: 'pcp', language: 'es' },
        lineItem: { scoreMaximum: 100, label: pcp.content.es!.title, resourceId: 'pcp' },
      },
    ]);
  });

  describe('refuses, with the reason, a launch that', () => {
    it('replays a token and state already used', async () => {
      const { state, nonce } = await login();
      const token = await platform.idToken(nonce, { sub: 'replayer' });
      expect((await post(token, state)).statusCode).toBe(303);
      const replay = await post(token, state);
      expect(replay.statusCode).toBe(401);
      expect(replay.body).toContain('already used');
    });

    it('has expired', async () => {
      const { state, nonce } = await login();
      const response = await post(await platform.idToken(nonce, {}, { expired: true }), state);
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('has expired');
    });

    it('was issued for another tool', async () => {
      const { state, nonce } = await login();
      const response = await post(await platform.idToken(nonce, {}, { audience: 'another-client' }), state);
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('aud claim');
    });

    it('carries another nonce', async () => {
      const { state } = await login();
      const response = await post(await platform.idToken('not-the-nonce'), state);
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('nonce');
    });

    it('is signed with a key the platform does not publish', async () => {
      const { state, nonce } = await login();
      const { privateKey } = await generateKeyPair('RS256');
      const response = await post(await platform.idToken(nonce, {}, { key: privateKey }), state);
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('signature does not verify');
    });

    it('names a deployment not registered with the tool', async () => {
      const { state, nonce } = await login();
      const response = await post(await platform.idToken(nonce, { 'https://purl.imsglobal.org/spec/lti/claim/deployment_id': '99' }), state);
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('deployment 99');
    });

    it("cannot be checked because the platform's keys are unreachable (and works when they are back)", async () => {
      platform.jwksDown = true;
      const fresh = await startTestLrs(database, { modulesDir: dir, baseUrl: BASE });
      try {
        await fresh.backend.lti.savePlatform(platform.record(ORG), [platform.deploymentId]);
        const query = new URLSearchParams({ iss: platform.issuer, login_hint: 'u', target_link_uri: `${BASE}/lti/launch`, client_id: platform.clientId });
        const to = new URL(String((await fresh.app.inject({ method: 'GET', url: `/lti/login?${query}` })).headers.location));
        const token = await platform.idToken(to.searchParams.get('nonce')!);
        const response = await fresh.app.inject({ method: 'POST', url: '/lti/launch', ...form({ id_token: token, state: to.searchParams.get('state')! }) });
        expect(response.statusCode).toBe(502);
        expect(response.body).toContain("public keys could not be read");
      } finally {
        platform.jwksDown = false;
        await fresh.close();
      }
    });

    it('comes from a platform nobody registered, or is not a launch at all', async () => {
      const unknown = await lrs.app.inject({ method: 'GET', url: `/lti/login?${new URLSearchParams({ iss: 'https://lms.invalid', login_hint: 'x', target_link_uri: `${BASE}/lti/launch` })}` });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.body).toContain('no platform with issuer https://lms.invalid');
      const garbage = await post('not.a.token', 'no-such-state');
      expect(garbage.statusCode).toBe(401);
      const { state } = await login();
      const malformed = await post('not.a.token', state);
      expect(malformed.statusCode).toBe(400);
      expect((await lrs.app.inject({ method: 'GET', url: '/lti/play/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);
    });
  });

  it('publishes its key and its addresses', async () => {
    const jwks = (await lrs.app.inject({ method: 'GET', url: '/lti/jwks' })).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
    const info = await lrs.app.inject({ method: 'GET', url: '/lti' });
    expect(info.body).toContain(`${BASE}/lti/login`);
  });
});
