/**
 * What a question type is: one module in its own folder (core/question-types/<name>/) that says
 * everything the bundle needs to know about it, registered in one line of registry.ts.
 *
 * - `schema`: its content fields, built from the kit of shared fields (so zod stays a build-time
 *   dependency: the runtime never calls it);
 * - scoring, the correct and a wrong response, the response a learner starts from;
 * - state: the compact form kept in `cmi.suspend_data`, and the longest one (for the size check);
 * - the interaction parts SCORM 1.2, SCORM 2004 and xAPI are written from, and xAPI's components;
 * - content checks and Markdown compilation of its own fields, the seed tool's wrong answers;
 * - the display order of its options.
 *
 * The component that shows it is still in src/components/question/question-view.ts.
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
  /** Reports every value after the first that repeats (ids, texts), each at its own path. */
  duplicates(values: string[], pathOf: (index: number) => PropertyKey[], what: string): void;
}

export interface QuestionTypeDefinition<Q extends QuestionBase, R> {
  /** The `type:` authors write in quiz.yaml. */
  readonly name: Q['type'];
  schema(kit: SchemaKit): z.ZodType;
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
  /** Checks beyond the schema (a correct option, no duplicate ids), in the content check. */
  check?(question: Q, checks: QuestionChecks): void;
  /** The type's own Markdown fields compiled (prompt and feedback are compiled for every type). */
  compile?(question: Q, inline: (markdown: string) => string): Q;
  /** The display order of its options, from a shuffle seeded per learner and question. */
  displayOrder?(question: Q, shuffled: (count: number) => number[], quizShuffles: boolean): number[];
}

/** Declares a question type; the question's own type is read off its schema. */
export function defineQuestionType<S extends (kit: SchemaKit) => z.ZodType<QuestionBase, any>, R>(
  definition: { schema: S } & Omit<QuestionTypeDefinition<z.output<ReturnType<S>>, R>, 'schema'>,
): QuestionTypeDefinition<z.output<ReturnType<S>>, R> & { schema: S } {
  return definition as QuestionTypeDefinition<z.output<ReturnType<S>>, R> & { schema: S };
}
