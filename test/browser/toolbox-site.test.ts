/**
 * The Toolbox as a trainer meets it: the static site (every page accessible, every link landing,
 * light to load), the packages it offers, and the templates and checklists as Word documents a
 * real reader opens (mammoth) and as PDFs (pdftotext).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import mammoth from 'mammoth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../core/content/schema.ts';
import { buildRuntime, loadCheckedCourses } from '../../packaging/build.ts';
import { buildPackages } from '../../packaging/package.ts';
import { PACKAGE_FORMATS } from '../../packaging/formats/format.ts';
import { buildToolbox, type ToolboxResult } from '../../packaging/toolbox/toolbox.ts';
import { startPreviewServer } from '../../packaging/preview/server.ts';
import { axeViolations, focused, launchBrowser, ROOT, screenshot, watchErrors } from './harness.ts';

const silent = { info: () => {}, warn: () => {} };

/** Every file under a folder. */
const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));

describe('the Toolbox site', () => {
  let result: ToolboxResult;
  let courses: Course[];
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startPreviewServer>>;
  const out = mkdtempSync(join(tmpdir(), 'inprocap-toolbox-'));
  const packagesDir = mkdtempSync(join(tmpdir(), 'inprocap-toolbox-packages-'));

  beforeAll(async () => {
    courses = loadCheckedCourses(ROOT, {}, silent).map((c) => c.course!);
    if (!existsSync(join(ROOT, 'dist/runtime/index.html'))) await buildRuntime(ROOT);
    await buildPackages(courses, [...PACKAGE_FORMATS], join(ROOT, 'dist/runtime'), packagesDir, silent);
    result = await buildToolbox(ROOT, { out, packagesDir, date: '2026-12-07' }, silent);
    browser = await launchBrowser();
    // served as npm start serves it, under /toolbox/ beside the preview
    server = await startPreviewServer({ dir: out, toolboxDir: out, port: 0, host: '127.0.0.1' });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
  });
  const url = (file: string) => `${server.url}/toolbox/${file.slice(out.length + 1)}`;

  it('has a page per module and language, offering its packages, manual, slides and tools', () => {
    for (const course of courses) {
      for (const language of course.languages) {
        const file = join(out, course.slug, language === course.defaultLanguage ? 'index.html' : `index.${language}.html`);
        const html = readFileSync(file, 'utf8');
        expect(html, `${course.slug} ${language}`).toContain(`<html lang="${language}">`);
        for (const format of PACKAGE_FORMATS) expect(html, `${course.slug}: ${format}`).toContain(`${course.slug}-${course.version}-${format}.zip`);
        expect(html).toContain(`manual.${language}.pdf`);
        expect(html).toContain(`slides.${language}.html`);
        for (const tool of result.tools.filter((t) => t.slug === course.slug && t.language === language)) {
          expect(html).toContain(`tools/${tool.tool.id}.${language}.docx`);
          expect(html).toContain(`tools/${tool.tool.id}.${language}.pdf`);
        }
      }
    }
    expect(result.tools.length).toBeGreaterThanOrEqual(courses.length);
  });

  it('has no link that lands nowhere', () => {
    const pages = walk(out).filter((f) => f.endsWith('.html') && !/\/(manual|slides)\.[a-z]+\.html$/.test(f) && !/\/tools\//.test(f));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      for (const [, href] of readFileSync(page, 'utf8').matchAll(/href="([^"#:]+)(?:#[^"]*)?"/g)) {
        expect(existsSync(resolve(dirname(page), decodeURI(href!))), `${page} links to ${href}`).toBe(true);
      }
    }
  });

  it('is accessible (axe, every kind of page, keyboard), and light to load', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    let bytes = 0;
    page.on('response', async (r) => {
      bytes += Number((await r.headerValue('content-length')) ?? 0);
    });
    await page.goto(url(join(out, 'index.html')));
    await page.waitForLoadState('networkidle');
    expect(bytes, 'the index with its stylesheet and fonts').toBeGreaterThan(10_000);
    expect(bytes, 'the index with its stylesheet and fonts').toBeLessThan(400_000);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    expect((await focused(page))?.name).toBe('Skip to the content');
    await screenshot(page, 'toolbox-index');
    for (const file of [join(out, 'pcp', 'index.html'), join(out, 'pcp', 'index.es.html'), join(out, 'fundamentals', 'index.fr.html'), join(out, 'glossary.fr.html')]) {
      await page.goto(url(file));
      expect(await axeViolations(page), file).toEqual([]);
    }
    await screenshot(page, 'toolbox-glossary-fr');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(url(join(out, 'pcp', 'index.html')));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'toolbox-pcp-phone');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives each template and checklist as a Word document a reader opens, with headings, tables and real checkboxes, and as a PDF', async () => {
    for (const file of result.tools) {
      const { value: html, messages } = await mammoth.convertToHtml({ path: file.docx }, { styleMap: ["p[style-name='Title'] => h1:fresh"] });
      const name = `${file.slug}/${file.tool.id}.${file.language}`;
      expect(messages.filter((m) => m.type === 'error'), name).toEqual([]);
      expect(html, name).toContain(`<h1>${file.tool.title.replace(/&/g, '&amp;')}</h1>`);
      expect(html, name).toMatch(/<h1>[^<]+<\/h1>[\s\S]*<h1>/);
      if (file.tool.kind === 'checklist') expect((html.match(/<input type="checkbox"/g) ?? []).length, name).toBeGreaterThanOrEqual(5);
      if (/^\|/m.test(file.tool.markdown)) expect(html, name).toContain('<table>');
      const text = execFileSync('pdftotext', [file.pdf!.file, '-'], { encoding: 'utf8' });
      expect(text.replace(/\s+/g, ' '), name).toContain(file.tool.title);
      expect(file.pdf!.structure.tagged, name).toBe(true);
      expect(file.pdf!.structure.language, name).toBe(file.language);
    }
  });
});
