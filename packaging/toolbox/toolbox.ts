/**
 * The Toolbox: everything a trainer needs beside the LMS packages, made from the same module
 * sources, into `dist/toolbox/`: the training manuals (manual/) and the slide decks for the
 * in-person session (slides/), in every language each module has. One Chromium prints every PDF.
 */
import { join } from 'node:path';
import { checkContent } from '../content/check.ts';
import { ContentError } from '../content/issues.ts';
import { loadContent, type LoadOptions } from '../content/load.ts';
import type { Log } from '../log.ts';
import { inCurriculumOrder, writeManuals, type ManualFile } from './manual/manual.ts';
import { NO_CHROMIUM, Printer } from './print.ts';
import { writeSlides, type SlideDeck } from './slides/slides.ts';

export interface ToolboxOptions extends LoadOptions {
  /** Default `<root>/dist/toolbox`. */
  out?: string;
  languages?: string[];
  date?: string;
  /** Which parts to make (default all). */
  parts?: ('manuals' | 'slides')[];
  surveyUrl?: string;
}

export interface ToolboxResult {
  dir: string;
  manuals: ManualFile[];
  slides: SlideDeck[];
}

export async function buildToolbox(root: string, options: ToolboxOptions, log: Log): Promise<ToolboxResult> {
  const started = Date.now();
  const dir = options.out ?? join(root, 'dist/toolbox');
  const content = loadContent(root, options.only ? { only: options.only } : {});
  const checked = checkContent(content);
  if (content.issues.errors.length) throw new ContentError(content.issues.errors);
  const courses = inCurriculumOrder(checked.map((c) => c.course!));
  const parts = new Set(options.parts ?? ['manuals', 'slides']);
  const printer = await Printer.open();
  if (!printer) log.warn(NO_CHROMIUM);
  try {
    const result: ToolboxResult = { dir, manuals: [], slides: [] };
    if (parts.has('manuals')) {
      log.info('Toolbox: training manuals…');
      result.manuals = await writeManuals(courses, { out: dir, curriculum: !options.only, ...(options.languages ? { languages: options.languages } : {}), ...(options.date ? { date: options.date } : {}) }, log, printer ?? null);
    }
    if (parts.has('slides')) {
      log.info('Toolbox: slides for the in-person session…');
      result.slides = await writeSlides(content, courses, { out: dir, ...(options.languages ? { languages: options.languages } : {}), ...(options.surveyUrl ? { surveyUrl: options.surveyUrl } : {}) }, log, printer);
    }
    log.info(`Built the Toolbox into ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.manuals.length} manuals, ${result.slides.length} slide decks${printer ? '' : ' (no PDFs: no Chromium)'}`);
    return result;
  } finally {
    await printer?.close();
  }
}
