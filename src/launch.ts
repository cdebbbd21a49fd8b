/**
 * What the packager embeds in each package's index.html: the compiled course and how the
 * package is launched. The runtime reads both at start-up.
 */
export const COURSE_ELEMENT_ID = 'inprocap-course';
export const LAUNCH_ELEMENT_ID = 'inprocap-launch';

export type LaunchFormat = 'preview' | 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5';

export interface LaunchConfig {
  format: LaunchFormat;
}
