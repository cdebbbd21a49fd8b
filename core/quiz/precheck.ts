/**
 * The pre-check's identity, shared by the build, the runtime's statements and the LRS's facts.
 *
 * A pre-check answer is an `answered` statement whose context groups it under the module's
 * pre-check activity (`<module>/precheck`). A quiz item asked in the pre-check keeps the quiz
 * question's own activity id, so the LRS pairs the answer before the lessons with the answer in
 * the quiz by activity; a question of the pre-check's own has `<module>/precheck/<id>`.
 */
export const PRECHECK_ID = 'precheck';

/** The pre-check's activity, under which its answers are grouped. */
export function precheckActivityId(moduleId: string): string {
  return `${moduleId}/${PRECHECK_ID}`;
}
