/**
 * Playing a module at a launch: the learner gets a pseudonym (a keyed hash of the platform and
 * the LTI `sub`, like the packages' actors), a registration that stays the same for this learner
 * and resource link (so the next launch resumes where they left off), and a credential of their
 * own: short-lived, bound to their pseudonym, writing to the organisation of the deployment. The
 * page is the packages' runtime with the course and this launch written into it.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { embedCourse, type EmbeddedXapiLaunch } from '../../core/launch.ts';
import { agentKey } from '../../core/xapi/identity.ts';
import { hashSecret } from '../auth/credentials.ts';
import { HttpError } from '../http/errors.ts';
import type { LrsBackend } from '../storage/backend.ts';
import type { LtiLaunchRecord } from '../storage/lti-store.ts';
import type { DeepLinkingLaunch, GradeService, ResourceLaunch } from './claims.ts';
import type { HostedModules } from '../hosted/modules.ts';
import type { VerifiedLaunch } from './launch.ts';

/** How long a launch's page and credential work: a long sitting, not a standing key. */
export const LAUNCH_HOURS = 12;
const DEEP_LINK_MINUTES = 60;

/** What a resource launch keeps for its page and its grades. */
export interface ResourceClaims {
  slug: string;
  /** The course's activity id at launch (grades follow its statements). */
  activityId: string;
  title: string;
  /** The language the link was made for, or the learner's LMS language. */
  language?: string;
  issuer: string;
  sub: string;
  resourceLinkId: string;
  grades?: GradeService;
  actor: EmbeddedXapiLaunch['actor'];
  registration: string;
}

/** What a deep-linking request keeps until the teacher has picked. */
export interface DeepLinkClaims {
  returnUrl: string;
  data?: string;
  deploymentId: string;
  acceptMultiple: boolean;
  locale?: string;
}

export const hashLaunchId = (id: string) => createHash('sha256').update(id).digest('hex');

/** The learner as the LRS knows them: an account on the platform, named by a keyed hash of their `sub`. */
export function learnerActor(pseudonymKey: string, issuer: string, sub: string): EmbeddedXapiLaunch['actor'] {
  const name = createHmac('sha256', pseudonymKey).update(`${issuer}|${sub}`).digest('base64url').slice(0, 22);
  return { objectType: 'Agent', account: { homePage: issuer, name } };
}

/** One registration per learner and resource link: a UUID (version 8, name-based) from a hash. */
export function registrationFor(platformId: string, deploymentId: string, resourceLinkId: string, sub: string): string {
  const bytes = createHash('sha256').update(JSON.stringify([platformId, deploymentId, resourceLinkId, sub])).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Which module a link plays: its custom parameter (deep linking sets it), or `?module=` on its target. */
export function moduleOf(message: ResourceLaunch): string {
  const fromTarget = (() => {
    try {
      return new URL(message.targetLinkUri).searchParams.get('module') ?? undefined;
    } catch {
      return undefined;
    }
  })();
  const slug = message.custom.module ?? fromTarget;
  if (!slug) throw new HttpError(400, 'this link does not say which module to play: add the activity again and pick a module (or give it the custom parameter module=<slug>)');
  return slug;
}

/** Saves a verified resource launch with its own credential; returns the launch id for the player's address. */
export async function startResourceLaunch(backend: LrsBackend, modules: HostedModules, pseudonymKey: string, verified: VerifiedLaunch & { message: ResourceLaunch }): Promise<string> {
  const { platform, deployment, message } = verified;
  const slug = moduleOf(message);
  const course = modules.course(slug);
  if (!course) throw new HttpError(404, `the module "${slug}" is not on this server (modules here: ${modules.list().map((m) => m.slug).join(', ') || 'none: run npm run build'})`);
  const chosen = message.custom.language;
  if (chosen && !course.languages.includes(chosen)) throw new HttpError(400, `the module "${slug}" has no "${chosen}" version (it has ${course.languages.join(', ')})`);
  const actor = learnerActor(pseudonymKey, platform.issuer, message.sub);
  const launchId = randomBytes(32).toString('base64url');
  const now = new Date();
  const expires = new Date(now.getTime() + LAUNCH_HOURS * 3_600_000).toISOString();
  const credentialKey = `lti-${hashLaunchId(launchId).slice(0, 24)}`;
  await backend.saveCredential({
    key: credentialKey,
    secretHash: hashSecret(credentialKey, launchId),
    org: deployment.org,
    scopes: ['statements/write', 'statements/read/mine', 'state'],
    label: `LTI launch (${platform.label})`,
    created: now.toISOString(),
    revoked: false,
    expires,
    agent: agentKey(actor)!,
  });
  const claims: ResourceClaims = {
    slug,
    activityId: course.id,
    title: message.resourceLinkTitle ?? course.content[course.defaultLanguage]!.title,
    ...(chosen ?? message.locale ? { language: chosen ?? message.locale } : {}),
    issuer: platform.issuer,
    sub: message.sub,
    resourceLinkId: message.resourceLinkId,
    ...(message.grades ? { grades: message.grades } : {}),
    actor,
    registration: registrationFor(platform.id, deployment.deploymentId, message.resourceLinkId, message.sub),
  };
  await backend.lti.saveLaunch({
    idHash: hashLaunchId(launchId),
    kind: 'resource',
    org: deployment.org,
    platformId: platform.id,
    deploymentId: deployment.deploymentId,
    credentialKey,
    claims: JSON.stringify(claims),
    created: now.toISOString(),
    expires,
  });
  return launchId;
}

/** Saves a verified deep-linking request until the teacher has picked; returns its id for the picker's address. */
export async function startDeepLinking(backend: LrsBackend, verified: VerifiedLaunch & { message: DeepLinkingLaunch }): Promise<string> {
  const { platform, deployment, message } = verified;
  const launchId = randomBytes(32).toString('base64url');
  const now = new Date();
  const claims: DeepLinkClaims = {
    returnUrl: message.returnUrl,
    ...(message.data !== undefined ? { data: message.data } : {}),
    deploymentId: message.deploymentId,
    acceptMultiple: message.acceptMultiple,
    ...(message.locale ? { locale: message.locale } : {}),
  };
  await backend.lti.saveLaunch({
    idHash: hashLaunchId(launchId),
    kind: 'deep-link',
    org: deployment.org,
    platformId: platform.id,
    deploymentId: deployment.deploymentId,
    credentialKey: null,
    claims: JSON.stringify(claims),
    created: now.toISOString(),
    expires: new Date(now.getTime() + DEEP_LINK_MINUTES * 60_000).toISOString(),
  });
  return launchId;
}

/** A saved launch of the kind asked for, while it lasts. */
export async function findLaunch(backend: LrsBackend, launchId: string, kind: LtiLaunchRecord['kind']): Promise<LtiLaunchRecord> {
  const launch = /^[A-Za-z0-9_-]{43}$/.test(launchId) ? await backend.lti.launch(hashLaunchId(launchId)) : undefined;
  if (!launch || launch.kind !== kind) throw new HttpError(404, 'there is no such launch: open the activity again from your course');
  if (Date.parse(launch.expires) <= Date.now()) throw new HttpError(401, 'this launch has ended: open the activity again from your course');
  return launch;
}

/** The player's page: the runtime with the module as built now and this launch's xAPI settings. */
export function playerPage(modules: HostedModules, launchId: string, launch: LtiLaunchRecord, endpoint: string): string {
  const claims = JSON.parse(launch.claims) as ResourceClaims;
  const course = modules.course(claims.slug);
  const runtime = modules.runtimeHtml();
  if (!course || !runtime) throw new HttpError(404, `the module "${claims.slug}" is no longer on this server`);
  const xapi: EmbeddedXapiLaunch = {
    endpoint,
    auth: `Basic ${Buffer.from(`${launch.credentialKey}:${launchId}`).toString('base64')}`,
    actor: claims.actor,
    registration: claims.registration,
    activityId: course.id,
    ...(claims.language ? { language: claims.language } : {}),
  };
  return embedCourse(runtime, course, { format: 'xapi', xapi });
}
