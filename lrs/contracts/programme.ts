/**
 * What the programme API answers and takes (in-person sessions, attendance, programme completion,
 * certificates): shared by the server and the dashboard app, which imports them as types only.
 */
import type { PageInfo, ProgrammeSort } from './paging.ts';

/** An in-person training session, as listed. */
export interface TrainingSessionInfo {
  id: string;
  org: string;
  moduleId: string;
  moduleName: string;
  /** YYYY-MM-DD. */
  date: string;
  place: string;
  createdBy: string;
  attendees: number;
}

/** A learner as the viewer may see them: the pseudonym always, the name where the partner sends names and the viewer is its trainer. */
export interface PersonRef {
  learner: string;
  name: string | null;
}

export interface TrainingSessionDetail extends TrainingSessionInfo {
  present: PersonRef[];
  /** Learners the LRS knows for the session's organisation, who can be marked present. */
  candidates: PersonRef[];
  /** Whether the organisation's learners are identified (names are kept for people typed in). */
  namesKept: boolean;
}

export interface NewTrainingSession {
  moduleId: string;
  date: string;
  place: string;
  /** Only an admin chooses; a trainer's sessions are their organisation's. */
  org?: string;
}

export interface AttendanceInput {
  /** Pseudonyms (L-…) of learners the LRS knows for the organisation. */
  learners?: string[];
  /** People the LRS does not know yet, typed by the trainer: kept under a pseudonym. */
  people?: { name?: string; email?: string }[];
}

export interface ProgrammeReport {
  required: { modules: { id: string; name: string }[]; sessions: number };
  namesShown: boolean;
  /** Learners who completed the programme, over all pages (of the search). */
  complete: number;
  paging: PageInfo<ProgrammeSort>;
  learners: (PersonRef & { org: string; modulesPassed: number; sessions: number; complete: boolean; lastActivity: string })[];
  /** Per partner: learners, those who completed the programme, and the rate. */
  orgs: { org: string; learners: number; complete: number; rate: number | null }[];
}

export interface CertificateInput {
  learner: string;
  /** The name to print; not stored. Without it, the pseudonym is printed. */
  name?: string;
  org?: string;
}
