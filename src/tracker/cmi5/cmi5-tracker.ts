/**
 * The cmi5 tracker: the launch (fetch URL for the token, LMS.LaunchData state, learner
 * preferences) and the cmi5 statement rules: initialized first; passed or failed and completed at
 * most once per registration, in an allowed order and only in Normal mode; terminated last; the
 * context template and the cmi5 categories on the statements the specification defines.
 * Statements go through the durable outbox; learner state lives in the State resource.
 */
import type { Course } from '../../../core/content/schema.ts';
import { XapiClient } from '../../xapi/client.ts';
import { Outbox } from '../../xapi/outbox.ts';
import { StatementFactory, type Agent, type Statement } from '../../../core/xapi/statement-factory.ts';
import type { VerbName } from '../../../core/xapi/vocabulary.ts';
import { safeLocalStorage } from '../storage.ts';
import type { CompletionStatus, InteractionRecord, Score, SuccessStatus } from '../../../core/records.ts';
import type { Tracker, TrackerHealth, TrackerSession } from '../tracker.ts';

export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const STATE_ID = 'https://inprocap.eu/xapi/state/learner';

export interface Cmi5Launch {
  endpoint: string;
  fetch: string;
  actor: Agent;
  registration: string;
  activityId: string;
}

export function readCmi5Launch(search: string): Cmi5Launch | undefined {
  const params = new URLSearchParams(search);
  const [endpoint, fetchUrl, actor, registration, activityId] = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'].map((k) => params.get(k));
  if (!endpoint || !fetchUrl || !actor || !registration || !activityId) return undefined;
  try {
    return { endpoint, fetch: fetchUrl, actor: JSON.parse(actor) as Agent, registration, activityId };
  } catch {
    return undefined;
  }
}

interface LaunchData {
  contextTemplate?: Record<string, unknown>;
  launchMode?: 'Normal' | 'Browse' | 'Review';
  masteryScore?: number;
  moveOn?: string;
  returnURL?: string;
}

/** What this registration has already reported, kept with the learner state. */
interface Cmi5Document {
  state?: string;
  bookmark?: string;
  /** cmi5 allows passed/failed and completed once per registration. */
  reported?: { success?: 'passed' | 'failed'; completed?: boolean };
}

const DEFINED: Partial<Record<VerbName, string[]>> = {
  initialized: [CMI5_CATEGORY],
  terminated: [CMI5_CATEGORY],
  passed: [CMI5_CATEGORY, MOVEON_CATEGORY],
  failed: [CMI5_CATEGORY, MOVEON_CATEGORY],
  completed: [CMI5_CATEGORY, MOVEON_CATEGORY],
};

export class Cmi5Tracker implements Tracker {
  readonly label = 'cmi5';
  onHealthChange?: (health: TrackerHealth) => void;

  private client!: XapiClient;
  private outbox!: Outbox;
  private factory!: StatementFactory;
  private launchData: LaunchData = {};
  private document: Cmi5Document = {};
  private readonly startedAt = Date.now();
  private score?: Score;
  private finished = false;
  private saveTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly course: Course,
    private readonly launch: Cmi5Launch,
    private readonly language: () => string,
    private readonly storage: Storage | undefined = safeLocalStorage(),
  ) {}

  async start(): Promise<TrackerSession> {
    // The fetch URL gives the session's credential, once.
    const response = await fetch(this.launch.fetch, { method: 'POST' });
    const body = (await response.json().catch(() => ({}))) as { 'auth-token'?: string; 'error-text'?: string };
    if (!response.ok || !body['auth-token']) throw new Error(`the LMS did not give a cmi5 token: ${body['error-text'] ?? `HTTP ${response.status}`}`);
    this.client = new XapiClient(this.launch.endpoint, `Basic ${body['auth-token']}`);
    this.outbox = new Outbox(this.client, { storage: this.storage, onHealthChange: (h) => this.onHealthChange?.(h) });

    const launchData = await this.client.getState(this.launch.activityId, this.launch.actor, 'LMS.LaunchData', this.launch.registration);
    if (!launchData) throw new Error('the LMS did not provide LMS.LaunchData for this registration');
    this.launchData = JSON.parse(launchData) as LaunchData;
    const saved = await this.client.getState(this.launch.activityId, this.launch.actor, STATE_ID, this.launch.registration).catch(() => null);
    this.document = saved ? (JSON.parse(saved) as Cmi5Document) : {};
    const preferences = await this.learnerPreferences();

    this.factory = new StatementFactory(this.course, {
      actor: this.launch.actor,
      registration: this.launch.registration,
      language: preferences.language ?? this.language(),
      packageFormat: 'cmi5',
      moduleId: this.launch.activityId,
      ...(this.launchData.contextTemplate ? { template: this.launchData.contextTemplate } : {}),
      categories: (verb) => DEFINED[verb] ?? [],
    });
    await this.send([this.factory.initialized()]);
    const name = this.launch.actor.name;
    return {
      learner: { ...(typeof name === 'string' ? { name } : {}), ...(preferences.language ? { language: preferences.language } : {}) },
      savedState: this.document.state ?? null,
      bookmark: this.document.bookmark ?? null,
    };
  }

  private async learnerPreferences(): Promise<{ language?: string }> {
    const profile = (await this.client.getAgentProfile(this.launch.actor, 'cmi5LearnerPreferences').catch(() => null)) as { languagePreference?: string } | null;
    const language = profile?.languagePreference?.split(',')[0]?.trim();
    return language ? { language } : {};
  }

  private get normalMode(): boolean {
    return (this.launchData.launchMode ?? 'Normal') === 'Normal';
  }

  private send(statements: Statement[]): Promise<void> {
    return this.outbox.add(statements);
  }

  async saveState(state: string, bookmark: string): Promise<void> {
    this.document = { ...this.document, state, bookmark };
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.putDocument(), 1000);
  }

  private async putDocument(keepalive = false): Promise<void> {
    clearTimeout(this.saveTimer);
    try {
      await this.client.putState(this.launch.activityId, this.launch.actor, STATE_ID, JSON.stringify(this.document), this.launch.registration, { keepalive });
    } catch {
      if (!keepalive) this.saveTimer = setTimeout(() => void this.putDocument(), 5000);
    }
  }

  async recordInteraction(interaction: InteractionRecord): Promise<void> {
    // Browse and Review launches may not record results (cmi5 10.2).
    if (!this.normalMode && (interaction.kind === 'question' || interaction.kind === 'precheck')) return;
    const statement = this.factory.interaction(interaction);
    if (statement) await this.send([statement]);
  }

  async setScore(score: Score): Promise<void> {
    this.score = score;
  }

  async setStatus(completion: CompletionStatus, success: SuccessStatus): Promise<void> {
    if (!this.normalMode) return;
    const session = Date.now() - this.startedAt;
    const reported = { ...(this.document.reported ?? {}) };
    const statements: Statement[] = [];
    // The LMS's mastery score decides when it gives one. Passed at most once per registration and
    // never followed by failed; a failure may be followed by a pass after a retry (cmi5 9.3).
    if (success !== 'unknown' && this.score) {
      const mastery = this.launchData.masteryScore;
      const passed = mastery !== undefined ? this.score.scaled + 1e-9 >= mastery : success === 'passed';
      if (passed && reported.success !== 'passed') {
        statements.push(this.factory.scored(true, this.score, session));
        reported.success = 'passed';
      } else if (!passed && !reported.success) {
        statements.push(this.factory.scored(false, this.score, session));
        reported.success = 'failed';
      }
    }
    if (completion === 'completed' && !reported.completed) {
      statements.push(this.factory.completed(session));
      reported.completed = true;
    }
    if (!statements.length) return;
    this.document = { ...this.document, reported };
    await this.send(statements);
    void this.putDocument();
  }

  async flush(): Promise<void> {
    await Promise.all([this.putDocument(), this.outbox?.send()]);
  }

  async finish(): Promise<void> {
    if (this.finished || !this.factory) return;
    this.finished = true;
    void this.send([this.factory.terminated(Date.now() - this.startedAt)]);
    void this.putDocument(true);
    this.outbox.flushOnExit();
  }
}
