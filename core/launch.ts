/**
 * What the packager embeds in each package's index.html: the compiled course and how the
 * package is launched. The runtime reads both at start-up.
 */
import type { Course } from './content/schema.ts';
import { escapeHtml } from './html.ts';

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

/**
 * An xAPI launch the server wrote into the page (hosted launch by LTI 1.3), in place of the
 * TinCan query string: the credential stays out of the address bar and the server's logs.
 */
export interface EmbeddedXapiLaunch {
  endpoint: string;
  /** "Basic …" for the launch's own credential, bound to this learner, short-lived. */
  auth: string;
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
  registration: string;
  activityId?: string;
  /** The learner's LMS language (BCP 47), a preference below their own choice in the module. */
  language?: string;
}

export interface LaunchConfig {
  format: LaunchFormat;
  report?: LrsReporting;
  xapi?: EmbeddedXapiLaunch;
  /** SCORM through the page that frames the module (a dispatch package, see core/dispatch.ts). */
  relay?: boolean;
}

/**
 * The runtime's index.html with the compiled course and the launch settings embedded, so a
 * package needs no extra request and works offline (the Moodle app plays packages offline).
 */
export function embedCourse(runtimeHtml: string, course: Course, launch: LaunchConfig): string {
  const title = escapeHtml(course.content[course.defaultLanguage]!.title);
  return runtimeHtml
    .replace(/<html lang="[^"]*"/, `<html lang="${course.defaultLanguage}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`)
    .replace('</head>', `${jsonScript(COURSE_ELEMENT_ID, course)}\n${jsonScript(LAUNCH_ELEMENT_ID, launch)}\n</head>`);
}

function jsonScript(id: string, value: unknown): string {
  // "<" escaped so no text in the course can close the script element.
  return `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
}
