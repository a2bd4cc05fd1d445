import { describe, expect, it } from 'vitest';
import { classReport } from '../../../ml/metrics/confusion.ts';
import { formatLift, liftFor } from '../../../ml/metrics/lift.ts';

describe('liftFor', () => {
  it('is precision over base rate on the labelled rows, by hand', () => {
    // 20 labelled rows, 4 fraud (base rate 20%); rules claim 5 rows for fraud, 3 of them fraud
    // (precision 60%): lift 3×. An unlabelled row and abstentions change neither figure.
    const truth = Int32Array.from([...Array(4).fill(1), ...Array(16).fill(0), -1]);
    const pred = Int32Array.from([1, 1, 1, -1, 1, 1, ...Array(14).fill(-1), 1]);
    const l = liftFor(classReport(truth, pred, ['ok', 'fraud']), 1);
    expect(l).toMatchObject({ target: 'fraud', support: 4, predicted: 5, n: 20 });
    expect(l.baseRate).toBeCloseTo(0.2, 12);
    expect(l.precision).toBeCloseTo(0.6, 12);
    expect(l.lift).toBeCloseTo(3, 12);
    expect(formatLift(l)).toBe('lift 3.0× (base rate 20%)');
    // Guessing does no better than the base rate: lift 1.
    const all = liftFor(classReport(truth.subarray(0, 20), new Int32Array(20).fill(1), ['ok', 'fraud']), 1);
    expect(all.lift).toBeCloseTo(1, 12);
  });
  it('says why there is no lift', () => {
    const none = liftFor(classReport(Int32Array.of(0, 1, 1), Int32Array.of(-1, -1, -1), ['a', 'b']), 1);
    expect(none).toMatchObject({ precision: null, lift: null });
    expect(formatLift(none)).toBe('no rows claimed for b (base rate 67%)');
    const absent = liftFor(classReport(Int32Array.of(0, 0), Int32Array.of(1, 1), ['a', 'b']), 1);
    expect(absent).toMatchObject({ baseRate: 0, precision: 0, lift: null });
    expect(formatLift(absent)).toBe('no b rows labelled (base rate 0.0%)');
    expect(formatLift(liftFor(classReport(Int32Array.of(-1), Int32Array.of(0), ['a']), 0))).toBe('no labelled rows');
    expect(() => liftFor(classReport(Int32Array.of(0), Int32Array.of(0), ['a']), 2)).toThrow(/class 2/);
  });
  it('prints big lifts without decimals and small base rates with one', () => {
    // 1 positive in 100; the rule claims 2 rows, 1 right: precision 50%, lift 50×.
    const truth = Int32Array.from({ length: 100 }, (_, i) => (i === 0 ? 1 : 0));
    const pred = Int32Array.from({ length: 100 }, (_, i) => (i < 2 ? 1 : -1));
    expect(formatLift(liftFor(classReport(truth, pred, ['ok', 'fraud']), 1))).toBe('lift 50× (base rate 1.0%)');
  });
});
