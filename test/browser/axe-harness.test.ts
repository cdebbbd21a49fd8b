/**
 * The accessibility checks are only worth something if they can fail: axe-core must see a
 * violation inside a shadow root, as the runtime's components render into shadow roots.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser } from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('axe-core harness', () => {
  it('reports an unlabelled control and low contrast inside a shadow root', async () => {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html lang="en"><head><title>t</title></head><body><main><div id="host"></div></main>
      <script>
        const root = document.getElementById('host').attachShadow({ mode: 'open' });
        root.innerHTML = '<input type="text"><p style="color:#bbb;background:#fff">faint text</p>';
      </script></body></html>`);
    const violations = await axeViolations(page);
    expect(violations.some((v) => v.startsWith('label '))).toBe(true);
    expect(violations.some((v) => v.startsWith('color-contrast '))).toBe(true);
    await page.close();
  });

  it('reports nothing on a clean page', async () => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Fine</h1><p>Text.</p></main></body></html>');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
