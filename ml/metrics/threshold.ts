/**
 * A model's scores for one positive class over a set of rows, sorted once, so that the
 * confusion matrix at any threshold is a few binary searches (the threshold slider) and the
 * PR/ROC curves are one pass (curves.ts).
 *
 * One-vs-rest: at threshold t a row is predicted positive when its score is ≥ t, otherwise it
 * gets its best other class (`alt`). For each (truth, alt) pair the index keeps the sorted
 * positions of its rows; with `a` = the number of rows scoring ≥ t (one binary search), the
 * pair's rows above t are a lower-bound search in its position list. That is O(K² log m) per
 * threshold, O(m) memory, whatever K. Rows without a score (the model abstains) and rows
 * decided elsewhere enter as a fixed part of the matrix. Everything is kept by sorted
 * position, so a sub-index (some of the rows) is built without touching the table again.
 */
import type { ConfusionMatrix } from './confusion.ts';
import { countAtLeast } from './sort.ts';

export type ScoreIndex = {
  /** Classes of the confusion matrices it returns (truth and predictions index them). */
  k: number;
  positive: number;
  /** Scored rows, by score descending (ties: ascending row). */
  order: Uint32Array;
  /** Per sorted position: score, truth class and other class (-1 = none). */
  scores: Float32Array;
  truth: Int32Array;
  alt: Int32Array;
  /** Rows of each truth class among the scored rows. */
  support: Int32Array;
  /** Per (truth t, alt a) pair, id t·(k+1)+a: positions pairPos[pairStart[id] .. pairStart[id+1]). */
  pairStart: Int32Array;
  pairPos: Int32Array;
  /** k×(k+1) counts added to every matrix (unscored rows, rows decided by rules). */
  fixed: Int32Array;
};

/** The index of already-sorted rows: per sorted position, score, truth and alt. */
export function indexSorted(order: Uint32Array, scores: Float32Array, truth: Int32Array, alt: Int32Array, k: number, positive: number, fixed?: Int32Array): ScoreIndex {
  const m = order.length, w = k + 1;
  if (!(positive >= 0 && positive < k)) throw new RangeError(`positive class ${positive} is not one of ${k} classes`);
  if (fixed && fixed.length !== k * w) throw new RangeError(`fixed counts have ${fixed.length} cells, expected ${k * w}`);
  const support = new Int32Array(k), pairStart = new Int32Array(k * w + 1), pairOf = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const t = truth[j], a = alt[j];
    if (!(t >= 0 && t < k)) throw new RangeError(`row ${order[j]} has truth ${t}: only rows with a reference label can be indexed`);
    support[t]++;
    const id = t * w + (a >= 0 && a < k ? a : k);
    pairOf[j] = id;
    pairStart[id + 1]++;
  }
  for (let id = 0; id < k * w; id++) pairStart[id + 1] += pairStart[id];
  const fill = pairStart.slice(0, k * w);
  const pairPos = new Int32Array(m);
  for (let j = 0; j < m; j++) pairPos[fill[pairOf[j]]++] = j; // ascending within each pair
  return { k, positive, order, scores, truth, alt, support, pairStart, pairPos, fixed: fixed ? fixed.slice() : new Int32Array(k * w) };
}

/**
 * Builds the index from rows already sorted by `score` descending (sort.ts). `truth` and `alt`
 * are per table row (alt -1 = no other class: the model abstains below the threshold).
 */
export function buildScoreIndex(order: Uint32Array, score: Float32Array, truth: Int32Array, alt: Int32Array, k: number, positive: number, fixed?: Int32Array): ScoreIndex {
  const m = order.length;
  const S = new Float32Array(m), T = new Int32Array(m), A = new Int32Array(m);
  for (let j = 0; j < m; j++) { const i = order[j]; S[j] = score[i]; T[j] = truth[i]; A[j] = alt[i]; }
  return indexSorted(order, S, T, A, k, positive, fixed);
}

/** The index over some of `ix`'s sorted positions (ascending), with its own fixed part. */
export function subIndex(ix: ScoreIndex, positions: Int32Array, fixed?: Int32Array): ScoreIndex {
  const m = positions.length;
  const order = new Uint32Array(m), S = new Float32Array(m), T = new Int32Array(m), A = new Int32Array(m);
  for (let q = 0; q < m; q++) { const j = positions[q]; order[q] = ix.order[j]; S[q] = ix.scores[j]; T[q] = ix.truth[j]; A[q] = ix.alt[j]; }
  return indexSorted(order, S, T, A, ix.k, ix.positive, fixed);
}

/** The same rows in a larger class list (classes k.. are new and empty). */
export function widenIndex(ix: ScoreIndex, k: number): ScoreIndex {
  if (k === ix.k) return ix;
  const w = k + 1, v = ix.k + 1, fixed = new Int32Array(k * w);
  for (let t = 0; t < ix.k; t++) {
    for (let p = 0; p < ix.k; p++) fixed[t * w + p] = ix.fixed[t * v + p];
    fixed[t * w + k] = ix.fixed[t * v + ix.k];
  }
  const alt = Int32Array.from(ix.alt, (a) => (a >= 0 && a < ix.k ? a : -1));
  return indexSorted(ix.order, ix.scores, ix.truth, alt, k, ix.positive, fixed);
}

/** First index in a[lo..hi) whose value is ≥ p. */
function lowerBound(a: Int32Array, lo: number, hi: number, p: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < p) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Rows (of the index) scoring ≥ t. */
export const aboveThreshold = (ix: ScoreIndex, t: number): number => countAtLeast(ix.scores, t);

/** Adds the index's confusion at threshold t (score ≥ t → positive, else the other class) to `counts`. */
export function addConfusionAt(ix: ScoreIndex, t: number, counts: Int32Array, sign = 1): Int32Array {
  const { k, positive } = ix, w = k + 1;
  for (let q = 0; q < ix.fixed.length; q++) counts[q] += sign * ix.fixed[q];
  const above = aboveThreshold(ix, t);
  for (let tr = 0; tr < k; tr++) {
    if (ix.support[tr] === 0) continue;
    for (let a = 0; a <= k; a++) {
      const id = tr * w + a, s = ix.pairStart[id], e = ix.pairStart[id + 1];
      if (s === e) continue;
      const up = lowerBound(ix.pairPos, s, e, above) - s;
      counts[tr * w + positive] += sign * up;
      counts[tr * w + a] += sign * (e - s - up);
    }
  }
  return counts;
}

/** The confusion matrix at threshold t. */
export function confusionAt(ix: ScoreIndex, t: number): ConfusionMatrix {
  return { k: ix.k, counts: addConfusionAt(ix, t, new Int32Array(ix.fixed.length)), unlabeled: 0 };
}

/** Positive-class counts at threshold t among the index's scored rows (no fixed part). */
export function positiveCountsAt(ix: ScoreIndex, t: number): { tp: number; fp: number; positives: number; predicted: number } {
  const above = aboveThreshold(ix, t);
  const { k, positive } = ix, w = k + 1;
  let tp = 0;
  for (let a = 0; a <= k; a++) {
    const id = positive * w + a, s = ix.pairStart[id], e = ix.pairStart[id + 1];
    tp += lowerBound(ix.pairPos, s, e, above) - s;
  }
  return { tp, fp: above - tp, positives: ix.support[positive], predicted: above };
}
