/**
 * The question types, one line each. A new type is a folder beside these (see question-type.ts
 * for what it declares) and a line here; the content schema, scoring, learner state, SCORM and
 * xAPI records, content checks, compilation and the seed tool all read it from this table.
 */
import type { z } from 'zod';
import type { QuestionTypeDefinition, SchemaKit } from './question-type.ts';
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
export type QuestionOf = Registered extends infer T ? (T extends { schema: (kit: SchemaKit) => infer S extends z.ZodType } ? z.output<S> : never) : never;

/** Every response a question type takes. */
export type ResponseOf = Registered extends infer T ? (T extends QuestionTypeDefinition<any, infer R> ? R : never) : never;

/** The schemas of every type, for the content schema's discriminated union. */
export function questionSchemas(kit: SchemaKit) {
  return QUESTION_TYPES.map((type) => type.schema(kit)) as unknown as [ReturnType<Registered['schema']>, ...ReturnType<Registered['schema']>[]];
}

const BY_NAME = new Map<string, QuestionTypeDefinition<any, any>>(QUESTION_TYPES.map((type) => [type.name, type as QuestionTypeDefinition<any, any>]));

/** The definition of a question's type. */
export function questionType(question: { type: string }): QuestionTypeDefinition<any, any> {
  const type = BY_NAME.get(question.type);
  if (!type) throw new Error(`no question type "${question.type}" is registered`);
  return type;
}
