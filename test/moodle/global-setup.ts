/**
 * Before the Moodle tier: install Moodle (or reuse an install), serve it, and make sure the
 * packages under test are built. After it: stop the server.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { fixture, installMoodle, ROOT, serveMoodle, type MoodleSite } from './moodle.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    moodle: MoodleSite;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => console.log(line);
  const started = Date.now();
  if (!existsSync(resolve(ROOT, 'dist/courses')) || !existsSync(resolve(ROOT, 'dist/packages'))) {
    throw new Error('dist/packages is missing: run npm run build first (npm run test:moodle does)');
  }
  const { code } = await installMoodle(log);
  const port = Number(process.env.MOODLE_PORT ?? 8769);
  const server = await serveMoodle(code, port);
  const site: MoodleSite = { url: server.url, code, release: '', course: `inprocap-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}` };
  site.release = (await fixture<{ release: string }>(site, { command: 'course' })).release;
  // The first page a browser asks for builds Moodle's theme and JavaScript caches: do it once here.
  await fetch(`${server.url}/login/index.php`);
  log(`[moodle] Moodle ${site.release} at ${server.url}, ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  project.provide('moodle', site);
  return () => server.close();
}
