import { beforeAll, describe, expect, it } from 'vitest';
import { balancedWeights, resolveValidation, stratifiedFolds, stratifiedHoldout } from '../../../ml/train/validation.ts';
import { initBackend } from '../../../ml/train/backend.node.ts';
import { LogisticRegression } from '../../../ml/train/logreg.ts';
import { DenseHead } from '../../../ml/train/head.ts';
import { gaussianBlobs } from '../../../ml/train/synthetic.ts';

const y = Int32Array.from({ length: 60 }, (_, i) => (i < 40 ? 0 : i < 55 ? 1 : 2));

describe('validation splits', () => {
  it('auto picks hold-out with ≥10 labels per class, k-fold with fewer, none with 1', () => {
    expect(resolveValidation('auto', y.subarray(0, 55), 3)).toBe('holdout');
    expect(resolveValidation('auto', y, 3)).toBe('kfold');
    expect(resolveValidation('auto', Int32Array.of(0, 0, 1), 2)).toBe('none');
  });

  it('hold-out is stratified, disjoint, covers every row and is seeded', () => {
    const s = stratifiedHoldout(y, 3, 1);
    expect(s.train.length + s.val.length).toBe(60);
    expect(new Set([...s.train, ...s.val]).size).toBe(60);
    const valCounts = [0, 0, 0];
    for (const i of s.val) valCounts[y[i]]++;
    expect(valCounts).toEqual([8, 3, 1]);
    expect(stratifiedHoldout(y, 3, 1)).toEqual(s);
    expect(stratifiedHoldout(y, 3, 2).val).not.toEqual(s.val);
  });

  it('k folds partition the rows and each fold sees every class with enough members', () => {
    const folds = stratifiedFolds(y, 3, 5, 3);
    const seen = new Uint8Array(60);
    for (const f of folds) {
      for (const i of f.val) seen[i]++;
      expect(f.train.length + f.val.length).toBe(60);
      expect(new Set(Array.from(f.val, (i) => y[i])).has(0)).toBe(true);
    }
    expect(Array.from(seen).every((c) => c === 1)).toBe(true);
  });

  it('balanced weights follow n / (classes × count)', () => {
    expect(Array.from(balancedWeights(Int32Array.of(0, 0, 0, 1), 3))).toEqual([Math.fround(4 / 6), 2, 0]);
  });
});

describe('LogisticRegression', () => {
  beforeAll(async () => void (await initBackend()));
  it('separates blobs, round-trips JSON, and is beaten by nothing silly', async () => {
    const dim = 16;
    const { x, y: labels } = gaussianBlobs({ n: 400, dim, classes: 3, separation: 6, seed: 11 });
    const lr = new LogisticRegression({ seed: 1, epochs: 40 });
    await lr.fit({ data: x.subarray(0, 100 * dim), dim }, labels.slice(0, 100), ['a', 'b', 'c']);
    const pred = lr.predict({ data: x, dim });
    let ok = 0;
    for (let i = 100; i < 400; i++) ok += pred[i] === labels[i] ? 1 : 0;
    expect(ok / 300).toBeGreaterThan(0.9);
    const back = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(lr.toJSON())));
    expect(back.predictProba({ data: x, dim })).toEqual(lr.predictProba({ data: x, dim }));
    expect(() => DenseHead.fromJSON(lr.toJSON() as never)).toThrow(/Not a dense head/);
  });
});
