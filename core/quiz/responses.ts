/**
 * What a learner answered, per question type. Indices refer to the question's source order
 * (options, pairs, items), never to the shuffled display order.
 */
export type SingleChoiceResponse = number;
/** Chosen option indices, ascending. */
export type MultipleResponseResponse = number[];
export type TrueFalseResponse = boolean;
/** For each pair (prompt), the index of the chosen target, or -1 if none chosen yet. */
export type MatchingResponse = number[];
/** Item indices in the order the learner put them. */
export type SequencingResponse = number[];
/** The text typed (fill-in) or the number as typed (numeric). */
export type TextResponse = string;

export type Response =
  | SingleChoiceResponse
  | MultipleResponseResponse
  | TrueFalseResponse
  | MatchingResponse
  | SequencingResponse
  | TextResponse;

/** Longest numeric answer a learner can type. */
export const NUMERIC_MAX_LENGTH = 20;
