/**
 * Registering a partner's LMS with the tool. Dynamic Registration (1EdTech LTI Dynamic
 * Registration 1.0): the LRS administrator makes a one-time link for an organisation
 * (`inprocap lrs lti link --org DTI`); the partner's administrator pastes it into their LMS, which
 * opens it with its OpenID configuration and a registration token; the tool reads the
 * configuration, registers itself at the platform's registration endpoint, and records the
 * platform and its deployment for that organisation. Manual registration (`inprocap lrs lti
 * platforms add`) records the same from values the partner's administrator reads in their LMS.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { escapeHtml } from '../../core/html.ts';
import { HttpError } from '../http/errors.ts';
import type { LrsBackend } from '../storage/backend.ts';
import type { LtiPlatform } from '../storage/lti-store.ts';
import { AGS_SCOPES } from './claims.ts';
import { page } from '../hosted/pages.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The tool's addresses, as a platform is told them. */
export function toolUrls(base: string) {
  return {
    login: `${base}/lti/login`,
    launch: `${base}/lti/launch`,
    jwks: `${base}/lti/jwks`,
    register: (token: string) => `${base}/lti/register/${token}`,
  };
}

/** A one-time registration link for an organisation, valid for `days`. Only its hash is kept. */
export async function createRegistrationLink(backend: LrsBackend, base: string, org: string, label: string, days = 14): Promise<string> {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(org)) throw new Error('the organisation id must be 1-64 letters, digits, ".", "_" or "-"');
  const token = randomBytes(24).toString('base64url');
  const now = new Date();
  await backend.lti.saveRegistrationLink({ tokenHash: hashToken(token), org, label, created: now.toISOString(), expires: new Date(now.getTime() + days * 86_400_000).toISOString(), used: null });
  return toolUrls(base).register(token);
}

type Json = Record<string, any>;

async function fetchJson(url: string, init: RequestInit, what: string): Promise<Json> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new HttpError(502, `${what} at ${url} did not answer (${error instanceof Error ? error.message : String(error)})`);
  }
  const text = await response.text();
  if (!response.ok) throw new HttpError(502, `${what} at ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new HttpError(502, `${what} at ${url} is not JSON`);
  }
}

const requireUrl = (config: Json, name: string): string => {
  const value = config[name];
  if (typeof value !== 'string' || !/^https?:\/\//.test(value)) throw new HttpError(400, `the platform's OpenID configuration has no ${name}`);
  return value;
};

/** Runs a dynamic registration for the link's organisation; returns the page that tells the platform it is done. */
export async function register(backend: LrsBackend, base: string, token: string, openidConfiguration: string | undefined, registrationToken: string | undefined): Promise<string> {
  const link = await backend.lti.registrationLink(hashToken(token));
  if (!link) throw new HttpError(404, 'this registration link is not known here: ask the LRS administrator for a new one');
  if (link.used) throw new HttpError(410, `this registration link was used on ${link.used.slice(0, 10)}: each link registers one platform; ask the LRS administrator for a new one`);
  if (Date.parse(link.expires) <= Date.now()) throw new HttpError(410, 'this registration link has expired: ask the LRS administrator for a new one');
  if (!openidConfiguration) {
    return page(
      'Register the INPROCAP modules in your LMS',
      `<h1>Register the INPROCAP modules in your LMS</h1><p>This is a registration link for <strong>${escapeHtml(link.org)}</strong>. Paste its address into your LMS where it registers an LTI Advantage tool by URL (in Moodle: Site administration › Plugins › Activity modules › External tool › Manage tools › Tool URL, then “Add LTI Advantage”).</p>`,
    );
  }
  if (!/^https?:\/\//.test(openidConfiguration)) throw new HttpError(400, 'openid_configuration is not an http(s) address');
  const config = await fetchJson(openidConfiguration, { headers: { accept: 'application/json' } }, "the platform's OpenID configuration");
  const issuer = requireUrl(config, 'issuer');
  // The configuration must come from the issuer it names (Dynamic Registration §3.5.1).
  if (!openidConfiguration.startsWith(issuer.replace(/\/$/, ''))) throw new HttpError(400, `the OpenID configuration at ${openidConfiguration} names issuer ${issuer}, which is not where it came from`);
  const endpoints = {
    authLoginUrl: requireUrl(config, 'authorization_endpoint'),
    tokenUrl: requireUrl(config, 'token_endpoint'),
    jwksUrl: requireUrl(config, 'jwks_uri'),
    registration: requireUrl(config, 'registration_endpoint'),
  };
  const urls = toolUrls(base);
  const name = link.label || 'INPROCAP modules';
  const request = {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: urls.login,
    redirect_uris: [urls.launch],
    client_name: name,
    jwks_uri: urls.jwks,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: [AGS_SCOPES.score, AGS_SCOPES.lineItem, AGS_SCOPES.lineItemReadOnly].join(' '),
    'https://purl.imsglobal.org/spec/lti-tool-configuration': {
      domain: new URL(base).host,
      target_link_uri: urls.launch,
      description: 'INPROCAP training modules on innovation procurement, played from one server: a module fixed there is fixed in every course.',
      claims: ['iss', 'sub', 'locale'],
      messages: [
        { type: 'LtiResourceLinkRequest', target_link_uri: urls.launch },
        { type: 'LtiDeepLinkingRequest', target_link_uri: urls.launch, label: 'INPROCAP module' },
      ],
    },
  };
  const answer = await fetchJson(
    endpoints.registration,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(registrationToken ? { authorization: `Bearer ${registrationToken}` } : {}) },
      body: JSON.stringify(request),
    },
    "the platform's registration endpoint",
  );
  const clientId = answer.client_id;
  const deploymentId = answer['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id;
  if (typeof clientId !== 'string' || !clientId) throw new HttpError(502, 'the platform registered the tool but gave no client_id');
  if (!(await backend.lti.useRegistrationLink(link.tokenHash, new Date().toISOString()))) throw new HttpError(410, 'this registration link was used meanwhile');
  const platform: LtiPlatform = {
    id: randomUUID(),
    org: link.org,
    issuer,
    clientId,
    authLoginUrl: endpoints.authLoginUrl,
    tokenUrl: endpoints.tokenUrl,
    jwksUrl: endpoints.jwksUrl,
    label: `${typeof config['https://purl.imsglobal.org/spec/lti-platform-configuration']?.product_family_code === 'string' ? config['https://purl.imsglobal.org/spec/lti-platform-configuration'].product_family_code : 'LMS'} at ${new URL(issuer).host}`,
    created: new Date().toISOString(),
  };
  await backend.lti.savePlatform(platform, typeof deploymentId === 'string' || typeof deploymentId === 'number' ? [String(deploymentId)] : []);
  return page(
    'Registered',
    `<h1>Registered</h1><p>The INPROCAP modules are registered with ${escapeHtml(platform.label)} for <strong>${escapeHtml(link.org)}</strong>${deploymentId !== undefined ? ` (deployment ${escapeHtml(String(deploymentId))})` : ''}. You can close this window.</p>`,
    // Tells the platform the registration is over (Dynamic Registration §3.6).
    { script: "(window.opener || window.parent).postMessage({subject: 'org.imsglobal.lti.close'}, '*')" },
  );
}
