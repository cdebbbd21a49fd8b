/**
 * Item statistics from the sums the database returns: classical test theory, as test
 * developers use it to review questions.
 */
import type { ItemSums } from '../storage/report-store.ts';

/** Share of first-attempt answers that were correct. */
export function facility(item: Pick<ItemSums, 'answers' | 'correct'>): number | null {
  return item.answers ? item.correct / item.answers : null;
}

/**
 * Point-biserial correlation between answering the question right (0/1) and the learner's module
 * score: Pearson's r with x² = x. Null when it is undefined (fewer than 2 learners, or everyone
 * answered alike, or every score is the same).
 */
export function pointBiserial(item: Pick<ItemSums, 'n' | 'sumX' | 'sumY' | 'sumXY' | 'sumYY'>): number | null {
  const { n, sumX, sumY, sumXY, sumYY } = item;
  if (n < 2) return null;
  const varianceX = n * sumX - sumX * sumX;
  const varianceY = n * sumYY - sumY * sumY;
  if (varianceX <= 0 || varianceY <= 1e-12) return null;
  return (n * sumXY - sumX * sumY) / Math.sqrt(varianceX * varianceY);
}

export type ItemFlag = 'too-easy' | 'too-hard' | 'negative-discrimination';

/** Below this many answers a question is not flagged: too few to tell. */
export const MIN_ANSWERS_FOR_FLAGS = 10;
export const TOO_EASY = 0.9;
export const TOO_HARD = 0.2;

export function itemFlags(facilityValue: number | null, discrimination: number | null, answers: number): ItemFlag[] {
  if (answers < MIN_ANSWERS_FOR_FLAGS || facilityValue === null) return [];
  const flags: ItemFlag[] = [];
  if (facilityValue >= TOO_EASY) flags.push('too-easy');
  if (facilityValue <= TOO_HARD) flags.push('too-hard');
  if (discrimination !== null && discrimination < 0) flags.push('negative-discrimination');
  return flags;
}

// ---------------------------------------------------------------------------------------------
// Learning gain: what learners knew before the module (its pre-check) against what they showed
// in the quiz on the same items (Hake's normalised gain).

/**
 * The normalised gain from `pre` to `post`, both out of `max` (100 for percentages, 1 for
 * shares): the part of what was left to learn that was learnt, (post − pre) / (max − pre).
 * Null at the ceiling (pre = max: nothing was left to learn).
 */
export function normalisedGain(pre: number, post: number, max = 100): number | null {
  return pre >= max ? null : (post - pre) / (max - pre);
}

/** Student's t at 0.975 (two-sided 95%) for 1 to 30 degrees of freedom. */
const T975 = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
  2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
  2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
];

/** The standard normal's 0.975 quantile. */
const Z975 = 1.959963984540054;

/**
 * Student's t quantile at 0.975 for `df` degrees of freedom: from the table up to 30, above by
 * the Cornish-Fisher expansion about the normal quantile (error below 1e-6 from 30 on).
 */
export function tQuantile975(df: number): number {
  if (!Number.isFinite(df) || df < 1) throw new RangeError(`degrees of freedom must be 1 or more, not ${df}`);
  if (Number.isInteger(df) && df <= 30) return T975[df - 1]!;
  const z = Z975;
  const [z3, z5, z7, z9] = [z ** 3, z ** 5, z ** 7, z ** 9];
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4)
  );
}

/** Sums over a group's values, as the database returns them. */
export interface MeanSums {
  n: number;
  sum: number;
  sumSquares: number;
}

/**
 * The mean of a group's values, their sample standard deviation and the 95% confidence interval
 * of the mean, mean ± t(0.975, n − 1) · sd / √n (null below 2 values).
 */
export function meanWithInterval({ n, sum, sumSquares }: MeanSums): { mean: number | null; sd: number | null; ci: { low: number; high: number } | null } {
  if (n < 1) return { mean: null, sd: null, ci: null };
  const mean = sum / n;
  if (n < 2) return { mean, sd: null, ci: null };
  // Rounding can make a zero variance a hair below zero.
  const sd = Math.sqrt(Math.max(0, (sumSquares - n * mean * mean) / (n - 1)));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { mean, sd, ci: { low: mean - half, high: mean + half } };
}
