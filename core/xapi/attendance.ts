/**
 * Attendance at an in-person training session, as an xAPI statement: the learner `attended` the
 * session (an activity of type meeting) whose context parent is the module it covered, with the
 * project's profile so that it becomes a learning fact and counts towards programme completion.
 */
import { ACTIVITY_TYPES, CONTEXT, EXTENSIONS, VERBS } from './vocabulary.ts';

type Json = Record<string, unknown>;

export interface TrainingSessionRef {
  /** The session's activity IRI. */
  iri: string;
  moduleId: string;
  /** The day it took place (YYYY-MM-DD). */
  date: string;
  place: string;
  /** Name shown for the session (module title and date, say). */
  title: string;
}

/** The activity IRI of a training session, under the LRS's base address. */
export const sessionIri = (baseUrl: string, id: string) => `${baseUrl.replace(/\/+$/, '')}/training-sessions/${id}`;

export function attendanceStatement(actor: Json, session: TrainingSessionRef, instructor: Json): Json {
  return {
    actor,
    verb: { id: VERBS.attended, display: { 'en-US': 'attended' } },
    object: {
      objectType: 'Activity',
      id: session.iri,
      definition: { type: ACTIVITY_TYPES.meeting, name: { 'en-US': session.title } },
    },
    context: {
      instructor,
      contextActivities: {
        parent: [{ id: session.moduleId, objectType: 'Activity' }],
        grouping: [{ id: CONTEXT.curriculum, objectType: 'Activity' }],
        category: [{ id: CONTEXT.profile, objectType: 'Activity' }],
      },
      extensions: { [EXTENSIONS.sessionPlace]: session.place },
    },
    // The day of the session (noon UTC, so the day is the same everywhere in Europe).
    timestamp: `${session.date}T12:00:00.000Z`,
  };
}
