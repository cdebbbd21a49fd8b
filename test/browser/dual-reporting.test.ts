/**
 * SCORM packages built with dual reporting: the LMS (scorm-again) keeps the gradebook, and the
 * project's LRS receives the same events as statements about a pseudonymous learner.
 */
import { createHmac } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../../lrs/auth/credentials.ts';
import { createLrsServer } from '../../lrs/server.ts';
import type { LrsBackend } from '../../lrs/storage/backend.ts';
import { openBackend } from '../../lrs/storage/open.ts';
import { FORMATS, launchReporting, packageFiles, type ReportingOptions } from '../../packaging/package.ts';
import { zipFiles } from '../../packaging/zip.ts';
import type { Course } from '../../core/content/schema.ts';
import { correctResponse } from '../../core/quiz/scoring.ts';
import { EXTENSIONS, VERBS } from '../../core/xapi/vocabulary.ts';
import { ROOT, builtCourses, launchBrowser, playModule } from './harness.ts';
import { startLms } from './lms-host.ts';

const courses = builtCourses();

let browser: Browser;
let lms: Awaited<ReturnType<typeof startLms>>;
let backend: LrsBackend;
let lrs: FastifyInstance;
let reporting: ReportingOptions;

beforeAll(async () => {
  browser = await launchBrowser();
  lms = await startLms();
  backend = await openBackend(':memory:');
  lrs = await createLrsServer(backend, { logLevel: 'silent' });
  const endpoint = `${await lrs.listen({ port: 0, host: '127.0.0.1' })}/xapi/`;
  const { credential, secret } = await createCredential(backend, 'DTI', ['statements/write']);
  reporting = { endpoint, key: credential.key, secret, org: 'DTI', orgIri: 'https://www.dti.dk' };
});

afterAll(async () => {
  await browser?.close();
  await lms?.close();
  await lrs?.close();
  await backend?.close();
});

async function statementsAbout(account: { homePage: string; name: string }): Promise<any[]> {
  const rows = await backend.tenant('DTI').queryStatements({ agentKey: `account:${account.homePage}|${account.name}`, ascending: true, limit: 1000 });
  return rows.map((r) => JSON.parse(r.body));
}

describe.each(courses.flatMap((c) => (['12', '2004'] as const).map((s) => [c.slug, s, c] as const)))('%s SCORM %s with dual reporting', (slug, standard, course) => {
  it.each([false, true])('reports every event to the LRS (identified learners: %s) while the LMS keeps the grade', async (identified) => {
    const options = { ...reporting, identified };
    const files = packageFiles(course, FORMATS[standard === '12' ? 'scorm12' : 'scorm2004'], join(ROOT, 'dist/runtime'), options);
    const name = `${slug}-${standard}-dual-${identified}`;
    lms.addPackage(name, await zipFiles(files));
    const learnerId = `lms-user-${standard}-${identified}`;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(lms.launchUrl(name, standard, name, learnerId));
    const frame = page.frame({ url: /\/pkg\// })!;
    await frame.waitForFunction(() => 'inprocap' in window);
    const questions = course.content[course.defaultLanguage]!.quiz!.questions;
    await playModule(frame, { answers: questions.map(correctResponse), finish: true });

    const pseudonymKey = launchReporting(options).pseudonymKey;
    const account = identified ? { homePage: 'https://www.dti.dk', name: learnerId } : { homePage: 'https://www.dti.dk', name: createHmac('sha256', pseudonymKey).update(learnerId).digest('hex') };
    const end = Date.now() + 20000;
    const ofThisModule = async () => (await statementsAbout(account)).filter((s) => String(s.object.id).startsWith(course.id));
    while ((await ofThisModule()).at(-1)?.verb.id !== VERBS.terminated) {
      if (Date.now() > end) throw new Error('the LRS did not receive the session');
      await new Promise((r) => setTimeout(r, 100));
    }
    // The same LMS learner keeps one pseudonym across modules: keep this module's statements.
    const statements = (await statementsAbout(account)).filter((s) => String(s.object.id).startsWith(course.id));
    const verbs = statements.map((s) => s.verb.id);
    expect(verbs[0]).toBe(VERBS.initialized);
    expect(verbs.filter((v) => v === VERBS.answered)).toHaveLength(questions.length);
    expect(verbs).toContain(VERBS.passed);
    expect(verbs).toContain(VERBS.completed);
    // Pseudonymous unless the partner chose otherwise: no name, and the LMS id does not appear.
    for (const s of statements) {
      expect(s.actor.account).toEqual(account);
      expect(s.actor.name).toBe(identified ? (standard === '12' ? 'Doe, Jane' : 'Jane Doe') : undefined); // as the LMS gives it
      expect(s.context.extensions[EXTENSIONS.organisation]).toBe('DTI');
      expect(s.context.extensions[EXTENSIONS.packageFormat]).toBe(standard === '12' ? 'scorm12' : 'scorm2004');
    }
    if (!identified) expect(JSON.stringify(statements)).not.toContain(learnerId);
    // The LMS still holds the grade.
    const cmi = lms.record(name)?.cmi as any;
    expect(standard === '12' ? cmi.core.lesson_status : cmi.success_status).toBe('passed');
    await context.close();
  });
});
