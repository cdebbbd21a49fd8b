/**
 * The slide decks for the in-person session: every lesson and case decision on a slide, the
 * author's slide marks honoured, speaker notes from the lesson text, a self-contained HTML deck
 * that a trainer drives by keyboard offline, and a PDF of one slide a page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildToolbox, type ToolboxResult } from '../../packaging/toolbox/toolbox.ts';
import { labelsFor } from '../../packaging/toolbox/labels.ts';
import { axeViolations, launchBrowser, ROOT, screenshot, watchErrors } from './harness.ts';

const squeeze = (text: string) => text.toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '');

describe('slide decks for the in-person session', () => {
  let result: ToolboxResult;
  let browser: Browser;
  const out = mkdtempSync(join(tmpdir(), 'inprocap-slides-'));

  beforeAll(async () => {
    result = await buildToolbox(ROOT, { out, parts: ['slides'] }, { info: () => {}, warn: () => {} });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => browser?.close());

  it('makes a deck per module and language, as Marp source, HTML and a PDF of one slide a page', () => {
    expect(result.slides.map((d) => `${d.slug}/${d.language}`).sort()).toEqual(
      ['bso-procurement/en', 'dialogue-negotiation/en', 'fundamentals/en', 'fundamentals/fr', 'legal-risk/en', 'market-consultation/en', 'pcp/en', 'pcp/es', 'ppi/en'],
    );
    for (const deck of result.slides) {
      expect(deck.pdf!.structure.pages, deck.slug).toBe(deck.slides);
      expect(deck.pdf!.structure.tagged, deck.slug).toBe(true);
      // 16:9 pages
      const size = execFileSync('pdfinfo', [deck.pdf!.file], { encoding: 'utf8' }).match(/Page size:\s+([\d.]+) x ([\d.]+)/)!;
      expect(Number(size[1]) / Number(size[2])).toBeCloseTo(16 / 9, 2);
    }
  });

  it('has the title, objectives, every lesson, the case decisions and the closing survey slide, in order', () => {
    for (const deck of result.slides) {
      const labels = labelsFor(deck.language);
      const source = readFileSync(deck.markdown, 'utf8');
      const lessons = [...source.matchAll(/_class: divider -->\n\n\d+ \/ \d+\n\n# (.+)/g)].map((m) => m[1]!);
      expect(lessons.length, deck.slug).toBeGreaterThanOrEqual(5);
      const text = squeeze(execFileSync('pdftotext', [deck.pdf!.file, '-'], { encoding: 'utf8' }));
      let at = 0;
      for (const expected of [labels.objectives, labels.agenda, ...lessons, labels.discussionCase, labels.decision(1), labels.survey]) {
        const found = text.indexOf(squeeze(expected.replace(/\\([<>])/g, '$1')), at);
        expect(found, `${deck.slug} (${deck.language}): "${expected}"`).toBeGreaterThanOrEqual(at);
        at = found;
      }
    }
  });

  it("puts what an author marked on the section's slide, and the lesson text in the speaker notes", () => {
    const pcp = result.slides.find((d) => d.slug === 'pcp' && d.language === 'en')!;
    const source = readFileSync(pcp.markdown, 'utf8');
    const slide = source.split(/\n---\n/).find((s) => s.includes('## Why several suppliers?'))!;
    expect(slide).toContain('- Less technical risk: if one approach fails, others still run');
    // the slide shows the marked points, the notes hold the lesson's own text
    expect(slide).toMatch(/<!--\n[^]*One supplier is enough for a PCP[^]*-->/);
    const spanish = readFileSync(result.slides.find((d) => d.slug === 'pcp' && d.language === 'es')!.markdown, 'utf8');
    expect(spanish).toContain('- Menos riesgo técnico: si un enfoque fracasa, otros siguen');
  });

  it('plays offline in Chromium: no request leaves the file, the keyboard moves between slides, notes in presenter view', async () => {
    const deck = result.slides.find((d) => d.slug === 'pcp' && d.language === 'en')!;
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors = watchErrors(page);
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) external.push(r.url());
    });
    await page.goto(`file://${deck.html}`);
    expect(await page.evaluate(() => location.hash)).toMatch(/^(#1)?$/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.hash === '#3');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'slides-pcp-agenda');
    const notes = await page.evaluate(() => [...document.querySelectorAll('.bespoke-marp-note')].map((n) => n.textContent ?? '').join('\n'));
    expect(notes).toContain('One supplier is enough for a PCP');
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
