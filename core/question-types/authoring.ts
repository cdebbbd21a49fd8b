/**
 * The build-time half of every registered question type, found by file name
 * (`<name>/<name>.authoring.ts`), so that a type is still one registry line. Only the build, the
 * content check and the tests import this: it never ships in a package.
 */
import type { QuestionAuthoring, SchemaKit } from './question-type.ts';
import { QUESTION_TYPES } from './registry.ts';

const AUTHORING = new Map<string, QuestionAuthoring<any>>(
  await Promise.all(
    QUESTION_TYPES.map(async (type) => {
      const module = (await import(`./${type.name}/${type.name}.authoring.ts`)) as { authoring?: QuestionAuthoring<any> };
      if (!module.authoring) throw new Error(`core/question-types/${type.name}/${type.name}.authoring.ts exports no "authoring"`);
      return [type.name, module.authoring] as const;
    }),
  ),
);

/** The build-time half of a question's type. */
export function authoringOf(question: { type: string }): QuestionAuthoring<any> {
  const authoring = AUTHORING.get(question.type);
  if (!authoring) throw new Error(`no question type "${question.type}" is registered`);
  return authoring;
}

/** The schemas of every type, in registry order, for the content schema's discriminated union. */
export function questionSchemas(kit: SchemaKit) {
  return QUESTION_TYPES.map((type) => authoringOf({ type: type.name }).schema(kit));
}
