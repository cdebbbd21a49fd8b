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
