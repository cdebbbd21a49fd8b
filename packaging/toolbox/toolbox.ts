/**
 * The Toolbox: everything a trainer needs beside the LMS packages, made from the same module
 * sources, into `dist/toolbox/`: the training manuals (manual/), the slide decks for the in-person
 * session (slides/) and the templates and checklists (tools/), in every language each module has,
 * and the static site that offers them with the LMS packages (site/). One Chromium prints every PDF.
 */
import { join } from 'node:path';
import { checkContent } from '../content/check.ts';
import { ContentError } from '../content/issues.ts';
import { loadContent, type LoadOptions } from '../content/load.ts';
import type { Log } from '../log.ts';
import { inCurriculumOrder, writeManuals, type ManualFile } from './manual/manual.ts';
import { NO_CHROMIUM, Printer } from './print.ts';
import { writeSlides, type SlideDeck } from './slides/slides.ts';
import { copyFonts } from './fonts.ts';
import { writeTools, type ToolFile } from './tools/tools.ts';
import { compileTools } from './tools/compile-tools.ts';
import { writeSite, type SitePage } from './site/site.ts';
import type { GlossaryTerm } from '../../core/content/schema.ts';

export interface ToolboxOptions extends LoadOptions {
  /** Default `<root>/dist/toolbox`. */
  out?: string;
  languages?: string[];
  date?: string;
  /** Which parts to make (default all). */
  parts?: ('manuals' | 'slides' | 'tools' | 'site')[];
  /** The LMS packages the site offers (default `<root>/dist/packages`). */
  packagesDir?: string;
  surveyUrl?: string;
}

export interface ToolboxResult {
  dir: string;
  manuals: ManualFile[];
  slides: SlideDeck[];
  tools: ToolFile[];
  site: SitePage[];
}

export async function buildToolbox(root: string, options: ToolboxOptions, log: Log): Promise<ToolboxResult> {
  const started = Date.now();
  const dir = options.out ?? join(root, 'dist/toolbox');
  const content = loadContent(root, options.only ? { only: options.only } : {});
  const checked = checkContent(content);
  if (content.issues.errors.length) throw new ContentError(content.issues.errors);
  const courses = inCurriculumOrder(checked.map((c) => c.course!));
  const parts = new Set(options.parts ?? ['manuals', 'slides', 'tools', 'site']);
  copyFonts(join(dir, 'fonts'));
  const printer = await Printer.open();
  if (!printer) log.warn(NO_CHROMIUM);
  try {
    const result: ToolboxResult = { dir, manuals: [], slides: [], tools: [], site: [] };
    if (parts.has('manuals')) {
      log.info('Toolbox: training manuals…');
      const tools = (slug: string, language: string) => {
        const module = content.modules.find((m) => m.module.data.slug === slug);
        return module ? compileTools(content, module, language) : [];
      };
      result.manuals = await writeManuals(courses, { out: dir, tools, curriculum: !options.only, ...(options.languages ? { languages: options.languages } : {}), ...(options.date ? { date: options.date } : {}) }, log, printer ?? null);
    }
    if (parts.has('slides')) {
      log.info('Toolbox: slides for the in-person session…');
      result.slides = await writeSlides(content, courses, { out: dir, ...(options.languages ? { languages: options.languages } : {}), ...(options.surveyUrl ? { surveyUrl: options.surveyUrl } : {}) }, log, printer);
    }
    if (parts.has('tools')) {
      log.info('Toolbox: templates and checklists…');
      result.tools = await writeTools(content, courses, { out: dir, ...(options.languages ? { languages: options.languages } : {}) }, log, printer);
    }
    if (parts.has('site')) {
      const glossaries = new Map<string, GlossaryTerm[]>();
      for (const course of courses) for (const [language, c] of Object.entries(course.content)) if (!glossaries.has(language)) glossaries.set(language, c.glossary);
      result.site = writeSite({ dir, courses, manuals: result.manuals, slides: result.slides, tools: result.tools, packagesDir: options.packagesDir ?? join(root, 'dist/packages'), glossaries });
      log.info(`Toolbox site: ${join(dir, 'index.html')} (${result.site.length} pages)`);
    }
    log.info(`Built the Toolbox into ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.manuals.length} manuals, ${result.slides.length} slide decks, ${result.tools.length} templates and checklists${printer ? '' : ' (no PDFs: no Chromium)'}`);
    return result;
  } finally {
    await printer?.close();
  }
}
