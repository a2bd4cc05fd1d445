import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accuracySentence, normalQuantile, percentOf, wilsonInterval } from '../../../ml/metrics/interval.ts';

describe('normalQuantile', () => {
  it('matches scipy.stats.norm.ppf', () => {
    // Values from scipy 1.x: norm.ppf(0.975), (0.995), (0.95), (0.8); and the tails.
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 8);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 8);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 7);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 7);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  it('matches published and independently computed values', () => {
    // Newcombe (1998), example: 81 of 263 → 0.2553 to 0.3662.
    const a = wilsonInterval(81, 263);
    expect(a.low).toBeCloseTo(0.2552885, 6);
    expect(a.high).toBeCloseTo(0.3662096, 6);
    // The rest computed with scipy's norm.ppf and the Wilson formula.
    const cases: [number, number, number, number, number][] = [
      [15, 15, 0.95, 0.7961166989641515, 1],
      [0, 10, 0.95, 0, 0.2775327998628892],
      [5, 10, 0.95, 0.236593090512564, 0.7634069094874361],
      [1, 1, 0.95, 0.20654931437723745, 1],
      [14, 15, 0.95, 0.7018347012621998, 0.9881331045067315],
      [999, 1000, 0.95, 0.9943574414020421, 0.9998234536293739],
      [50, 100, 0.99, 0.37527962504483986, 0.6247203749551602],
      [7, 20, 0.9, 0.202260040056761, 0.5334873111515283],
    ];
    for (const [x, n, level, low, high] of cases) {
      const ci = wilsonInterval(x, n, level);
      expect(ci.low, `${x}/${n} low`).toBeCloseTo(low, 8);
      expect(ci.high, `${x}/${n} high`).toBeCloseTo(high, 8);
      expect(ci.level).toBe(level);
    }
  });
  it('always holds the observed rate, stays in [0, 1], narrows with n and widens with the level', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const x = Math.round(f * n);
        const ci = wilsonInterval(x, n);
        expect(ci.low).toBeGreaterThanOrEqual(0);
        expect(ci.high).toBeLessThanOrEqual(1);
        expect(ci.low).toBeLessThanOrEqual(x / n + 1e-12);
        expect(ci.high).toBeGreaterThanOrEqual(x / n - 1e-12);
        const big = wilsonInterval(4 * x, 4 * n);
        expect(big.high - big.low).toBeLessThan(ci.high - ci.low);
        const wide = wilsonInterval(x, n, 0.99);
        expect(wide.high - wide.low).toBeGreaterThan(ci.high - ci.low);
      }),
    );
  });
  it('tells nothing on no items and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1, level: 0.95 });
    expect(() => wilsonInterval(3, 2)).toThrow(/0\.\.2/);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 95)).toThrow(/level/);
  });
});

describe('percentOf and accuracySentence', () => {
  it('never rounds a miss up to 100% or a hit down to 0%', () => {
    expect(percentOf(999, 1000)).toBe('99.9%');
    expect(percentOf(99_999, 100_000)).toBe('99.999%');
    expect(percentOf(1, 1000)).toBe('0.1%');
    expect(percentOf(14, 15)).toBe('93%');
    expect(percentOf(15, 15)).toBe('100%');
    expect(percentOf(0, 15)).toBe('0%');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const x = Math.round(f * n);
        const s = percentOf(x, n);
        expect(s === '100%').toBe(x === n);
        expect(s === '0%').toBe(x === 0);
      }),
    );
  });
  it('says the rate, the n and the interval', () => {
    expect(accuracySentence(15, 15)).toBe('100% on 15 items, 95% CI 80–100%');
    expect(accuracySentence(14, 15)).toBe('93% on 15 items, 95% CI 70–99%');
    expect(accuracySentence(1, 1, { noun: 'emails' })).toBe('100% on 1 email, 95% CI 21–100%');
    expect(accuracySentence(4321, 5000, { level: 0.99 })).toMatch(/^86% on 5,000 items, 99% CI 85–88%$/);
    expect(accuracySentence(0, 0)).toBe('no items to measure on');
  });
});
