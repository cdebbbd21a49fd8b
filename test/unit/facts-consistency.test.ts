/**
 * Facts stated in more than one place agree: thresholds, article numbers, time limits, document
 * references, dates and key figures. The canonical values and the patterns that find them are in
 * `facts.ts`; this file reads every Markdown and YAML file under modules/ (every module, every
 * language variant, the glossary), finds each statement with its file and line, and checks it.
 *
 * A failure names the file, the line, the words found and the value expected, e.g.
 *   modules/pcp/lessons/02-phases.md:23: pcp-cost-20-percent: found "25% less" (tied by "in phases") in "On average, ...
 *   costing about 25% less ..." [section "Why several suppliers?"]; expected about 20%
 *
 * Deliberately false text is not checked: options not marked correct, matching distractors and
 * true/false prompts whose answer is false. `FACTS_VERBOSE=1 npx vitest run --project unit
 * test/unit/facts-consistency.test.ts` lists every statement found and how it was tied to its fact.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isScalar, LineCounter, parseDocument } from 'yaml';
import { loadContent } from '../../packaging/content/load.ts';
import { FAMILIES, type Context, type Fact, type Family, type Patterns, type TopicKind, type Value } from './facts.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Passages: text with the line of every character, and what the text is about

interface Topic {
  kind: TopicKind;
  text: string;
}

interface Passage {
  file: string;
  language: string;
  /** A readable place inside the file, e.g. "question 'q3', option 'b'". */
  where: string;
  /** Normalised text: no Markdown markup, single spaces, "\n" only between blocks. */
  text: string;
  /** File line of every character of `text`. */
  lines: number[];
  topics: Topic[];
  /** Words that qualify the passage (table heads, a question's prompt). */
  context: string;
}

interface Text {
  text: string;
  lines: number[];
}

const MARKUP =
  /\[\[([^\]|]*)\|[^\]]*\]\]|\[\[|\]\]|\[([^\]]*)\]\([^)]*\)|\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`|\\(?=[\\*_[\]`|])|\s*\n\s*\n\s*|\s*\n\s*(?=(?:[-*+]|\d+[.)])\s)|\s+/g;

/** Drops Markdown markup and glossary marks and collapses white space, keeping each character's line. */
function normalise(raw: string, lineOf: (index: number) => number): Text {
  let text = '';
  const lines: number[] = [];
  const push = (s: string, at: number) => {
    for (let k = 0; k < s.length; k++) {
      text += s[k];
      lines.push(lineOf(at + k));
    }
  };
  let last = 0;
  for (const m of raw.matchAll(MARKUP)) {
    push(raw.slice(last, m.index), last);
    if (m[1] !== undefined) push(m[1], m.index + 2);
    else if (m[2] !== undefined) push(m[2], m.index + 1);
    else if (/^\s/.test(m[0])) {
      const breaks = m[0].includes('\n') && (/\n\s*\n/.test(m[0]) || /^(?:[-*+]|\d+[.)])\s/.test(raw.slice(m.index + m[0].length)));
      if (text && !/[ \n]$/.test(text)) push(breaks ? '\n' : ' ', m.index);
      else if (breaks && text.endsWith(' ')) text = `${text.slice(0, -1)}\n`;
    }
    last = m.index + m[0].length;
  }
  push(raw.slice(last), last);
  while (/\s$/.test(text)) {
    text = text.slice(0, -1);
    lines.pop();
  }
  return { text, lines };
}

function concat(...parts: (Text | string)[]): Text {
  let text = '';
  const lines: number[] = [];
  let line = 1;
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      for (let k = 0; k < part.length; k++) lines.push(line);
    } else {
      text += part.text;
      lines.push(...part.lines);
      line = part.lines.at(-1) ?? line;
    }
  }
  return { text, lines };
}

function languageOf(file: string, defaultLanguage: string): string {
  return /\.([a-z]{2,3})\.(?:md|ya?ml)$/.exec(file)?.[1] ?? defaultLanguage;
}

const LANGUAGE_KEYS = /^[a-z]{2,3}(?:-[A-Z]{2})?$/;
const IGNORED_KEYS = new Set(['id', 'type', 'next', 'start', 'slug', 'outcome', 'version', 'defaultLanguage', 'languages', 'lesson', 'quiz', 'case', 'survey', 'unit']);
const QUESTION_TYPES = new Set(['single', 'multiple', 'truefalse', 'matching', 'sequencing', 'fillin', 'numeric']);

/** Statements deliberately false in the content (distractors, false true/false prompts): never checked. */
let skippedDistractors = 0;

/** The passages of a YAML file; `lineOffset` lines precede `source` (a lesson's front matter). */
function yamlPassages(file: string, source: string, language: string, lineOffset = 0): Passage[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  if (doc.errors.length) throw new Error(`${file}: YAML error: ${doc.errors[0]!.message}`);
  const data = doc.toJS() as unknown;
  const passages: Passage[] = [];
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + lineOffset;

  const scalar = (path: (string | number)[]): Text | undefined => {
    const node = doc.getIn(path, true);
    if (!isScalar(node) || !node.range || node.value === null || node.value === undefined) return undefined;
    const value = String(node.value);
    const start = node.range[0];
    const offsets = align(value, source.slice(start, node.range[1]), start);
    return normalise(value, (i) => lineAt(offsets[Math.min(i, offsets.length - 1)] ?? start));
  };
  const add = (text: Text | undefined, where: string, lang: string, topics: Topic[] = [], context = '') => {
    if (text && text.text) passages.push({ file, language: lang, where, text: text.text, lines: text.lines, topics, context });
  };

  const visit = (value: unknown, path: (string | number)[], lang: string, where: string): void => {
    if (typeof value === 'string') return add(scalar(path), where, lang);
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, [...path, i], lang, where));
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const here = typeof record.id === 'string' ? `${where ? `${where}, ` : ''}'${record.id}'` : where;
    if (typeof record.type === 'string' && QUESTION_TYPES.has(record.type) && typeof record.prompt === 'string') {
      return question(record, path, lang, `question '${String(record.id)}'`);
    }
    if (typeof record.term === 'string' && typeof record.definition === 'string') {
      const aliases = Array.isArray(record.aliases) ? (record.aliases as string[]) : [];
      const topics = [record.term, ...aliases].map((text): Topic => ({ kind: 'glossary', text }));
      add(scalar([...path, 'definition']), `term '${String(record.id)}'`, lang, topics);
      return;
    }
    const keys = Object.keys(record);
    const languageMap = keys.length > 0 && keys.every((k) => LANGUAGE_KEYS.test(k)) && path.length === 1;
    for (const key of keys) {
      if (IGNORED_KEYS.has(key)) continue;
      visit(record[key], [...path, key], languageMap ? key : lang, languageMap ? `${String(path[0])} (${key})` : here || key);
    }
  };

  const question = (q: Record<string, unknown>, path: (string | number)[], lang: string, where: string) => {
    const prompt = scalar([...path, 'prompt']);
    const promptText = String(q.prompt);
    const asked: Topic[] = [{ kind: 'item', text: promptText }];
    if (q.type === 'truefalse' && q.answer === false) skippedDistractors++;
    else if (q.type === 'numeric' && prompt && typeof q.answer === 'number') {
      const node = doc.getIn([...path, 'answer'], true);
      const line = isScalar(node) && node.range ? lineAt(node.range[0]) : prompt.lines.at(-1)!;
      const answer = formatAnswer(q.answer, typeof q.unit === 'string' ? q.unit : undefined);
      add(concat(prompt, { text: ` → ${answer}`, lines: Array.from({ length: answer.length + 3 }, () => line) }), `${where}, answer`, lang, [{ kind: 'answer', text: promptText }], promptText);
    } else if (q.type === 'fillin' && prompt && Array.isArray(q.answers) && typeof q.answers[0] === 'string') {
      const blank = /_{2,}/.exec(prompt.text);
      const answer = scalar([...path, 'answers', 0]);
      if (blank && answer) add(concat({ text: prompt.text.slice(0, blank.index), lines: prompt.lines.slice(0, blank.index) }, answer, { text: prompt.text.slice(blank.index + blank[0].length), lines: prompt.lines.slice(blank.index + blank[0].length) }), `${where}, answer`, lang, [{ kind: 'answer', text: promptText }], promptText);
      else add(prompt, where, lang);
    } else add(prompt, where, lang);

    const options = Array.isArray(q.options) ? (q.options as Record<string, unknown>[]) : [];
    options.forEach((option, i) => {
      const place = `${where}, option '${String(option.id)}'`;
      if (option.correct === true) add(scalar([...path, 'options', i, 'text']), place, lang, asked, promptText);
      else skippedDistractors++;
      add(scalar([...path, 'options', i, 'feedback']), `${place}, feedback`, lang, option.correct === true ? asked : [], promptText);
    });
    const pairs = Array.isArray(q.pairs) ? (q.pairs as Record<string, unknown>[]) : [];
    pairs.forEach((pair, i) => {
      const left = scalar([...path, 'pairs', i, 'prompt']);
      const right = scalar([...path, 'pairs', i, 'match']);
      if (left && right) add(concat(left, ': ', right), `${where}, pair '${String(pair.id)}'`, lang, [{ kind: 'pair', text: promptText }], promptText);
    });
    if (Array.isArray(q.distractors)) skippedDistractors += q.distractors.length;
    const items = Array.isArray(q.items) ? (q.items as Record<string, unknown>[]) : [];
    items.forEach((item, i) => add(scalar([...path, 'items', i, 'text']), `${where}, item '${String(item.id)}'`, lang, asked, promptText));
    for (const key of ['correct', 'incorrect']) add(scalar([...path, 'feedback', key]), `${where}, feedback.${key}`, lang, asked, promptText);
    if (typeof q.explanation === 'string') add(scalar([...path, 'explanation']), `${where}, explanation`, lang, asked, promptText);
  };

  visit(data, [], language, '');
  return passages;
}

function formatAnswer(value: number, unit: string | undefined): string {
  const n = value.toLocaleString('en-US', { maximumFractionDigits: 6 });
  if (!unit) return n;
  if (/^(?:€|EUR|CHF)$/.test(unit)) return `${unit === '€' ? '€' : `${unit} `}${n}`;
  if (/^€\s*(.+)$/.test(unit)) return `€${n} ${unit.replace(/^€\s*/, '')}`;
  return `${n} ${unit}`;
}

/** Maps every character of a parsed YAML string to its offset in the source (quotes, escapes, folding skipped). */
function align(value: string, source: string, base: number): number[] {
  const out: number[] = [];
  let j = 0;
  let last = base;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (/\s/.test(c)) {
      out.push(last);
      continue;
    }
    let k = j;
    while (k < source.length && k - j < 40 && source[k] !== c) k++;
    if (source[k] === c) {
      j = k + 1;
      last = base + k;
    }
    out.push(last);
  }
  return out;
}

const TABLE_ROW = /^\s*\|/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;

function cells(line: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = line.indexOf('|') + 1;
  for (let i = start; i <= line.length; i++) {
    if (i === line.length || (line[i] === '|' && line[i - 1] !== '\\')) {
      if (i < line.length || line.slice(start).trim()) out.push({ text: line.slice(start, i), start });
      start = i + 1;
    }
  }
  return out;
}

/** The passages of a lesson: its front matter, then every paragraph, list item and table cell. */
function markdownPassages(file: string, raw: string, language: string): Passage[] {
  const passages: Passage[] = [];
  const text = raw.replace(/^\uFEFF/, '');
  const lines = text.split('\n');
  let first = 0;
  let title = '';
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (front) {
    const matter = yamlPassages(file, front[1]!, language, 1).map((p) => ({ ...p, where: `front matter, ${p.where}` }));
    passages.push(...matter);
    const heading = parseDocument(front[1]!).get('title');
    title = typeof heading === 'string' ? normalise(heading, () => 0).text : '';
    first = front[0].split('\n').length - 1;
  }
  let heading = '';
  let intro = '';
  let block: { start: number; end: number } | undefined;
  let header: string[] | undefined;

  const flush = () => {
    if (!block) return;
    const rawBlock = lines.slice(block.start, block.end + 1).join('\n');
    const startLine = block.start;
    const lineOf = (i: number) => startLine + 1 + (rawBlock.slice(0, i).match(/\n/g)?.length ?? 0);
    const normalised = normalise(rawBlock.replace(LIST_ITEM, (m) => ' '.repeat(m.length)), lineOf);
    const isItem = LIST_ITEM.test(lines[block.start]!);
    // the lead of a list item: "- **Open procedure** (Art. 27): ..." or "- CPN: ..."
    const lead = isItem
      ? (/^\s*(?:[-*+]|\d+[.)])\s+\*\*(.+?)\*\*/.exec(lines[block.start]!)?.[1] ?? /^([^:;.()]{1,60}):\s/.exec(normalised.text.trimStart())?.[1])
      : undefined;
    const topics: Topic[] = [];
    if (lead) topics.push({ kind: 'item', text: normalise(lead, () => 0).text });
    if (isItem && intro) topics.push({ kind: 'heading', text: intro });
    if (heading) topics.push({ kind: 'heading', text: heading });
    if (title) topics.push({ kind: 'heading', text: title });
    passages.push({ file, language, where: heading ? `section "${heading}"` : 'lesson', text: normalised.text, lines: normalised.lines, topics, context: '' });
    if (!isItem) intro = normalised.text.endsWith(':') ? normalised.text : '';
    block = undefined;
  };

  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) {
      flush();
      header = undefined;
      continue;
    }
    const h = /^#{1,6}\s+(.*)$/.exec(line);
    if (h) {
      flush();
      const title = normalise(h[1]!, () => i + 1);
      heading = title.text;
      intro = '';
      passages.push({ file, language, where: `heading "${heading}"`, text: title.text, lines: title.lines, topics: [], context: '' });
      continue;
    }
    if (TABLE_ROW.test(line)) {
      flush();
      if (TABLE_RULE.test(line)) continue;
      const row = cells(line).map((c) => ({ ...normalise(c.text, () => i + 1), start: c.start }));
      if (!header) {
        header = row.map((c) => c.text);
        passages.push({ file, language, where: 'table head', text: row.map((c) => c.text).join(' | '), lines: row.map((c) => c.text).join(' | ').split('').map(() => i + 1), topics: [], context: '' });
        continue;
      }
      const label = row[0]?.text ?? '';
      row.forEach((cell, c) => {
        const head = header![c] ?? '';
        const articleColumn = c > 0 && /^(?:Art(?:icle|ículo|ikel)?s?\.?)$/i.test(head) && /^\d/.test(cell.text);
        const body = articleColumn ? concat('Art. ', cell) : cell;
        const topics: Topic[] =
          c === 0 ? row.slice(1).map((other): Topic => ({ kind: 'table', text: other.text })) : [{ kind: 'table', text: head }, { kind: 'table', text: label }];
        passages.push({ file, language, where: `table row "${label}"${c ? `, column "${head}"` : ''}`, text: body.text, lines: body.lines.map(() => i + 1), topics, context: c === 0 ? head : `${head} ${label}` });
      });
      continue;
    }
    header = undefined;
    if (LIST_ITEM.test(line) || !block) {
      flush();
      block = { start: i, end: i };
    } else block.end = i;
  }
  flush();
  return passages;
}

function passagesOf(file: string, text: string, defaultLanguage = 'en'): Passage[] {
  const language = languageOf(file, defaultLanguage);
  if (file.endsWith('.md')) return markdownPassages(file, text, language);
  return yamlPassages(file, text, language);
}

function contentFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry) => (entry.isDirectory() ? contentFiles(join(dir, entry.name)) : /\.(?:md|ya?ml)$/.test(entry.name) ? [join(dir, entry.name)] : []))
    .sort();
}

function defaultLanguageOf(file: string): string {
  const module = /^modules\/([^/]+)\//.exec(file)?.[1];
  if (!module) return 'en';
  try {
    return /^defaultLanguage:\s*([a-z-]+)/m.exec(readFileSync(join(ROOT, 'modules', module, 'module.yaml'), 'utf8'))?.[1] ?? 'en';
  } catch {
    return 'en';
  }
}

// ---------------------------------------------------------------------------------------------
// The checker

interface Occurrence {
  fact: Fact;
  family: Family;
  file: string;
  line: number;
  language: string;
  where: string;
  found: string;
  sentence: string;
  /** How the value was tied to the fact: the subject words beside it, the passage's topic, or the reference itself. */
  via: string;
  ok: boolean;
}

function pick(patterns: Patterns | undefined, language: string): RegExp | undefined {
  const re = patterns?.[language] ?? patterns?.['*'];
  if (!re) return undefined;
  return new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
}

const SENTENCE_END = /(?<!\b(?:Arts?|arts?|Dir|Reg|e\.g|i\.e|cf|approx|ca|pp?|para|vs|Vol|Dr|Mr|Ms|St|Nos?))[.!?…](?=["'”’»)\]]*\s+["'“‘«(\[¿¡*]*[A-ZÀ-ÖØ-Þ])|\n/g;

function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    out.push({ start, end: m.index + m[0].length });
    start = m.index + m[0].length;
  }
  out.push({ start, end: text.length });
  return out.filter((s) => text.slice(s.start, s.end).trim());
}

interface Token {
  start: number;
  end: number;
  fact?: Fact;
  value?: Value;
}

interface Candidate {
  subject: Token;
  /** 3: the value in brackets right after the subject, or the subject in brackets right after the value; 1: nearby. */
  strength: number;
  gap: number;
  side: 'left' | 'right';
}

const unclosed = (gap: string) => (gap.match(/\(/g)?.length ?? 0) > (gap.match(/\)/g)?.length ?? 0);
/** A citation of the Directive inside the brackets does not count towards the distance. */
const CITATION = /\(\s*(?:Directive|directive|Directiva|Richtlinie|Dir\.)\s*2014\/24\/(?:EU|UE),?\s*/g;
const gapLength = (gap: string) => gap.replace(CITATION, '(').trim().length;
/** The value written in brackets straight after its subject: "open procedure (Art. 27)". */
const TIGHT = /^\s*\(\s*(?:(?:Directive|directive|Directiva|Richtlinie|Dir\.)\s*2014\/24\/(?:EU|UE),?\s*)?$/;
const SEPARATOR = /[,;]|\b(?:and|or|et|ou|y|o|und|oder|but|mais|pero)\b/;
/** After a comma, a new noun phrase starts a new clause: "l'article 45 ..., l'article 67". */
const NEW_PHRASE = /,\s*(?:l['’]|the |la |le |les |el |los |las |die |der |das )/i;
/** Subjects joined into a list share the value after the last: "CPN and competitive dialogue need Art. 26(4)". */
/** A value attached to the last subject only: "X (Art. 32)", "la procédure négociée de l'article 32". */
const ATTACHED = /^\s*(?:\(|(?:of|under|in|de|du|des|del|de la|según|nach|gemäß)\b)/i;
const LIST_JOIN = /^\s*(?:,|and|or|et|ou|y|o|und|oder|\/)?\s*(?:,|and|or|et|ou|y|o|und|oder)?\s*(?:the |a |an |la |le |les |el |un |une |l['’])?\s*$/i;

function checkPassages(passages: Passage[], families: Family[] = FAMILIES): Occurrence[] {
  const occurrences: Occurrence[] = [];
  for (const passage of passages) {
    for (const family of families) {
      const valueRe = pick(family.value, passage.language);
      if (!valueRe) continue;
      const subjects = family.facts
        .map((fact) => ({ fact, re: pick(fact.subject, passage.language) }))
        .filter((s): s is { fact: Fact; re: RegExp } => s.re !== undefined);
      const standalone = family.facts.filter((fact) => !fact.subject);
      for (const { start, end } of sentences(passage.text)) {
        const sentence = passage.text.slice(start, end);
        const context: Context = { sentence, context: [passage.context, ...passage.topics.map((t) => t.text)].join(' '), language: passage.language };
        const found: Token[] = [];
        for (const m of sentence.matchAll(valueRe)) {
          const value = family.parse(m);
          if (value && (!family.consider || family.consider(value, context))) found.push({ start: m.index, end: m.index + m[0].length, value });
        }
        for (const { fact, re } of subjects) {
          for (const m of sentence.matchAll(re)) {
            if (!m[0]) continue;
            const token = { start: m.index, end: m.index + m[0].length, fact };
            if (found.some((t) => t.value && t.start < token.end && token.start < t.end)) continue;
            found.push(token);
            const bare = family.bare && new RegExp(family.bare.source, family.bare.flags.replace('g', '')).exec(sentence.slice(token.end));
            if (bare) {
              const value = family.parse(Object.assign([`Art. ${bare[1]}`], { index: 0 }) as unknown as RegExpMatchArray);
              const at = token.end + bare.index + bare[0].indexOf(bare[1]!);
              if (value) found.push({ start: at, end: at + bare[1]!.length, value: { ...value, text: bare[1]! } });
            }
          }
        }
        found.sort((a, b) => a.start - b.start || b.end - a.end);
        // a subject inside another subject (e.g. "CD" in a longer phrase) counts once
        const tokens = found.filter((t, i) => !(t.fact && found.some((u, j) => j !== i && u.fact && u.start <= t.start && t.end <= u.end && (u.end - u.start > t.end - t.start || j < i))));

        const record = (token: Token, fact: Fact, via: string) =>
          occurrences.push({
            fact,
            family,
            file: passage.file,
            line: passage.lines[start + token.start] ?? passage.lines[0] ?? 1,
            language: passage.language,
            where: passage.where,
            found: token.value!.text,
            sentence: sentence.trim(),
            via,
            ok: fact.accept(token.value!, context),
          });

        // 1. the subjects each value could belong to, best first
        const pending: { token: Token; candidates: Candidate[] }[] = [];
        tokens.forEach((token, k) => {
          const value = token.value;
          if (!value) return;
          for (const fact of standalone) if (fact.relevant?.(value)) record(token, fact, 'reference');
          if (!subjects.length) return;
          const core = !family.core || family.core(value);
          const candidates: Candidate[] = [];
          const left = tokens[k - 1];
          const right = tokens[k + 1];
          // a subject inside brackets that close before the value is an aside: "cost (e.g. life-cycle costing) ... (Art. 67)"
          const aside = (gap: string) => {
            let depth = 0;
            for (const c of gap) if ((depth += c === '(' ? 1 : c === ')' ? -1 : 0) < 0) return true;
            return false;
          };
          if (left?.fact) {
            const gap = sentence.slice(left.end, token.start);
            const ok = !aside(gap) && core ? !gap.includes(';') && gapLength(gap) <= family.maxGap && !(NEW_PHRASE.test(gap) && !unclosed(gap)) : TIGHT.test(gap);
            if (ok) candidates.push({ subject: left, strength: unclosed(gap) ? 3 : SEPARATOR.test(gap) ? 0 : 1, gap: gapLength(gap), side: 'left' });
          }
          if (right?.fact && core) {
            const gap = sentence.slice(token.end, right.start);
            if (!gap.includes(';') && gapLength(gap) <= family.maxGap) {
              candidates.push({ subject: right, strength: unclosed(gap) ? 3 : SEPARATOR.test(gap) ? 0 : 1, gap: gapLength(gap), side: 'right' });
            }
          }
          candidates.sort((a, b) => b.strength - a.strength || a.gap - b.gap || (a.side === 'left' ? -1 : 1));
          pending.push({ token, candidates });
        });

        // 2. each subject takes one value, the most strongly tied first; the others look at the passage's topic
        const claimed = new Set<Token>();
        pending.sort((a, b) => (b.candidates[0]?.strength ?? -1) - (a.candidates[0]?.strength ?? -1) || (a.candidates[0]?.gap ?? 1e9) - (b.candidates[0]?.gap ?? 1e9));
        for (const { token, candidates } of pending) {
          const chosen = candidates.find((c) => !claimed.has(c.subject));
          if (chosen) {
            claimed.add(chosen.subject);
            record(token, chosen.subject.fact!, `"${sentence.slice(chosen.subject.start, chosen.subject.end)}"`);
            if (chosen.side === 'left' && !ATTACHED.test(sentence.slice(chosen.subject.end, token.start))) {
              // the other members of a list of subjects ending with the chosen one
              let k = tokens.indexOf(chosen.subject);
              const seen = new Set([chosen.subject.fact]);
              while (k > 0 && tokens[k - 1]!.fact && LIST_JOIN.test(sentence.slice(tokens[k - 1]!.end, tokens[k]!.start))) {
                k--;
                const member = tokens[k]!;
                if (!seen.has(member.fact)) record(token, member.fact!, `"${sentence.slice(member.start, member.end)}" (listed with "${sentence.slice(chosen.subject.start, chosen.subject.end)}")`);
                seen.add(member.fact);
              }
            }
            continue;
          }
          if (family.core && !family.core(token.value!)) continue;
          // no subject beside the value: the passage's topic may name it
          for (const topic of passage.topics) {
            if (!family.topics.includes(topic.kind)) continue;
            const named = subjects.filter((s) => new RegExp(s.re.source, s.re.flags.replace('g', '')).test(topic.text));
            if (named.length === 0) continue;
            if (named.length === 1) record(token, named[0]!.fact, `topic "${topic.text.slice(0, 60)}"`);
            break; // the nearest topic naming a subject decides; two different subjects: ambiguous, not checked
          }
        }
      }
    }
  }
  return occurrences;
}

function snippet(o: Occurrence): string {
  const s = o.sentence;
  if (s.length <= 220) return s;
  const at = Math.max(0, s.indexOf(o.found) - 90);
  return `${at > 0 ? '…' : ''}${s.slice(at, at + 200)}…`;
}

function describeFailure(o: Occurrence): string {
  return `${o.file}:${o.line}: ${o.fact.id}: found "${o.found}" (tied by ${o.via}) in "${snippet(o)}" [${o.where}]; expected ${o.fact.expected}`;
}

// ---------------------------------------------------------------------------------------------
// The curriculum

const files = contentFiles(join(ROOT, 'modules')).map((path) => relative(ROOT, path).split('\\').join('/'));
const passages = files.flatMap((file) => passagesOf(file, readFileSync(join(ROOT, file), 'utf8'), defaultLanguageOf(file)));
const occurrences = checkPassages(passages);
const allFacts = FAMILIES.flatMap((family) => family.facts.map((fact) => ({ family, fact })));

describe('facts stated in more than one place agree (canonical values: test/unit/facts.ts)', () => {
  it('reads every file the content loader reads, in every language', () => {
    const content = loadContent(ROOT);
    const loaded = new Set<string>();
    for (const module of content.modules) {
      loaded.add(module.module.source.file);
      for (const files of module.languages.values()) {
        for (const lesson of files.lessons) loaded.add(lesson.file);
        if (files.quiz) loaded.add(files.quiz.source.file);
        if (files.case) loaded.add(files.case.source.file);
      }
    }
    for (const glossary of content.glossary.values()) loaded.add(glossary.source.file);
    const normalised = [...loaded].map((f) => f.split('\\').join('/'));
    expect(normalised.filter((f) => !files.includes(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('glossary.yaml')).length).toBeGreaterThan(0);
    expect(passages.length).toBeGreaterThan(500);
  });

  it('fact ids are unique and every fact has a place where it must be stated', () => {
    const ids = allFacts.map(({ fact }) => fact.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const { fact } of allFacts) expect(fact.expectIn.length, fact.id).toBeGreaterThan(0);
  });

  for (const family of FAMILIES) {
    describe(family.title, () => {
      for (const fact of family.facts) {
        it(`${fact.id}: every statement agrees with "${fact.statement}"`, () => {
          const wrong = occurrences.filter((o) => o.fact === fact && !o.ok).map(describeFailure);
          expect(wrong, `${wrong.length} statement(s) disagree with ${fact.id} (${fact.expected}):\n${wrong.join('\n')}`).toEqual([]);
        });
        it(`${fact.id}: is stated in ${fact.expectIn.join(', ')}`, () => {
          const missing = fact.expectIn.filter((file) => !occurrences.some((o) => o.fact === fact && o.file === file));
          expect(missing, `the patterns of ${fact.id} found no statement in: ${missing.join(', ')}`).toEqual([]);
        });
      }
    });
  }

  it('reports what it checked', () => {
    const checked = occurrences.length;
    const byFile = new Set(occurrences.map((o) => o.file)).size;
    const languages = [...new Set(passages.map((p) => p.language))].sort().join(', ');
    console.info(
      `facts-consistency: ${allFacts.length} facts in ${FAMILIES.length} families; ${checked} statements checked in ${byFile} of ${files.length} files ` +
        `(languages: ${languages}); ${skippedDistractors} deliberate distractors not checked`,
    );
    if (process.env.FACTS_VERBOSE) {
      for (const o of occurrences) console.info(`${o.ok ? 'ok ' : 'BAD'} ${o.fact.id} ${o.file}:${o.line} "${o.found}" via ${o.via} :: ${o.sentence.slice(0, 160)}`);
    }
    expect(checked).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The checker must be able to fail

function lesson(body: string, language = 'en'): { file: string; text: string; line: number } {
  const suffix = language === 'en' ? '' : `.${language}`;
  return { file: `modules/self-test/lessons/01-self-test${suffix}.md`, text: `---\nid: self-test\ntitle: Self-test\n---\nAn opening paragraph.\n\n${body}\n`, line: 7 };
}

describe('self-test: the same checker reports wrong statements', () => {
  for (const { fact } of allFacts) {
    it(`${fact.id}: reports "${fact.selfTest.wrong}" and accepts "${fact.selfTest.right}"`, () => {
      const wrong = lesson(fact.selfTest.wrong, fact.selfTest.language);
      const found = checkPassages(passagesOf(wrong.file, wrong.text)).filter((o) => o.fact === fact);
      const failures = found.filter((o) => !o.ok).map(describeFailure);
      expect(failures.length, `the wrong statement was not reported; found: ${found.map(describeFailure).join(' / ') || 'nothing'}`).toBeGreaterThan(0);
      expect(failures[0]).toContain(`${wrong.file}:${wrong.line}: ${fact.id}: found "`);
      expect(failures[0]).toContain(`expected ${fact.expected}`);
      const right = lesson(fact.selfTest.right, fact.selfTest.language);
      const rightFound = checkPassages(passagesOf(right.file, right.text)).filter((o) => o.fact === fact);
      expect(rightFound.length, 'the right statement was not found at all').toBeGreaterThan(0);
      expect(rightFound.filter((o) => !o.ok).map(describeFailure)).toEqual([]);
    });
  }

  it('checks quiz answers, matching pairs, tables and glossary definitions, and skips distractors', () => {
    const quiz = [
      'id: quiz',
      'title: Quiz',
      'questions:',
      '  - id: q1',
      '    type: numeric',
      '    prompt: "In an open procedure, what is the minimum time limit for receipt of tenders, in days?"',
      '    answer: 30',
      '    unit: days',
      '    feedback: { correct: "Yes.", incorrect: "No." }',
      '  - id: q2',
      '    type: matching',
      '    prompt: "Match each procedure to its article."',
      '    pairs:',
      '      - { id: p1, prompt: "Competitive dialogue", match: "Art. 29" }',
      '      - { id: p2, prompt: "Innovation partnership", match: "Art. 31" }',
      '    distractors:',
      '      - { id: x1, text: "Art. 33" }',
      '    feedback: { correct: "Yes.", incorrect: "No." }',
      '  - id: q3',
      '    type: single',
      '    prompt: "Which threshold applies to works in 2026?"',
      '    options:',
      '      - { id: a, text: "€5,538,000", feedback: "No: that was the 2024–2025 value." }',
      '      - { id: b, text: "€5,404,000", correct: true, feedback: "Yes." }',
      '    feedback: { correct: "Yes.", incorrect: "Works: €5,404,000 from 1 January 2026." }',
      '  - id: q4',
      '    type: truefalse',
      '    prompt: "Competitive dialogue is Art. 29."',
      '    answer: false',
      '    feedback: { correct: "Right: it is Art. 30.", incorrect: "It is competitive dialogue (Art. 30)." }',
      '',
    ].join('\n');
    const table = lesson(['| Procedure | Article | Minimum time limits |', '|---|---|---|', '| Restricted | 28 | 30 days for requests + 35 days for tenders |', '| Competitive dialogue | 31 | 30 days for requests |'].join('\n'));
    const glossary = ['terms:', '  - id: cd', '    term: Competitive dialogue', '    aliases: [CD]', '    definition: "A procedure developed in dialogue, awarded only on best price-quality ratio (Directive 2014/24/EU, Art. 29)."', ''].join('\n');
    const found = checkPassages([
      ...passagesOf('modules/self-test/quiz.yaml', quiz),
      ...passagesOf(table.file, table.text),
      ...passagesOf('modules/glossary.self-test.yaml', glossary),
    ]);
    const failures = found.filter((o) => !o.ok).map(describeFailure).sort();
    expect(failures).toEqual([
      expect.stringMatching(/^modules\/glossary\.self-test\.yaml:5: article-cd: found "Art\. 29" \(tied by topic "Competitive dialogue"\).*expected Art\. 30$/),
      expect.stringMatching(/^modules\/self-test\/lessons\/01-self-test\.md:10: article-cd: found "Art\. 31" \(tied by topic "Competitive dialogue"\).*expected Art\. 30$/),
      expect.stringMatching(/^modules\/self-test\/lessons\/01-self-test\.md:9: days-restricted: found "35 days" \(tied by topic "Restricted"\).*expected at least 30 days/),
      expect.stringMatching(/^modules\/self-test\/quiz\.yaml:14: article-cd: found "Art\. 29" \(tied by "Competitive dialogue"\).*expected Art\. 30$/),
      expect.stringMatching(/^modules\/self-test\/quiz\.yaml:7: days-open: found "30 days".*expected at least 35 days/),
    ]);
    // the right answers, the false prompt, the distractor options and the 2024–2025 value were not flagged
    expect(found.filter((o) => o.ok && o.fact.id === 'threshold-works').length).toBeGreaterThan(0);
  });
});
