/**
 * The parts of an interaction as both SCORM data models and xAPI see them, before each formats
 * them: indices and ids are both kept because SCORM 1.2 wants single characters where SCORM 2004
 * takes identifiers. Each question type says what its response and correct response are in these.
 */

export interface Choice {
  index: number;
  id: string;
}

export type ResponsePart =
  | { kind: 'boolean'; value: boolean }
  | { kind: 'choices'; choices: Choice[] }
  | { kind: 'sequence'; choices: Choice[] }
  | { kind: 'pairs'; pairs: { source: Choice; target: Choice }[] }
  | { kind: 'text'; text: string; caseMatters: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'range'; min: number; max: number };

export type InteractionType = 'true-false' | 'choice' | 'fill-in' | 'long-fill-in' | 'matching' | 'sequencing' | 'numeric' | 'likert';
