/**
 * PR and ROC curves and the threshold index against brute force (count every threshold from
 * scratch) and against scikit-learn (tests/fixtures/sklearn/metrics.json, made by
 * scripts/fixtures/sklearn-reference.py); the sort against a comparator sort.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { argsortDesc, buildScoreIndex, confusionAt, confusionMatrix, classReport, prCurve, rocCurve, thinCurve, positiveCountsAt } from '../../../ml/metrics/index.ts';
import { mulberry32 } from '../../../ml/random.ts';

type Fixture = {
  classes: number; truth: number[]; pred: number[]; confusion: number[][]; precision: number[]; recall: number[]; f1: number[]; support: number[];
  macroF1: number; accuracyCovered: number; binaryTruth: number[]; score: number[];
  pr: { precision: number[]; recall: number[]; thresholds: number[] }; averagePrecision: number;
  roc: { fpr: number[]; tpr: number[]; thresholds: number[] }; rocAuc: number;
};
const fx = JSON.parse(readFileSync('tests/fixtures/sklearn/metrics.json', 'utf8')) as Fixture;

function randomScores(n: number, seed: number, ties: boolean) {
  const r = mulberry32(seed);
  const truth = Int32Array.from({ length: n }, () => (r() < 0.3 ? 1 : 0));
  const score = Float32Array.from(truth, (t) => { const s = Math.min(1, Math.max(0, 0.3 * t + r() * 0.7)); return ties ? Math.round(s * 20) / 20 : s; });
  return { truth, score };
}

function binaryIndex(truth: Int32Array, score: Float32Array, positive = 1) {
  const { order } = argsortDesc(score);
  return buildScoreIndex(order, score, truth, Int32Array.from(truth, () => 1 - positive), 2, positive);
}

describe('sort', () => {
  it('argsortDesc equals a stable comparator sort, NaN left out', () => {
    const r = mulberry32(3);
    const s = Float32Array.from({ length: 5000 }, (_, i) => (i % 97 === 0 ? NaN : i % 5 === 0 ? Math.round(r() * 10) - 5 : (r() - 0.5) * 1e6 * r()));
    s[7] = -0; s[8] = 0; s[9] = Infinity; s[10] = -Infinity;
    const { order, dropped } = argsortDesc(s);
    const want = [...s.keys()].filter((i) => !Number.isNaN(s[i])).sort((a, b) => s[b] - s[a] || a - b);
    expect(dropped).toBe(want.length === s.length ? 0 : s.length - want.length);
    expect(Array.from(order)).toEqual(want);
    // A subset: its rows by score (row 97 has none); 9 = +inf, then 5 = a round number, …
    const sub = Uint32Array.from([10, 3, 9, 97, 5]);
    expect(Array.from(argsortDesc(s, sub).order)).toEqual([10, 3, 9, 5].sort((a, b) => s[b] - s[a]));
  });
});

describe('curves', () => {
  it('PR and ROC against brute force, with ties', () => {
    for (const ties of [true, false]) {
      const { truth, score } = randomScores(700, ties ? 1 : 2, ties);
      const ix = binaryIndex(truth, score);
      const pr = prCurve(ix), roc = rocCurve(ix);
      const thresholds = [...new Set(score)].sort((a, b) => b - a);
      expect(Array.from(pr.threshold)).toEqual(thresholds);
      const P = truth.reduce((a, b) => a + b, 0), N = truth.length - P;
      let ap = 0, prevR = 0, auc = 0, pf = 0, pt = 0;
      thresholds.forEach((t, d) => {
        let tp = 0, fp = 0;
        for (let i = 0; i < truth.length; i++) if (score[i] >= t) { if (truth[i]) tp++; else fp++; }
        expect([pr.tp[d], pr.fp[d]]).toEqual([tp, fp]);
        expect(pr.precision[d]).toBeCloseTo(tp / (tp + fp), 12);
        ap += (tp / P - prevR) * (tp / (tp + fp));
        prevR = tp / P;
        expect(roc.fpr[d + 1]).toBeCloseTo(fp / N, 12);
        auc += ((fp / N - pf) * (tp / P + pt)) / 2;
        pf = fp / N; pt = tp / P;
        expect(positiveCountsAt(ix, t)).toEqual({ tp, fp, positives: P, predicted: tp + fp });
      });
      expect(pr.averagePrecision).toBeCloseTo(ap, 12);
      expect(roc.auc).toBeCloseTo(auc, 12);
      // AUC is also the probability that a positive outscores a negative (ties half).
      let wins = 0;
      for (let i = 0; i < truth.length; i++) if (truth[i]) for (let j = 0; j < truth.length; j++) if (!truth[j]) wins += score[i] > score[j] ? 1 : score[i] === score[j] ? 0.5 : 0;
      expect(roc.auc).toBeCloseTo(wins / (P * N), 12);
    }
  });

  it('match scikit-learn: precision_recall_curve, average_precision_score, roc_curve, roc_auc_score', () => {
    const truth = Int32Array.from(fx.binaryTruth), score = Float32Array.from(fx.score);
    const ix = binaryIndex(truth, score);
    const pr = prCurve(ix), roc = rocCurve(ix);
    expect(pr.averagePrecision).toBeCloseTo(fx.averagePrecision, 12);
    expect(roc.auc).toBeCloseTo(fx.rocAuc, 12);
    // sklearn lists thresholds ascending up to the first full-recall one, then (1, 0).
    const L = fx.pr.thresholds.length;
    for (let q = 0; q < L; q++) {
      const d = L - 1 - q; // ours: descending, all of them
      expect(pr.threshold[d]).toBe(Math.fround(fx.pr.thresholds[q]));
      expect(pr.precision[d]).toBeCloseTo(fx.pr.precision[q], 12);
      expect(pr.recall[d]).toBeCloseTo(fx.pr.recall[q], 12);
    }
    expect(Array.from(roc.fpr).map((x) => +x.toFixed(12))).toEqual(fx.roc.fpr.map((x) => +x.toFixed(12)));
    expect(Array.from(roc.tpr).map((x) => +x.toFixed(12))).toEqual(fx.roc.tpr.map((x) => +x.toFixed(12)));
    expect(Array.from(roc.threshold.subarray(1))).toEqual(fx.roc.thresholds.map(Math.fround));
  });

  it('confusion and per-class report match scikit-learn (abstain as its own column)', () => {
    const truth = Int32Array.from(fx.truth), pred = Int32Array.from(fx.pred);
    const k = fx.classes;
    expect(Array.from(confusionMatrix(truth, pred, k).counts)).toEqual(fx.confusion.flat());
    const r = classReport(truth, pred, ['a', 'b', 'c']);
    r.perClass.forEach((c, j) => {
      expect(c.precision).toBeCloseTo(fx.precision[j], 12);
      expect(c.recall).toBeCloseTo(fx.recall[j], 12);
      expect(c.f1).toBeCloseTo(fx.f1[j], 12);
      expect(c.support).toBe(fx.support[j]);
    });
    expect(r.macroF1).toBeCloseTo(fx.macroF1, 12);
    expect(r.accuracy).toBeCloseTo(fx.accuracyCovered, 12);
  });

  it('thinCurve keeps the ends, at most maxPoints, and every big move', () => {
    const { truth, score } = randomScores(20_000, 9, false);
    const pr = prCurve(binaryIndex(truth, score));
    const keep = thinCurve(pr.recall, pr.precision, 300);
    expect(keep.length).toBeLessThanOrEqual(300);
    expect(keep[0]).toBe(0);
    expect(keep[keep.length - 1]).toBe(pr.recall.length - 1);
    for (let j = 1; j < keep.length; j++) expect(keep[j]).toBeGreaterThan(keep[j - 1]);
    expect(thinCurve([0, 1], [0, 1], 300)).toEqual(Uint32Array.from([0, 1]));
  });
});

describe('threshold index', () => {
  it('confusionAt equals a full count at every threshold, multiclass one-vs-rest, with unscored rows', () => {
    const r = mulberry32(11);
    const n = 600, k = 4, positive = 2;
    const truth = Int32Array.from({ length: n }, () => Math.floor(r() * k));
    const score = Float32Array.from({ length: n }, (_, i) => (i % 50 === 0 ? NaN : Math.round(r() * 30) / 30));
    const alt = Int32Array.from({ length: n }, (_, i) => (i % 77 === 0 ? -1 : [0, 1, 3][Math.floor(r() * 3)]));
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 0);
    const { order } = argsortDesc(score, rows);
    const fixed = new Int32Array(k * (k + 1));
    for (const i of rows) if (Number.isNaN(score[i])) fixed[truth[i] * (k + 1) + k]++;
    const ix = buildScoreIndex(order, score, truth, alt, k, positive, fixed);
    for (const t of [-1, 0, 0.1, 1 / 3, 0.5, 0.7, 29 / 30, 1, 1.5]) {
      const pred = Int32Array.from(score, (s, i) => (Number.isNaN(s) ? -1 : s >= t ? positive : alt[i]));
      const mask = new Uint8Array(n);
      for (const i of rows) mask[i] = 1;
      expect(Array.from(confusionAt(ix, t).counts)).toEqual(Array.from(confusionMatrix(truth, pred, k, mask).counts));
    }
  });
});
