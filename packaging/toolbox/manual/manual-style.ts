/**
 * The manual's print stylesheet (CSS paged media, as Chromium prints it): A4, serif text, sans
 * headings, page numbers in the bottom margin, the module and part in the top margin (one named
 * page per part, see `runningHeads`), tables and lists as in the lessons.
 */

/** A CSS string literal. */
const css = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;

export interface RunningHead {
  /** The named page (a CSS identifier). */
  page: string;
  left: string;
  right: string;
}

/** One `@page` rule per part: its running heads. */
export function runningHeads(heads: RunningHead[]): string {
  return heads
    .map((h) => `@page ${h.page} { @top-left { content: ${css(h.left)}; } @top-right { content: ${css(h.right)}; } }`)
    .join('\n');
}

export const MANUAL_STYLE = `
@page {
  size: A4;
  margin: 24mm 20mm 22mm 22mm;
  @top-left { font: 8.5pt 'Noto Sans', sans-serif; color: #4a4a55; vertical-align: bottom; padding-bottom: 4mm; }
  @top-right { font: 8.5pt 'Noto Sans', sans-serif; color: #4a4a55; vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-center { content: counter(page) " / " counter(pages); font: 9pt 'Noto Sans', sans-serif; color: #4a4a55; }
}
@page cover { margin: 0; @bottom-center { content: none; } }
@page front { @bottom-center { content: counter(page) " / " counter(pages); } }

:root { --ink: #1b1b1f; --muted: #4a4a55; --line: #b9b9c6; --accent: #0b4f8c; --tint: #eef3f9; }
* { box-sizing: border-box; }
html { font: 10.5pt/1.5 'Noto Serif', Georgia, serif; color: var(--ink); hyphens: auto; }
body { margin: 0; }
h1, h2, h3, h4, h5, h6, caption, th, .kicker, .toc, figcaption { font-family: 'Noto Sans', 'Helvetica Neue', Arial, sans-serif; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 6mm; color: var(--accent); }
h2 { font-size: 15pt; line-height: 1.25; margin: 8mm 0 3mm; color: var(--accent); break-after: avoid; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }
h4 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p, li, dd { orphans: 3; widows: 3; }
a { color: var(--accent); text-decoration: none; }
a.term { color: inherit; border-bottom: 0.6pt dotted var(--accent); }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; font-size: 9.5pt; break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.6pt solid var(--line); padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: var(--tint); }
blockquote { margin: 3mm 0; padding: 2mm 4mm; border-left: 2pt solid var(--accent); background: var(--tint); }
code { font-size: 9pt; }

.part { break-before: page; }
.cover { page: cover; height: 297mm; display: flex; flex-direction: column; }
.cover .band { background: var(--accent); color: #fff; padding: 40mm 24mm 16mm; min-height: 150mm; }
.cover .band::after { content: ""; display: block; width: 30mm; height: 2mm; background: #f2b705; margin-top: 10mm; }
.cover .kicker { font-size: 11pt; letter-spacing: .08em; text-transform: uppercase; margin: 0 0 8mm; }
.cover h1 { color: #fff; font-size: 28pt; margin: 0 0 6mm; max-width: 160mm; }
.cover .subtitle { font: 13pt 'Noto Sans', sans-serif; margin: 0; max-width: 160mm; }
.cover .meta { margin-top: auto; padding: 0 24mm 20mm; color: var(--ink); font: 10pt 'Noto Sans', sans-serif; }
.cover .meta p { margin: 1mm 0; }
.cover .funded { color: var(--muted); font-size: 8.5pt; margin-top: 6mm; }

.front { page: front; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { margin: 0; }
.toc li li { padding-left: 6mm; }
.toc a { display: flex; align-items: baseline; gap: 2mm; color: var(--ink); padding: .6mm 0; }
.toc .level-1 > a { font-weight: 700; margin-top: 2.5mm; }
.toc .title { flex: 1 1 auto; }
.toc .title::after { content: ""; }
.toc .dots { flex: 1 1 auto; border-bottom: 0.6pt dotted var(--line); transform: translateY(-1mm); min-width: 4mm; }
.toc .page { flex: 0 0 10mm; text-align: right; font-variant-numeric: tabular-nums; }

.objectives li { margin: 1mm 0; }
.facts { color: var(--muted); font: 9.5pt 'Noto Sans', sans-serif; }

.question, .decision { break-inside: avoid; margin: 0 0 5mm; }
.question h3, .decision h3 { margin-top: 4mm; }
.instruction { font-style: italic; color: var(--muted); margin: 0 0 1.5mm; }
ol.choices { list-style: none; padding-left: 0; }
ol.choices li { display: flex; gap: 2.5mm; margin: 1mm 0; }
ol.choices .letter { flex: 0 0 6mm; font-weight: 700; font-family: 'Noto Sans', sans-serif; }
.box { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.7pt solid var(--ink); margin-right: 1mm; vertical-align: -0.4mm; }
.blank { display: inline-block; min-width: 45mm; border-bottom: 0.7pt solid var(--ink); }
.write-line { border-bottom: 0.7pt solid var(--ink); height: 8mm; margin: 1mm 0 3mm; }
table.match td:first-child, table.match td:nth-child(3) { width: 8mm; font-weight: 700; }

.answers .entry { break-inside: avoid; margin: 0 0 3mm; }
.answers .key { font-weight: 700; }
.best { font-weight: 700; }
.tag { font: 8pt 'Noto Sans', sans-serif; background: var(--tint); border: 0.6pt solid var(--line); border-radius: 1mm; padding: 0 1.2mm; white-space: nowrap; }

dl.glossary dt, dl.tools dt { font-weight: 700; font-family: 'Noto Sans', sans-serif; margin-top: 2mm; break-after: avoid; }
dl.glossary dd, dl.tools dd { margin: 0 0 1mm 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

@media screen {
  html { background: #e9e9ef; }
  body { max-width: 210mm; margin: 0 auto; background: #fff; padding: 0 20mm 20mm; }
  .cover { height: auto; margin: 0 -20mm; }
}
`;
