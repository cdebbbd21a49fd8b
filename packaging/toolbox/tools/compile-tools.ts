/**
 * A module's templates and checklists (`modules/<slug>/toolbox/<id>.md`) in one language, compiled
 * for the Toolbox: the Markdown for the Word document, sanitised HTML for the PDF, the manual and
 * the site. Tools never go into a package: they are for trainers, not for the runtime.
 */
import type { ToolFrontMatter } from '../../../core/content/schema.ts';
import { glossaryFor } from '../../content/compile.ts';
import type { LoadedContent, LoadedModule } from '../../content/load.ts';
import { GlossaryIndex, MarkdownCompiler } from '../../content/markdown.ts';

export interface CompiledTool extends ToolFrontMatter {
  /** The body as written (Markdown). */
  markdown: string;
  /** The body as HTML (glossary marks as `<inp-term>`, task items with a box). */
  html: string;
  /** Source file, relative to the project root. */
  file: string;
}

/** Task items (`- [ ] item`) as a box to tick: sanitised HTML keeps no form controls. */
const boxes = (markdown: string) => markdown.replace(/^(\s*[-*+]\s+)\[( |x|X)\]\s+/gm, (_, bullet: string, mark: string) => `${bullet}${mark === ' ' ? '☐' : '☒'} `);

/**
 * Classes for print, added after sanitising: task items (no bullet beside the box), tables of
 * fields to fill (two or three columns, even widths) and wide registers (six columns or more,
 * printed on a landscape page).
 */
function layout(html: string): string {
  return html
    .replace(/<li>(?=[☐☒])/g, '<li class="task">')
    .replace(/<table>([\s\S]*?)<\/table>/g, (table, inner: string) => {
      const columns = (/<thead>\s*<tr>([\s\S]*?)<\/tr>/.exec(inner)?.[1]?.match(/<th\b/g) ?? []).length;
      return columns >= 6 ? `<div class="wide">${table}</div>` : columns <= 3 ? table.replace('<table>', '<table class="form">') : table;
    });
}

export function compileTools(content: LoadedContent, module: LoadedModule, language: string): CompiledTool[] {
  const files = module.languages.get(language) ?? module.languages.get(module.module.data.defaultLanguage)!;
  const md = new MarkdownCompiler(new GlossaryIndex(glossaryFor(content, language)));
  return files.tools.map((tool) => ({ ...tool.frontMatter.data, markdown: tool.body, html: layout(md.block(boxes(tool.body))), file: tool.file }));
}
