import { describe, expect, it } from 'vitest';
import { countPredicted, expandToFull, heldOutScore, missingMessage, splitColumn, trainSetFromLabels } from '../../../renderer/model/train-input.ts';

const labels = (pairs: [number, number][], n: number) => {
  const out = new Int32Array(n).fill(-1);
  for (const [r, c] of pairs) out[r] = c;
  return out;
};

describe('trainSetFromLabels', () => {
  it('says what is missing below 5 items in 2 classes', () => {
    const r = trainSetFromLabels(labels([[0, 0], [1, 0], [2, 1]], 10), ['shirt', 'shoe', 'bag']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('Label at least 5 items in 2 classes to train (now: shirt 2, shoe 1).');
    expect(missingMessage(['a', 'b'], [0, 0])).toContain('no labels yet');
  });

  it('trains on the classes with enough items and maps compact classes back', () => {
    const pairs: [number, number][] = [];
    for (let i = 0; i < 6; i++) pairs.push([i, 2]);
    for (let i = 10; i < 15; i++) pairs.push([i, 0]);
    pairs.push([20, 1]); // class 1 has one item: left out of this run
    const r = trainSetFromLabels(labels(pairs, 30), ['a', 'b', 'c']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.set.classes).toEqual(['a', 'c']);
    expect([...r.set.classMap]).toEqual([0, 2]);
    expect(r.set.counts).toEqual([5, 6]);
    expect(r.set.rows.length).toBe(11);
    expect([...r.set.y.slice(0, 6)]).toEqual([1, 1, 1, 1, 1, 1]);
    const back = expandToFull(Int32Array.from([0, 1]), Float32Array.from([0.9, 0.1, 0.3, 0.7]), r.set.classMap, 3);
    expect([...back.predicted]).toEqual([0, 2]);
    expect([...back.proba].map((v) => +v.toFixed(2))).toEqual([0.9, 0, 0.1, 0.3, 0, 0.7]);
  });

  it('does not copy when every class is trained', () => {
    const p = Int32Array.from([1, 0]);
    const q = new Float32Array(4);
    expect(expandToFull(p, q, Int32Array.from([0, 1]), 2).proba).toBe(q);
  });
});

describe('splitColumn', () => {
  const codes = new Int32Array(1000);
  for (let i = 0; i < 1000; i++) codes[i] = i % 50 === 0 ? 0 : 1; // 20 "bad", 980 "good"
  it('is stratified, disjoint, seeded', () => {
    const s = splitColumn(codes, ['bad', 'good'], { seed: 3 });
    if ('message' in s) throw new Error(s.message);
    expect(s.classes).toEqual(['bad', 'good']);
    expect(s.testRows.length).toBe(200);
    expect(s.rows.length).toBe(800);
    expect(s.counts).toEqual([16, 784]);
    expect(s.testY.filter((y) => y === 0).length).toBe(4);
    const train = new Set(s.rows);
    expect([...s.testRows].some((r) => train.has(r))).toBe(false);
    for (let i = 0; i < s.rows.length; i++) expect(codes[s.rows[i]]).toBe(s.classMap[s.y[i]]);
    const again = splitColumn(codes, ['bad', 'good'], { seed: 3 });
    if ('message' in again) throw new Error(again.message);
    expect([...again.rows]).toEqual([...s.rows]);
  });
  it('caps the training sample and keeps rare classes', () => {
    const s = splitColumn(codes, ['bad', 'good'], { maxTrain: 100 });
    if ('message' in s) throw new Error(s.message);
    expect(s.rows.length).toBeLessThanOrEqual(102);
    expect(s.counts[0]).toBeGreaterThanOrEqual(2);
  });
  it('refuses a column with one class', () => {
    expect(splitColumn(new Int32Array(10), ['x'])).toHaveProperty('message');
  });
});

describe('scores', () => {
  it('held-out accuracy, confusion and counts', () => {
    const predicted = Int32Array.from([0, 1, 1, 0, 1]);
    const s = heldOutScore(predicted, Uint32Array.from([0, 1, 2, 3]), Int32Array.from([0, 1, 0, 0]), 2);
    expect(s.acc).toBe(0.75);
    expect([...s.confusion]).toEqual([2, 1, 0, 1]);
    expect(countPredicted(predicted, 2)).toEqual([2, 3]);
  });
});
