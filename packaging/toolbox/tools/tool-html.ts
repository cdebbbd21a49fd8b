/** A tool as a printable HTML page (printed to PDF by Chromium), in the manual's typography. */
import { escapeHtml, linkGlossaryTerms, linkTools } from '../../html.ts';
import { MANUAL_STYLE, runningHeads } from '../manual/manual-style.ts';
import type { CompiledTool } from './compile-tools.ts';

export interface ToolPage {
  tool: CompiledTool;
  language: string;
  moduleName: string;
  /** "INPROCAP Toolbox". */
  kicker: string;
  fonts: string;
}

/** The body with glossary and tool references as plain text: a handout links nowhere. */
export const plainReferences = (html: string) => linkTools(linkGlossaryTerms(html, () => '#'), () => '#').replace(/<a class="(?:term|tool)" href="#">([\s\S]*?)<\/a>/g, '$1');

export function toolHtml({ tool, language, moduleName, kicker, fonts }: ToolPage): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(tool.title)}</title>
<style>
${fonts}
${MANUAL_STYLE}
${runningHeads([{ page: 'tool', left: moduleName, right: kicker }])}
body { page: tool; }
.tool-head { border-bottom: 2pt solid #f2b705; margin-bottom: 6mm; padding-bottom: 3mm; }
.tool-head .kicker { font: 9pt 'Noto Sans', sans-serif; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; margin: 0 0 2mm; }
.tool-head h1 { margin: 0 0 2mm; }
.tool-head .description { font-style: italic; color: var(--muted); margin: 0; }
td:empty::after { content: "\\00a0"; }
tbody tr:has(td:empty) td { height: 9mm; }
table.form { table-layout: fixed; }
li.task { list-style: none; margin-left: -1.1em; }
@page wide { size: A4 landscape; @top-left { content: ${JSON.stringify(moduleName)}; } @top-right { content: ${JSON.stringify(kicker)}; } }
.wide { page: wide; }
li { margin: 1.2mm 0; }
</style>
</head>
<body>
<header class="tool-head">
<p class="kicker">${escapeHtml(kicker)} · ${escapeHtml(moduleName)}</p>
<h1>${escapeHtml(tool.title)}</h1>
<p class="description">${escapeHtml(tool.description)}</p>
</header>
<main>
${plainReferences(tool.html).replace(/<(\/?)h([3-6])\b/g, (_, slash: string, level: string) => `<${slash}h${Number(level) - 1}`)}
</main>
</body>
</html>
`;
}
