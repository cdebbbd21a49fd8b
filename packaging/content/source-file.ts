/**
 * A YAML document read from a content file, remembering where every value came from so that
 * problems can be reported as `file:line:column: sentence`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { IssueList } from './issues.ts';

export type Position = { line: number; column: number };
export type Path = readonly PropertyKey[];

/** Singular nouns for the lists of the content format, used to name a place in a sentence. */
const ITEM_NOUN: Record<string, string> = {
  questions: 'question',
  options: 'option',
  pairs: 'pair',
  distractors: 'distractor',
  items: 'item',
  nodes: 'node',
  choices: 'choice',
  terms: 'term',
  sections: 'section',
  objectives: 'objective',
  answers: 'answer',
  languages: 'language',
  aliases: 'alias',
  scale: 'scale label',
};

export class YamlSource {
  readonly document: Document;
  readonly data: unknown;
  private readonly lines = new LineCounter();

  /**
   * @param file path shown in messages (relative to the project root)
   * @param text the file's text
   * @param lineOffset lines before `text` in the real file (front matter starts after `---`)
   */
  constructor(
    readonly file: string,
    text: string,
    private readonly issues: IssueList,
    private readonly lineOffset = 0,
  ) {
    this.document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const error of this.document.errors) {
      const offset = error.pos[0];
      issues.add(file, this.positionAt(offset), `YAML syntax: ${firstLine(error.message)}`);
    }
    for (const warning of this.document.warnings) {
      issues.add(file, this.positionAt(warning.pos[0]), `YAML: ${firstLine(warning.message)}`, 'warning');
    }
    this.data = this.document.errors.length ? undefined : this.document.toJS({ maxAliasCount: 50 });
  }

  get ok(): boolean {
    return this.document.errors.length === 0;
  }

  positionAt(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line: line + this.lineOffset, column: col };
  }

  /** Where the value at `path` starts; the nearest existing ancestor if it is missing. */
  positionOf(path: Path): Position {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.document.getIn(path.slice(0, depth) as unknown[], true) as Node | undefined;
      if (node && (isScalar(node) || isMap(node) || isSeq(node)) && node.range) return this.positionAt(node.range[0]);
      if (depth === 0 && this.document.contents?.range) return this.positionAt(this.document.contents.range[0]);
    }
    return { line: 1 + this.lineOffset, column: 1 };
  }

  /** Where the key `key` of the map at `path` is written (for unknown or misspelt keys). */
  positionOfKey(path: Path, key: string): Position {
    const map = path.length ? this.document.getIn(path as unknown[], true) : this.document.contents;
    if (isMap(map)) {
      for (const pair of map.items) {
        if (isScalar(pair.key) && pair.key.value === key && pair.key.range) return this.positionAt(pair.key.range[0]);
      }
    }
    return this.positionOf(path);
  }

  /** A readable name for a place in this file, using the ids authors gave: `question 'q7', option 'b'`. */
  describe(path: Path): string {
    const parts: string[] = [];
    let value: unknown = this.data;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      const next = (value as Record<PropertyKey, unknown> | undefined)?.[key as never];
      if (typeof key === 'number') {
        const listName = String(path[i - 1] ?? '');
        const noun = ITEM_NOUN[listName] ?? 'item';
        parts.pop(); // "questions" becomes "question 'q7'"
        const itemId = next && typeof next === 'object' && 'id' in next ? (next as { id: unknown }).id : undefined;
        parts.push(typeof itemId === 'string' ? `${noun} '${itemId}'` : `${noun} ${key + 1}`);
      } else {
        parts.push(String(key));
      }
      value = next;
    }
    return parts.join(', ');
  }

  /** Validates the document; reports every schema problem at its place and returns the parsed value. */
  validate<S extends z.ZodType>(schema: S): z.output<S> | undefined {
    if (!this.ok) return undefined;
    const result = schema.safeParse(this.data);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const path = issue.path as PropertyKey[];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const where = this.describe(path);
          this.issues.add(this.file, this.positionOfKey(path, key), `${where ? `${where}: ` : ''}unknown field "${key}"`);
        }
        continue;
      }
      const where = this.describe(path) || 'file';
      this.issues.add(this.file, this.positionOf(path), `${where}: ${plainMessage(issue, this.valueAt(path))}`);
    }
    return undefined;
  }

  valueAt(path: Path): unknown {
    let value: unknown = this.data;
    for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key as never];
    return value;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** Rewords zod's messages into sentences an author understands. */
function plainMessage(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `is required (${issue.expected})` : `must be ${article(issue.expected)}, not ${describeValue(value)}`;
    case 'invalid_union': {
      if ('note' in issue && issue.note === 'No matching discriminator') {
        return `has an unknown or missing "${issue.discriminator}"`;
      }
      return 'does not match any allowed form';
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.message.startsWith('Too small') ? `is too small (minimum ${String(issue.minimum)})` : issue.message;
    case 'too_big':
      return issue.message.startsWith('Too big') ? `is too long or too large (maximum ${String(issue.maximum)})` : issue.message;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
