/**
 * Hosted launch by a thin SCORM package (a "dispatch" package): the package holds a small page
 * that finds the LMS's SCORM API and frames the module served by the project's server; the module
 * makes its SCORM calls through that page, by postMessage. This is their protocol, shared by the
 * page (packaging/dispatch/) and the runtime (src/tracker/relay/).
 *
 * SCORM calls are synchronous and postMessage is not, so the page reads, once, the elements the
 * runtime reads at start and sends them with its greeting; from then on the runtime writes, and
 * the page passes each write to the LMS and reports back any the LMS refuses.
 */
export type DispatchFormat = 'scorm12' | 'scorm2004';

/** The elements the runtime's SCORM trackers read at start (src/tracker/scorm/scorm12.ts, scorm2004.ts). */
export const RELAYED_READS: Record<DispatchFormat, readonly string[]> = {
  scorm12: ['cmi.core.student_id', 'cmi.core.student_name', 'cmi.student_preference.language', 'cmi.interactions._count', 'cmi.suspend_data', 'cmi.core.lesson_location'],
  scorm2004: ['cmi.learner_id', 'cmi.learner_name', 'cmi.learner_preference.language', 'cmi.interactions._count', 'cmi.suspend_data', 'cmi.location'],
};

/** A value the page read from the LMS, with the LMS's error code for it (0: none). */
export interface RelayedValue {
  value: string;
  error: number;
}

/** Runtime → page. */
export type ToPage =
  | { type: 'inprocap:ready' }
  | { type: 'inprocap:set'; element: string; value: string }
  | { type: 'inprocap:commit' }
  | { type: 'inprocap:finish' };

/** Page → runtime. */
export type ToModule =
  | { type: 'inprocap:lms'; connected: boolean; values: Record<string, RelayedValue> }
  | { type: 'inprocap:error'; call: string; code: number; message: string };
