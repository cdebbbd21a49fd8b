/**
 * What a question type is: one module in its own folder (core/question-types/<name>/) that says
 * everything the bundle needs to know about it, registered in one line of registry.ts.
 *
 * In `<name>.ts`, what the runtime needs (it ships in every package):
 * - scoring, the correct and a wrong response (and the seed tool's), the response a learner starts from;
 * - state: the compact form kept in `cmi.suspend_data`, and the longest one (for the size check);
 * - the interaction parts SCORM 1.2, SCORM 2004 and xAPI are written from, and xAPI's components;
 * - the display order of its options.
 * In `<name>.authoring.ts`, what only the build needs: its content schema (built from the kit of
 * shared fields, so zod stays out of the runtime), content checks and Markdown compilation.
 * In `<name>-view.ts`, its lit view. The last two are found by file name (authoring.ts and
 * src/components/question/question-view.ts): the registry line names the type once.
 */
import type { z } from 'zod';
import type * as Fields from '../content/fields.ts';
import type { InteractionType, ResponsePart } from '../interactions/parts.ts';

/** The fields and zod, handed to each type's schema. */
export type SchemaKit = typeof Fields;

/** The fields every question has (content/fields.ts `questionBase`). */
export interface QuestionBase {
  id: string;
  type: string;
  prompt: string;
  points: number;
  feedback?: { correct?: string; incorrect?: string } | undefined;
}

export interface QuestionResult {
  answered: boolean;
  correct: boolean;
  /** Share of the question's points earned, 0..1 (partial credit where the question allows it). */
  credit: number;
}

/** A language map for xAPI interaction components. */
export type LanguageMap = Record<string, string>;

/** How a content check reports a problem, at a path inside the question. */
export interface QuestionChecks {
  /** `name` is how the question is named in messages: `question 'q1'`. */
  name: string;
  add(path: PropertyKey[], message: string): void;
  /** An item-writing finding: a warning, an error under `inprocap check --strict`. */
  warn(path: PropertyKey[], message: string): void;
  /** Reports every value after the first that repeats (ids, texts), each at its own path. */
  duplicates(values: string[], pathOf: (index: number) => PropertyKey[], what: string): void;
}

/** What the runtime knows of a type: everything a learner's session needs (it ships in every package). */
export interface QuestionTypeDefinition<Q extends QuestionBase, R> {
  /** The `type:` authors write in quiz.yaml. */
  readonly name: Q['type'];
  /** The result of a response; `undefined` when it is not an answer yet (nothing chosen, no number). */
  score(question: Q, response: unknown): { correct: boolean; credit?: number } | undefined;
  /** The response that scores full marks: what trackers report as the correct response. */
  correctResponse(question: Q): R;
  /** A response that scores nothing: for tests and demo data. */
  wrongResponse(question: Q): R;
  /** A wrong answer as the seed tool's learners give it (some distractors are chosen more). */
  seedWrongResponse(question: Q, random: () => number): R;
  /** What the learner starts from before answering (a sequence in its shuffled order, say). */
  initialResponse?(question: Q, displayOrder: number[]): R | undefined;
  /** The response as stored: cleaned and capped (typed text). */
  clean?(question: Q, response: R): R;
  /** The compact form in the learner state, and back (`undefined` for a value that is not one). */
  encode(question: Q, response: R): string | number;
  decode(question: Q, value: unknown): R | undefined;
  /** The response whose encoded form is longest: the state size check counts with it. */
  longestResponse(question: Q): R;
  /** What SCORM and xAPI record: the interaction type, the response and the correct responses. */
  interaction(question: Q, response: R): { type: InteractionType; response: ResponsePart; correct: ResponsePart[] };
  /** xAPI's interaction components (choices, source and target). */
  xapiComponents?(question: Q, text: (html: string) => LanguageMap): Record<string, unknown>;
  /** The display order of its options, from a shuffle seeded per learner and question. */
  displayOrder?(question: Q, shuffled: (count: number) => number[], quizShuffles: boolean): number[];
}

/**
 * What only the build knows of a type (`<name>.authoring.ts`, never in a package): its content
 * schema, its checks and the compilation of its own Markdown fields.
 */
export interface QuestionAuthoring<Q extends QuestionBase> {
  /** The type's name for readers of review pages and manuals: "Single choice". */
  title: string;
  schema(kit: SchemaKit): z.ZodType;
  /** Checks beyond the schema (a correct option, no duplicate ids), in the content check. */
  check?(question: Q, checks: QuestionChecks): void;
  /** The type's own Markdown fields compiled (prompt and feedback are compiled for every type). */
  compile?(question: Q, inline: (markdown: string) => string): Q;
  /**
   * What the module-wide item-writing checks count of this question (packaging/content/
   * item-writing.ts): its one key is the longest option, it is keyed true, its answer stands in
   * its prompt. Leave out what does not apply to the type.
   */
  itemWriting?(question: Q): ItemWritingFacts;
  /**
   * The question's answer key as a reader sees it (the reviewer's page, a printed answer key),
   * from the compiled question: its Markdown fields are HTML already; `text` escapes plain text.
   */
  describe(question: Q, text: (plain: string) => string): AnswerKey;
}

/** What a question offers and which of it is the answer, in the order the author wrote it. */
export interface AnswerKey {
  /**
   * How a reader answers it on paper: choose among the rows (the key rows), match the rows'
   * prompts to targets, put the rows in order (they are in the right order here), judge a
   * statement true or false (`truth`), or write the answer (`key`).
   */
  kind: 'choose' | 'match' | 'order' | 'judge' | 'write';
  /** The options, pairs or items a learner works with (HTML), each marked when it is (part of) the key. */
  rows: AnswerRow[];
  /** The answer in a few words (HTML): "b", "True", "35 days (± 0)". */
  key: string;
  /** A statement's truth (kind `judge`). */
  truth?: boolean;
}

export interface AnswerRow {
  id: string;
  /** What a learner reads (HTML); for a matching pair, the prompt. */
  html: string;
  /** A matching pair's target (HTML). */
  match?: string;
  /** Part of the answer: a correct option, a pair (not a distractor). */
  key?: boolean;
  /** Feedback shown for this row (HTML). */
  feedback?: string;
}

export interface ItemWritingFacts {
  /** A question with one correct option among several: is that option the longest? */
  keyIsLongest?: boolean;
  /** A question keyed true or false: is it keyed true? */
  keyedTrue?: boolean;
  /** Does the accepted answer stand in the prompt? */
  answerInPrompt?: boolean;
}

/** The question a schema describes. */
export type QuestionFrom<S extends (kit: SchemaKit) => z.ZodType> = z.output<ReturnType<S>>;

/** Declares a question type for the runtime; `Q` is the question its authoring schema describes. */
export function defineQuestionType<Q extends QuestionBase, R>(definition: QuestionTypeDefinition<Q, R>): QuestionTypeDefinition<Q, R> {
  return definition;
}

/** Declares a type's build-time half; the question's own type is read off its schema. */
export function defineQuestionAuthoring<S extends (kit: SchemaKit) => z.ZodType<QuestionBase, any>>(
  authoring: { schema: S } & Omit<QuestionAuthoring<QuestionFrom<S>>, 'schema'>,
): QuestionAuthoring<QuestionFrom<S>> & { schema: S } {
  return authoring as QuestionAuthoring<QuestionFrom<S>> & { schema: S };
}
