/**
 * Markdown to sanitised HTML, at build time. Glossary marks `[[term]]` and `[[shown text|term-id]]`
 * become `<inp-term term="id">shown text</inp-term>`, which the runtime turns into a popover;
 * links to a Toolbox tool `[text](toolbox:<id>)` become `<inp-tool tool="id">text</inp-tool>`.
 */
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { GlossaryTerm } from '../../core/content/schema.ts';

/** `[[text]]` or `[[text|term-id]]`. */
export const GLOSSARY_MARK = /\[\[([^[\]|\n]+?)(?:\|([a-z0-9-]+))?\]\]/g;

export interface GlossaryMark {
  offset: number;
  shown: string;
  termId?: string;
}

export function findGlossaryMarks(text: string): GlossaryMark[] {
  return [...text.matchAll(GLOSSARY_MARK)].map((m) => ({ offset: m.index, shown: m[1]!.trim(), termId: m[2] }));
}

/** Finds terms by id, by their text or by an alias, case-insensitively. */
export class GlossaryIndex {
  private readonly byKey = new Map<string, GlossaryTerm>();

  constructor(readonly terms: GlossaryTerm[]) {
    for (const term of terms) {
      this.byKey.set(`id:${term.id}`, term);
      for (const name of [term.term, ...term.aliases]) this.byKey.set(`name:${normalise(name)}`, term);
    }
  }

  resolve(mark: Pick<GlossaryMark, 'shown' | 'termId'>): GlossaryTerm | undefined {
    return mark.termId ? this.byKey.get(`id:${mark.termId}`) : this.byKey.get(`name:${normalise(mark.shown)}`);
  }
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'strong', 'em', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'hr', 'del', 'sup', 'sub', 'abbr', 'img', 'inp-term', 'inp-tool',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    th: ['align', 'scope'],
    td: ['align'],
    abbr: ['title'],
    'inp-term': ['term'],
    'inp-tool': ['tool'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    // Inside an LMS frame a followed link would replace the module: open it beside instead.
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/.test(attribs.href ?? '') ? { ...attribs, target: '_blank', rel: 'noopener noreferrer' } : attribs,
    }),
    th: (tagName, attribs) => ({ tagName, attribs: { ...attribs, scope: attribs.scope ?? 'col' } }),
  },
};

export class MarkdownCompiler {
  private readonly marked: Marked;

  constructor(glossary: GlossaryIndex) {
    const glossaryMark: TokenizerAndRendererExtension = {
      name: 'glossaryMark',
      level: 'inline',
      start: (src) => src.indexOf('[['),
      tokenizer(src) {
        const match = /^\[\[([^[\]|\n]+?)(?:\|([a-z0-9-]+))?\]\]/.exec(src);
        if (!match) return undefined;
        return { type: 'glossaryMark', raw: match[0], shown: match[1]!.trim(), termId: match[2] };
      },
      renderer(token) {
        const shown = escapeHtml(token.shown as string);
        const term = glossary.resolve({ shown: token.shown as string, termId: token.termId as string | undefined });
        // Unknown terms are reported by the content check; here they stay plain text.
        return term ? `<inp-term term="${term.id}">${shown}</inp-term>` : shown;
      },
    };
    this.marked = new Marked({
      gfm: true,
      extensions: [glossaryMark],
      renderer: {
        // A reference to a tool of the module's Toolbox ([text](toolbox:<id>)): the runtime shows
        // its text; static pages (the manual, the Toolbox site) make it a link to the tool.
        link({ href, tokens }: Tokens.Link) {
          const text = this.parser.parseInline(tokens);
          const tool = /^toolbox:([a-z0-9-]+)$/.exec(href);
          return tool ? `<inp-tool tool="${tool[1]}">${text}</inp-tool>` : false;
        },
        // The page already has h1 (module) and h2 (lesson): Markdown "##" becomes h3.
        heading({ tokens, depth }: Tokens.Heading) {
          const level = Math.min(6, depth + 1);
          return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
        },
      },
    });
  }

  block(markdown: string): string {
    return sanitizeHtml(this.marked.parse(markdown, { async: false }), SANITIZE).trim();
  }

  inline(markdown: string): string {
    return sanitizeHtml(this.marked.parseInline(markdown, { async: false }), SANITIZE).trim();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
