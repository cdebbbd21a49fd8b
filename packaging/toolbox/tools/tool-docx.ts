/**
 * A tool as an editable Word document (`docx`), from its Markdown: headings as Word headings (so
 * the navigation pane and accessibility checker see them), lists as Word lists, tables as tables
 * with a repeated header row, checklist items as real Word checkboxes a user can tick, blanks kept
 * as lines to fill. The document carries its title, language and author for assistive technology.
 */
import {
  AlignmentType,
  BorderStyle,
  CheckBox,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { Lexer, type Token, type Tokens } from 'marked';
import type { CompiledTool } from './compile-tools.ts';

export interface DocxContext {
  /** "Module 2: Needs assessment and preliminary market consultation". */
  moduleName: string;
  /** BCP 47 ("fr"), written as Word wants it ("fr-FR"). */
  language: string;
  /** "INPROCAP Toolbox". */
  footer: string;
}

const WORD_LANGUAGE: Record<string, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES', nl: 'nl-NL', pl: 'pl-PL', da: 'da-DK', sk: 'sk-SK', de: 'de-DE' };
const FONT = 'Calibri';
const ACCENT = '0B4F8C';

/** Glossary marks as their text. */
const unmark = (text: string) => text.replace(/\[\[([^\]|]+)\|[^\]]+\]\]/g, '$1').replace(/\[\[([^\]]+)\]\]/g, '$1');

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  code?: boolean;
}

/** Inline tokens as Word runs. */
function runs(tokens: Token[] | undefined, style: RunStyle = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        out.push(...runs((token as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case 'em':
        out.push(...runs((token as Tokens.Em).tokens, { ...style, italics: true }));
        break;
      case 'codespan':
        out.push(new TextRun({ text: (token as Tokens.Codespan).text, font: 'Consolas', ...style }));
        break;
      case 'link': {
        const link = token as Tokens.Link;
        const inner = runs(link.tokens, style);
        if (/^https?:/.test(link.href)) out.push(new ExternalHyperlink({ link: link.href, children: inner }));
        else out.push(...inner);
        break;
      }
      case 'br':
        out.push(new TextRun({ text: '', break: 1 }));
        break;
      case 'escape':
      case 'text': {
        const t = token as Tokens.Text;
        if (t.tokens?.length) out.push(...runs(t.tokens, style));
        else out.push(new TextRun({ text: decode(unmark(t.text)), ...(style.bold ? { bold: true } : {}), ...(style.italics ? { italics: true } : {}) }));
        break;
      }
      case 'html':
        break;
      default:
        out.push(new TextRun({ text: decode(unmark(token.raw)), ...(style.bold ? { bold: true } : {}), ...(style.italics ? { italics: true } : {}) }));
    }
  }
  return out;
}

/** marked leaves HTML entities in text tokens. */
const decode = (text: string) => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: 'B9B9C6' };

function table(token: Tokens.Table): Table {
  const columns = token.header.length;
  const cell = (content: Tokens.TableCell, header: boolean) =>
    new TableCell({
      children: [new Paragraph({ children: runs(content.tokens, header ? { bold: true } : {}) })],
      borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      width: { size: Math.floor(100 / columns), type: WidthType.PERCENTAGE },
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E3ECF6' } } : {}),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: token.header.map((c) => cell(c, true)) }),
      // an empty row is room to write: give it some height
      ...token.rows.map((row) => new TableRow({ children: row.map((c) => cell(c, false)), ...(row.every((c) => !c.text.trim()) ? { height: { value: 500, rule: 'atLeast' as const } } : {}) })),
    ],
  });
}

function list(token: Tokens.List, level: number): Paragraph[] {
  const out: Paragraph[] = [];
  for (const item of token.items) {
    // A task item starts with a checkbox token; the item's text follows it.
    const [first, ...rest] = item.tokens.filter((t) => t.type !== 'checkbox');
    const inline = first && 'tokens' in first && (first as Tokens.Text).tokens ? (first as Tokens.Text).tokens : first ? [first] : [];
    const children = item.task ? [new CheckBox({ checked: !!item.checked }), new TextRun({ text: ' ' }), ...runs(inline)] : runs(inline);
    out.push(
      new Paragraph({
        children,
        ...(item.task ? { indent: { left: 360 * (level + 1), hanging: 360 } } : token.ordered ? { numbering: { reference: 'numbered', level } } : { bullet: { level } }),
        spacing: { after: 60 },
      }),
    );
    for (const sub of rest) if (sub.type === 'list') out.push(...list(sub as Tokens.List, level + 1));
  }
  return out;
}

function blocks(tokens: Token[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const h = token as Tokens.Heading;
        out.push(new Paragraph({ heading: h.depth <= 2 ? HeadingLevel.HEADING_1 : h.depth === 3 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: runs(h.tokens) }));
        break;
      }
      case 'paragraph':
        out.push(new Paragraph({ children: runs((token as Tokens.Paragraph).tokens), spacing: { after: 120 } }));
        break;
      case 'list':
        out.push(...list(token as Tokens.List, 0));
        break;
      case 'table':
        out.push(table(token as Tokens.Table), new Paragraph({ children: [] }));
        break;
      case 'blockquote':
        for (const inner of (token as Tokens.Blockquote).tokens) {
          if (inner.type === 'paragraph') out.push(new Paragraph({ children: runs((inner as Tokens.Paragraph).tokens, { italics: true }), indent: { left: 480 }, spacing: { after: 120 } }));
          else out.push(...blocks([inner]));
        }
        break;
      case 'hr':
        out.push(new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'B9B9C6', space: 1 } } }));
        break;
      default:
        break;
    }
  }
  return out;
}

export async function toolDocx(tool: CompiledTool, context: DocxContext): Promise<Uint8Array> {
  const language = WORD_LANGUAGE[context.language] ?? context.language;
  const tokens = new Lexer().lex(tool.markdown);
  // A register of six columns or more needs the width of a landscape page.
  const wide = tokens.some((t) => t.type === 'table' && (t as Tokens.Table).header.length >= 6);
  const doc = new Document({
    title: tool.title,
    description: tool.description,
    creator: 'INPROCAP',
    subject: context.moduleName,
    keywords: `INPROCAP; ${tool.kind}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, language: { value: language } } },
        heading1: { run: { font: FONT, size: 30, bold: true, color: ACCENT }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: ACCENT }, paragraph: { spacing: { before: 200, after: 100 } } },
        heading3: { run: { font: FONT, size: 23, bold: true }, paragraph: { spacing: { before: 160, after: 80 } } },
        title: { run: { font: FONT, size: 40, bold: true, color: ACCENT }, paragraph: { spacing: { after: 120 } } },
      },
    },
    numbering: {
      config: [
        {
          reference: 'numbered',
          levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } } })),
        },
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 }, ...(wide ? { size: { orientation: PageOrientation.LANDSCAPE } } : {}) } },
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: context.moduleName, size: 16, color: '4A4A55' })] })] }) },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${context.footer} · `, size: 16, color: '4A4A55' }), new TextRun({ children: [PageNumber.CURRENT], size: 16, color: '4A4A55' })] })],
          }),
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(tool.title)] }),
          new Paragraph({ children: [new TextRun({ text: tool.description, italics: true, color: '4A4A55' })], spacing: { after: 240 } }),
          ...blocks(tokens),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
