/**
 * The one interface between the runtime and whatever records learning: the local preview
 * (localStorage), an LMS through SCORM 1.2 or 2004, an xAPI LRS, or cmi5. UI components never
 * know which; the tracker for a launch is chosen once, at start-up (see `src/main.ts`).
 */
import type { CompletionStatus, InteractionRecord, Score, SuccessStatus } from '../../core/records.ts';

export interface LearnerInfo {
  id?: string;
  name?: string;
  /** The learner's preferred language, from the LMS, if it says. */
  language?: string;
}

export interface TrackerSession {
  learner: LearnerInfo;
  /** Serialised learner state saved by an earlier session, if any. */
  savedState: string | null;
  /** Bookmark saved by an earlier session, if any. */
  bookmark: string | null;
}

/** Whether the tracker's records are reaching their destination (the LMS or LRS). */
export interface TrackerHealth {
  ok: boolean;
  /** For the log and the learner: what is wrong. */
  detail?: string;
}

export interface Tracker {
  /** Shown to the learner where it matters, e.g. "Preview". */
  readonly label: string;
  /** Opens the session and returns what an earlier session saved. */
  start(): Promise<TrackerSession>;
  /** Saves the serialised learner state and bookmark (and commits, for an LMS). */
  saveState(state: string, bookmark: string): Promise<void>;
  recordInteraction(interaction: InteractionRecord): Promise<void>;
  setScore(score: Score): Promise<void>;
  setStatus(completion: CompletionStatus, success: SuccessStatus): Promise<void>;
  /** Sends what is waiting now, for example when the page is hidden. */
  flush?(): Promise<void>;
  /** Ends the session (the learner leaves or presses Exit). Safe to call more than once. */
  finish(): Promise<void>;
  /** Set by the runtime to tell the learner when records cannot be delivered, and when they can again. */
  onHealthChange?: (health: TrackerHealth) => void;
}
