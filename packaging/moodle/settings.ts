/**
 * The SCORM activity settings recommended to partners' Moodle administrators, in one place: the
 * README.txt inside every SCORM package is written from them, and the real-Moodle test tier
 * creates its activities with them (test/moodle/php/fixture.php), so what is recommended is what
 * was tested. Labels are Moodle 4.3's own, as its "SCORM package" form shows them.
 */
import type { Course } from '../../core/content/schema.ts';

export interface MoodleSetting {
  /** The form section, as Moodle heads it. */
  section: string;
  /** The setting's label in Moodle's form. */
  setting: string;
  /** The choice to make, as the form offers it. */
  choice: string;
  /** Why, for the administrator. */
  why?: string;
  /** The field of Moodle's `scorm` / course-module record and its value (what the tests set). */
  field: string;
  value: number | null;
}

export const MOODLE_SETTINGS: readonly MoodleSetting[] = [
  { section: 'Grade', setting: 'Grading method', choice: 'Highest grade', why: 'the grade is the module\'s quiz score (0-100)', field: 'grademethod', value: 1 },
  { section: 'Grade', setting: 'Maximum grade', choice: '100', field: 'maxgrade', value: 100 },
  { section: 'Attempts management', setting: 'Number of attempts', choice: 'Unlimited attempts', why: 'the module keeps its own quiz attempts and resumes where the learner stopped', field: 'maxattempt', value: 0 },
  { section: 'Attempts management', setting: 'Attempts grading', choice: 'Highest attempt', field: 'whatgrade', value: 0 },
  { section: 'Attempts management', setting: 'Force new attempt', choice: 'No', why: 'a new Moodle attempt would start the module again from the beginning', field: 'forcenewattempt', value: 0 },
  { section: 'Attempts management', setting: 'Lock after final attempt', choice: 'No', field: 'lastattemptlock', value: 0 },
  { section: 'Compatibility settings', setting: 'Force completed', choice: 'No', why: 'the module reports its own status', field: 'forcecompleted', value: 0 },
  { section: 'Compatibility settings', setting: 'Mastery score overrides status', choice: 'Yes', why: 'the package\'s mastery score is the module\'s pass mark, so both agree', field: 'masteryoverride', value: 1 },
  { section: 'Compatibility settings', setting: 'Auto-continue', choice: 'No', field: 'auto', value: 0 },
  { section: 'Appearance', setting: 'Display package', choice: 'Current window (New window works too)', field: 'popup', value: 0 },
  { section: 'Appearance', setting: 'Display course structure in player', choice: 'Hidden', why: 'one SCO: the module has its own contents and the frame gets the full width', field: 'hidetoc', value: 1 },
  { section: 'Appearance', setting: 'Show Navigation', choice: 'No', why: 'the module has its own Previous and Next', field: 'nav', value: 0 },
  { section: 'Appearance', setting: 'Display course structure on entry page', choice: 'No', field: 'displaycoursestructure', value: 0 },
  { section: 'Completion conditions', setting: 'Completion tracking', choice: 'Add requirements', field: 'completion', value: 2 },
  { section: 'Completion conditions', setting: 'Require status', choice: 'Passed (only)', why: 'the package reports "passed" once every required part is done and the quiz is passed; "failed" leaves the activity open for another try', field: 'completionstatusrequired', value: 2 },
  { section: 'Completion conditions', setting: 'Require minimum score', choice: 'off', why: 'the pass mark is already in "passed"', field: 'completionscorerequired', value: null },
];

/** The settings as Moodle record fields, for the tests. */
export function moodleSettingValues(): Record<string, number | null> {
  return Object.fromEntries(MOODLE_SETTINGS.map((s) => [s.field, s.value]));
}

/** The settings as plain text for an administrator, section by section. */
export function moodleSettingsText(): string {
  const lines: string[] = [];
  let section = '';
  for (const s of MOODLE_SETTINGS) {
    if (s.section !== section) {
      section = s.section;
      lines.push('', `  ${section}`);
    }
    lines.push(`    ${s.setting}: ${s.choice}${s.why ? ` (${s.why})` : ''}`);
  }
  return lines.join('\n');
}

/**
 * README.txt at the root of every SCORM package: what an LMS administrator needs to add it,
 * the recommended Moodle settings above, and what the package reports.
 */
export function packageReadme(course: Course, standard: 'SCORM 1.2' | 'SCORM 2004 4th edition'): string {
  const content = course.content[course.defaultLanguage]!;
  const status =
    standard === 'SCORM 1.2'
      ? `cmi.core.lesson_status is "incomplete" until every required part is done, then "passed" or "failed" against the pass mark of ${course.masteryScore}%`
      : `cmi.completion_status is "incomplete" until every required part is done, then "completed", with cmi.success_status "passed" or "failed" against the pass mark of ${course.masteryScore}% (it stays "unknown" until then)`;
  return [
    `${content.title}`,
    `${course.slug} ${course.version}, ${standard} package, languages: ${course.languages.join(', ')}`,
    '',
    'Adding it',
    '  Moodle: Add an activity or resource > SCORM package, and upload this zip as it is.',
    `  Any other LMS: import the zip as a ${standard} package. Nothing else is needed; the package works offline.`,
    '',
    'What it reports',
    `  ${status}.`,
    '  The score is the best quiz attempt as a percentage (0-100); it is sent in a commit after the final status.',
    '  Every answer, case decision and survey answer is an interaction; the learner resumes where they stopped.',
    '',
    'Recommended Moodle activity settings (tested with Moodle 4.3)',
    moodleSettingsText().replace(/^\n/, ''),
    '',
  ].join('\n');
}
