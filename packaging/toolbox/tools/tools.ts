/**
 * The templates and checklists of every module, in each of its languages, as an editable Word
 * document and a PDF: `dist/toolbox/<slug>/tools/<id>.<language>.docx` and `.pdf`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Course } from '../../../core/content/schema.ts';
import type { LoadedContent } from '../../content/load.ts';
import type { Log } from '../../log.ts';
import { fontFaces } from '../fonts.ts';
import { labelsFor } from '../labels.ts';
import type { Printed, Printer } from '../print.ts';
import { compileTools, type CompiledTool } from './compile-tools.ts';
import { toolDocx } from './tool-docx.ts';
import { toolHtml } from './tool-html.ts';

export interface ToolFile {
  slug: string;
  language: string;
  tool: CompiledTool;
  docx: string;
  html: string;
  pdf?: Printed;
}

/** "Module 2: title", or the title alone for a module without a place in the curriculum. */
export const moduleName = (course: Course, language: string) => {
  const content = course.content[language] ?? course.content[course.defaultLanguage]!;
  return course.order ? `${labelsFor(language).module(course.order)}: ${content.title}` : content.title;
};

export async function writeTools(content: LoadedContent, courses: Course[], options: { out: string; languages?: string[] }, log: Log, printer: Printer | undefined): Promise<ToolFile[]> {
  const files: ToolFile[] = [];
  for (const course of courses) {
    const loaded = content.modules.find((m) => m.module.data.slug === course.slug);
    if (!loaded) continue;
    for (const language of course.languages.filter((l) => !options.languages || options.languages.includes(l))) {
      const tools = compileTools(content, loaded, language);
      if (!tools.length) continue;
      const dir = join(options.out, course.slug, 'tools');
      mkdirSync(dir, { recursive: true });
      const labels = labelsFor(language);
      for (const tool of tools) {
        const base = join(dir, `${tool.id}.${language}`);
        const name = moduleName(course, language);
        writeFileSync(`${base}.docx`, await toolDocx(tool, { moduleName: name, language, footer: labels.toolbox }));
        const fontsDir = relative(dir, join(options.out, 'fonts'));
        writeFileSync(`${base}.html`, toolHtml({ tool, language, moduleName: name, kicker: labels.toolbox, fonts: fontFaces((file) => `${fontsDir}/${file}`) }));
        const file: ToolFile = { slug: course.slug, language, tool, docx: `${base}.docx`, html: `${base}.html` };
        if (printer) file.pdf = await printer.print(file.html, `${base}.pdf`);
        files.push(file);
      }
      log.info(`  ${relative(process.cwd(), dir)}: ${tools.length} tool${tools.length === 1 ? '' : 's'} in ${language} (.docx${printer ? ', .pdf' : ''})`);
    }
  }
  return files;
}
