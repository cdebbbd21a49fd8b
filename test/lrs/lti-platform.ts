/**
 * A small LTI 1.3 platform for the failure paths the real one (Moodle, test/moodle/lti.test.ts)
 * cannot be made to take on demand: its keys, its OpenID configuration and registration
 * endpoint, its token endpoint (which verifies the tool's client assertion against the tool's
 * published key), and line items whose scores endpoint can be told to refuse. It signs launches
 * the way a platform does, with `jose`, and can sign them wrongly on purpose.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';

export interface ReceivedScore {
  lineitem: string;
  query: string;
  body: Record<string, unknown>;
  authorization: string;
}

export class TestPlatform {
  readonly clientId = `client-${randomUUID().slice(0, 8)}`;
  readonly deploymentId = '1';
  readonly scores: ReceivedScore[] = [];
  readonly registrations: Record<string, unknown>[] = [];
  /** Answers the next N score posts with this status. */
  refuseScores: { times: number; status: number } = { times: 0, status: 500 };
  jwksDown = false;
  /** The tool's public keys (set by the test from the tool's /lti/jwks): the token endpoint checks assertions with them. */
  toolJwks?: { keys: JWK[] };
  url = '';
  private app!: FastifyInstance;
  private key!: CryptoKey;
  private jwk!: JWK;
  private lineItems = 0;

  static async start(): Promise<TestPlatform> {
    const platform = new TestPlatform();
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    platform.key = privateKey;
    platform.jwk = { ...(await exportJWK(publicKey)), kid: 'platform-1', alg: 'RS256', use: 'sig' };
    await platform.listen();
    return platform;
  }

  get issuer(): string {
    return this.url;
  }

  private async listen(): Promise<void> {
    const app = Fastify();
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
    app.addContentTypeParser(/^application\/vnd\.ims\./, { parseAs: 'string' }, (_r, body, done) => done(null, JSON.parse(String(body))));
    app.get('/jwks', async (_request, reply) => (this.jwksDown ? reply.code(503).send('down') : { keys: [this.jwk] }));
    app.get('/.well-known/openid-configuration', async () => ({
      issuer: this.issuer,
      authorization_endpoint: `${this.url}/auth`,
      token_endpoint: `${this.url}/token`,
      jwks_uri: `${this.url}/jwks`,
      registration_endpoint: `${this.url}/register`,
      'https://purl.imsglobal.org/spec/lti-platform-configuration': { product_family_code: 'testplatform', version: '1' },
    }));
    app.post('/register', async (request, reply) => {
      if (request.headers.authorization !== 'Bearer reg-token') return reply.code(401).send({ error: 'bad registration token' });
      this.registrations.push(request.body as Record<string, unknown>);
      return { client_id: this.clientId, 'https://purl.imsglobal.org/spec/lti-tool-configuration': { deployment_id: this.deploymentId } };
    });
    app.post('/token', async (request, reply) => {
      const form = request.body as Record<string, string>;
      try {
        if (!this.toolJwks) throw new Error('no tool keys');
        const { payload } = await jwtVerify(form.client_assertion!, createLocalJWKSet(this.toolJwks), { issuer: this.clientId, subject: this.clientId, audience: `${this.url}/token` });
        if (!payload.jti) throw new Error('no jti');
      } catch (error) {
        return reply.code(401).send({ error: 'invalid_client', error_description: String(error) });
      }
      return { access_token: `token-${randomUUID()}`, token_type: 'Bearer', expires_in: 3600, scope: form.scope };
    });
    app.get('/lineitems', async () => []);
    app.post('/lineitems', async (request) => ({ ...(request.body as object), id: `${this.url}/lineitems/${++this.lineItems}/lineitem?type_id=1` }));
    app.post('/lineitems/:id/lineitem/scores', async (request, reply) => {
      if (this.refuseScores.times > 0) {
        this.refuseScores.times--;
        return reply.code(this.refuseScores.status).send({ error: 'refused for the test' });
      }
      this.scores.push({
        lineitem: (request.params as { id: string }).id,
        query: request.url.split('?')[1] ?? '',
        body: request.body as Record<string, unknown>,
        authorization: String(request.headers.authorization),
      });
      return reply.code(204).send();
    });
    this.app = app;
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    this.url = address;
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  /** A platform record for the tool's store, as manual registration would make it. */
  record(org: string) {
    return {
      id: randomUUID(),
      org,
      issuer: this.issuer,
      clientId: this.clientId,
      authLoginUrl: `${this.url}/auth`,
      tokenUrl: `${this.url}/token`,
      jwksUrl: `${this.url}/jwks`,
      label: 'test platform',
      created: new Date().toISOString(),
    };
  }

  /** A signed id_token; `claims` override or add, `options` sign it wrongly on purpose. */
  async idToken(nonce: string, claims: JWTPayload = {}, options: { expired?: boolean; audience?: string; key?: CryptoKey } = {}): Promise<string> {
    return new SignJWT({
      nonce,
      'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
      'https://purl.imsglobal.org/spec/lti/claim/deployment_id': this.deploymentId,
      'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiResourceLinkRequest',
      'https://purl.imsglobal.org/spec/lti/claim/target_link_uri': 'http://tool.invalid/lti/launch?module=pcp',
      'https://purl.imsglobal.org/spec/lti/claim/resource_link': { id: 'link-1', title: 'PCP in our course' },
      'https://purl.imsglobal.org/spec/lti/claim/roles': ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
      'https://purl.imsglobal.org/spec/lti/claim/launch_presentation': { locale: 'es' },
      'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': {
        scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score', 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem'],
        lineitems: `${this.url}/lineitems`,
      },
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'platform-1' })
      .setIssuer(this.issuer)
      .setSubject(typeof claims.sub === 'string' ? claims.sub : 'moodle-user-42')
      .setAudience(options.audience ?? this.clientId)
      .setIssuedAt(options.expired ? Math.floor(Date.now() / 1000) - 3600 : undefined)
      .setExpirationTime(options.expired ? Math.floor(Date.now() / 1000) - 1800 : '5m')
      .sign(options.key ?? this.key);
  }
}
