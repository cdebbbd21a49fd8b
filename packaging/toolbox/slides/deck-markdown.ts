/**
 * A module as a slide deck for the in-person session, written as Marp Markdown: a title slide, the
 * objectives and agenda, one to three slides per lesson section, the case decisions as discussion
 * slides, and a closing slide with the feedback survey. Speaker notes (Marp's HTML comments) carry
 * the lesson text the slide stands for.
 *
 * What goes on a section's slide: what the author marked, or else what the section shows. An author
 * marks it with an HTML comment right under the section's `##` heading, which the module itself
 * never shows:
 *
 *     ## Why several suppliers?
 *     <!-- slide
 *     - Less technical risk: one approach can fail
 *     - About 20% cheaper first products
 *     -->
 *
 * Unmarked, a section's slides hold its lists, its tables and the first sentence of each paragraph
 * (at most six points a slide, three slides a section); `<!-- slide: skip -->` leaves a section out.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import type { CaseExercise, Course } from '../../../core/content/schema.ts';
import type { LoadedLesson } from '../../content/load.ts';
import type { ToolboxLabels } from '../labels.ts';

export interface DeckInput {
  course: Course;
  language: string;
  /** The lesson sources (Markdown) in this language. */
  lessons: LoadedLesson[];
  /** The case exercise source in this language. */
  exercise?: CaseExercise;
  labels: ToolboxLabels;
  /** Where learners give feedback (the module's survey), shown on the closing slide. */
  surveyUrl?: string;
}

export const MAX_POINTS = 6;
const MAX_SLIDES_PER_SECTION = 3;
const MAX_TABLE_ROWS = 7;

/** Glossary marks as their shown text; Markdown inline marks kept (Marp renders them). */
const unmark = (text: string) => text.replace(/\[\[([^\]|]+)\|[^\]]+\]\]/g, '$1').replace(/\[\[([^\]]+)\]\]/g, '$1');
/** Text for a speaker note: no markup, and nothing that would end the HTML comment. */
const noteText = (text: string) => unmark(text).replace(/[*_`]/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/--+>?/g, '–').replace(/\s+/g, ' ').trim();

/** The first sentence of a paragraph (a sentence ends at ". " before a capital, or at its end). */
export function firstSentence(text: string): string {
  const flat = unmark(text).replace(/\s+/g, ' ').trim();
  const end = /[.!?](?=\s+[\p{Lu}"(«¿¡])/u.exec(flat);
  return end ? flat.slice(0, end.index + 1) : flat;
}

interface Section {
  heading: string;
  tokens: Token[];
  /** The author's slide text, or 'skip'. */
  marked?: string;
}

/** A lesson's sections: the text before the first `##` (titled by the lesson), then each `##`. */
function sections(lesson: LoadedLesson): Section[] {
  const tokens = new Lexer().lex(lesson.body);
  const out: Section[] = [{ heading: lesson.frontMatter.data.title, tokens: [] }];
  for (const token of tokens) {
    if (token.type === 'heading' && (token as Tokens.Heading).depth === 2) {
      out.push({ heading: (token as Tokens.Heading).text, tokens: [] });
      continue;
    }
    const current = out.at(-1)!;
    const mark = token.type === 'html' ? /^<!--\s*slide(:\s*skip)?\s*\n?([\s\S]*?)-->/.exec(token.raw.trim()) : null;
    if (mark && current.tokens.length === 0 && current.marked === undefined) {
      current.marked = mark[1] ? 'skip' : mark[2]!.trim();
      continue;
    }
    if (token.type !== 'space') current.tokens.push(token);
  }
  return out.filter((s) => s.marked !== 'skip' && (s.tokens.length || s.marked));
}

/** A table as Markdown, cut to its first rows. */
function tableMarkdown(table: Tokens.Table): string[] {
  const row = (cells: { text: string }[]) => `| ${cells.map((c) => unmark(c.text).replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
  const rows = table.rows.slice(0, MAX_TABLE_ROWS).map(row);
  return [row(table.header), `|${table.header.map(() => '---').join('|')}|`, ...rows, ...(table.rows.length > MAX_TABLE_ROWS ? [`| ${table.header.map((_, i) => (i ? '' : '…')).join(' | ')} |`] : [])];
}

/** A slide's content blocks: each a list of points or a table. */
type Block = { points: string[] } | { table: string[] };

function blocksOf(section: Section): Block[] {
  if (section.marked) return [{ points: section.marked.split('\n').map((l) => l.replace(/^\s*[-*]\s+/, '').trim()).filter(Boolean).map(unmark) }];
  const blocks: Block[] = [];
  let points: string[] = [];
  const flush = () => {
    if (points.length) blocks.push({ points });
    points = [];
  };
  for (const token of section.tokens) {
    if (token.type === 'list') for (const item of (token as Tokens.List).items) points.push(firstSentence(item.text.split('\n')[0]!));
    else if (token.type === 'paragraph') {
      const text = (token as Tokens.Paragraph).text;
      // "Sources: …" lines belong in the notes, not on the slide
      if (!/^(?:Sources?|Fuentes?|Sources?\s?:)/i.test(text)) points.push(firstSentence(text));
    } else if (token.type === 'table') {
      flush();
      blocks.push({ table: tableMarkdown(token as Tokens.Table) });
    } else if (token.type === 'blockquote') points.push(firstSentence((token as Tokens.Blockquote).text));
  }
  flush();
  return blocks;
}

/** A section's slides: its blocks split so no slide has more than MAX_POINTS points or more than one table. */
function sectionSlides(section: Section): string[][] {
  const slides: string[][] = [];
  let current: string[] = [];
  let count = 0;
  const push = () => {
    if (current.length) slides.push(current);
    current = [];
    count = 0;
  };
  for (const block of blocksOf(section)) {
    if ('table' in block) {
      push();
      slides.push(block.table);
      continue;
    }
    for (const point of block.points) {
      if (count === MAX_POINTS) push();
      current.push(`- ${point}`);
      count++;
    }
  }
  push();
  return slides.slice(0, MAX_SLIDES_PER_SECTION);
}

const notes = (text: string) => (text ? `\n<!--\n${text}\n-->\n` : '');

/** The notes of a section: its text, paragraph by paragraph. */
const sectionNotes = (section: Section) =>
  section.tokens
    .map((t) => (t.type === 'list' ? (t as Tokens.List).items.map((i) => `- ${noteText(i.text)}`).join('\n') : t.type === 'table' ? '' : noteText('text' in t ? String(t.text) : t.raw)))
    .filter(Boolean)
    .join('\n\n');

const escapeMarkdown = (text: string) => text.replace(/([<>])/g, '\\$1');

export function deckMarkdown(input: DeckInput): string {
  const { course, language, labels } = input;
  const content = course.content[language] ?? course.content[course.defaultLanguage]!;
  const slides: string[] = [];
  const moduleLabel = course.order ? labels.module(course.order) : '';

  slides.push(`<!-- _class: title -->
<!-- _paginate: false -->

${moduleLabel ? `${moduleLabel} · ` : ''}INPROCAP

# ${escapeMarkdown(content.title)}

${labels.slides} · ${labels.version} ${course.version}
${notes(noteText(content.description))}`);

  slides.push(`## ${labels.objectives}

${content.objectives.map((o) => `- ${escapeMarkdown(o)}`).join('\n')}`);

  const agenda = [...input.lessons.map((l) => l.frontMatter.data.title), ...(input.exercise ? [`${labels.discussionCase}: ${input.exercise.title}`] : []), labels.survey];
  slides.push(`## ${labels.agenda}

${agenda.map((a, i) => `${i + 1}. ${escapeMarkdown(unmark(a))}`).join('\n')}`);

  input.lessons.forEach((lesson, li) => {
    slides.push(`<!-- _class: divider -->

${li + 1} / ${input.lessons.length}

# ${escapeMarkdown(lesson.frontMatter.data.title)}
${notes(lesson.frontMatter.data.durationMinutes ? labels.duration(lesson.frontMatter.data.durationMinutes) : '')}`);
    for (const section of sections(lesson)) {
      const pages = sectionSlides(section);
      pages.forEach((page, pi) => {
        slides.push(`## ${escapeMarkdown(unmark(section.heading))}${pages.length > 1 ? ` (${pi + 1}/${pages.length})` : ''}

${page.join('\n')}
${pi === 0 ? notes(sectionNotes(section)) : ''}`);
      });
    }
  });

  if (input.exercise) {
    const exercise = input.exercise;
    slides.push(`<!-- _class: divider -->

${labels.discussionCase}

# ${escapeMarkdown(exercise.title)}
${notes(noteText(exercise.intro))}`);
    const byId = new Map(exercise.nodes.map((n) => [n.id, n]));
    // The decisions along the best path: what a group discusses in the room.
    let node = byId.get(exercise.start);
    let k = 0;
    const seen = new Set<string>();
    while (node?.type === 'decision' && !seen.has(node.id)) {
      seen.add(node.id);
      k++;
      const best = node.choices.find((c) => c.best) ?? node.choices[0]!;
      slides.push(`## ${labels.discuss}: ${labels.decision(k)}

**${escapeMarkdown(unmark(node.title))}**: ${escapeMarkdown(firstSentence(node.text))}

${node.choices.map((c, i) => `${'ABCDEFGH'[i]}. ${escapeMarkdown(unmark(c.label))}`).join('\n\n')}
${notes(`${labels.bestChoice}: ${'ABCDEFGH'[node.choices.indexOf(best)]}. ${noteText(best.feedback)}\n\n${noteText(node.text)}`)}`);
      node = byId.get(best.next);
    }
  }

  slides.push(`<!-- _class: title -->
<!-- _paginate: false -->

# ${labels.survey}

${labels.surveyText}

${input.surveyUrl ? `<${input.surveyUrl}>` : content.survey ? `**${escapeMarkdown(content.survey.title)}**` : ''}

${labels.thankYou}`);

  return `---
marp: true
theme: inprocap
paginate: true
lang: ${language}
title: ${JSON.stringify(`${labels.slides}: ${content.title}`)}
---

${slides.join('\n\n---\n\n')}
`;
}
