/**
 * Precision–recall and ROC curves of the positive class, one pass over a ScoreIndex (one
 * point per distinct score), with average precision and ROC AUC defined as scikit-learn does
 * (average_precision_score: Σ (Rₙ − Rₙ₋₁)·Pₙ; roc_auc_score: trapezoids). `thinCurve` picks
 * the points worth drawing when there are 100k of them.
 */
import type { ScoreIndex } from './threshold.ts';

export type PrCurve = {
  /** Per point, threshold descending (recall ascending): predict positive when score ≥ threshold. */
  threshold: Float32Array;
  precision: Float64Array;
  recall: Float64Array;
  tp: Int32Array;
  fp: Int32Array;
  /** Rows of the positive class / all rows the curve is on. */
  positives: number;
  total: number;
  /** Null when there are no positives (recall is undefined). */
  averagePrecision: number | null;
};

export type RocCurve = {
  /** Starts at (0, 0) with threshold +Infinity (nothing predicted positive). */
  threshold: Float32Array;
  fpr: Float64Array;
  tpr: Float64Array;
  /** Null unless both classes occur. */
  auc: number | null;
};

/** Cumulative (tp, fp) at each distinct score, descending. */
function steps(ix: ScoreIndex): { threshold: Float32Array; tp: Int32Array; fp: Int32Array } {
  const { scores, truth, positive } = ix;
  const m = scores.length;
  let distinct = 0;
  for (let j = 0; j < m; j++) if (j === m - 1 || scores[j + 1] !== scores[j]) distinct++;
  const threshold = new Float32Array(distinct), tp = new Int32Array(distinct), fp = new Int32Array(distinct);
  let p = 0, n = 0, d = 0;
  for (let j = 0; j < m; j++) {
    if (truth[j] === positive) p++; else n++;
    if (j === m - 1 || scores[j + 1] !== scores[j]) { threshold[d] = scores[j]; tp[d] = p; fp[d] = n; d++; }
  }
  return { threshold, tp, fp };
}

type Steps = ReturnType<typeof steps>;

function pr(ix: ScoreIndex, s: Steps): PrCurve {
  const { threshold, tp, fp } = s;
  const P = ix.support[ix.positive];
  const L = threshold.length;
  const precision = new Float64Array(L), recall = new Float64Array(L);
  let ap = 0, prevR = 0;
  for (let d = 0; d < L; d++) {
    precision[d] = tp[d] / (tp[d] + fp[d]);
    recall[d] = P > 0 ? tp[d] / P : 0;
    ap += (recall[d] - prevR) * precision[d];
    prevR = recall[d];
  }
  return { threshold, precision, recall, tp, fp, positives: P, total: ix.scores.length, averagePrecision: P > 0 ? ap : null };
}

function roc(ix: ScoreIndex, s: Steps): RocCurve {
  const P = ix.support[ix.positive], N = ix.scores.length - P;
  const L = s.threshold.length + 1;
  const threshold = new Float32Array(L), fpr = new Float64Array(L), tpr = new Float64Array(L);
  threshold[0] = Infinity;
  let auc = 0;
  for (let d = 1; d < L; d++) {
    threshold[d] = s.threshold[d - 1];
    fpr[d] = N > 0 ? s.fp[d - 1] / N : 0;
    tpr[d] = P > 0 ? s.tp[d - 1] / P : 0;
    auc += ((fpr[d] - fpr[d - 1]) * (tpr[d] + tpr[d - 1])) / 2;
  }
  return { threshold, fpr, tpr, auc: P > 0 && N > 0 ? auc : null };
}

export const prCurve = (ix: ScoreIndex): PrCurve => pr(ix, steps(ix));
export const rocCurve = (ix: ScoreIndex): RocCurve => roc(ix, steps(ix));

/** Both curves from one pass over the index. */
export function curves(ix: ScoreIndex): { pr: PrCurve; roc: RocCurve } {
  const s = steps(ix);
  return { pr: pr(ix, s), roc: roc(ix, s) };
}

/**
 * Indices of at most `maxPoints` points of a curve worth drawing: the first and last, and
 * every point at least a step away (L∞, in the curve's units) from the last one kept. The step
 * grows until the points fit, so shape and extremes survive while a dense run collapses.
 */
export function thinCurve(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints = 512): Uint32Array {
  const L = x.length;
  if (L <= maxPoints) return Uint32Array.from({ length: L }, (_, i) => i);
  const keep = new Uint32Array(L);
  for (let step = 1 / maxPoints; ; step *= 1.5) {
    let k = 0, lx = x[0], ly = y[0];
    keep[k++] = 0;
    for (let i = 1; i < L - 1; i++) {
      if (Math.abs(x[i] - lx) >= step || Math.abs(y[i] - ly) >= step) { keep[k++] = i; lx = x[i]; ly = y[i]; }
    }
    keep[k++] = L - 1;
    if (k <= maxPoints) return keep.slice(0, k);
  }
}
