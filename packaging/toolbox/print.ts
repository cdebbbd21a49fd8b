/**
 * Printing HTML to PDF with the Chromium the tests already use (playwright-core): real text,
 * embedded fonts, a tagged (accessible) PDF with an outline from the headings, internal links as
 * links. CSS paged media does the layout (@page margin boxes for page numbers and running heads,
 * named pages per chapter); what CSS in Chromium cannot do, a table of contents with page numbers,
 * is done in two passes: print, read where each linked heading landed, write the numbers, print
 * again (and check they held).
 */
import { existsSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { readPdfStructure, type PdfStructure } from './pdf-structure.ts';

/** Where Chromium is: $CHROMIUM_PATH or Debian's /usr/bin/chromium. */
export function chromiumPath(): string | undefined {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}

export const NO_CHROMIUM = 'Chromium not found (install Debian\'s chromium: apt-get install -y chromium, or set CHROMIUM_PATH): PDFs are not made';

export interface PrintOptions {
  /** Elements `[data-page-of="<id>"]` receive the page number of the element with that id. */
  pageNumbers?: boolean;
  /** Page size when the document's CSS sets none. */
  format?: 'A4';
  landscape?: boolean;
}

export interface Printed {
  file: string;
  bytes: Uint8Array;
  structure: PdfStructure;
}

export class Printer {
  private constructor(private readonly browser: Browser) {}

  /** A printer on the local Chromium, or undefined when there is none (the caller says what is skipped). */
  static async open(): Promise<Printer | undefined> {
    const executablePath = chromiumPath();
    if (!executablePath) return undefined;
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    return new Printer(browser);
  }

  /** Prints the HTML file at `htmlFile` (its fonts and images by file: or relative URLs) to `pdfFile`. */
  async print(htmlFile: string, pdfFile: string, options: PrintOptions = {}): Promise<Printed> {
    const page = await this.browser.newPage();
    try {
      await page.goto(`file://${htmlFile}`, { waitUntil: 'load' });
      // Browser-side code is written as text: this file is type-checked for Node, without the DOM.
      await page.evaluate('document.fonts.ready.then(() => true)');
      const render = async () => new Uint8Array(await page.pdf({ tagged: true, outline: true, preferCSSPageSize: true, printBackground: true, format: options.format ?? 'A4', landscape: options.landscape ?? false }));
      let bytes = await render();
      let structure = await readPdfStructure(bytes);
      if (options.pageNumbers) {
        // Numbers take the width of their widest value from the start (tabular figures, a fixed
        // box), so writing them does not move anything; a third pass covers the case where it did.
        for (let pass = 0; pass < 2; pass++) {
          const pages = Object.fromEntries(structure.destinations);
          const changed = await page.evaluate<boolean>(`(() => {
            const pages = ${JSON.stringify(pages)};
            let changed = false;
            for (const el of document.querySelectorAll('[data-page-of]')) {
              const value = String(pages[el.dataset.pageOf] ?? '');
              if (el.textContent !== value) { el.textContent = value; changed = true; }
            }
            return changed;
          })()`);
          if (!changed) break;
          bytes = await render();
          structure = await readPdfStructure(bytes);
        }
        const missing = await page.evaluate<string[]>(`[...document.querySelectorAll('[data-page-of]')].filter((el) => !el.textContent).map((el) => el.dataset.pageOf)`);
        if (missing.length) throw new Error(`${htmlFile}: no page found for ${missing.slice(0, 5).join(', ')} (a table of contents entry without a linked heading)`);
      }
      writeFileSync(pdfFile, bytes);
      return { file: pdfFile, bytes, structure };
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
