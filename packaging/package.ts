/**
 * Builds the LMS packages: for every module and format, the runtime, the module's index.html
 * (course and launch settings embedded) and the format's root files (manifest, schemas), zipped
 * deterministically to dist/packages/<slug>-<version>-<format>.zip and validated.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHmac } from 'node:crypto';
import type { Course } from '../core/content/schema.ts';
import type { LrsReporting } from '../core/launch.ts';
import { embedCourse } from './html.ts';
import type { Log } from './log.ts';
import type { PackageFormat, PackageFormatId } from './formats/format.ts';
import { scorm12 } from './formats/scorm12.ts';
import { scorm2004 } from './formats/scorm2004.ts';
import { xapi } from './formats/xapi.ts';
import { cmi5 } from './formats/cmi5.ts';
import { formatReport, validatePackage, type ValidationReport } from './validate/validate-package.ts';
import { zipFiles } from './zip.ts';

export const FORMATS: Record<PackageFormatId, PackageFormat> = { scorm12, scorm2004, xapi, cmi5 };

export interface PackageResult {
  slug: string;
  version: string;
  format: PackageFormatId;
  file: string;
  bytes: number;
  ms: number;
  validation: ValidationReport;
}

/** Every file of the built runtime, relative, with forward slashes, sorted. */
function runtimeFiles(runtimeDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(runtimeDir, path).split('\\').join('/'));
    }
  };
  walk(runtimeDir);
  return files.sort();
}

export function packageName(course: Course, format: PackageFormatId): string {
  return `${course.slug}-${course.version}-${format}.zip`;
}

/** The files of one package, in zip order: the manifest first, then everything else sorted. */
/** Dual reporting as the build takes it: the LRS and a write-only credential for one partner. */
export interface ReportingOptions {
  endpoint: string;
  key: string;
  secret: string;
  org: string;
  /** The partner's IRI (homePage of its learners' accounts); default https://inprocap.eu/partners/<org>. */
  orgIri?: string;
  /** Send learner names and LMS ids instead of pseudonyms. */
  identified?: boolean;
}

export function launchReporting(options: ReportingOptions): LrsReporting {
  return {
    endpoint: options.endpoint,
    auth: `Basic ${Buffer.from(`${options.key}:${options.secret}`).toString('base64')}`,
    org: options.org,
    orgIri: options.orgIri ?? `https://inprocap.eu/partners/${encodeURIComponent(options.org)}`,
    // Derived, not random: the same learner keeps one pseudonym across modules and rebuilds.
    pseudonymKey: createHmac('sha256', options.secret).update(`inprocap-pseudonym:${options.org}`).digest('hex'),
    identified: options.identified ?? false,
  };
}

export function packageFiles(course: Course, format: PackageFormat, runtimeDir: string, report?: ReportingOptions): [string, Buffer | string][] {
  const runtimeHtml = readFileSync(join(runtimeDir, 'index.html'), 'utf8');
  const content = new Map<string, Buffer | string>();
  for (const file of runtimeFiles(runtimeDir)) {
    const dual = report && (format.id === 'scorm12' || format.id === 'scorm2004') ? { report: launchReporting(report) } : {};
    content.set(file, file === 'index.html' ? embedCourse(runtimeHtml, course, { format: format.id, ...dual }) : readFileSync(join(runtimeDir, file)));
  }
  const root = format.rootFiles(course, [...content.keys()]);
  const all = new Map([...content, ...root]);
  // The manifest (imsmanifest.xml, tincan.xml, cmi5.xml) first, then everything else in a fixed order.
  const first = (name: string) => name === 'imsmanifest.xml' || name === 'tincan.xml' || name === 'cmi5.xml';
  const names = [...all.keys()].sort((a, b) => (first(a) ? -1 : first(b) ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => [name, all.get(name)!]);
}

export async function buildPackages(
  courses: Course[],
  formats: PackageFormatId[],
  runtimeDir: string,
  outDir: string,
  log: Log,
  report?: ReportingOptions,
): Promise<PackageResult[]> {
  mkdirSync(outDir, { recursive: true });
  const results: PackageResult[] = [];
  const total = courses.length * formats.length;
  for (const course of courses) {
    for (const formatId of formats) {
      const started = performance.now();
      const format = FORMATS[formatId];
      const name = packageName(course, formatId);
      log.info(`  [${results.length + 1}/${total}] ${name}`);
      const zip = await zipFiles(packageFiles(course, format, runtimeDir, report));
      const file = join(outDir, name);
      writeFileSync(file, zip);
      const validation = await validatePackage(zip, name);
      if (!validation.valid) log.warn(formatReport(validation));
      results.push({ slug: course.slug, version: course.version, format: formatId, file, bytes: zip.length, ms: performance.now() - started, validation });
    }
  }
  return results;
}

export function formatPackageTable(results: PackageResult[]): string {
  const rows = results.map((r) => [r.slug, r.version, FORMATS[r.format].label, `${(r.bytes / 1024).toFixed(1)} KB`, `${Math.round(r.ms)} ms`, r.validation.valid ? 'valid' : 'INVALID']);
  const header = ['module', 'version', 'format', 'size', 'time', 'validator'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
