/** The learning gain's statistics (lrs/reports/statistics.ts): pure functions, checked against worked values. */
import { describe, expect, it } from 'vitest';
import { meanWithInterval, normalisedGain, tQuantile975 } from '../../lrs/reports/statistics.ts';

describe('normalisedGain', () => {
  it('is the part of what was left to learn that was learnt', () => {
    expect(normalisedGain(20, 60)).toBe(0.5);
    expect(normalisedGain(20, 80)).toBe(0.75);
    expect(normalisedGain(0, 100)).toBe(1);
    expect(normalisedGain(50, 50)).toBe(0);
    expect(normalisedGain(60, 40)).toBe(-0.5);
    expect(normalisedGain(0.2, 0.6, 1)).toBeCloseTo(0.5, 15);
  });

  it('is null at the ceiling', () => {
    expect(normalisedGain(100, 100)).toBeNull();
    expect(normalisedGain(100, 80)).toBeNull();
    expect(normalisedGain(1, 1, 1)).toBeNull();
  });
});

describe('tQuantile975', () => {
  it('matches published values of Student’s t at 0.975', () => {
    const table: [number, number][] = [[1, 12.7062], [2, 4.3027], [5, 2.5706], [10, 2.2281], [29, 2.0452], [30, 2.0423], [31, 2.0395], [40, 2.0211], [60, 2.0003], [120, 1.9799], [1000, 1.9623]];
    for (const [df, t] of table) expect(tQuantile975(df), `df ${df}`).toBeCloseTo(t, 4);
  });

  it('falls towards the normal quantile and joins the table smoothly', () => {
    expect(tQuantile975(1e9)).toBeCloseTo(1.959964, 6);
    expect(tQuantile975(30) - tQuantile975(31)).toBeGreaterThan(0);
    expect(tQuantile975(30) - tQuantile975(31)).toBeLessThan(0.005);
  });

  it('refuses fewer than one degree of freedom', () => {
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });
});

describe('meanWithInterval', () => {
  const sums = (xs: number[]) => ({ n: xs.length, sum: xs.reduce((a, b) => a + b, 0), sumSquares: xs.reduce((a, b) => a + b * b, 0) });

  it('gives the mean, the sample standard deviation and mean ± t·sd/√n', () => {
    // 0.2, 0.4, 0.6, 0.8: mean 0.5, sd √(0.2/3), t(0.975, 3) = 3.182446.
    const { mean, sd, ci } = meanWithInterval(sums([0.2, 0.4, 0.6, 0.8]));
    expect(mean).toBeCloseTo(0.5, 15);
    expect(sd).toBeCloseTo(Math.sqrt(0.2 / 3), 12);
    const half = (3.182446 * Math.sqrt(0.2 / 3)) / 2;
    expect(ci!.low).toBeCloseTo(0.5 - half, 6);
    expect(ci!.high).toBeCloseTo(0.5 + half, 6);
  });

  it('has a zero-width interval when every value is the same', () => {
    expect(meanWithInterval(sums(Array.from({ length: 37 }, () => 0.75)))).toEqual({ mean: 0.75, sd: 0, ci: { low: 0.75, high: 0.75 } });
    // Sums that round a hair below a zero variance still give 0.
    expect(0.02 - 2 * 0.1 * 0.1).toBeLessThan(0);
    expect(meanWithInterval({ n: 2, sum: 0.2, sumSquares: 0.02 }).sd).toBe(0);
  });

  it('has no interval below two values and no mean without any', () => {
    expect(meanWithInterval(sums([0.4]))).toEqual({ mean: 0.4, sd: null, ci: null });
    expect(meanWithInterval(sums([]))).toEqual({ mean: null, sd: null, ci: null });
  });
});
