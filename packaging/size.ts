/**
 * Measures what the runtime weighs: all JS and CSS, minified, gzip level 9.
 *
 * Every package carries the whole runtime folder, but a learner does not download all of it:
 * the UI strings of each language are a chunk of their own, loaded only when that language is
 * chosen (English, the source language, needs none). The 40 KB budget therefore applies to one
 * session: every file that is not a locale chunk, plus the largest locale chunk. A file that is
 * not recognised as a locale chunk counts as always loaded, so the measure never undercounts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { targetLocales } from '../src/i18n/generated/locale-codes.ts';

export const RUNTIME_BUDGET_BYTES = 40 * 1024;

export interface SizedFile {
  /** Path relative to the runtime folder, with forward slashes. */
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The UI language whose strings this chunk holds; absent for files every session loads. */
  locale?: string;
}

export interface SizeReport {
  /** Every JS and CSS file, largest (gzip) first. */
  files: SizedFile[];
  /** All files together: what each package carries. */
  totalBytes: number;
  totalGzipBytes: number;
  /** The largest locale chunk, if the runtime has any. */
  largestLocale?: SizedFile;
  /** What one learner downloads: every non-locale file plus the largest locale chunk. */
  sessionBytes: number;
  sessionGzipBytes: number;
  budgetBytes: number;
}

/** Vite names a lazily imported `generated/locales/fr.js` `assets/fr-<hash>.js`. */
export function localeOfChunk(file: string, locales: readonly string[]): string | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return locales
    .filter((locale) => name.startsWith(`${locale}-`) && /^[\w-]{6,}\.js$/.test(name.slice(locale.length + 1)))
    .sort((a, b) => b.length - a.length)[0];
}

export function measureRuntime(runtimeDir: string, locales: readonly string[] = targetLocales): SizeReport {
  const files: SizedFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(m?js|css)$/.test(name)) {
        const content = readFileSync(path);
        const file = relative(runtimeDir, path).split('\\').join('/');
        const locale = localeOfChunk(file, locales);
        files.push({ file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, ...(locale ? { locale } : {}) });
      }
    }
  };
  walk(runtimeDir);
  files.sort((a, b) => b.gzipBytes - a.gzipBytes || a.file.localeCompare(b.file));
  for (const locale of locales) {
    const chunks = files.filter((f) => f.locale === locale);
    if (chunks.length > 1) throw new Error(`more than one chunk looks like the "${locale}" strings: ${chunks.map((c) => c.file).join(', ')}`);
  }
  const always = files.filter((f) => !f.locale);
  const largestLocale = files.filter((f) => f.locale).sort((a, b) => b.gzipBytes - a.gzipBytes)[0];
  const sum = (list: SizedFile[], key: 'bytes' | 'gzipBytes') => list.reduce((s, f) => s + f[key], 0);
  const session = largestLocale ? [...always, largestLocale] : always;
  return {
    files,
    totalBytes: sum(files, 'bytes'),
    totalGzipBytes: sum(files, 'gzipBytes'),
    ...(largestLocale ? { largestLocale } : {}),
    sessionBytes: sum(session, 'bytes'),
    sessionGzipBytes: sum(session, 'gzipBytes'),
    budgetBytes: RUNTIME_BUDGET_BYTES,
  };
}

export function formatSizeReport(report: SizeReport): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const row = (label: string, bytes: string, gzip: string, note = '') => `  ${label.padEnd(44)} ${bytes.padStart(9)} ${gzip.padStart(9)}${note ? `  ${note}` : ''}`;
  const largest = report.largestLocale;
  return [
    row('file', 'minified', 'gzip -9', 'loaded'),
    ...report.files.map((f) => row(f.file, kb(f.bytes), kb(f.gzipBytes), f.locale ? `only in ${f.locale}` : 'always')),
    row('all files (in every package)', kb(report.totalBytes), kb(report.totalGzipBytes)),
    row(
      `one session: always + largest locale${largest ? ` (${largest.locale})` : ''}`,
      kb(report.sessionBytes),
      kb(report.sessionGzipBytes),
      `budget ${kb(report.budgetBytes)}`,
    ),
  ].join('\n');
}
