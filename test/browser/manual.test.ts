/**
 * The training manuals as a reader meets them: printed by Chromium, read back with poppler's
 * pdftotext (text in order), pdffonts (fonts embedded) and pdftoppm (page images kept as artifacts),
 * and the PDF's own structure (tagged, language, outline, links that land).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../core/content/schema.ts';
import { authoringOf } from '../../core/question-types/authoring.ts';
import { loadCheckedCourses } from '../../packaging/build.ts';
import { readable } from '../../core/question-types/item-writing.authoring.ts';
import { labelsFor } from '../../packaging/toolbox/labels.ts';
import { contentIn } from '../../packaging/toolbox/manual/manual-html.ts';
import { inCurriculumOrder, writeManuals, type ManualFile } from '../../packaging/toolbox/manual/manual.ts';
import { ARTIFACTS, ROOT } from './harness.ts';

const silent = { info: () => {}, warn: () => {} };
/** Letters and digits only, lower case: line breaks, hyphenation and spacing of a printed page do not matter. */
const squeeze = (text: string) => text.toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '');
const plain = (html: string) => readable(html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
const pdftotext = (file: string, pages?: [number, number]) =>
  execFileSync('pdftotext', [...(pages ? ['-f', String(pages[0]), '-l', String(pages[1])] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** Each expected text, in order, in the squeezed text of the PDF: returns those not found in sequence. */
function missingInOrder(text: string, expected: string[]): string[] {
  const haystack = squeeze(text);
  let at = 0;
  const missing: string[] = [];
  for (const item of expected) {
    // the first 60 letters are enough to place a question or heading
    const needle = squeeze(item).slice(0, 60);
    if (!needle) continue;
    const found = haystack.indexOf(needle, at);
    if (found < 0) missing.push(item);
    else at = found + needle.length;
  }
  return missing;
}

/** What a module's manual must say, in the order it must say it. */
function expectedOrder(course: Course, language: string): string[] {
  const content = contentIn(course, language);
  const labels = labelsFor(language);
  return [
    content.title,
    labels.contents,
    labels.objectives,
    ...content.lessons.map((l) => l.title),
    ...(content.case ? [content.case.title, ...content.case.nodes.filter((n) => n.type === 'decision').slice(0, 1).map((n) => n.title)] : []),
    ...(content.quiz ? [labels.selfCheck, ...content.quiz.questions.map((q) => plain(q.prompt))] : []),
    labels.glossary,
    labels.answerKey,
    ...(content.case ? [labels.debrief] : []),
  ];
}

describe('training manuals (Chromium, read back with poppler)', () => {
  let courses: Course[];
  let files: ManualFile[];
  const out = mkdtempSync(join(tmpdir(), 'inprocap-manual-'));

  beforeAll(async () => {
    courses = inCurriculumOrder(loadCheckedCourses(ROOT, {}, silent).map((c) => c.course!));
    files = await writeManuals(courses, { out, date: '2026-12-07' }, silent);
  }, 300_000);

  it('makes one PDF per module and language, and one for the curriculum', () => {
    const expected = courses.flatMap((c) => c.languages.map((l) => `${c.slug}/${l}`)).sort();
    expect(files.filter((f) => f.scope === 'module').map((f) => `${f.slug}/${f.language}`).sort()).toEqual(expected);
    expect(files.filter((f) => f.scope === 'curriculum').map((f) => f.language)).toEqual(['en']);
    expect(files.every((f) => f.pdf)).toBe(true);
  });

  it('has every lesson heading, the case, every question, the glossary and the answer key, in order', () => {
    for (const file of files.filter((f) => f.scope === 'module')) {
      const course = courses.find((c) => c.slug === file.slug)!;
      expect(missingInOrder(pdftotext(file.pdf!.file), expectedOrder(course, file.language)), `${file.slug} (${file.language})`).toEqual([]);
    }
    const curriculum = files.find((f) => f.scope === 'curriculum')!;
    expect(missingInOrder(pdftotext(curriculum.pdf!.file), courses.flatMap((c) => [contentIn(c, 'en').title, ...contentIn(c, 'en').lessons.map((l) => l.title)]))).toEqual([]);
  });

  it('lists every glossary term it links, and the answer key gives each answer', () => {
    for (const file of files.filter((f) => f.scope === 'module')) {
      const course = courses.find((c) => c.slug === file.slug)!;
      const content = contentIn(course, file.language);
      const html = readFileSync(file.html, 'utf8');
      const linked = new Set([...html.matchAll(/href="#term-([a-z0-9-]+)"/g)].map((m) => m[1]!));
      expect(linked.size, file.slug).toBeGreaterThan(3);
      // the glossary's pages, from its heading to the answer key's
      const { destinations } = file.pdf!.structure;
      const glossary = squeeze(pdftotext(file.pdf!.file, [destinations.get('glossary')!, destinations.get('answer-key')!]));
      for (const id of linked) {
        const term = content.glossary.find((t) => t.id === id)!;
        expect(glossary, `${file.slug}: glossary term ${term.term}`).toContain(squeeze(term.term));
      }
      // every question has an entry in the answer key with its explanation
      const key = squeeze(pdftotext(file.pdf!.file, [destinations.get('answer-key')!, destinations.get(`${file.slug}-debrief`) ?? file.pdf!.structure.pages]));
      for (const q of content.quiz?.questions ?? []) {
        const kind = authoringOf(q).describe(q, (t) => t).kind;
        if (q.feedback?.correct) expect(key, `${file.slug} ${q.id} (${kind})`).toContain(squeeze(plain(q.feedback.correct)).slice(0, 50));
      }
    }
  });

  it('is a tagged PDF in its language, with embedded fonts, an outline, a page count in bounds and links that land', () => {
    for (const file of files) {
      const { structure } = file.pdf!;
      const name = `${file.slug ?? 'curriculum'} (${file.language})`;
      expect(structure.tagged, name).toBe(true);
      expect(structure.language, name).toBe(file.language);
      expect(structure.title, name).toContain(labelsFor(file.language).manual);
      if (file.scope === 'module') {
        expect(structure.pages, name).toBeGreaterThanOrEqual(20);
        expect(structure.pages, name).toBeLessThanOrEqual(90);
      } else {
        expect(structure.pages).toBeGreaterThanOrEqual(150);
        expect(structure.pages).toBeLessThanOrEqual(500);
      }
      expect(structure.outline.length, name).toBeGreaterThan(10);
      expect(structure.outline.every((e) => e.page >= 1), name).toBe(true);
      const internal = structure.links.filter((l) => l.dest);
      expect(internal.length, name).toBeGreaterThan(20);
      for (const link of internal) expect(structure.destinations.get(link.dest!), `${name}: link to #${link.dest} on page ${link.page}`).toBeGreaterThanOrEqual(1);
      const fonts = execFileSync('pdffonts', [file.pdf!.file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.length, name).toBeGreaterThan(0);
      for (const font of fonts) expect(font.split(/\s+/).at(-5), `${name}: ${font}`).toBe('yes');
      expect(fonts.some((f) => f.includes('NotoSerif')), name).toBe(true);
    }
  });

  it('prints the page numbers in the contents where the parts begin', () => {
    for (const file of files.filter((f) => f.scope === 'module')) {
      const html = readFileSync(file.html, 'utf8');
      const anchors = [...html.matchAll(/data-page-of="([^"]+)"/g)].map((m) => m[1]!);
      const pages = anchors.map((a) => file.pdf!.structure.destinations.get(a));
      expect(pages.every((p) => p !== undefined && p > 2), file.slug).toBe(true);
      // the contents (page 2 and on) print those numbers, in that order
      const contents = pdftotext(file.pdf!.file, [2, 3]);
      const numbers = contents.split('\n').map((l) => l.trim()).filter((l) => /^\d+$/.test(l)).map(Number);
      expect(numbers.slice(0, pages.length), file.slug).toEqual(pages);
    }
  });

  it('keeps the letters of every language (French, Spanish) and page images as artifacts', () => {
    const french = files.find((f) => f.language === 'fr')!;
    expect(pdftotext(french.pdf!.file)).toMatch(/é.*è|è.*é/s);
    expect(pdftotext(french.pdf!.file)).toContain('ç');
    const spanish = files.find((f) => f.language === 'es')!;
    expect(pdftotext(spanish.pdf!.file)).toMatch(/ñ/);
    const dir = resolve(ARTIFACTS, 'manual');
    mkdirSync(dir, { recursive: true });
    for (const file of files.filter((f) => f.scope === 'module' && f.language !== 'en').concat(files.filter((f) => f.slug === 'pcp' && f.language === 'en'))) {
      execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '6', file.pdf!.file, join(dir, `${file.slug}-${file.language}`)]);
    }
  });
});
