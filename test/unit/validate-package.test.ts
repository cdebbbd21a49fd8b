import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRuntime, loadCheckedCourses } from '../../packaging/build.ts';
import { buildPackages, FORMATS, packageFiles, type PackageResult } from '../../packaging/package.ts';
import type { Course } from '../../core/content/schema.ts';
import { validatePackage } from '../../packaging/validate/validate-package.ts';
import { zipFiles } from '../../packaging/zip.ts';
import { MOODLE_SETTINGS } from '../../packaging/moodle/settings.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const quiet = { info: () => {}, warn: () => {} };
let result: { courses: Course[]; packages: PackageResult[] };
let scorm12: Record<string, Uint8Array>;
let scorm2004: Record<string, Uint8Array>;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'inprocap-packages-'));
  // Reuse the built runtime: rebuilding it here would pull it from under the browser tests running alongside.
  if (!existsSync(join(ROOT, 'dist/runtime/index.html'))) await buildRuntime(ROOT);
  const courses = loadCheckedCourses(ROOT, { only: ['fundamentals'] }, quiet).map((c) => c.course!);
  result = { courses, packages: await buildPackages(courses, ['scorm12', 'scorm2004'], join(ROOT, 'dist/runtime'), out, quiet) };
  scorm12 = unzipSync(readFileSync(result.packages.find((p) => p.format === 'scorm12')!.file));
  scorm2004 = unzipSync(readFileSync(result.packages.find((p) => p.format === 'scorm2004')!.file));
}, 120_000);

/** A copy of a package's files with some changed (undefined removes a file). */
function variant(files: Record<string, Uint8Array>, changes: Record<string, string | undefined>): Uint8Array {
  const copy: Record<string, Uint8Array> = { ...files };
  for (const [name, text] of Object.entries(changes)) {
    if (text === undefined) delete copy[name];
    else copy[name] = strToU8(text);
  }
  return zipSync(copy);
}

const manifestOf = (files: Record<string, Uint8Array>) => strFromU8(files['imsmanifest.xml']!);

describe('package validator', () => {
  it('passes the packages the build writes, naming standard and edition', async () => {
    expect(result.packages).toHaveLength(2);
    for (const p of result.packages) {
      expect(p.validation.errors).toEqual([]);
      expect(p.validation.valid).toBe(true);
    }
    expect(result.packages.map((p) => p.validation.standard)).toEqual(['SCORM 1.2', 'SCORM 2004 4th Edition']);
    expect(result.packages[0]!.validation.passed).toContain('manifest valid against the IMS CP 1.1.2, ADL CP 1.2 and IMS MD 1.2.1 schemas');
  });

  it('finds a file the manifest lists but the zip lacks', async () => {
    const script = Object.keys(scorm12).find((f) => f.startsWith('assets/index-'))!;
    const report = await validatePackage(variant(scorm12, { [script]: undefined }), 'missing.zip');
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([`file missing from the zip: ${script} (file of resource "sco")`]);
  });

  it('rejects a manifest that is not well-formed XML, with its line', async () => {
    const broken = manifestOf(scorm12).replace('</organizations>', '</organisations>');
    const report = await validatePackage(variant(scorm12, { 'imsmanifest.xml': broken }), 'malformed.zip');
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatch(/^imsmanifest\.xml is not well-formed XML: line \d+, column \d+: /);
  });

  it('rejects a manifest that breaks the schema', async () => {
    const broken = manifestOf(scorm2004).replace('<title>', '<colour>red</colour><title>');
    const report = await validatePackage(variant(scorm2004, { 'imsmanifest.xml': broken }), 'schema.zip');
    expect(report.valid).toBe(false);
    expect(report.errors.some((e) => /^schema: line \d+: .*colour.*/.test(e))).toBe(true);
  });

  it('rejects duplicate identifiers', async () => {
    const broken = manifestOf(scorm12).replace('<item identifier="item"', '<item identifier="org"');
    const report = await validatePackage(variant(scorm12, { 'imsmanifest.xml': broken }), 'duplicate.zip');
    expect(report.errors).toContain('identifier "org" is used more than once: identifiers must be unique in the manifest');
  });

  it('rejects an item that points at no resource, and a package with nothing to launch', async () => {
    const broken = manifestOf(scorm12).replace('identifierref="sco"', 'identifierref="nothing"');
    const report = await validatePackage(variant(scorm12, { 'imsmanifest.xml': broken }), 'ref.zip');
    expect(report.errors).toContain('item "item" refers to resource "nothing", which does not exist');
    expect(report.errors).toContain('no item launches a resource: the package has nothing to start');
  });

  it('explains a manifest zipped inside a folder, a missing manifest and a file that is no zip', async () => {
    const nested = zipSync(Object.fromEntries(Object.entries(scorm12).map(([name, data]) => [`course/${name}`, data])));
    expect((await validatePackage(nested, 'nested.zip')).errors).toEqual([
      'imsmanifest.xml must be at the root of the zip, not in "course/": zip the folder\'s contents, not the folder',
    ]);
    expect((await validatePackage(variant(scorm12, { 'imsmanifest.xml': undefined }), 'none.zip')).errors).toEqual([
      'imsmanifest.xml is missing: a SCORM package has its manifest at the root of the zip',
    ]);
    expect((await validatePackage(strToU8('not a zip at all'), 'text.zip')).errors[0]).toMatch(/^not a readable zip file/);
  });

  it("reports what Moodle's upload refuses or misreads: a name that is no .zip, a manifest in the wrong case, a 2004 schemaversion Moodle reads as 1.2", async () => {
    const ours = await validatePackage(readFileSync(result.packages[1]!.file), 'ours.zip');
    expect(ours.passed).toContain('Moodle: its upload validation takes this package and reads it as SCORM 2004');
    expect((await validatePackage(readFileSync(result.packages[0]!.file), 'module.scorm')).errors).toEqual([
      'Moodle: the file picker of "SCORM package" takes a .zip; "module.scorm" would be refused (rename it to .zip if it is one)',
    ]);
    const upper = zipSync(Object.fromEntries(Object.entries(scorm12).map(([name, data]) => [name === 'imsmanifest.xml' ? 'IMSManifest.xml' : name, data])));
    expect((await validatePackage(upper, 'upper.zip')).errors).toEqual([
      'the manifest must be named imsmanifest.xml in lowercase, not "IMSManifest.xml" (Moodle and other LMSs look for that exact name)',
    ]);
    const lowercaseEdition = manifestOf(scorm2004).replace('<schemaversion>2004 4th Edition</schemaversion>', '<schemaversion>2004 4th edition</schemaversion>');
    expect(lowercaseEdition).not.toBe(manifestOf(scorm2004));
    const report = await validatePackage(variant(scorm2004, { 'imsmanifest.xml': lowercaseEdition }), 'edition.zip');
    expect(report.standard).toBe('SCORM 2004 4th Edition');
    expect(report.errors).toEqual([
      'Moodle: schemaversion "2004 4th edition" is not one Moodle recognises ("2004 4th Edition", "2004 3rd Edition", "CAM 1.3" or "1.3"), so it would play this SCORM 2004 package with its SCORM 1.2 API',
    ]);
  });

  it("accepts a third party's SCORM 2004 package with inline LOM metadata, with a warning", async () => {
    const withLom = manifestOf(scorm2004)
      .replace('xmlns:imsss=', 'xmlns:lom="http://ltsc.ieee.org/xsd/LOM" xmlns:imsss=')
      .replace('</metadata>', '<lom:lom><lom:general><lom:title><lom:string language="en">T</lom:string></lom:title></lom:general></lom:lom></metadata>');
    const report = await validatePackage(variant(scorm2004, { 'imsmanifest.xml': withLom }), 'lom.zip');
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual(['LOM metadata (IEEE LOM namespace) was not validated in detail: only its placement was checked']);
  });
});

describe('deterministic packages', () => {
  it('zips the same files into the same bytes, with fixed dates and the manifest first', async () => {
    const course = result.courses[0]!;
    const runtime = join(ROOT, 'dist/runtime');
    const first = await zipFiles(packageFiles(course, FORMATS.scorm12, runtime));
    const second = await zipFiles(packageFiles(course, FORMATS.scorm12, runtime));
    expect(Buffer.compare(first, second)).toBe(0);
    expect(Buffer.compare(first, readFileSync(result.packages[0]!.file))).toBe(0);
    const names = Object.keys(unzipSync(first));
    expect(names[0]).toBe('imsmanifest.xml');
    expect(names.every((n) => !n.includes('\\'))).toBe(true);
  });

  it('ships only what the package needs', () => {
    const names = Object.keys(scorm12).sort();
    const unexpected = names.filter((n) => !/^(imsmanifest\.xml|index\.html|README\.txt|assets\/[\w-]+\.js|[\w]+\.xsd)$/.test(n));
    expect(unexpected).toEqual([]);
  });

  it("carries a README.txt with the recommended Moodle settings, for the LMS administrator", () => {
    for (const [files, standard] of [[scorm12, 'SCORM 1.2'], [scorm2004, 'SCORM 2004 4th edition']] as const) {
      const readme = strFromU8(files['README.txt']!);
      expect(readme).toContain(`fundamentals ${result.courses[0]!.version}, ${standard} package`);
      for (const s of MOODLE_SETTINGS) expect(readme).toContain(`${s.setting}: ${s.choice}`);
    }
  });

  it("and the project README's Moodle table says the same, row for row", () => {
    const rows = readFileSync(join(ROOT, 'README.md'), 'utf8')
      .split('\n')
      .filter((line) => MOODLE_SETTINGS.some((s) => line.startsWith(`| ${s.section} | ${s.setting} |`)));
    expect(rows.map((line) => line.split('|').slice(1, 5).map((cell) => cell.trim()))).toEqual(
      MOODLE_SETTINGS.map((s) => [s.section, s.setting, s.choice, s.why ?? '']),
    );
  });
});
