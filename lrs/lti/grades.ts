/**
 * Grades back to the learner's LMS (Assignment and Grade Services 2.0). When a launch's learner
 * passes or fails the module (its `passed`/`failed` statement with the scaled score), a score is
 * queued in the database in the same request that stores the statement; a worker posts it to the
 * line item of the launch's resource link (the one deep linking made, or one it finds or makes),
 * with an access token from the platform (OAuth 2 client credentials, signed client assertion).
 * A score the platform refuses or cannot take now is tried again later, with growing pauses,
 * until it is accepted: nothing is lost, and an administrator sees what waits and why
 * (`inprocap lrs lti scores`).
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { VERBS } from '../../core/xapi/vocabulary.ts';
import type { StoredStatements } from '../http/statement-events.ts';
import type { LrsBackend } from '../storage/backend.ts';
import type { LtiPlatform, LtiScore } from '../storage/lti-store.ts';
import { AGS_SCOPES, type GradeService } from './claims.ts';
import type { ResourceClaims } from './play.ts';
import type { ToolKey } from './tool-key.ts';

/** Where a score goes. */
export interface ScoreTarget {
  grades: GradeService;
  resourceLinkId: string;
  /** The module's slug: the line item's resourceId. */
  resourceId: string;
  label: string;
}

/** An AGS score (Assignment and Grade Services 2.0 §3.4). */
export interface AgsScore {
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  activityProgress: 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
  gradingProgress: 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';
  timestamp: string;
}

type Json = Record<string, any>;

/** The score a batch of a launch's statements gives, if it finishes the module (its last passed or failed). */
export function scoreOf(statements: Json[], claims: ResourceClaims): AgsScore | undefined {
  const finishing = statements.filter(
    (s) => (s.verb?.id === VERBS.passed || s.verb?.id === VERBS.failed) && s.object?.id === claims.activityId && typeof s.result?.score?.scaled === 'number',
  );
  const last = finishing.at(-1);
  if (!last) return undefined;
  const scaled = Math.min(1, Math.max(0, last.result.score.scaled as number));
  return {
    userId: claims.sub,
    scoreGiven: Math.round(scaled * 10_000) / 100,
    scoreMaximum: 100,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
    timestamp: typeof last.timestamp === 'string' ? last.timestamp : new Date().toISOString(),
  };
}

/** Queues the score of statements written with a launch's credential (the statement listener). */
export async function queueScores(backend: LrsBackend, stored: StoredStatements): Promise<boolean> {
  if (!stored.credentialKey.startsWith('lti-')) return false;
  const launch = await backend.lti.launchByCredential(stored.credentialKey);
  if (!launch || launch.org !== stored.org) return false;
  const claims = JSON.parse(launch.claims) as ResourceClaims;
  if (!claims.grades || !claims.grades.scopes.includes(AGS_SCOPES.score)) return false;
  const score = scoreOf(stored.statements, claims);
  if (!score) return false;
  const target: ScoreTarget = { grades: claims.grades, resourceLinkId: claims.resourceLinkId, resourceId: claims.slug, label: claims.title };
  const now = new Date().toISOString();
  await backend.lti.queueScore({ org: launch.org, platformId: launch.platformId, target: JSON.stringify(target), score: JSON.stringify(score), nextAttempt: now, created: now });
  return true;
}

/** An answer from the platform that is not a success, kept as the score's last error. */
export class PlatformRefused extends Error {}

/** Talks to a platform's token endpoint and grade services. */
export class GradeServiceClient {
  private readonly tokens = new Map<string, { token: string; until: number }>();

  constructor(
    private readonly key: ToolKey,
    private readonly timeoutMs = 10_000,
  ) {}

  /** An access token for these scopes (client credentials with a signed client assertion, 1EdTech Security Framework §4.1). */
  async accessToken(platform: LtiPlatform, scopes: string[]): Promise<string> {
    const cacheKey = `${platform.id} ${scopes.join(' ')}`;
    const cached = this.tokens.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached.token;
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: this.key.kid, typ: 'JWT' })
      .setIssuer(platform.clientId)
      .setSubject(platform.clientId)
      .setAudience(platform.tokenUrl)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(randomUUID())
      .sign(this.key.privateKey);
    const response = await this.fetch(platform.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: scopes.join(' '),
      }).toString(),
    });
    const body = (await response.json().catch(() => ({}))) as Json;
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new PlatformRefused(`the token endpoint ${platform.tokenUrl} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    }
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    this.tokens.set(cacheKey, { token: body.access_token, until: Date.now() + Math.max(0, seconds - 60) * 1000 });
    return body.access_token;
  }

  /** Posts a score to the target's line item, finding or making the line item when the launch named none. */
  async postScore(platform: LtiPlatform, target: ScoreTarget, score: AgsScore): Promise<void> {
    const lineitem = target.grades.lineitem ?? (await this.findOrMakeLineItem(platform, target));
    const token = await this.accessToken(platform, [AGS_SCOPES.score]);
    const response = await this.fetch(scoresUrl(lineitem), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.ims.lis.v1.score+json' },
      body: JSON.stringify(score),
    });
    if (!response.ok) throw new PlatformRefused(`${scoresUrl(lineitem)} answered ${response.status}: ${(await response.text().catch(() => '')).slice(0, 300)}`);
  }

  private async findOrMakeLineItem(platform: LtiPlatform, target: ScoreTarget): Promise<string> {
    const container = target.grades.lineitems;
    if (!container) throw new PlatformRefused('the launch named neither a line item nor a line item container: the platform gave this link no gradebook column');
    const scopes: string[] = target.grades.scopes.includes(AGS_SCOPES.lineItem) ? [AGS_SCOPES.lineItem] : [AGS_SCOPES.lineItemReadOnly];
    const token = await this.accessToken(platform, scopes);
    const query = new URL(container);
    query.searchParams.set('resource_link_id', target.resourceLinkId);
    const found = await this.fetch(query.toString(), { headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.ims.lis.v2.lineitemcontainer+json' } });
    if (!found.ok) throw new PlatformRefused(`${query} answered ${found.status}: ${(await found.text().catch(() => '')).slice(0, 300)}`);
    const items = (await found.json().catch(() => [])) as Json[];
    const existing = Array.isArray(items) ? items.find((i) => typeof i.id === 'string' && (!i.resourceId || i.resourceId === target.resourceId)) : undefined;
    if (existing) return existing.id as string;
    if (!scopes.includes(AGS_SCOPES.lineItem)) throw new PlatformRefused('the platform has no line item for this link and does not let the tool make one');
    const made = await this.fetch(container, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.ims.lis.v2.lineitem+json', accept: 'application/vnd.ims.lis.v2.lineitem+json' },
      body: JSON.stringify({ scoreMaximum: 100, label: target.label, resourceId: target.resourceId, resourceLinkId: target.resourceLinkId }),
    });
    const body = (await made.json().catch(() => ({}))) as Json;
    if (!made.ok || typeof body.id !== 'string') throw new PlatformRefused(`making a line item at ${container} answered ${made.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return body.id;
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new PlatformRefused(`${url} did not answer (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}

/** The scores endpoint of a line item: "/scores" after its path, its query kept (Moodle's line items carry one). */
export function scoresUrl(lineitem: string): string {
  const url = new URL(lineitem);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/scores`;
  return url.toString();
}

/** Pause before the next try: the base (5 s), doubling, at most an hour. */
export const retryDelayMs = (attempts: number, baseMs = 5_000) => Math.min(3_600_000, baseMs * 2 ** Math.min(attempts, 20));

/** Delivers queued scores: now when one is queued, and every few seconds for those waiting. */
export class GradeOutbox {
  private timer?: ReturnType<typeof setInterval>;
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly backend: LrsBackend,
    private readonly client: GradeServiceClient,
    private readonly log: { warn: (obj: object, msg: string) => void },
    /** How often it looks for due scores, and the first pause before a retry. */
    private readonly intervalMs = 5_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.deliver(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Delivers what is due; a call while a round runs asks for another round after it. */
  deliver(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again);
      } catch (error) {
        this.log.warn({ err: error }, 'LTI grades: the outbox could not be read');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async round(): Promise<void> {
    const due = await this.backend.lti.dueScores(new Date().toISOString(), 50);
    for (const item of due) await this.deliverOne(item);
  }

  private async deliverOne(item: LtiScore): Promise<void> {
    const platform = await this.backend.lti.platform(item.platformId);
    try {
      if (!platform) throw new PlatformRefused('the platform is no longer registered with this tool');
      await this.client.postScore(platform, JSON.parse(item.target) as ScoreTarget, JSON.parse(item.score) as AgsScore);
      await this.backend.lti.scoreDelivered(item.id, new Date().toISOString());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.backend.lti.scoreFailed(item.id, message, new Date(Date.now() + retryDelayMs(item.attempts, this.intervalMs)).toISOString());
      this.log.warn({ score: item.id, attempts: item.attempts + 1 }, `LTI grades: not delivered yet (${message})`);
    }
  }
}
