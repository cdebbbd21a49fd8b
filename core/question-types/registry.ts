/**
 * The question types, one line each. A new type is a folder beside these (see question-type.ts
 * for what it holds) and a line here; scoring, learner state, SCORM and xAPI records, the seed
 * tool, and (through authoring.ts, by file name) the content schema, checks and compilation all
 * read it from this table.
 */
import type { QuestionTypeDefinition } from './question-type.ts';
import { fillin } from './fillin/fillin.ts';
import { matching } from './matching/matching.ts';
import { multiple } from './multiple/multiple.ts';
import { numeric } from './numeric/numeric.ts';
import { sequencing } from './sequencing/sequencing.ts';
import { single } from './single/single.ts';
import { truefalse } from './truefalse/truefalse.ts';

export const QUESTION_TYPES = [single, multiple, truefalse, matching, sequencing, fillin, numeric] as const;

type Registered = (typeof QUESTION_TYPES)[number];

/** Every question, as its type's schema reads it. */
export type QuestionOf = Registered extends infer T ? (T extends QuestionTypeDefinition<infer Q, any> ? Q : never) : never;

/** Every response a question type takes. */
export type ResponseOf = Registered extends infer T ? (T extends QuestionTypeDefinition<any, infer R> ? R : never) : never;

const BY_NAME = new Map<string, QuestionTypeDefinition<any, any>>(QUESTION_TYPES.map((type) => [type.name, type as QuestionTypeDefinition<any, any>]));

/** The definition of a question's type. */
export function questionType(question: { type: string }): QuestionTypeDefinition<any, any> {
  const type = BY_NAME.get(question.type);
  if (!type) throw new Error(`no question type "${question.type}" is registered`);
  return type;
}
