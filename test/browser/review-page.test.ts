/** The reviewer's pages of the real modules in Chromium: accessible (axe), usable by keyboard, links that land. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReviewPages, type ReviewPage } from '../../packaging/review/review.ts';
import { axeViolations, focused, launchBrowser, ROOT, screenshot, watchErrors } from './harness.ts';

describe("reviewer's pages in Chromium", () => {
  let browser: Browser;
  let pages: ReviewPage[];
  const out = mkdtempSync(join(tmpdir(), 'inprocap-review-'));

  beforeAll(async () => {
    pages = writeReviewPages(ROOT, { out }, { info: () => {}, warn: () => {} });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('writes one page per module, each with no axe violations (WCAG 2.1 AA)', async () => {
    expect(pages.map((p) => p.slug).sort()).toEqual(['bso-procurement', 'dialogue-negotiation', 'fundamentals', 'legal-risk', 'market-consultation', 'pcp', 'ppi']);
    const page = await browser.newPage();
    const errors = watchErrors(page);
    for (const review of pages) {
      await page.goto(`file://${review.file}`);
      expect(await axeViolations(page), review.slug).toEqual([]);
    }
    await page.goto(`file://${join(out, 'index.html')}`);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is read by keyboard: skip link first, contents links land on their section', async () => {
    const page = await browser.newPage();
    await page.goto(`file://${pages.find((p) => p.slug === 'pcp')!.file}`);
    await page.keyboard.press('Tab');
    expect((await focused(page))?.name).toBe('Skip to the content');
    await page.keyboard.press('Tab');
    expect((await focused(page))?.name).toMatch(/^Checks \(\d+\)$/);
    await page.keyboard.press('Tab');
    const quizLink = await focused(page);
    expect(quizLink?.name).toMatch(/^Quiz: \d+ questions$/);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#quiz');
    // every in-page link has its target
    const broken = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')].map((a) => a.getAttribute('href')!.slice(1)).filter((id) => !document.getElementById(id)),
    );
    expect(broken).toEqual([]);
    await screenshot(page, 'review-pcp');
    await page.close();
  });
});
