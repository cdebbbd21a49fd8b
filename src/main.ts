/**
 * Start-up: read the compiled course and launch settings embedded in the page, choose the tracker
 * for this launch (once), restore the learner's state, pick the language, and show the course.
 */
import { msg, str } from '@lit/localize';
import type { Course } from '../core/content/schema.ts';
import './components/course-shell/course-shell.ts';
import { getLocale, pickLanguage, setLocale, UI_LANGUAGES } from './i18n/localization.ts';
import { COURSE_ELEMENT_ID, LAUNCH_ELEMENT_ID, type LaunchConfig } from '../core/launch.ts';
import { CoursePlayer } from './player/course-player.ts';
import { LocalPreviewTracker } from './tracker/local-preview-tracker.ts';
import { findScormApi } from './tracker/scorm/api-discovery.ts';
import { createScorm12Tracker, scorm12Model, type Scorm12Api } from './tracker/scorm/scorm12.ts';
import { createScorm2004Tracker, scorm2004Model, type Scorm2004Api } from './tracker/scorm/scorm2004.ts';
import { ScormTracker } from './tracker/scorm/scorm-tracker.ts';
import { connectRelay } from './tracker/relay/relayed-scorm-api.ts';
import type { Tracker } from './tracker/tracker.ts';
import { readXapiLaunch, XapiTracker } from './tracker/xapi/xapi-tracker.ts';
import { Cmi5Tracker, readCmi5Launch } from './tracker/cmi5/cmi5-tracker.ts';
import { DualTracker } from './tracker/dual/dual-tracker.ts';

function readJson<T>(id: string): T | undefined {
  const text = document.getElementById(id)?.textContent;
  return text ? (JSON.parse(text) as T) : undefined;
}

const STANDARD_NAMES = { scorm12: 'SCORM 1.2', scorm2004: 'SCORM 2004', xapi: 'xAPI', cmi5: 'cmi5' } as const;

/** One tracker per launch, chosen once; undefined when the package's LMS API cannot be found. */
async function chooseTracker(course: Course, launch: LaunchConfig, language: () => string): Promise<Tracker | undefined> {
  if (launch.relay && (launch.format === 'scorm12' || launch.format === 'scorm2004')) {
    // A dispatch package's page frames the module and holds the LMS's API.
    const api = await connectRelay();
    if (!api) return undefined;
    const lms = new ScormTracker(api, launch.format === 'scorm12' ? scorm12Model : scorm2004Model, course);
    return launch.report ? new DualTracker(lms, course, launch.report, launch.format, language) : lms;
  }
  switch (launch.format) {
    case 'cmi5': {
      const params = readCmi5Launch(location.search);
      return params ? new Cmi5Tracker(course, params, language) : undefined;
    }
    case 'xapi': {
      const params = launch.xapi ?? readXapiLaunch(location.search);
      return params ? new XapiTracker(course, params, language) : undefined;
    }
    case 'scorm12':
    case 'scorm2004': {
      const lms =
        launch.format === 'scorm12'
          ? ((api) => api && createScorm12Tracker(api, course))(findScormApi<Scorm12Api>('API'))
          : ((api) => api && createScorm2004Tracker(api, course))(findScormApi<Scorm2004Api>('API_1484_11'));
      if (!lms) return undefined;
      // Dual reporting: the LMS keeps the gradebook, the project's LRS gets the same events.
      return launch.report ? new DualTracker(lms, course, launch.report, launch.format, language) : lms;
    }
    default:
      return new LocalPreviewTracker(course.id);
  }
}

/** Tells the learner no LMS answered, and offers to go on in preview mode (nothing recorded in the LMS). */
function askForPreview(format: keyof typeof STANDARD_NAMES): Promise<void> {
  return new Promise((resolve) => {
    const main = document.createElement('main');
    main.className = 'no-lms';
    const heading = document.createElement('h1');
    heading.textContent = msg('No connection to the learning platform');
    heading.tabIndex = -1;
    const text = document.createElement('p');
    text.textContent = msg(
      str`This module is a ${STANDARD_NAMES[format]} package, but no learning platform (LMS) answered. Open it from your LMS course page to have your progress and score recorded. You can also take it here in preview mode: your progress is then kept in this browser only.`,
    );
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = msg('Run in preview mode');
    button.addEventListener('click', () => resolve());
    main.append(heading, text, button);
    document.body.replaceChildren(main);
    heading.focus();
  });
}

async function main(): Promise<void> {
  const course = readJson<Course>(COURSE_ELEMENT_ID);
  if (!course) throw new Error('This page has no module: build it with `npm run build`.');
  const launch = readJson<LaunchConfig>(LAUNCH_ELEMENT_ID) ?? { format: 'preview' };
  const browserLanguage = pickLanguage(navigator.languages, UI_LANGUAGES, 'en');
  if (browserLanguage !== getLocale()) await setLocale(browserLanguage);

  let player: CoursePlayer | undefined;
  let tracker = await chooseTracker(course, launch, () => player?.contentLanguage ?? course.defaultLanguage);
  if (!tracker) {
    await askForPreview(launch.format as keyof typeof STANDARD_NAMES);
    tracker = new LocalPreviewTracker(course.id);
  }
  player = new CoursePlayer(course, tracker);
  await player.start();

  // Language: the learner's own choice (saved), their LMS preference, the browser, the module default.
  const candidates = [player.state.language, player.learner.language, ...navigator.languages];
  const available = [...new Set([...UI_LANGUAGES, ...course.languages])];
  const language = pickLanguage(candidates, available, course.defaultLanguage);
  const uiLanguage = pickLanguage([language], UI_LANGUAGES, 'en');
  if (uiLanguage !== getLocale()) await setLocale(uiLanguage);
  document.documentElement.lang = uiLanguage;
  player.state.language = language;

  const shell = document.createElement('inp-course');
  shell.player = player;
  tracker.onHealthChange = (health) => shell.showHealth(health);
  document.body.replaceChildren(shell);
  // Browsers give no time to work in `unload`: save when the page is hidden, end on pagehide.
  addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void tracker.flush?.();
  });
  addEventListener('pagehide', () => void player.finish());
  (globalThis as { inprocap?: unknown }).inprocap = { player };
}

main().catch((error: unknown) => {
  console.error(error);
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = msg(str`The module could not start: ${error instanceof Error ? error.message : String(error)}`);
  document.body.replaceChildren(message);
});
