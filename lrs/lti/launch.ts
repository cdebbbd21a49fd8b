/**
 * The LTI 1.3 launch (LTI Core 1.3 §5, 1EdTech Security Framework §5.1): the platform starts an
 * OpenID Connect login at the tool (third-party initiated login), the tool answers with a state
 * and a nonce, and the platform posts back a signed id_token. The token is verified with `jose`
 * against the platform's published keys; issuer, audience, authorised party, expiry and nonce are
 * checked, the state is used once, and the deployment must be registered to an organisation.
 */
import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { HttpError } from '../http/errors.ts';
import type { LrsBackend } from '../storage/backend.ts';
import type { LtiDeployment, LtiPlatform } from '../storage/lti-store.ts';
import { readMessage, type LtiMessage } from './claims.ts';

/** How long the platform has to answer a login with its launch. */
const LOGIN_STATE_MS = 10 * 60_000;

/** The platforms' key sets, fetched when first needed and cached (jose refetches on an unknown kid). */
export class PlatformKeys {
  private readonly sets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  constructor(private readonly timeoutMs = 5_000) {}

  for(jwksUrl: string): ReturnType<typeof createRemoteJWKSet> {
    let set = this.sets.get(jwksUrl);
    if (!set) this.sets.set(jwksUrl, (set = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: this.timeoutMs, cooldownDuration: 10_000 })));
    return set;
  }
}

/** The OIDC login request's parameters (from the query or the form). */
export interface LoginRequest {
  iss?: string;
  login_hint?: string;
  target_link_uri?: string;
  lti_message_hint?: string;
  client_id?: string;
  lti_deployment_id?: string;
}

/** Answers a third-party initiated login: the address of the platform's authorisation endpoint to send the browser to. */
export async function startLogin(backend: LrsBackend, login: LoginRequest, redirectUri: string): Promise<string> {
  if (!login.iss) throw new HttpError(400, 'the login request has no iss (the platform\'s issuer)');
  if (!login.login_hint) throw new HttpError(400, 'the login request has no login_hint');
  const platforms = (await backend.lti.platformsByIssuer(login.iss)).filter((p) => !login.client_id || p.clientId === login.client_id);
  if (!platforms.length) {
    throw new HttpError(400, `no platform with issuer ${login.iss}${login.client_id ? ` and client id ${login.client_id}` : ''} is registered with this tool: its administrator registers it first (see "Hosting for partners")`);
  }
  if (platforms.length > 1) throw new HttpError(400, `several registrations of ${login.iss} exist: the login request must name its client_id`);
  const platform = platforms[0]!;
  const state = randomBytes(32).toString('base64url');
  const nonce = randomBytes(32).toString('base64url');
  await backend.lti.saveLoginState({ state, nonce, platformId: platform.id, expires: new Date(Date.now() + LOGIN_STATE_MS).toISOString() });
  const url = new URL(platform.authLoginUrl);
  const params: Record<string, string | undefined> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: redirectUri,
    login_hint: login.login_hint,
    lti_message_hint: login.lti_message_hint,
    state,
    nonce,
  };
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

export interface VerifiedLaunch {
  platform: LtiPlatform;
  deployment: LtiDeployment;
  message: LtiMessage;
}

/** Verifies the id_token the platform posted with the state of its login; every failure is a 4xx that says why (or a 502 when the platform's keys cannot be had). */
export async function verifyLaunch(backend: LrsBackend, keys: PlatformKeys, idToken: string | undefined, state: string | undefined): Promise<VerifiedLaunch> {
  if (!idToken) throw new HttpError(400, 'the launch has no id_token');
  if (!state) throw new HttpError(400, 'the launch has no state');
  const login = await backend.lti.takeLoginState(state);
  if (!login) throw new HttpError(401, 'this launch was already used or was never started here: open the activity again from your course');
  if (Date.parse(login.expires) <= Date.now()) throw new HttpError(401, 'this launch took too long to arrive: open the activity again from your course');
  const platform = await backend.lti.platform(login.platformId);
  if (!platform) throw new HttpError(401, 'the platform of this launch is no longer registered with this tool');

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keys.for(platform.jwksUrl), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'PS256'],
      requiredClaims: ['exp', 'iat', 'nonce'],
      clockTolerance: 30,
    }));
  } catch (error) {
    throw launchTokenError(error, platform);
  }
  // With several audiences, the authorised party must be this tool (OIDC Core §3.1.3.7).
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== platform.clientId) {
    throw new HttpError(401, `the launch token's azp (${String(payload.azp)}) is not this tool's client id`);
  }
  if (payload.nonce !== login.nonce) throw new HttpError(401, 'the launch token\'s nonce is not the one this login sent');

  const message = readMessage(payload as Record<string, unknown>);
  const deployment = await backend.lti.deployment(platform.id, message.deploymentId);
  if (!deployment) {
    throw new HttpError(403, `deployment ${message.deploymentId} of ${platform.issuer} is not registered with this tool: its administrator adds it for their organisation (inprocap lrs lti deployments add)`);
  }
  return { platform, deployment, message };
}

function launchTokenError(error: unknown, platform: LtiPlatform): HttpError {
  if (error instanceof errors.JWTExpired) return new HttpError(401, 'the launch token has expired: open the activity again from your course');
  if (error instanceof errors.JWTClaimValidationFailed) return new HttpError(401, `the launch token's ${error.claim} claim is not valid here (${error.reason}): it was not issued for this tool by ${platform.issuer}`);
  if (error instanceof errors.JWSSignatureVerificationFailed) return new HttpError(401, 'the launch token\'s signature does not verify with the platform\'s keys');
  if (error instanceof errors.JWKSNoMatchingKey) return new HttpError(401, `the launch token is signed with a key ${platform.issuer} does not publish at ${platform.jwksUrl}`);
  if (error instanceof errors.JOSEAlgNotAllowed) return new HttpError(401, 'the launch token is signed with an algorithm this tool does not accept');
  // jose answers a key set it could not fetch (an error status, no answer) with a generic error naming the key set.
  const keysUnreadable = error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC' && /Key Set/i.test(error.message);
  if (keysUnreadable || error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof TypeError) {
    return new HttpError(502, `the platform's public keys could not be read from ${platform.jwksUrl} (${(error as Error).message}): try again in a moment`);
  }
  if (error instanceof errors.JOSEError) return new HttpError(400, `the launch token is not a valid signed token (${error.message})`);
  return new HttpError(502, `the platform's public keys could not be read from ${platform.jwksUrl} (${error instanceof Error ? error.message : String(error)}): try again in a moment`);
}
