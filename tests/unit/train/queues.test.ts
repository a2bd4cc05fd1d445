import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_QUEUE, QUEUE_STRATEGIES, labelDisagreements, labelNext, modelRuleDisagreements, smallestK, smallestMargin, uncertaintyKey, type LabelNextInput, type QueueStrategy } from '../../../ml/train/queues.ts';
import { kmeans } from '../../../ml/train/kmeans.ts';
import { scoresFrom } from '../../../ml/train/predict.ts';
import { gaussian, mulberry32 } from '../../../ml/random.ts';

const STRATEGIES = Object.keys(QUEUE_STRATEGIES) as QueueStrategy[];

/** The reference order: every unskipped row, sorted by key (NaN last), ties by row. */
function fullSort(key: ArrayLike<number>, skip: Uint8Array | null): number[] {
  const rows = Array.from({ length: key.length }, (_, i) => i).filter((i) => !skip || !skip[i]);
  const k = (i: number) => (Number.isNaN(key[i]) ? Infinity : key[i]);
  return rows.sort((a, b) => (Number.isNaN(key[a]) !== Number.isNaN(key[b]) ? (Number.isNaN(key[a]) ? 1 : -1) : k(a) - k(b) || a - b));
}

describe('smallestK', () => {
  it('is the prefix of a full sort (ties by row, NaN last, masked rows skipped) for any keys', () => {
    const keyArb = fc.array(fc.oneof(fc.constantFrom(0, 0.1, 0.5, NaN), fc.float({ min: 0, max: 1, noNaN: true })), { maxLength: 60 });
    fc.assert(
      fc.property(keyArb, fc.nat(70), fc.integer(), (values, k, maskSeed) => {
        const key = Float32Array.from(values);
        const r = mulberry32(maskSeed);
        const skip = Uint8Array.from(values, () => (r() < 0.3 ? 1 : 0));
        expect(Array.from(smallestK(key, skip, k))).toEqual(fullSort(key, skip).slice(0, k));
        expect(Array.from(smallestK(key, null, k))).toEqual(fullSort(key, null).slice(0, k));
      }),
    );
  });
  it('smallestMargin keeps the old queue: ascending margin, ties by row, NaN last, at most k', () => {
    const margin = Float32Array.of(0.5, 0.1, 0.9, 0.1, NaN, 0.05, 0.3);
    const labelled = Uint8Array.of(0, 0, 0, 0, 0, 1, 0);
    expect(Array.from(smallestMargin(margin, labelled, 10))).toEqual([1, 3, 6, 0, 2, 4]);
    expect(Array.from(smallestMargin(margin, labelled, 2))).toEqual([1, 3]);
    expect(Array.from(smallestMargin(margin, null, 1))).toEqual([5]);
    expect(() => smallestMargin(new Float32Array(3), new Uint8Array(2), 1)).toThrow(/mask of 2/);
  });
});

/** Hand-made 3-class rows on which the three uncertainty orders all differ. */
const P3 = Float32Array.of(
  0.5, 0.5, 0, //   row 0: top 0.50, margin 0.00, entropy 0.693
  0.4, 0.35, 0.25, // row 1: top 0.40, margin 0.05, entropy 1.081
  0.45, 0.45, 0.1, // row 2: top 0.45, margin 0.00, entropy 0.948
  0.34, 0.33, 0.33, // row 3: top 0.34, margin 0.01, entropy 1.099
  0.9, 0.05, 0.05, // row 4: top 0.90, margin 0.85, entropy 0.394
);

describe('labelNext: the uncertainty strategies are distinct definitions', () => {
  const input = (labelled: Uint8Array | null = null): LabelNextInput => ({ ...scoresFrom(P3, 3), labelled });
  it('least confident = lowest top-1, smallest margin = smallest top-1 − top-2, entropy = flattest', () => {
    expect(Array.from(labelNext('least-confident', input(), 5))).toEqual([3, 1, 2, 0, 4]);
    expect(Array.from(labelNext('smallest-margin', input(), 5))).toEqual([0, 2, 3, 1, 4]);
    expect([3, 1, 2, 0, 4].map(entropy).every((h, i, hs) => i === 0 || hs[i - 1] > h)).toBe(true);
    expect(Array.from(labelNext('entropy', input(), 5))).toEqual([3, 1, 2, 0, 4]);
    expect(Array.from(labelNext('least-confident', input(Uint8Array.of(0, 0, 0, 1, 0)), 2))).toEqual([1, 2]);
  });
  it('with two classes all three give the same order (each is monotone in top-1)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 40 }), (thousandths) => {
        const proba = Float32Array.from(thousandths.flatMap((t) => [t / 1000, 1 - t / 1000]));
        const s = { ...scoresFrom(proba, 2), labelled: null };
        const lc = Array.from(labelNext('least-confident', s, 40));
        // Distinct top-1 values can still round to one float32 margin; compare where they do not.
        const margins = new Set(Array.from(s.margin));
        if (margins.size === thousandths.length) expect(Array.from(labelNext('smallest-margin', s, 40))).toEqual(lc);
        expect(Array.from(labelNext('entropy', s, 40))).toEqual(lc);
      }),
    );
  });
  it('uncertaintyKey rejects probabilities that do not fit the rows', () => {
    expect(() => uncertaintyKey('entropy', new Float32Array(7), 3)).toThrow(/7 probabilities for 3 rows/);
  });
});

function entropy(row: number): number {
  let h = 0;
  for (let c = 0; c < 3; c++) if (P3[row * 3 + c] > 0) h -= P3[row * 3 + c] * Math.log(P3[row * 3 + c]);
  return h;
}

/**
 * A planted pool: `groups` tight blobs in `dim`-d, 30 items each, three classes. Margins are
 * random, but blob 0's items are the most uncertain of all (a confusion the model keeps
 * making on near-duplicates), so the smallest-margin batch is 20 copies of one question.
 */
function planted(seed: number, groups = 20, dim = 32) {
  const r = mulberry32(seed);
  const per = 30;
  const n = groups * per;
  const centres = Float32Array.from({ length: groups * dim }, () => 10 * gaussian(r));
  const x = new Float32Array(n * dim);
  const group = new Int32Array(n);
  const proba = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const g = i % groups; // blobs interleaved, so row order says nothing about the blob
    group[i] = g;
    for (let d = 0; d < dim; d++) x[i * dim + d] = centres[g * dim + d] + 0.3 * gaussian(r);
    const m = g === 0 ? 0.02 * r() : 0.05 + 0.75 * r();
    // top − second = m, with the third class below the second.
    const top = ((1 + 2 * m) / 3 + (1 + m) / 2) / 2;
    proba.set([top, top - m, 1 - 2 * top + m], i * 3);
  }
  return { x, dim, group, n, ...scoresFrom(proba, 3) };
}

const covered = (rows: Uint32Array, group: Int32Array) => new Set(Array.from(rows, (i) => group[i])).size;

describe('labelNext: margin + diversity', () => {
  it('a batch covers more planted blobs than the smallest-margin batch, and starts with the most uncertain item', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const p = planted(seed);
        const labelled = new Uint8Array(p.n);
        const input: LabelNextInput = { proba: p.proba, margin: p.margin, labelled, embedding: { x: p.x, dim: p.dim }, seed, batch: 20, poolFactor: 10 };
        const byMargin = labelNext('smallest-margin', input, 20);
        const diverse = labelNext('margin-diversity', input, 20);
        expect(covered(byMargin, p.group)).toBe(1);
        expect(covered(diverse, p.group)).toBeGreaterThanOrEqual(15);
        expect(diverse[0]).toBe(byMargin[0]);
      }),
      { numRuns: 20 },
    );
  });
  it('is a deterministic queue of distinct unlabelled rows; a longer queue keeps the batch as its head', () => {
    const p = planted(7);
    const labelled = Uint8Array.from({ length: p.n }, (_, i) => (i % 7 === 0 ? 1 : 0));
    const input: LabelNextInput = { proba: p.proba, margin: p.margin, labelled, embedding: { x: p.x, dim: p.dim }, seed: 3 };
    const q = labelNext('margin-diversity', input, 250);
    expect(q.length).toBe(250);
    expect(new Set(q).size).toBe(250);
    expect(Array.from(q).some((i) => labelled[i])).toBe(false);
    expect(Array.from(labelNext('margin-diversity', input, 250))).toEqual(Array.from(q));
    expect(Array.from(labelNext('margin-diversity', input, 20))).toEqual(Array.from(q.subarray(0, 20)));
    const unlabelled = p.n - labelled.reduce((a, b) => a + b, 0);
    expect(labelNext('margin-diversity', input, 10_000).length).toBe(unlabelled);
  });
  it('measures distance after the model\'s standardiser: an unscaled noisy dimension would hide the blobs', () => {
    const p = planted(11, 20, 8);
    const dim = p.dim + 1;
    const x = new Float32Array(p.n * dim);
    const r = mulberry32(5);
    for (let i = 0; i < p.n; i++) {
      x.set(p.x.subarray(i * p.dim, (i + 1) * p.dim), i * dim);
      x[i * dim + p.dim] = 1e4 * gaussian(r); // a loud dimension that carries nothing
    }
    const mean = new Float32Array(dim);
    const std = new Float32Array(dim).fill(1);
    std[p.dim] = 1e4;
    const input: LabelNextInput = { proba: p.proba, margin: p.margin, labelled: null, seed: 1 };
    const scaled = labelNext('margin-diversity', { ...input, embedding: { x, dim, scaler: { mean, std } } }, 20);
    const raw = labelNext('margin-diversity', { ...input, embedding: { x, dim } }, 20);
    expect(covered(scaled, p.group)).toBeGreaterThanOrEqual(15);
    expect(covered(scaled, p.group)).toBeGreaterThan(covered(raw, p.group));
  });
  it('says what is missing or does not fit', () => {
    const p = planted(1);
    const base: LabelNextInput = { proba: p.proba, margin: p.margin, labelled: null };
    expect(() => labelNext('margin-diversity', base, 5)).toThrow(/needs the embedding/);
    expect(() => labelNext('margin-diversity', { ...base, embedding: { x: new Float32Array(10 * p.dim), dim: p.dim } }, 5)).toThrow(/10 rows but there are 600/);
    expect(() => labelNext('smallest-margin', { ...base, labelled: new Uint8Array(3) }, 5)).toThrow(/mask of 3/);
  });
});

describe('labelNext: random and every strategy', () => {
  it('random draws distinct unlabelled rows, the same for a seed, different for another', () => {
    const p = planted(2);
    const labelled = Uint8Array.from({ length: p.n }, (_, i) => (i < 300 ? 1 : 0));
    const a = labelNext('random', { ...p, labelled, seed: 1 }, 50);
    expect(new Set(a).size).toBe(50);
    expect(Array.from(a).every((i) => i >= 300)).toBe(true);
    expect(Array.from(labelNext('random', { ...p, labelled, seed: 1 }, 50))).toEqual(Array.from(a));
    expect(Array.from(labelNext('random', { ...p, labelled, seed: 2 }, 50))).not.toEqual(Array.from(a));
  });
  it('every strategy returns min(k, unlabelled) distinct unlabelled rows; the default is one of them', () => {
    expect(STRATEGIES).toContain(DEFAULT_QUEUE);
    const p = planted(3);
    const labelled = Uint8Array.from({ length: p.n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    for (const s of STRATEGIES) {
      for (const k of [0, 1, 20, 1000]) {
        const q = labelNext(s, { ...p, labelled, embedding: { x: p.x, dim: p.dim } }, k);
        expect(q.length, `${s} k=${k}`).toBe(Math.min(k, 400));
        expect(new Set(q).size).toBe(q.length);
        expect(Array.from(q).some((i) => labelled[i])).toBe(false);
      }
    }
  });
});

describe('kmeans', () => {
  it('recovers well-separated blobs exactly and is the same for a seed', () => {
    const p = planted(9, 6, 4);
    const { assign, k } = kmeans(p.x, p.dim, 6, 1);
    expect(k).toBe(6);
    // Each blob maps to one cluster and no two blobs share one.
    const toCluster = new Map<number, number>();
    for (let i = 0; i < p.n; i++) {
      if (!toCluster.has(p.group[i])) toCluster.set(p.group[i], assign[i]);
      expect(assign[i]).toBe(toCluster.get(p.group[i]));
    }
    expect(new Set(toCluster.values()).size).toBe(6);
    expect(Array.from(kmeans(p.x, p.dim, 6, 1).assign)).toEqual(Array.from(assign));
  });
  it('uses no more clusters than there are distinct points', () => {
    const x = Float32Array.of(1, 1, 1, 1, 5, 5, 5, 5, 1, 1);
    const r = kmeans(x, 2, 4, 0);
    expect(r.k).toBe(2);
    expect(Array.from(r.assign)).toEqual([r.assign[0], r.assign[0], r.assign[2], r.assign[2], r.assign[0]]);
    expect(r.assign[0]).not.toBe(r.assign[2]);
  });
});

describe('labelDisagreements', () => {
  it('lists labelled rows the model predicts differently, most confident first when given', () => {
    const predicted = Int32Array.of(0, 1, 1, 0, 2, 2);
    const human = Int32Array.of(0, 0, -1, 1, 1, 2);
    expect(Array.from(labelDisagreements(predicted, human))).toEqual([1, 3, 4]);
    const conf = Float32Array.of(0.9, 0.2, 0.9, 0.8, 0.5, 0.1);
    expect(Array.from(labelDisagreements(predicted, human, conf))).toEqual([3, 4, 1]);
  });
});

describe('modelRuleDisagreements', () => {
  it('matches classes by name, skips abstentions, counts unknown rule classes as disagreement', () => {
    const classes = ['ham', 'spam'];
    const ruleClasses = ['spam', 'ham', 'phish'];
    const predicted = Int32Array.of(1, 1, 0, 0, 1);
    const rulePred = Int32Array.of(0, 1, -1, 0, 2);
    expect(Array.from(modelRuleDisagreements(predicted, classes, rulePred, ruleClasses))).toEqual([1, 3, 4]);
    const conf = Float32Array.of(0, 0.1, 0, 0.7, 0.4);
    expect(Array.from(modelRuleDisagreements(predicted, classes, rulePred, ruleClasses, conf))).toEqual([3, 4, 1]);
  });
  it('rejects a rule class index out of range', () => {
    expect(() => modelRuleDisagreements(Int32Array.of(0), ['a'], Int32Array.of(3), ['a'])).toThrow(/rule class 3/);
  });
});

describe('labelNext: rows without an answer', () => {
  it('puts rows with NaN probabilities last under every uncertainty strategy', () => {
    const proba = Float32Array.of(0.6, 0.4, NaN, NaN, 0.9, 0.1);
    const s = { ...scoresFrom(proba, 2), labelled: null };
    for (const strategy of ['least-confident', 'smallest-margin', 'entropy'] as const) expect(Array.from(labelNext(strategy, s, 3)), strategy).toEqual([0, 2, 1]);
  });
});
