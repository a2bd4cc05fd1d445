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
 *   each row's rate learnt from the other half of the rows (two folds by a hash of the row
 *   index, so row order cannot line up with them; rates shrunk toward the overall rate by one
 *   pseudo-row) — in-sample rates would give an id column a perfect 1; out of fold, categories
 *   never seen in the other half say nothing, so it scores 0.
 *   Only 2·AUC − 1 ≥ 0 counts: a rate that predicts worse than chance out of fold is noise.
 * With two classes both classes have the same score; the minority class (the usual target;
 * the second class when balanced) is reported. Never ranks the label or columns marked "not a feature" (featureColumnNames).
 * Numeric AUCs are exact (radix sort on the float bits, O(n) per column) while every class
 * has at most MAX_PER_CLASS labelled rows; above that they are estimated on a stratified,
 * weighted sample (stratifiedSample), unbiased and flagged `exact: false`. Categorical scores
 * count every row (one pass, no sort).
 */
import { featureColumnNames, type FeatureRoles } from '../table/label.ts';
import { findColumn, type CategoricalColumn, type NumericColumn, type Table } from '../table/types.ts';
import { labelCodes, labelValues } from './labels.ts';
import { radixScratch, radixSort, type RadixScratch } from './radix.ts';
import { mulberry32 } from '../random.ts';

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
  /** False when a numeric AUC was estimated on a stratified sample (a class with more than maxPerClass rows). */
  exact: boolean;
};

/** Rows per class a numeric AUC reads at most (see stratifiedSample); the credit-card table's 284k "0" rows are sampled, its 492 "1" rows all kept. */
export const MAX_PER_CLASS = 20_000;

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
 * rows of other classes below it, plus ½ for each one tied with it — each row counting
 * `w[its class]` times (all 1 when every row is read: then the sums are exact integers).
 */
function uStatistics(keys: Uint32Array, cls: Uint16Array, w: Float64Array): Float64Array {
  const k = w.length;
  const u = new Float64Array(k);
  const below = new Float64Array(k);
  const inRun = new Float64Array(k);
  const m = keys.length;
  let belowAll = 0;
  for (let i = 0; i < m; ) {
    let j = i + 1;
    while (j < m && keys[j] === keys[i]) j++;
    if (j === i + 1) {
      const c = cls[i];
      u[c] += w[c] * (belowAll - below[c]);
      below[c] += w[c];
      belowAll += w[c];
    } else {
      let size = 0;
      for (let t = i; t < j; t++) {
        inRun[cls[t]] += w[cls[t]];
        size += w[cls[t]];
      }
      for (let t = i; t < j; t++) {
        const c = cls[t];
        const r = inRun[c];
        if (r === 0) continue; // this class of the run is counted already
        u[c] += r * (belowAll - below[c]) + 0.5 * r * (size - r);
        below[c] += r;
        inRun[c] = 0;
      }
      belowAll += size;
    }
    i = j;
  }
  return u;
}

/**
 * The labelled rows an AUC reads, ascending, and per class how many rows each kept row
 * stands for. Every row when no class has more than `maxPerClass`; otherwise each bigger
 * class keeps a seeded random `maxPerClass` of its rows. One-vs-rest AUC only compares rows
 * of different classes, so weighting each kept row by its class's rows / kept leaves the
 * estimate unbiased — and a 492-fraud, 284k-other table keeps all 492 frauds.
 */
export type RowSample = { rows: Uint32Array; weight: Float64Array; exact: boolean };

export function stratifiedSample(y: Int32Array, k: number, maxPerClass = Infinity, seed = 1): RowSample {
  const count = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < y.length; i++) if (y[i] >= 0) { count[y[i]]++; n++; }
  const keep = Float64Array.from(count, (c) => Math.min(c, maxPerClass));
  const weight = Float64Array.from(count, (c, j) => (keep[j] > 0 ? c / keep[j] : 1));
  const exact = keep.every((v, j) => v === count[j]);
  const rows = new Uint32Array(exact ? n : keep.reduce((a, b) => a + b, 0));
  // Selection sampling (Knuth's algorithm S): one pass, rows stay in order, exactly `keep` per class.
  const random = mulberry32(seed);
  const left = Float64Array.from(count);
  const need = Float64Array.from(keep);
  let w = 0;
  for (let i = 0; i < y.length; i++) {
    const c = y[i];
    if (c < 0) continue;
    if (exact || random() * left[c] < need[c]) {
      rows[w++] = i;
      need[c]--;
    }
    left[c]--;
  }
  return { rows, weight, exact };
}

/** Buffers one ranking reuses for every column (n = rows of the table). */
type Buffers = { keys: Uint32Array; cls: Uint16Array; radix: RadixScratch };

const buffers = (n: number): Buffers => ({ keys: new Uint32Array(n), cls: new Uint16Array(n), radix: radixScratch(n) });

/**
 * One-vs-rest AUC of a numeric column for every class (y = class per row, -1 = unlabelled
 * and left out): P(value of a class-c row > value of another row) + ½ P(equal), where a
 * pair with a missing value counts as equal. NaN for a class with no rows, or all of them.
 * Exact over every labelled row unless a `sample` (stratifiedSample) says otherwise.
 */
export function oneVsRestAuc(values: Float32Array, y: Int32Array, k: number, sample: RowSample = stratifiedSample(y, k), scratch: Buffers = buffers(sample.rows.length)): Float64Array {
  if (values.length !== y.length) throw new Error(`oneVsRestAuc: ${values.length} values but ${y.length} labels`);
  if (k > 0xffff) throw new Error(`oneVsRestAuc: ${k} classes is more than a uint16 class code holds`);
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const { rows, weight } = sample;
  const all = new Float64Array(k); // weighted rows per class
  const present = new Float64Array(k); // ... that have a value
  let m = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const c = y[r];
    all[c] += weight[c];
    if (values[r] !== values[r]) continue;
    scratch.keys[m] = sortableKey(bits[r]);
    scratch.cls[m++] = c;
    present[c] += weight[c];
  }
  const keys = scratch.keys.subarray(0, m);
  const cls = scratch.cls.subarray(0, m);
  radixSort(keys, cls, scratch.radix);
  const u = uStatistics(keys, cls, weight);
  let n = 0;
  let nPresent = 0;
  for (let c = 0; c < k; c++) {
    n += all[c];
    nPresent += present[c];
  }
  const auc = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const P = all[c];
    const N = n - P;
    // Pairs with a missing value are ties: ½ each.
    auc[c] = P > 0 && N > 0 ? (u[c] + 0.5 * (P * N - present[c] * (nPresent - present[c]))) / (P * N) : NaN;
  }
  return auc;
}

function numericSeparation(col: NumericColumn, L: Labels, sample: RowSample, scratch: Buffers): { score: number; best: number; auc: number; missing: number } {
  const auc = oneVsRestAuc(col.values, L.y, L.classes.length, sample, scratch);
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
export function rankBySeparation(table: Table, roles: FeatureRoles, opts: { maxPerClass?: number } = {}): AxisSeparation[] {
  if (!roles.label) throw new Error('rank axes: choose a label column first');
  const L = labelsOf(table, roles.label);
  const sample = stratifiedSample(L.y, L.classes.length, opts.maxPerClass ?? MAX_PER_CLASS);
  const scratch = buffers(sample.rows.length);
  const out: AxisSeparation[] = [];
  for (const name of featureColumnNames(table, roles)) {
    const col = findColumn(table, name);
    if (!col || col.type === 'text') continue;
    const r = col.type === 'numeric' ? numericSeparation(col, L, sample, scratch) : categoricalSeparation(col, L);
    out.push({ column: name, kind: col.type, score: r.score, bestClass: r.best >= 0 ? L.classes[r.best] : null, auc: r.auc, missing: r.missing, exact: col.type === 'categorical' || sample.exact });
  }
  return out.map((s, i) => ({ s, i })).sort((a, b) => b.s.score - a.s.score || a.i - b.i).map(({ s }) => s);
}
