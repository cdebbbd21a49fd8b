/**
 * What the SCORM 1.2 and SCORM 2004 trackers share: talking to the LMS's API object with error
 * checks, keeping every value the LMS has not yet accepted and retrying it, committing after each
 * meaningful step, and a backup of the learner state in the browser so that a page closed while
 * the LMS was failing loses nothing.
 *
 * The two standards differ only in element names and formats; each supplies a
 * {@link ScormDataModel}.
 *
 * **The score waits for the final status.** LMSs act on a change of score or status: Moodle 4.3
 * recomputes grade and activity completion when a score is written, or when a status is written
 * over a stored completed/passed, and its SCORM 1.2 player posts the score before the status
 * within one commit. A score committed while the status is still "incomplete", or in the same
 * commit as the final status, leaves the activity incomplete for good. So the score reaches the
 * LMS only once the module is completed, and only in a commit after the one that delivered the
 * status it belongs to; an LMS reacting to the score then sees the final state.
 */
import type { Course } from '../../../core/content/schema.ts';
import { safeLocalStorage } from '../storage.ts';
import type { InteractionLike } from '../../../core/interactions/interactions.ts';
import type { CompletionStatus, InteractionRecord, Score, SuccessStatus } from '../../../core/records.ts';
import type { LearnerInfo, Tracker, TrackerHealth, TrackerSession } from '../tracker.ts';

/** The LMS API, whichever standard: calls return the API's own strings. */
export interface ScormApi {
  initialize(): boolean;
  terminate(): boolean;
  getValue(element: string): string;
  setValue(element: string, value: string): boolean;
  commit(): boolean;
  lastError(): { code: number; message: string };
}

/** Element names and formats of one standard's data model. */
export interface ScormDataModel {
  readonly standard: string;
  readonly suspendData: string;
  readonly location: string;
  readonly locationMax: number;
  readonly suspendDataMax: number;
  readonly learnerId: string;
  readonly learnerName: string;
  readonly language: string;
  readonly interactionCount: string;
  /** Errors that will not go away by trying again (wrong type, read-only, unknown element). */
  readonly permanentErrors: ReadonlySet<number>;
  status(completion: CompletionStatus, success: SuccessStatus, hasQuiz: boolean): [string, string][];
  score(score: Score): [string, string][];
  sessionTime(ms: number): [string, string];
  exit(completion: CompletionStatus): [string, string];
  /** The elements of interaction n, in the order they must be set. */
  interaction(n: number, record: InteractionLike): [string, string][];
}

/** How long a burst of state saves waits before committing (typing in a field, for instance). */
const SAVE_DEBOUNCE_MS = 800;
const RETRY_DELAYS_MS = [1000, 2000, 5000, 10000, 30000];

interface Backup {
  state: string;
  bookmark: string;
  /** The LMS has not confirmed this state yet. */
  unsaved: boolean;
}

export class ScormTracker implements Tracker {
  readonly label: string;
  onHealthChange?: (health: TrackerHealth) => void;

  /** Values the LMS has not accepted yet, in the order they were set. */
  private readonly pending = new Map<string, string>();
  private startedAt = Date.now();
  private nextInteraction = 0;
  private completion: CompletionStatus = 'incomplete';
  /** The latest score, until it may go to the LMS (see above). */
  private heldScore?: Score;
  private initialized = false;
  private terminated = false;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private failures = 0;
  private healthy = true;
  private backupKey = '';

  constructor(
    private readonly api: ScormApi,
    private readonly model: ScormDataModel,
    private readonly course: Course,
    private readonly storage: Storage | undefined = safeLocalStorage(),
  ) {
    this.label = model.standard;
  }

  async start(): Promise<TrackerSession> {
    this.startedAt = Date.now();
    if (!this.api.initialize()) {
      const error = this.api.lastError();
      throw new Error(`The LMS refused to start the session (${this.model.standard} error ${error.code}: ${error.message})`);
    }
    this.initialized = true;
    const learner: LearnerInfo = {};
    const id = this.read(this.model.learnerId);
    const name = this.read(this.model.learnerName);
    const language = this.read(this.model.language);
    if (id) learner.id = id;
    if (name) learner.name = name;
    if (language) learner.language = language;
    this.nextInteraction = Number(this.read(this.model.interactionCount)) || 0;

    let savedState = this.read(this.model.suspendData) || null;
    let bookmark = this.read(this.model.location) || null;
    this.backupKey = `inprocap:scorm:${this.course.id}:${this.course.version}:${learner.id ?? 'anonymous'}`;
    const backup = this.readBackup();
    if (backup?.unsaved) {
      // The last session ended before the LMS confirmed its state: the backup is newer.
      savedState = backup.state;
      bookmark = backup.bookmark;
      this.queue([[this.model.suspendData, backup.state], [this.model.location, backup.bookmark]]);
      this.flush();
    }
    return { learner, savedState, bookmark };
  }

  async saveState(state: string, bookmark: string): Promise<void> {
    if (state.length > this.model.suspendDataMax) {
      // The content check makes this impossible for shipped modules; never send a value the LMS must refuse.
      console.error(`${this.model.standard}: learner state of ${state.length} characters exceeds ${this.model.suspendDataMax}; not sent`);
      return;
    }
    this.writeBackup({ state, bookmark: bookmark.slice(0, this.model.locationMax), unsaved: true });
    this.queue([
      [this.model.suspendData, state],
      [this.model.location, bookmark.slice(0, this.model.locationMax)],
    ]);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flush(), SAVE_DEBOUNCE_MS);
  }

  async recordInteraction(interaction: InteractionRecord): Promise<void> {
    // SCORM records answers, not reading; the pre-check is for the LRS only, never the LMS's record.
    if (interaction.kind === 'lesson' || interaction.kind === 'precheck') return;
    this.queue(this.model.interaction(this.nextInteraction++, interaction));
    this.flush();
  }

  async setScore(score: Score): Promise<void> {
    // Held; the next commit after the status it belongs to has been delivered sends it. The
    // player reports a new score just before the status it leads to, which commits at once.
    this.heldScore = score;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flush(), SAVE_DEBOUNCE_MS);
  }

  async setStatus(completion: CompletionStatus, success: SuccessStatus): Promise<void> {
    this.completion = completion;
    this.queue(this.model.status(completion, success, this.course.content[this.course.defaultLanguage]!.quiz !== undefined));
    this.flush();
  }

  async flush(): Promise<void> {
    this.commitPending();
  }

  async finish(): Promise<void> {
    if (!this.initialized || this.terminated) return;
    this.commitPending();
    if (this.pending.size) {
      // The LMS did not take everything: keep the session open so a retry can still deliver it.
      // The backup in the browser keeps the state for the next launch either way.
      return;
    }
    if (this.api.terminate()) {
      this.terminated = true;
      clearTimeout(this.retryTimer);
      clearTimeout(this.saveTimer);
    } else {
      this.logError('Terminate', '');
    }
  }

  /** Sets every pending value, then commits; what fails stays pending and is retried. */
  private commitPending(): void {
    clearTimeout(this.saveTimer);
    if (!this.initialized || this.terminated) return;
    this.queue([this.model.sessionTime(Date.now() - this.startedAt), this.model.exit(this.completion)]);
    for (const [element, value] of [...this.pending]) {
      if (this.api.setValue(element, value)) {
        this.pending.delete(element);
        continue;
      }
      const error = this.logError('SetValue', element, value);
      if (this.model.permanentErrors.has(error.code)) {
        // Trying again cannot help; it is logged above and the rest goes on.
        this.pending.delete(element);
      }
    }
    const committed = this.api.commit();
    if (!committed) this.logError('Commit', '');
    if (committed && this.pending.size === 0) {
      this.failures = 0;
      const backup = this.readBackup();
      if (backup?.unsaved) this.writeBackup({ ...backup, unsaved: false });
      this.setHealth({ ok: true });
      if (this.heldScore && this.completion === 'completed') {
        // Every status set so far is in the LMS: now the score, in a commit of its own.
        this.queue(this.model.score(this.heldScore));
        this.heldScore = undefined;
        this.commitPending();
      }
    } else {
      this.scheduleRetry(committed ? `${this.pending.size} value(s) not accepted` : 'commit failed');
    }
  }

  private scheduleRetry(reason: string): void {
    this.setHealth({ ok: false, detail: reason });
    clearTimeout(this.retryTimer);
    const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)]!;
    this.failures++;
    this.retryTimer = setTimeout(() => this.commitPending(), delay);
  }

  private setHealth(health: TrackerHealth): void {
    if (health.ok === this.healthy) return;
    this.healthy = health.ok;
    this.onHealthChange?.(health);
  }

  private queue(values: [string, string][]): void {
    for (const [element, value] of values) {
      this.pending.delete(element); // re-insert: the newest value, in the newest position
      this.pending.set(element, value);
    }
  }

  private read(element: string): string {
    const value = this.api.getValue(element);
    const { code } = this.api.lastError();
    // Reading an element the LMS has no value for is normal (a first launch); others are logged.
    if (code !== 0 && code !== 403) this.logError('GetValue', element);
    return code === 0 ? value : '';
  }

  private logError(call: string, element: string, value?: string): { code: number; message: string } {
    const error = this.api.lastError();
    console.warn(
      `${this.model.standard} ${call}(${element}${value !== undefined ? `, ${JSON.stringify(value.slice(0, 80))}` : ''}) failed: error ${error.code} ${error.message}`,
    );
    return error;
  }

  private readBackup(): Backup | undefined {
    try {
      const text = this.storage?.getItem(this.backupKey);
      return text ? (JSON.parse(text) as Backup) : undefined;
    } catch {
      return undefined;
    }
  }

  private writeBackup(backup: Backup): void {
    try {
      this.storage?.setItem(this.backupKey, JSON.stringify(backup));
    } catch {
      // No storage (private mode, blocked): the LMS remains the only copy.
    }
  }
}
