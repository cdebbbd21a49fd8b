/**
 * Every module's SCORM 1.2 and SCORM 2004 package in a real Moodle (4.3 from ../shared/moodle,
 * or the one MOODLE_TARBALL / MOODLE_SOURCE names), as a teacher and a learner meet it:
 *
 * - the zip is added as a SCORM activity through Moodle's own package validation, with the
 *   settings the README recommends;
 * - a new learner signs in, opens the activity and presses Enter; in Moodle's player the module
 *   is taken with the mouse: two lessons read, the window closed; relaunched, the module offers
 *   to continue where the learner stopped and lands there (Moodle says entry=resume and hands
 *   back bookmark and suspend data); every further lesson, every question answered right, the
 *   case along its best path, the survey, the module's own Exit;
 * - then Moodle's database and gradebook are read: passed (2004: completed and passed), score
 *   100, grade 100.00, activity completion complete, one stored interaction per answer, decision
 *   and survey answer with its value, and not one API call Moodle refused (every call the
 *   package makes on Moodle's API object is logged in the player page).
 *
 * MOODLE_MODULES=fundamentals,pcp limits the modules (for a quick run; CI runs them all).
 * The results table is printed at the end and kept as test-artifacts/moodle-results.json.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { builtCourses, launchBrowser, screenshot, until } from '../browser/harness.ts';
import { Learner } from '../browser/learner.ts';
import {
  addScormActivity,
  apiCalls,
  fixture,
  lastAttempt,
  newLearnerAccount,
  openActivity,
  packagePath,
  recordApiCalls,
  refused,
  resultRow,
  saveResults,
  signIn,
  storedInteractions,
  type Activity,
  type ApiCall,
  type Results,
  type ResultRow,
} from './moodle.ts';

const site = inject('moodle');
const only = process.env.MOODLE_MODULES?.split(',').map((s) => s.trim()).filter(Boolean);
const courses = builtCourses().filter((c) => !only || only.includes(c.slug));
const VERSIONS = ['12', '2004'] as const;

let browser: Browser;
const results: ResultRow[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  saveResults('results', site, results);
});

const status12 = (e: Record<string, string>) => e['cmi.core.lesson_status'];

describe.each(courses.map((c) => [c.slug, c] as const))('module %s in Moodle', (slug, course) => {
  const content = course.content[course.defaultLanguage]!;
  /** The first lesson: after the pre-check, in a module that has one. */
  const first = course.sections.findIndex((s) => s.kind === 'lesson');
  const questions = content.quiz!.questions;
  const lessons = course.sections.filter((s) => s.kind === 'lesson').length;

  describe.each(VERSIONS)('SCORM %s', (version) => {
    let activity: Activity;
    let context: BrowserContext;
    let page: Page;
    let learner: Learner;
    const calls: ApiCall[] = [];
    let account: { username: string; password: string };
    let broken = false;
    const step = <T>(run: () => Promise<T>) => async ({ skip }: { skip: () => void }) => {
      if (broken) skip();
      try {
        return await run();
      } catch (error) {
        broken = true;
        throw error;
      }
    };
    const read = () => fixture<Results>(site, { command: 'results', cmid: activity.cmid, username: account.username });

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      await recordApiCalls(context);
      account = await newLearnerAccount(site, `${slug}-${version}`);
    });

    afterAll(async () => {
      await context?.close();
    });

    it(
      "imports through Moodle's own package validation",
      step(async () => {
        activity = await addScormActivity(site, packagePath(course, version), `${content.title} (SCORM ${version === '12' ? '1.2' : '2004'})`);
        expect(activity.validation, 'scorm_validate_package found no problem').toBeUndefined();
        expect(activity.version).toBe(version === '12' ? 'SCORM_1.2' : 'SCORM_1.3');
        expect(activity.scos, 'one SCO').toBe(1);
      }),
    );

    it(
      'a learner reads two lessons and closes the window: Moodle keeps the place, incomplete, no score',
      step(async () => {
        page = await context.newPage();
        await signIn(page, site, account);
        const frame = await openActivity(page, site, activity.cmid);
        learner = new Learner(frame, course);
        expect(await learner.resumePrompt(), 'no resume prompt on a first launch').toBeNull();
        // A module with a pre-check opens on it: answered (wrong, as before the lessons) and sent;
        // its answers are for the LRS only, so the interaction count below proves Moodle got none.
        if (first > 0) await learner.takePrecheck('wrong');
        await learner.readLesson(first);
        await learner.readLesson(first + 1);
        await learner.expectHeading(content.lessons.find((l) => l.id === (course.sections[first + 2] as { id: string }).id)!.title);
        await screenshot(page, `moodle-${slug}-scorm${version}-lesson`);
        calls.push(...(await apiCalls(page)));
        await page.close({ runBeforeUnload: true }); // pagehide: the module ends the session; Moodle's player sends it as a beacon
        const location = version === '12' ? 'cmi.core.lesson_location' : 'cmi.location';
        let stored: Record<string, string> = {};
        await until(async () => (stored = lastAttempt(await read()))[location] === `${first + 2}.0`, 'the bookmark of the closed session in Moodle', 20_000);
        expect(version === '12' ? status12(stored) : stored['cmi.completion_status']).toBe('incomplete');
        expect(stored[version === '12' ? 'cmi.core.exit' : 'cmi.exit']).toBe('suspend');
        expect(stored['cmi.suspend_data']?.length ?? 0).toBeGreaterThan(0);
        expect(stored[version === '12' ? 'cmi.core.score.raw' : 'cmi.score.raw'], 'no score before the module is completed').toBeUndefined();
      }),
    );

    it(
      'relaunched, the module offers to continue, lands on the third lesson, and Moodle says entry=resume',
      step(async () => {
        page = await context.newPage();
        const frame = await openActivity(page, site, activity.cmid);
        learner = new Learner(frame, course);
        const third = content.lessons.find((l) => l.id === (course.sections[first + 2] as { id: string }).id)!.title;
        await expect.poll(() => learner.resumePrompt(), { message: 'the resume prompt', timeout: 10_000 }).toBe(`You were at: ${third}`);
        await screenshot(page, `moodle-${slug}-scorm${version}-resume`);
        await learner.continueWhereLeft();
        await learner.expectHeading(third);
        const entry = await page.evaluate((version) => {
          const w = window as unknown as Record<string, { LMSGetValue?: (e: string) => string; GetValue?: (e: string) => string }>;
          return version === '12' ? w.API!.LMSGetValue!('cmi.core.entry') : w.API_1484_11!.GetValue!('cmi.entry');
        }, version);
        expect(entry).toBe('resume');
        const got = (await apiCalls(page)).filter((c) => /GetValue$/.test(c.method));
        const value = (element: string) => got.find((c) => c.args[0] === element)?.result;
        expect(value(version === '12' ? 'cmi.core.lesson_location' : 'cmi.location'), 'the bookmark handed back').toBe(`${first + 2}.0`);
        expect(value('cmi.suspend_data')?.length ?? 0, 'the suspend data handed back').toBeGreaterThan(0);
      }),
    );

    it(
      'the learner takes the rest with every answer right and exits: passed, 100, grade 100.00, activity complete, every interaction stored, nothing refused',
      step(async () => {
        await learner.takeModule({ from: first + 2, survey: { rating: 4, comment: `Worked in Moodle ${site.release}: "quotes" & <tags>\nsecond line` } });
        await learner.expectHeading('Module completed');
        await learner.exitModule();
        await screenshot(page, `moodle-${slug}-scorm${version}-exited`);
        calls.push(...(await apiCalls(page)));
        let r: Results = await read();
        await until(async () => (r = await read()).completion !== 'incomplete' && r.grade !== null, 'grade and completion in Moodle', 20_000).catch(() => undefined);
        const e = lastAttempt(r);
        const interactions = storedInteractions(e);
        const decisions = learner.taken.casePath.length;
        const surveyItems = content.survey?.items.length ?? 0;
        const row = resultRow(slug, version, 'all right, resumed', r, calls);
        results.push(row);
        expect(refused(calls), 'API calls Moodle refused').toEqual([]);
        if (version === '12') expect(status12(e)).toBe('passed');
        else expect([e['cmi.completion_status'], e['cmi.success_status']]).toEqual(['completed', 'passed']);
        expect(Number(row.score)).toBe(100);
        expect(r.grade).toBe(100);
        expect(r.gradeText).toBe('100.00');
        expect(r.completion, "Moodle's activity completion").toBe('complete');
        expect(r.attempts, 'one attempt, resumed').toHaveLength(1);
        expect(interactions.length, 'one interaction per question, decision and survey answer').toBe(questions.length + decisions + surveyItems);
        for (const q of questions) {
          const stored = interactions.find((i) => i.id === `quiz-${q.id}`);
          expect(stored, `interaction quiz-${q.id}`).toBeDefined();
          expect(stored!.result, `result of quiz-${q.id}`).toBe('correct');
          expect(stored![version === '12' ? 'student_response' : 'learner_response'], `response to quiz-${q.id}`).toBeTruthy();
        }
        expect(lessons).toBeGreaterThan(2);
      }),
    );
  });
});
