/**
 * The build: load and check content, build the runtime with vite, and write one playable
 * folder per module (dist/preview/<slug>/) plus a page listing them.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { build as viteBuild } from 'vite';
import type { Course } from '../core/content/schema.ts';
import { embedCourse, escapeHtml } from './html.ts';
import { consoleLog, type Log } from './log.ts';
import { checkContent, type CheckedModule } from './content/check.ts';
import { ContentError, formatIssue } from './content/issues.ts';
import { loadContent, type LoadOptions } from './content/load.ts';
import type { PackageFormatId } from './formats/format.ts';
import { buildPackages, formatPackageTable, type PackageResult, type ReportingOptions } from './package.ts';

/**
 * Loads and checks all content; throws a ContentError listing every problem. Warnings are logged;
 * item-writing warnings only as a count unless `listItemWriting` (the check command lists them).
 */
export function loadCheckedCourses(root: string, options: LoadOptions = {}, log: Log = consoleLog, { listItemWriting = false } = {}): CheckedModule[] {
  const content = loadContent(root, options);
  const checked = checkContent(content);
  const itemWriting = content.issues.warnings.filter((w) => w.rule === 'item-writing');
  for (const warning of content.issues.warnings) if (listItemWriting || warning.rule !== 'item-writing') log.warn(formatIssue(warning));
  if (itemWriting.length && !listItemWriting) log.warn(`${itemWriting.length} item-writing warnings (answers given away by length, keys or prompts): npm run check:content lists them`);
  if (content.issues.errors.length) throw new ContentError(content.issues.errors);
  return checked;
}

export async function buildRuntime(root: string): Promise<string> {
  // Under a test runner NODE_ENV is "test", which would make vite ship lit's development build:
  // packages are always production builds, whoever starts the build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', root: join(root, 'src'), mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return join(root, 'dist/runtime');
}

export interface BuildOptions extends LoadOptions {
  /** Package formats to build; none means the preview only. */
  formats?: PackageFormatId[];
  /** Where packages go (default dist/packages). */
  out?: string;
  /** SCORM packages also report to this LRS (dual reporting). */
  report?: ReportingOptions;
}

export interface BuildResult {
  previewDir: string;
  courses: Course[];
  packages: PackageResult[];
}

/** The whole build: content check, runtime, preview, then packages for the requested formats. */
export async function build(root: string, options: BuildOptions = {}, log: Log = consoleLog): Promise<BuildResult> {
  const started = Date.now();
  const { dir, courses } = await buildPreview(root, options, log);
  let packages: PackageResult[] = [];
  if (options.formats?.length) {
    const out = resolve(root, options.out ?? 'dist/packages');
    log.info(`Packaging ${courses.length * options.formats.length} package(s) into ${relative(root, out) || '.'}…`);
    if (options.report) log.info(`SCORM packages also report to ${options.report.endpoint} for ${options.report.org} (${options.report.identified ? 'identified' : 'pseudonymous'} learners)`);
    packages = await buildPackages(courses, options.formats, join(root, 'dist/runtime'), out, log, options.report);
    log.info(formatPackageTable(packages));
    const invalid = packages.filter((p) => !p.validation.valid);
    if (invalid.length) throw new Error(`${invalid.length} package(s) failed validation: ${invalid.map((p) => basename(p.file)).join(', ')}`);
  }
  log.info(`Build finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { previewDir: dir, courses, packages };
}

export interface PreviewBuild {
  dir: string;
  courses: Course[];
}

export async function buildPreview(root: string, options: LoadOptions = {}, log: Log = consoleLog): Promise<PreviewBuild> {
  const started = Date.now();
  log.info('Checking content…');
  const checked = loadCheckedCourses(root, options, log);
  const courses = checked.map((c) => c.course!);
  for (const c of checked) {
    log.info(`  ${c.course!.slug} ${c.course!.version}: ${c.course!.sections.length} sections, worst-case state ${c.worstStateLength} characters`);
  }
  log.info('Building the runtime (vite)…');
  const runtimeDir = await buildRuntime(root);
  const runtimeHtml = readFileSync(join(runtimeDir, 'index.html'), 'utf8');

  const previewDir = join(root, 'dist/preview');
  rmSync(previewDir, { recursive: true, force: true });
  mkdirSync(previewDir, { recursive: true });
  for (const course of courses) {
    const dir = join(previewDir, course.slug);
    cpSync(runtimeDir, dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), embedCourse(runtimeHtml, course, { format: 'preview' }));
    mkdirSync(join(root, 'dist/courses'), { recursive: true });
    writeFileSync(join(root, 'dist/courses', `${course.slug}.json`), JSON.stringify(course, null, 2));
  }
  writeFileSync(join(previewDir, 'index.html'), previewIndex(courses));
  log.info(`Built ${courses.length} module${courses.length === 1 ? '' : 's'} into dist/preview in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { dir: previewDir, courses };
}

function previewIndex(courses: Course[]): string {
  // Curriculum order first (Module 1, 2, ...), then modules without a place, by slug.
  const ordered = [...courses].sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.slug.localeCompare(b.slug));
  const items = ordered
    .map((course) => {
      const c = course.content[course.defaultLanguage]!;
      return `<li>
  <h2>${course.order ? `Module ${course.order}: ` : ''}<a href="./${encodeURIComponent(course.slug)}/">${escapeHtml(c.title)}</a></h2>
  <p>${escapeHtml(c.description)}</p>
  <p class="meta">About ${course.durationMinutes} minutes · version ${escapeHtml(course.version)} · ${course.languages.map(escapeHtml).join(', ')}</p>
</li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>INPROCAP Learning Bundle: modules</title>
<link rel="icon" href="data:,">
<style>
  body { font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 48rem; padding: 1.5rem; color: #1a1a1a; }
  ul { list-style: none; padding: 0; }
  li { border: 1px solid #c8c8c8; border-radius: .5rem; padding: 1rem 1.25rem; margin: 1rem 0; }
  h2 { margin: 0 0 .5rem; font-size: 1.25rem; }
  a { color: #0b4f9c; }
  a:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
  .meta { color: #4a4a4a; font-size: .9rem; margin: 0; }
</style>
</head>
<body>
<main>
<h1>INPROCAP Learning Bundle</h1>
<p>Training modules on innovation procurement. Choose a module to take it here, in preview: your progress is kept in this browser. For trainers: the <a href="/toolbox/">Toolbox</a> (manuals, slides, templates and checklists, the LMS packages).</p>
<ul>
${items}
</ul>
</main>
</body>
</html>
`;
}
