/**
 * `inprocap manual`: the training manual of each module in each of its languages, and of the whole
 * curriculum in each language every module has, as HTML and (with Chromium) as tagged PDF:
 * `dist/toolbox/<slug>/manual.<language>.pdf` and `dist/toolbox/manual.<language>.pdf`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Course } from '../../../core/content/schema.ts';
import type { Log } from '../../log.ts';
import { copyFonts, fontFaces } from '../fonts.ts';
import { labelsFor } from '../labels.ts';
import { NO_CHROMIUM, Printer, type Printed } from '../print.ts';
import type { CompiledTool } from '../tools/compile-tools.ts';
import { manualHtml } from './manual-html.ts';

export interface ManualOptions {
  /** Each module's tools per language: `tools(slug, language)`. */
  tools?: (slug: string, language: string) => CompiledTool[];
  /** Where the Toolbox goes (default `<root>/dist/toolbox`). */
  out: string;
  /** Only these languages. */
  languages?: string[];
  /** Also the curriculum's manual (all the given modules in one). */
  curriculum?: boolean;
  /** The date on the covers (default today). */
  date?: string;
}

export interface ManualFile {
  scope: 'module' | 'curriculum';
  slug?: string;
  language: string;
  html: string;
  pdf?: Printed;
}

/** Curriculum order, then slug. */
export const inCurriculumOrder = (courses: Course[]) => [...courses].sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.slug.localeCompare(b.slug));

export async function writeManuals(courses: Course[], options: ManualOptions, log: Log, printer?: Printer | null): Promise<ManualFile[]> {
  const ordered = inCurriculumOrder(courses);
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const wanted = (language: string) => !options.languages || options.languages.includes(language);
  mkdirSync(options.out, { recursive: true });
  copyFonts(join(options.out, 'fonts'));

  const jobs: { scope: ManualFile['scope']; slug?: string; language: string; courses: Course[]; dir: string }[] = [];
  for (const course of ordered) {
    for (const language of course.languages.filter(wanted)) jobs.push({ scope: 'module', slug: course.slug, language, courses: [course], dir: join(options.out, course.slug) });
  }
  if (options.curriculum !== false && ordered.length > 1) {
    // The curriculum in every language all its modules have.
    const shared = ordered.reduce<string[]>((langs, c) => langs.filter((l) => c.languages.includes(l)), [...ordered[0]!.languages]);
    for (const language of shared.filter(wanted)) jobs.push({ scope: 'curriculum', language, courses: ordered, dir: options.out });
  }

  const ownPrinter = printer === undefined ? await Printer.open() : printer ?? undefined;
  if (!ownPrinter) log.warn(NO_CHROMIUM);
  const files: ManualFile[] = [];
  try {
    for (const job of jobs) {
      mkdirSync(job.dir, { recursive: true });
      const fontsDir = relative(job.dir, join(options.out, 'fonts')) || '.';
      const html = manualHtml({
        courses: job.courses,
        language: job.language,
        labels: labelsFor(job.language),
        fonts: fontFaces((name) => `${fontsDir}/${name}`),
        scope: job.scope,
        date,
        ...(options.tools ? { tools: new Map(job.courses.map((c) => [c.slug, options.tools!(c.slug, job.language)])) } : {}),
      });
      const htmlFile = join(job.dir, `manual.${job.language}.html`);
      writeFileSync(htmlFile, html);
      const file: ManualFile = { scope: job.scope, ...(job.slug ? { slug: job.slug } : {}), language: job.language, html: htmlFile };
      if (ownPrinter) {
        const started = Date.now();
        file.pdf = await ownPrinter.print(htmlFile, htmlFile.replace(/\.html$/, '.pdf'), { pageNumbers: true });
        log.info(`  ${relative(process.cwd(), file.pdf.file)}: ${file.pdf.structure.pages} pages, ${(file.pdf.bytes.length / 1024).toFixed(0)} KB, ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      files.push(file);
    }
  } finally {
    if (printer === undefined) await ownPrinter?.close();
  }
  return files;
}
