/**
 * Start-up: read the compiled course embedded in the page, choose the tracker for this launch,
 * restore the learner's state, pick the language, and show the course shell.
 */
import type { Course } from './content/schema.ts';
import './components/course-shell/course-shell.ts';
import { getLocale, pickLanguage, setLocale, UI_LANGUAGES } from './i18n/localization.ts';
import { CoursePlayer } from './player/course-player.ts';
import { LocalPreviewTracker } from './tracker/local-preview-tracker.ts';
import type { Tracker } from './tracker/tracker.ts';

function readCourse(): Course {
  const script = document.getElementById('inprocap-course');
  if (!script?.textContent) throw new Error('This page has no module: build it with `npm run build`.');
  return JSON.parse(script.textContent) as Course;
}

/** One tracker per launch, chosen once. SCORM, xAPI and cmi5 trackers plug in here. */
function chooseTracker(course: Course): Tracker {
  return new LocalPreviewTracker(course.id);
}

async function main(): Promise<void> {
  const course = readCourse();
  const player = new CoursePlayer(course, chooseTracker(course));
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
  document.body.replaceChildren(shell);
  // Browsers give no time to work in `unload`; pagehide is the last reliable moment to save.
  addEventListener('pagehide', () => void player.finish());
  (globalThis as { inprocap?: unknown }).inprocap = { player };
}

main().catch((error: unknown) => {
  console.error(error);
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `The module could not start: ${error instanceof Error ? error.message : String(error)}`;
  document.body.replaceChildren(message);
});
