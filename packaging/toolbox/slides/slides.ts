/**
 * `inprocap slides <slug>`: each module's deck for the in-person session, in each of its languages:
 * `dist/toolbox/<slug>/slides.<language>.md` (the Marp source, for a trainer to adapt), `.html`
 * (one self-contained file: keyboard navigation, presenter view with notes on "p", works offline)
 * and `.pdf` (one slide a page, tagged), with the theme `slides-theme.css` beside them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Course } from '../../../core/content/schema.ts';
import type { LoadedContent } from '../../content/load.ts';
import type { Log } from '../../log.ts';
import { labelsFor } from '../labels.ts';
import type { Printed, Printer } from '../print.ts';
import { deckMarkdown } from './deck-markdown.ts';
import { themeCss } from './theme.ts';

export interface SlidesOptions {
  out: string;
  languages?: string[];
  /** The feedback survey's address, for the closing slide. */
  surveyUrl?: string;
}

export interface SlideDeck {
  slug: string;
  language: string;
  markdown: string;
  html: string;
  pdf?: Printed;
  /** Slides in the deck. */
  slides: number;
}

export async function writeSlides(content: LoadedContent, courses: Course[], options: SlidesOptions, log: Log, printer: Printer | undefined): Promise<SlideDeck[]> {
  const decks: SlideDeck[] = [];
  const themeFile = join(options.out, 'slides-theme.css');
  mkdirSync(options.out, { recursive: true });
  writeFileSync(themeFile, themeCss());
  for (const course of courses) {
    const loaded = content.modules.find((m) => m.module.data.slug === course.slug);
    if (!loaded) continue;
    for (const language of course.languages.filter((l) => !options.languages || options.languages.includes(l))) {
      const files = loaded.languages.get(language)!;
      const dir = join(options.out, course.slug);
      mkdirSync(dir, { recursive: true });
      const markdown = deckMarkdown({
        course,
        language,
        lessons: files.lessons,
        ...(files.case ? { exercise: files.case.data } : {}),
        labels: labelsFor(language),
        ...(options.surveyUrl ? { surveyUrl: options.surveyUrl } : {}),
      });
      const file = join(dir, `slides.${language}.md`);
      writeFileSync(file, markdown);
      decks.push({ slug: course.slug, language, markdown: file, html: file.replace(/\.md$/, '.html'), slides: markdown.split(/\n---\n/).length - 1 });
    }
  }
  if (!decks.length) return decks;

  // Marp converts every deck in one run, each to the HTML file beside its Markdown.
  const { marpCli } = await import('@marp-team/marp-cli');
  const code = await marpCli(['--no-config-file', '--theme-set', themeFile, '--html', 'false', '--bespoke.progress', ...decks.map((d) => d.markdown)]);
  if (code !== 0) throw new Error(`Marp could not convert the slide decks (exit code ${code})`);

  if (printer) {
    for (const deck of decks) {
      const started = Date.now();
      deck.pdf = await printer.print(deck.html, deck.html.replace(/\.html$/, '.pdf'));
      log.info(`  ${relative(process.cwd(), deck.pdf.file)}: ${deck.pdf.structure.pages} slides, ${(deck.pdf.bytes.length / 1024).toFixed(0)} KB, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }
  return decks;
}
