/**
 * The local preview tracker: keeps learner state and a record of the session in the browser's
 * localStorage, so a module can be taken, left and resumed without an LMS.
 */
import { safeLocalStorage } from './storage.ts';
import type { CompletionStatus, InteractionRecord, Score, SuccessStatus } from '../../core/records.ts';
import type { Tracker, TrackerSession } from './tracker.ts';

/** What the preview keeps per module; tests read it to check what was recorded. */
export interface PreviewRecord {
  state: string | null;
  bookmark: string | null;
  score?: Score;
  completion: CompletionStatus;
  success: SuccessStatus;
  sessions: number;
  interactions: { kind: string; id: string; result?: string; value?: unknown; at: string }[];
}

const MAX_INTERACTIONS = 500;

export class LocalPreviewTracker implements Tracker {
  readonly label = 'Preview';
  private record: PreviewRecord;
  private readonly key: string;

  constructor(courseId: string, private readonly storage: Storage | undefined = safeLocalStorage()) {
    this.key = `inprocap:preview:${courseId}`;
    this.record = { state: null, bookmark: null, completion: 'incomplete', success: 'unknown', sessions: 0, interactions: [] };
  }

  static storageKey(courseId: string): string {
    return `inprocap:preview:${courseId}`;
  }

  async start(): Promise<TrackerSession> {
    try {
      const saved = this.storage?.getItem(this.key);
      if (saved) this.record = { ...this.record, ...(JSON.parse(saved) as PreviewRecord) };
    } catch {
      // Unreadable storage: start afresh rather than fail to open the module.
    }
    this.record.sessions++;
    this.persist();
    return { learner: {}, savedState: this.record.state, bookmark: this.record.bookmark };
  }

  async saveState(state: string, bookmark: string): Promise<void> {
    this.record.state = state;
    this.record.bookmark = bookmark;
    this.persist();
  }

  async recordInteraction(interaction: InteractionRecord): Promise<void> {
    const at = interaction.timestamp.toISOString();
    const entry =
      interaction.kind === 'question' || interaction.kind === 'precheck'
        ? { kind: interaction.kind, id: interaction.question.id, result: interaction.result.correct ? 'correct' : 'incorrect', value: interaction.response, at }
        : interaction.kind === 'case-decision'
          ? { kind: 'case-decision', id: `${interaction.node.id}.${interaction.choice.id}`, value: interaction.choice.points, at }
          : interaction.kind === 'lesson'
            ? { kind: 'lesson', id: interaction.lessonId, at }
            : { kind: 'survey', id: interaction.item.id, value: interaction.value, at };
    this.record.interactions = [...this.record.interactions, entry].slice(-MAX_INTERACTIONS);
    this.persist();
  }

  async setScore(score: Score): Promise<void> {
    this.record.score = score;
    this.persist();
  }

  async setStatus(completion: CompletionStatus, success: SuccessStatus): Promise<void> {
    this.record.completion = completion;
    this.record.success = success;
    this.persist();
  }

  async finish(): Promise<void> {
    this.persist();
  }

  private persist(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.record));
    } catch (error) {
      // Storage full or blocked: progress stays in memory for this session; say so in the console.
      console.warn('Preview: could not save progress in this browser', error);
    }
  }
}
