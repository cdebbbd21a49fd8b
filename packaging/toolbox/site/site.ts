/**
 * The Toolbox site: static pages in `dist/toolbox/` that a partner links from its website or
 * Moodle course. `index.html` lists the modules; `<slug>/index.<language>.html` (and
 * `<slug>/index.html` in the module's own language) offers everything of one module in one
 * language: its LMS packages, manual, slides, templates and checklists; `glossary.<language>.html`
 * is the glossary. Plain HTML and one small stylesheet: no script, nothing fetched elsewhere.
 */
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Course, GlossaryTerm } from '../../../core/content/schema.ts';
import { LANGUAGE_NAMES } from '../../content/load.ts';
import { escapeHtml } from '../../html.ts';
import { labelsFor, type ToolboxLabels } from '../labels.ts';
import type { ManualFile } from '../manual/manual.ts';
import type { SlideDeck } from '../slides/slides.ts';
import type { ToolFile } from '../tools/tools.ts';
import { moduleName } from '../tools/tools.ts';
import { fontFaces } from '../fonts.ts';

export interface SiteInput {
  dir: string;
  courses: Course[];
  manuals: ManualFile[];
  slides: SlideDeck[];
  tools: ToolFile[];
  /** Where the LMS packages are (dist/packages): they are copied beside each module's page. */
  packagesDir?: string;
  /** The glossary of each language. */
  glossaries: Map<string, GlossaryTerm[]>;
}

export interface SitePage {
  file: string;
  language: string;
  slug?: string;
}

const FORMAT_NAMES: Record<string, string> = { scorm12: 'SCORM 1.2', scorm2004: 'SCORM 2004 (4th edition)', xapi: 'xAPI (TinCan)', cmi5: 'cmi5' };
const FORMAT_ORDER = ['scorm12', 'scorm2004', 'cmi5', 'xapi'];

const size = (file: string) => {
  const bytes = statSync(file).size;
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
};
const languageName = (code: string) => LANGUAGE_NAMES[code] ?? code;
/** A language's own name for itself, for the language switch. */
const OWN_NAMES: Record<string, string> = { en: 'English', fr: 'Français', es: 'Español', nl: 'Nederlands', pl: 'Polski', da: 'Dansk', sk: 'Slovenčina', de: 'Deutsch' };

const STYLE = `
:root { color-scheme: light; --ink: #1b1b1f; --muted: #4a4a55; --line: #c9c9d3; --accent: #0b4f8c; --tint: #eef3f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.55 'Noto Sans', system-ui, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }
header.site { background: var(--accent); color: #fff; padding: 1.5rem 1.5rem 1.25rem; }
header.site a { color: #fff; }
header.site .kicker { margin: 0 0 .25rem; font-size: .95rem; }
header.site h1 { margin: 0; font-size: 1.9rem; line-height: 1.2; }
header.site p { max-width: 48rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h2 { margin: 2rem 0 .5rem; color: var(--accent); font-size: 1.35rem; }
.hint { color: var(--muted); margin: .25rem 0 .75rem; }
ul.cards { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); }
ul.cards li { border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; }
ul.cards h3 { margin: 0 0 .5rem; font-size: 1.1rem; }
ul.downloads { list-style: none; padding: 0; }
ul.downloads li { padding: .4rem 0; border-bottom: 1px solid var(--tint); }
.meta { color: var(--muted); font-size: .9rem; }
.tag { display: inline-block; font-size: .8rem; padding: 0 .45rem; border-radius: .25rem; background: var(--tint); border: 1px solid var(--line); }
dl.tools dt { font-weight: 700; margin-top: 1rem; }
dl.tools dd { margin: .25rem 0 0; }
dl.glossary dt { font-weight: 700; margin-top: .9rem; }
dl.glossary dd { margin: .2rem 0 0; }
nav.languages ul { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
@media (max-width: 30rem) { body { font-size: 16px; } header.site h1 { font-size: 1.5rem; } }
`;

function page(options: { language: string; title: string; kicker: string; intro?: string; body: string; stylePath: string; nav?: string; back?: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${escapeHtml(options.stylePath)}">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip" href="#main">${escapeHtml(labelsFor(options.language).site.skip)}</a>
<header class="site">
<p class="kicker">${options.back ?? ''}${escapeHtml(options.kicker)}</p>
<h1>${escapeHtml(options.title)}</h1>
${options.intro ? `<p>${escapeHtml(options.intro)}</p>` : ''}
${options.nav ?? ''}
</header>
<main id="main">
${options.body}
</main>
</body>
</html>
`;
}

const link = (from: string, to: string, text: string, extra = '') => `<a href="${escapeHtml(relative(from, to).split('\\').join('/'))}"${extra}>${text}</a>`;

export function writeSite(input: SiteInput): SitePage[] {
  const { dir, courses } = input;
  const pages: SitePage[] = [];
  const stylesheet = join(dir, 'toolbox.css');
  writeFileSync(stylesheet, `${fontFaces((name) => `fonts/${name}`)}\n${STYLE}`);

  // Each module's page in each of its languages.
  for (const course of courses) {
    const moduleDir = join(dir, course.slug);
    mkdirSync(moduleDir, { recursive: true });
    const packages = copyPackages(course, moduleDir, input.packagesDir);
    for (const language of course.languages) {
      const labels = labelsFor(language);
      const content = course.content[language]!;
      const file = join(moduleDir, language === course.defaultLanguage ? 'index.html' : `index.${language}.html`);
      const here = moduleDir;
      const fileLink = (target: string, text: string) => `${link(here, target, text)} <span class="meta">(${size(target)})</span>`;
      const sections: string[] = [];

      if (packages.length) {
        sections.push(`<section aria-labelledby="packages"><h2 id="packages">${escapeHtml(labels.site.packages)}</h2>
<p class="hint">${escapeHtml(labels.site.packagesHint)}</p>
<ul class="downloads">${packages.map((p) => `<li>${fileLink(p.file, escapeHtml(FORMAT_NAMES[p.format] ?? p.format))} <span class="meta">${escapeHtml(basename(p.file))}</span></li>`).join('')}</ul></section>`);
      }
      const manual = input.manuals.find((m) => m.slug === course.slug && m.language === language);
      if (manual) {
        sections.push(`<section aria-labelledby="manual"><h2 id="manual">${escapeHtml(labels.manual)}</h2>
<p class="hint">${escapeHtml(labels.site.manualHint)}</p>
<ul class="downloads">${manual.pdf ? `<li>${fileLink(manual.pdf.file, 'PDF')}${manual.pdf ? ` <span class="meta">${escapeHtml(labels.site.pages(manual.pdf.structure.pages))}</span>` : ''}</li>` : ''}<li>${fileLink(manual.html, 'HTML')}</li></ul></section>`);
      }
      const deck = input.slides.find((d) => d.slug === course.slug && d.language === language);
      if (deck) {
        sections.push(`<section aria-labelledby="slides"><h2 id="slides">${escapeHtml(labels.slides)}</h2>
<p class="hint">${escapeHtml(labels.site.slidesHint)}</p>
<ul class="downloads"><li>${fileLink(deck.html, 'HTML')} <span class="meta">${escapeHtml(labels.site.slideCount(deck.slides))}</span></li>${deck.pdf ? `<li>${fileLink(deck.pdf.file, 'PDF')}</li>` : ''}<li>${fileLink(deck.markdown, `Markdown (${escapeHtml(labels.site.sourceFile)})`)}</li></ul></section>`);
      }
      const tools = input.tools.filter((t) => t.slug === course.slug && t.language === language);
      if (tools.length) {
        sections.push(`<section aria-labelledby="tools"><h2 id="tools">${escapeHtml(labels.tools)}</h2>
<p class="hint">${escapeHtml(labels.site.toolsHint)}</p>
<dl class="tools">${tools
          .map((t) => `<dt id="tool-${escapeHtml(t.tool.id)}">${escapeHtml(t.tool.title)} <span class="tag">${escapeHtml(t.tool.kind === 'checklist' ? labels.checklist : labels.template)}</span></dt>
<dd>${escapeHtml(t.tool.description)}<br>${fileLink(t.docx, escapeHtml(labels.site.word))}${t.pdf ? ` · ${fileLink(t.pdf.file, 'PDF')}` : ''}</dd>`)
          .join('\n')}</dl></section>`);
      }
      sections.push(`<section aria-labelledby="glossary"><h2 id="glossary">${escapeHtml(labels.glossary)}</h2>
<p class="hint">${escapeHtml(labels.site.glossaryHint)}</p>
<p>${link(here, join(dir, `glossary.${language}.html`), escapeHtml(`${labels.glossary} (${OWN_NAMES[language] ?? language})`))}</p></section>`);

      const others = course.languages.filter((l) => l !== language);
      const nav = others.length
        ? `<nav class="languages" aria-label="${escapeHtml(labels.site.languages)}"><ul>${others.map((l) => `<li>${link(here, join(moduleDir, l === course.defaultLanguage ? 'index.html' : `index.${l}.html`), escapeHtml(OWN_NAMES[l] ?? l), ` lang="${l}" hreflang="${l}"`)}</li>`).join('')}</ul></nav>`
        : '';
      writeFileSync(
        file,
        page({
          language,
          title: moduleName(course, language),
          kicker: labels.toolbox,
          back: `${link(here, join(dir, 'index.html'), escapeHtml(labels.site.back))} · `,
          intro: content.description,
          nav,
          body: `<section aria-labelledby="objectives"><h2 id="objectives">${escapeHtml(labels.objectives)}</h2><ul>${content.objectives.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ul><p class="meta">${escapeHtml(labels.duration(course.durationMinutes))} · ${escapeHtml(labels.version)} ${escapeHtml(course.version)}</p></section>
${sections.join('\n')}`,
          stylePath: relative(here, stylesheet),
        }),
      );
      pages.push({ file, language, slug: course.slug });
    }
  }

  // The glossary of each language.
  for (const [language, terms] of input.glossaries) {
    const labels = labelsFor(language);
    const file = join(dir, `glossary.${language}.html`);
    const sorted = [...terms].sort((a, b) => a.term.localeCompare(b.term, language));
    writeFileSync(
      file,
      page({
        language,
        title: `${labels.glossary} · ${labels.toolbox}`,
        kicker: labels.toolbox,
        back: `${link(dir, join(dir, 'index.html'), escapeHtml(labels.site.back))} · `,
        body: `<dl class="glossary">${sorted.map((t) => `<dt id="term-${escapeHtml(t.id)}">${escapeHtml(t.term)}</dt><dd>${escapeHtml(t.definition)}</dd>`).join('\n')}</dl>`,
        stylePath: 'toolbox.css',
      }),
    );
    pages.push({ file, language });
  }

  // The index, in English: every module, and the curriculum's manual.
  const labels = labelsFor('en');
  const curriculum = input.manuals.filter((m) => m.scope === 'curriculum');
  const index = join(dir, 'index.html');
  writeFileSync(
    index,
    page({
      language: 'en',
      title: labels.toolbox,
      kicker: 'INPROCAP',
      intro: labels.site.intro,
      body: `<section aria-labelledby="modules"><h2 id="modules">${escapeHtml(labels.site.modules)}</h2>
<ul class="cards">${courses
        .map((course) => {
          const content = course.content[course.defaultLanguage]!;
          return `<li><h3>${link(dir, join(dir, course.slug, 'index.html'), escapeHtml(moduleName(course, course.defaultLanguage)))}</h3><p>${escapeHtml(content.description.length > 240 ? `${content.description.slice(0, 237).replace(/\s+\S*$/, '')}…` : content.description)}</p>
<p class="meta">${escapeHtml(labels.site.languages)}: ${course.languages.map((l) => link(dir, join(dir, course.slug, l === course.defaultLanguage ? 'index.html' : `index.${l}.html`), escapeHtml(OWN_NAMES[l] ?? l), ` lang="${l}" hreflang="${l}"`)).join(', ')}</p></li>`;
        })
        .join('\n')}</ul></section>
${curriculum.length ? `<section aria-labelledby="curriculum"><h2 id="curriculum">${escapeHtml(labels.site.curriculumManual)}</h2><ul class="downloads">${curriculum.map((m) => `<li>${m.pdf ? `${link(dir, m.pdf.file, `PDF (${escapeHtml(languageName(m.language))})`)} <span class="meta">(${size(m.pdf.file)}, ${escapeHtml(labels.site.pages(m.pdf.structure.pages))})</span> · ` : ''}${link(dir, m.html, `HTML (${escapeHtml(languageName(m.language))})`)}</li>`).join('')}</ul></section>` : ''}
<section aria-labelledby="glossaries"><h2 id="glossaries">${escapeHtml(labels.glossary)}</h2><p class="hint">${escapeHtml(labels.site.glossaryHint)}</p><ul class="downloads">${[...input.glossaries.keys()].map((l) => `<li>${link(dir, join(dir, `glossary.${l}.html`), escapeHtml(OWN_NAMES[l] ?? l), ` lang="${l}" hreflang="${l}"`)}</li>`).join('')}</ul></section>`,
      stylePath: 'toolbox.css',
    }),
  );
  pages.push({ file: index, language: 'en' });
  return pages;
}

/** The module's current packages, copied beside its page so the site stands alone. */
function copyPackages(course: Course, moduleDir: string, packagesDir: string | undefined): { format: string; file: string }[] {
  if (!packagesDir) return [];
  const copied: { format: string; file: string }[] = [];
  for (const format of FORMAT_ORDER) {
    const source = join(packagesDir, `${course.slug}-${course.version}-${format}.zip`);
    if (!existsSync(source)) continue;
    const target = join(moduleDir, basename(source));
    copyFileSync(source, target);
    copied.push({ format, file: target });
  }
  return copied;
}
