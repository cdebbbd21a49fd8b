/**
 * The Toolbox: everything a trainer needs beside the LMS packages, made from the same module
 * sources, into `dist/toolbox/`: the training manuals (see manual/), in every language each module
 * has. One Chromium prints every PDF.
 */
import { join } from 'node:path';
import type { Course } from '../../core/content/schema.ts';
import type { Log } from '../log.ts';
import { writeManuals, type ManualFile } from './manual/manual.ts';
import { NO_CHROMIUM, Printer } from './print.ts';

export interface ToolboxOptions {
  /** Default `<root>/dist/toolbox`. */
  out?: string;
  languages?: string[];
  date?: string;
}

export interface ToolboxResult {
  dir: string;
  manuals: ManualFile[];
}

export async function buildToolbox(root: string, courses: Course[], options: ToolboxOptions, log: Log): Promise<ToolboxResult> {
  const started = Date.now();
  const dir = options.out ?? join(root, 'dist/toolbox');
  const printer = await Printer.open();
  if (!printer) log.warn(NO_CHROMIUM);
  try {
    log.info('Writing the Toolbox: training manuals…');
    const manuals = await writeManuals(courses, { out: dir, ...(options.languages ? { languages: options.languages } : {}), ...(options.date ? { date: options.date } : {}) }, log, printer ?? null);
    log.info(`Built the Toolbox into ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${manuals.length} manuals (${manuals.filter((m) => m.pdf).length} PDF)`);
    return { dir, manuals };
  } finally {
    await printer?.close();
  }
}
