/**
 * The xAPI vocabulary, defined once: verbs, activity types and extension IRIs used by the
 * runtime's statements, the seed tool and the reports. cmi5 and ADL IRIs where they fit; the
 * project's own (https://inprocap.eu/xapi/…) for the rest.
 */
export const VERBS = {
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  progressed: 'http://adlnet.gov/expapi/verbs/progressed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  suspended: 'http://adlnet.gov/expapi/verbs/suspended',
  resumed: 'http://adlnet.gov/expapi/verbs/resumed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  /** A choice at a decision point of a case exercise. */
  decided: 'https://inprocap.eu/xapi/verbs/decided',
  /** An answer to the feedback survey (not scored). */
  responded: 'https://inprocap.eu/xapi/verbs/responded',
  /** Presence at an in-person training session, recorded by its trainer. */
  attended: 'http://adlnet.gov/expapi/verbs/attended',
} as const;

export type VerbName = keyof typeof VERBS;

export const ACTIVITY_TYPES = {
  module: 'http://adlnet.gov/expapi/activities/module',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  simulation: 'http://adlnet.gov/expapi/activities/simulation',
  caseDecision: 'https://inprocap.eu/xapi/activities/case-decision',
  survey: 'https://inprocap.eu/xapi/activities/survey',
  surveyItem: 'https://inprocap.eu/xapi/activities/survey-item',
  /** An in-person training session (its context parent is the module it covers). */
  meeting: 'http://adlnet.gov/expapi/activities/meeting',
} as const;

/** Context activities every statement carries, so reports can find the project's statements. */
export const CONTEXT = {
  /** grouping: the curriculum all modules belong to. */
  curriculum: 'https://inprocap.eu/curriculum',
  /** category: the project's xAPI profile. */
  profile: 'https://inprocap.eu/xapi/profile',
} as const;

export const EXTENSIONS = {
  /** The partner organisation the learner belongs to. */
  organisation: 'https://inprocap.eu/xapi/extensions/organisation',
  /** How the module was delivered: scorm12, scorm2004, xapi, cmi5. */
  packageFormat: 'https://inprocap.eu/xapi/extensions/package-format',
  moduleVersion: 'https://inprocap.eu/xapi/extensions/module-version',
  /** Points a case decision earned. */
  casePoints: 'https://inprocap.eu/xapi/extensions/case-points',
  /** Which quiz attempt an answer belongs to (1 for the first): item analysis uses first attempts. */
  attempt: 'https://inprocap.eu/xapi/extensions/attempt',
  /** Where an in-person session took place. */
  sessionPlace: 'https://inprocap.eu/xapi/extensions/session-place',
} as const;

/** Verb display names, in English (the LRS and reports show them). */
export function verbDisplay(name: VerbName): Record<string, string> {
  return { 'en-US': name };
}
