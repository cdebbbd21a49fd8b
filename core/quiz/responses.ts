/**
 * What a learner answered: each question type says its own form (core/question-types/). Indices
 * refer to the question's source order (options, pairs, items), never to the shuffled display order.
 */
import type { ResponseOf } from '../question-types/registry.ts';

export type Response = ResponseOf;
