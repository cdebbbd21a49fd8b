/**
 * The xAPI tracker for packages launched the "TinCan" way: the launch URL carries the LRS
 * endpoint, credentials, actor and registration. Learner state lives in the LRS's State resource
 * (and in the browser until the LRS has it); statements go through the durable outbox.
 */
import type { Course } from '../../../core/content/schema.ts';
import { XapiClient } from '../../xapi/client.ts';
import { Outbox } from '../../xapi/outbox.ts';
import { StatementFactory, statusStatements, type Agent } from '../../../core/xapi/statement-factory.ts';
import { safeLocalStorage } from '../storage.ts';
import type { CompletionStatus, InteractionRecord, Score, SuccessStatus } from '../../../core/records.ts';
import type { Tracker, TrackerHealth, TrackerSession } from '../tracker.ts';

export interface XapiLaunch {
  endpoint: string;
  auth: string;
  actor: Agent;
  registration?: string;
  activityId?: string;
  /** The learner's language in the launching system, when it says (hosted launch). */
  language?: string;
}

/** Reads the TinCan launch parameters; undefined when the page was not launched that way. */
export function readXapiLaunch(search: string): XapiLaunch | undefined {
  const params = new URLSearchParams(search);
  const endpoint = params.get('endpoint');
  const auth = params.get('auth');
  const actorText = params.get('actor');
  if (!endpoint || !auth || !actorText) return undefined;
  let actor: Record<string, unknown>;
  try {
    actor = JSON.parse(actorText) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  // Early TinCan launchers send every property as a one-element array.
  for (const [key, value] of Object.entries(actor)) if (Array.isArray(value)) actor[key] = value[0];
  if (Array.isArray(actor.account)) actor.account = actor.account[0];
  const account = actor.account as Record<string, unknown> | undefined;
  if (account && 'accountServiceHomePage' in account) {
    actor.account = { homePage: account.accountServiceHomePage, name: account.accountName };
  }
  return {
    endpoint,
    auth,
    actor: { objectType: 'Agent', ...actor },
    ...(params.get('registration') ? { registration: params.get('registration')! } : {}),
    ...(params.get('activity_id') ? { activityId: params.get('activity_id')! } : {}),
  };
}

export const STATE_ID = 'https://inprocap.eu/xapi/state/learner';
const SAVE_DEBOUNCE_MS = 1000;

interface StateDocument {
  state: string;
  bookmark: string;
}

export class XapiTracker implements Tracker {
  readonly label = 'xAPI';
  onHealthChange?: (health: TrackerHealth) => void;

  private readonly client: XapiClient;
  private readonly outbox: Outbox;
  private factory!: StatementFactory;
  private readonly startedAt = Date.now();
  private score?: Score;
  private reported: { completion?: CompletionStatus; success?: SuccessStatus } = {};
  private pendingState?: StateDocument;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private finished = false;
  private readonly backupKey: string;

  constructor(
    private readonly course: Course,
    private readonly launch: XapiLaunch,
    private readonly language: () => string,
    private readonly storage: Storage | undefined = safeLocalStorage(),
  ) {
    this.client = new XapiClient(launch.endpoint, launch.auth);
    this.outbox = new Outbox(this.client, { storage, onHealthChange: (h) => this.onHealthChange?.(h) });
    this.backupKey = `inprocap:xapi-state:${launch.endpoint}:${this.activityId}:${JSON.stringify(launch.actor)}:${launch.registration ?? ''}`;
  }

  private get activityId(): string {
    return this.launch.activityId ?? this.course.id;
  }

  async start(): Promise<TrackerSession> {
    this.factory = new StatementFactory(this.course, {
      actor: this.launch.actor,
      ...(this.launch.registration ? { registration: this.launch.registration } : {}),
      language: this.language(),
      packageFormat: 'xapi',
    });
    let saved: StateDocument | undefined;
    const backup = this.readBackup();
    try {
      const text = await this.client.getState(this.activityId, this.launch.actor, STATE_ID, this.launch.registration);
      saved = text ? (JSON.parse(text) as StateDocument) : undefined;
    } catch (error) {
      console.warn('xAPI: could not read the saved state from the LRS; using the copy in this browser', error);
    }
    // A state the LRS never received (the tab closed while it was unreachable) is newer.
    if (backup?.unsaved) {
      saved = backup.document;
      this.pendingState = backup.document;
      void this.sendState();
    }
    void this.outbox.add([saved ? this.factory.resumed() : this.factory.initialized()]);
    const name = this.launch.actor.name;
    return {
      learner: { ...(typeof name === 'string' ? { name } : {}), ...(this.launch.language ? { language: this.launch.language } : {}) },
      savedState: saved?.state ?? null,
      bookmark: saved?.bookmark ?? null,
    };
  }

  async saveState(state: string, bookmark: string): Promise<void> {
    this.pendingState = { state, bookmark };
    this.writeBackup({ document: this.pendingState, unsaved: true });
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.sendState(), SAVE_DEBOUNCE_MS);
  }

  private async sendState(options: { keepalive?: boolean } = {}): Promise<void> {
    clearTimeout(this.saveTimer);
    const document = this.pendingState;
    if (!document) return;
    try {
      await this.client.putState(this.activityId, this.launch.actor, STATE_ID, JSON.stringify(document), this.launch.registration, options);
      if (this.pendingState === document) {
        this.pendingState = undefined;
        this.writeBackup({ document, unsaved: false });
      }
    } catch {
      // Kept in the browser (unsaved) and sent again with the next save or at the next launch.
      if (!options.keepalive) this.saveTimer = setTimeout(() => void this.sendState(), 5000);
    }
  }

  async recordInteraction(interaction: InteractionRecord): Promise<void> {
    const statement = this.factory.interaction(interaction);
    if (statement) await this.outbox.add([statement]);
  }

  async setScore(score: Score): Promise<void> {
    this.score = score;
  }

  async setStatus(completion: CompletionStatus, success: SuccessStatus): Promise<void> {
    const statements = statusStatements(this.factory, this.reported, completion, success, this.score, Date.now() - this.startedAt);
    this.reported = { completion, success };
    if (statements.length) await this.outbox.add(statements);
  }

  async flush(): Promise<void> {
    await Promise.all([this.sendState(), this.outbox.send()]);
  }

  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const session = Date.now() - this.startedAt;
    const closing = [
      ...(this.reported.completion !== 'completed' ? [this.factory.suspended(session)] : []),
      this.factory.terminated(session),
    ];
    // Stored first (durable, synchronously), then handed to the browser to deliver even as the
    // page goes away; the normal send may deliver them too, which the LRS treats as a no-op.
    void this.outbox.add(closing);
    void this.sendState({ keepalive: true });
    this.outbox.flushOnExit();
  }

  private readBackup(): { document: StateDocument; unsaved: boolean } | undefined {
    try {
      const text = this.storage?.getItem(this.backupKey);
      return text ? JSON.parse(text) : undefined;
    } catch {
      return undefined;
    }
  }

  private writeBackup(backup: { document: StateDocument; unsaved: boolean }): void {
    try {
      this.storage?.setItem(this.backupKey, JSON.stringify(backup));
    } catch {
      // no storage: the LRS is the only copy
    }
  }
}
