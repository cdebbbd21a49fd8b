/**
 * What the packager embeds in each package's index.html: the compiled course and how the
 * package is launched. The runtime reads both at start-up.
 */
export const COURSE_ELEMENT_ID = 'inprocap-course';
export const LAUNCH_ELEMENT_ID = 'inprocap-launch';

export type LaunchFormat = 'preview' | 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5';

/** Where a SCORM package also reports, as xAPI statements, besides its LMS (dual reporting). */
export interface LrsReporting {
  endpoint: string;
  /** "Basic …" for a credential that may only write statements. */
  auth: string;
  /** The partner organisation id. */
  org: string;
  /** The partner's IRI: the homePage of its learners' pseudonymous accounts. */
  orgIri: string;
  /** Key for the pseudonym: a keyed hash of the LMS learner id, so the name never leaves the LMS. */
  pseudonymKey: string;
  /** The partner chose to send learners' names (its trainers see them). */
  identified: boolean;
}

export interface LaunchConfig {
  format: LaunchFormat;
  report?: LrsReporting;
}
