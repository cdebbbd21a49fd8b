/**
 * `inprocap review [slug...]`: writes the reviewer's page of each module (see review-page.ts) into
 * `dist/review/<slug>.html` (`<slug>.<language>.html` for another language), and an index; with
 * each default-language page, the module's source index (`<slug>.sources.json`, see sources.ts)
 * the LRS links the dashboard's findings with. `npm run build` writes them too.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Course } from '../../core/content/schema.ts';
import { checkContent } from '../content/check.ts';
import { ContentError } from '../content/issues.ts';
import { loadContent } from '../content/load.ts';
import { escapeHtml } from '../html.ts';
import { consoleLog, type Log } from '../log.ts';
import { reviewPage } from './review-page.ts';
import { sourceIndex } from './sources.ts';

export interface ReviewOptions {
  /** Module slugs; none means every module. */
  only?: string[];
  /** One language; default each module's own default language. */
  language?: string;
  out?: string;
}

export interface ReviewPage {
  slug: string;
  language: string;
  file: string;
  findings: number;
}

export function writeReviewPages(root: string, options: ReviewOptions = {}, log: Log = consoleLog): ReviewPage[] {
  const content = loadContent(root, options.only ? { only: options.only } : {});
  if (options.only) {
    const found = new Set(content.modules.map((m) => m.module.data.slug));
    const missing = options.only.filter((slug) => !found.has(slug));
    if (missing.length) throw new Error(`no module ${missing.map((m) => `"${m}"`).join(', ')} in modules/ (there are: ${loadContent(root).modules.map((m) => m.module.data.slug).join(', ')})`);
  }
  const checked = checkContent(content);
  // A module with errors cannot be compiled, so it cannot be shown: the errors say what to fix.
  if (content.issues.errors.length) throw new ContentError(content.issues.errors);
  const out = resolve(root, options.out ?? 'dist/review');
  mkdirSync(out, { recursive: true });
  const made = new Date();
  const pages: ReviewPage[] = [];
  for (const module of checked) {
    const course = module.course!;
    const language = options.language ?? course.defaultLanguage;
    if (!course.languages.includes(language)) {
      log.warn(`${course.slug}: no ${language} version (it has ${course.languages.join(', ')}): skipped`);
      continue;
    }
    const dir = relative(root, module.loaded.dir);
    const findings = content.issues.items.filter((issue) => issue.file.startsWith(`${dir}/`));
    const name = language === course.defaultLanguage ? `${course.slug}.html` : `${course.slug}.${language}.html`;
    const file = join(out, name);
    writeFileSync(file, reviewPage({ checked: { ...module, course }, findings, language, made }));
    // The default language's page is the one findings link to: its source index beside it.
    if (language === course.defaultLanguage) writeFileSync(join(out, `${course.slug}.sources.json`), `${JSON.stringify(sourceIndex(root, content, module.loaded, course), null, 1)}\n`);
    pages.push({ slug: course.slug, language, file, findings: findings.length });
    log.info(`${relative(root, file)}: ${findings.length} finding${findings.length === 1 ? '' : 's'}`);
  }
  // The index lists every module, so only a run over every module writes it.
  if (!options.only) writeFileSync(join(out, 'index.html'), indexPage(checked.map((c) => c.course!), pages));
  return pages;
}

function indexPage(courses: Course[], pages: ReviewPage[]): string {
  const title = (slug: string, language: string) => {
    const course = courses.find((c) => c.slug === slug)!;
    return course.content[language]!.title;
  };
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Reviewer's pages</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 0 auto; padding: 1.5rem; color: #1b1b1f; } a { color: #0b57a4; }</style></head>
<body><main><h1>Reviewer's pages</h1>
<ul>${pages.map((p) => `<li><a href="./${encodeURIComponent(p.file.split('/').pop()!)}">${escapeHtml(title(p.slug, p.language))}</a> (${escapeHtml(p.language)}): ${p.findings} finding${p.findings === 1 ? '' : 's'}</li>`).join('\n')}</ul>
</main></body></html>
`;
}
