/**
 * Axes ranked by how well each column separates the label, for tables too wide to look at
 * every axis (166 columns in one real table). One score for every kind of column, so numeric
 * and categorical columns rank on one list:
 *
 *   score = max over classes c of the one-vs-rest Gini, 2·AUC_c − 1 (0 = no better than
 *   chance, 1 = the column alone sorts class c from the rest perfectly).
 *
 * - Numeric: AUC_c of the value itself (ties count ½), either direction (|2·AUC − 1|), so the
 *   score is unchanged by any monotone transform (log Amount scores as Amount). A pair in which
 *   one value is missing counts as a tie: the score shrinks by the share of class-c/other pairs
 *   that have both values, so a column that is 95% missing cannot rank first on what is left.
 *   (AUC sees order only: a class that sits in the middle of a range shows up weakly.)
 * - Categorical: AUC_c of the category's class-c rate (missing is a category of its own), with
 *   each row's rate learnt from the other half of the rows (two seeded folds, rates shrunk
 *   toward the overall rate by one pseudo-row) — in-sample rates would give an id column a
 *   perfect 1; out of fold, categories never seen in the other half say nothing, so it scores 0.
 *   Only 2·AUC − 1 ≥ 0 counts: a rate that predicts worse than chance out of fold is noise.
 * With two classes both classes have the same score; the minority class (the usual target)
 * is reported. Never ranks the label or columns marked "not a feature" (featureColumnNames).
 * Exact, and O(n) per column: numeric columns are radix-sorted on their float bits.
 */
import { featureColumnNames, type FeatureRoles } from '../table/label.ts';
import { findColumn, type CategoricalColumn, type NumericColumn, type Table } from '../table/types.ts';
import { labelCodes, labelValues } from './labels.ts';
import { radixSort } from './radix.ts';

export type AxisSeparation = {
  column: string;
  kind: 'numeric' | 'categorical';
  /** 0..1, see the file comment; comparable across kinds. */
  score: number;
  /** The class this column separates best (null when it separates none). */
  bestClass: string | null;
  /**
   * One-vs-rest AUC for bestClass, missing pairs counted as ties. Numeric: > 0.5 means higher
   * values are more often bestClass. Categorical: out of fold, ≥ 0.5 when it counts.
   */
  auc: number;
  /** Labelled rows with no value in this column. */
  missing: number;
};

/** The label as class codes (-1 = no label) plus per-class counts. */
type Labels = { y: Int32Array; classes: string[]; counts: Float64Array; n: number; evaluate: number[] };

function labelsOf(table: Table, label: string): Labels {
  const classes = labelValues(table, label);
  const y = labelCodes(table, label, classes);
  const counts = new Float64Array(classes.length);
  let n = 0;
  for (let i = 0; i < y.length; i++) if (y[i] >= 0) { counts[y[i]]++; n++; }
  const present = classes.map((_, c) => c).filter((c) => counts[c] > 0 && counts[c] < n);
  // Two classes: one AUC is 1 minus the other; report the minority class.
  const evaluate = present.length === 2 ? [counts[present[0]] < counts[present[1]] ? present[0] : present[1]] : present;
  return { y, classes, counts, n, evaluate };
}

/** Order-preserving uint32 of float32 bits (−0 as +0): unsigned order is numeric order. */
function sortableKey(bits: number): number {
  const b = bits === 0x80000000 ? 0 : bits;
  return b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
}

/**
 * Mann–Whitney U per class over rows in ascending key order: for each row of class c, the
 * rows of other classes below it, plus ½ for each one tied with it.
 */
function uStatistics(keys: Uint32Array, cls: Int32Array, k: number): Float64Array {
  const u = new Float64Array(k);
  const below = new Float64Array(k);
  const inRun = new Float64Array(k);
  const m = keys.length;
  for (let i = 0; i < m; ) {
    let j = i + 1;
    while (j < m && keys[j] === keys[i]) j++;
    if (j === i + 1) {
      const c = cls[i];
      u[c] += i - below[c];
      below[c]++;
    } else {
      for (let t = i; t < j; t++) inRun[cls[t]]++;
      const size = j - i;
      for (let t = i; t < j; t++) {
        const c = cls[t];
        const r = inRun[c];
        if (r === 0) continue; // this class of the run is counted already
        u[c] += r * (i - below[c]) + 0.5 * r * (size - r);
        below[c] += r;
        inRun[c] = 0;
      }
    }
    i = j;
  }
  return u;
}

/**
 * One-vs-rest AUC of a numeric column for every class (y = class per row, -1 = unlabelled
 * and left out): P(value of a class-c row > value of another row) + ½ P(equal), where a
 * pair with a missing value counts as equal. NaN for a class with no rows, or all of them.
 */
export function oneVsRestAuc(values: Float32Array, y: Int32Array, k: number): Float64Array {
  if (values.length !== y.length) throw new Error(`oneVsRestAuc: ${values.length} values but ${y.length} labels`);
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const counts = new Float64Array(k);
  let n = 0;
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    if (y[i] < 0) continue;
    counts[y[i]]++;
    n++;
    if (values[i] === values[i]) m++;
  }
  const keys = new Uint32Array(m);
  const cls = new Int32Array(m);
  const present = new Float64Array(k);
  for (let i = 0, w = 0; i < values.length; i++) {
    if (y[i] < 0 || values[i] !== values[i]) continue;
    keys[w] = sortableKey(bits[i]);
    cls[w++] = y[i];
    present[y[i]]++;
  }
  radixSort(keys, cls);
  const u = uStatistics(keys, cls, k);
  const auc = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const P = counts[c];
    const N = n - P;
    // Pairs with a missing value are ties: ½ each.
    auc[c] = P > 0 && N > 0 ? (u[c] + 0.5 * (P * N - present[c] * (m - present[c]))) / (P * N) : NaN;
  }
  return auc;
}

function numericSeparation(col: NumericColumn, L: Labels): { score: number; best: number; auc: number; missing: number } {
  const auc = oneVsRestAuc(col.values, L.y, L.classes.length);
  let best = { score: 0, best: -1, auc: 0.5 };
  for (const c of L.evaluate) {
    const score = Math.abs(2 * auc[c] - 1);
    if (score > best.score) best = { score, best: c, auc: auc[c] };
  }
  let missing = 0;
  for (let i = 0; i < L.y.length; i++) if (L.y[i] >= 0 && col.values[i] !== col.values[i]) missing++;
  return { ...best, missing };
}

/** The fold (0/1) of row i for categorical rates: fixed, and unrelated to row order (a murmur3 finaliser of the index). */
export function separationFold(i: number): number {
  let h = Math.imul(i ^ 0x2545f491, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 1;
}

function categoricalSeparation(col: CategoricalColumn, L: Labels): { score: number; best: number; auc: number; missing: number } {
  const k = L.classes.length;
  const slots = col.dictionary.length + 1; // the last slot holds missing values
  const cnt = new Float64Array(2 * slots * k); // [fold][slot][class]
  const tot = new Float64Array(2 * slots);
  let missing = 0;
  for (let i = 0; i < L.y.length; i++) {
    const c = L.y[i];
    if (c < 0) continue;
    const code = col.codes[i];
    const s = code >= 0 && code < slots - 1 ? code : slots - 1;
    if (s === slots - 1) missing++;
    const g = separationFold(i) * slots + s;
    tot[g]++;
    cnt[g * k + c]++;
  }
  const groups: number[] = [];
  for (let g = 0; g < 2 * slots; g++) if (tot[g] > 0) groups.push(g);
  const rate = new Float64Array(2 * slots);
  let best = { score: 0, best: -1, auc: 0.5 };
  for (const c of L.evaluate) {
    const prior = L.counts[c] / L.n;
    for (const g of groups) {
      const other = (g < slots ? slots : -slots) + g; // the same category in the other fold
      rate[g] = (cnt[other * k + c] + prior) / (tot[other] + 1);
    }
    const ordered = groups.slice().sort((x, y) => rate[x] - rate[y] || x - y);
    // U for class c: its rows in each group against the other rows with a lower rate, ½ for equal rates.
    let u = 0;
    let belowPos = 0;
    let belowAll = 0;
    for (let i = 0; i < ordered.length; ) {
      let j = i;
      let pos = 0;
      let size = 0;
      for (; j < ordered.length && rate[ordered[j]] === rate[ordered[i]]; j++) {
        pos += cnt[ordered[j] * k + c];
        size += tot[ordered[j]];
      }
      u += pos * (belowAll - belowPos) + 0.5 * pos * (size - pos);
      belowPos += pos;
      belowAll += size;
      i = j;
    }
    const P = L.counts[c];
    const auc = u / (P * (L.n - P));
    const score = Math.max(0, 2 * auc - 1);
    if (score > best.score) best = { score, best: c, auc };
  }
  return { ...best, missing };
}

/**
 * Every feature column (featureColumnNames: not the label, not "not a feature", not text),
 * best separating first; equal scores keep the table's column order.
 */
export function rankBySeparation(table: Table, roles: FeatureRoles): AxisSeparation[] {
  if (!roles.label) throw new Error('rank axes: choose a label column first');
  const L = labelsOf(table, roles.label);
  const out: AxisSeparation[] = [];
  for (const name of featureColumnNames(table, roles)) {
    const col = findColumn(table, name);
    if (!col || col.type === 'text') continue;
    const r = col.type === 'numeric' ? numericSeparation(col, L) : categoricalSeparation(col, L);
    out.push({ column: name, kind: col.type, score: r.score, bestClass: r.best >= 0 ? L.classes[r.best] : null, auc: r.auc, missing: r.missing });
  }
  return out.map((s, i) => ({ s, i })).sort((a, b) => b.s.score - a.s.score || a.i - b.i).map(({ s }) => s);
}
