/**
 * Columns as small bin codes, LightGBM-style, so split finding is a histogram scan instead of
 * a sort. A numeric column gets up to `maxBins` bins from quantiles of (a sample of) its
 * values — one bin per distinct value when there are few, so the split search is then exact —
 * and bin b holds the values in (edge[b-1], edge[b]]. Each edge is the shortest decimal
 * between the last value of one bin and the first of the next, so a split reads `V14 <= -3.1`
 * and, compared at float32 as the rule compiler does, sends exactly the same rows left.
 * A categorical column gets one bin per value (the rarest beyond maxBins - 1 share an "other"
 * bin). Missing values always get their own bin, index nBins.
 */
import type { Table } from '../../table/types.ts';

export type NumericBins = {
  kind: 'numeric';
  name: string;
  nBins: number;
  /** Upper edges of bins 0..nBins-2 (bin nBins-1 is unbounded above), as short decimals. */
  edges: number[];
  /** Per fit row: its bin, nBins = missing. */
  codes: Uint8Array;
};

export type CategoricalBins = {
  kind: 'categorical';
  name: string;
  nBins: number;
  /** Per bin, the category values it holds. */
  values: string[][];
  /** Whether the last bin is "other" (several rare values); it never goes into an `in {…}` set. */
  other: boolean;
  codes: Uint8Array;
};

export type FeatureBins = NumericBins | CategoricalBins;

export type BinOptions = {
  /** At most this many bins per column besides the missing one (2..255). Default 255. */
  maxBins?: number;
  /** Numeric edges come from about this many values (every k-th of a column). Default 50,000. */
  sampleSize?: number;
};

/** Why a column was left out of the tree. */
export type Dropped = { column: string; reason: string };

/** The shortest decimal d with a ≤ float32(d) < b, for float32 values a < b. */
export function shortestBetween(a: number, b: number): number {
  const mag = Math.max(Math.abs(a), Math.abs(b));
  const e = mag > 0 ? Math.floor(Math.log10(mag)) : 0;
  for (let k = -1; k <= 12; k++) {
    const step = 10 ** (e - k);
    const d = Number((Math.ceil(a / step) * step).toPrecision(15));
    const f = Math.fround(d);
    if (f >= a && f < b) return d === 0 ? 0 : d;
  }
  return a;
}

const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
/** Float32 bits → an unsigned key with the same order as the float (NaN excluded beforehand; -0 is 0). */
const keyOfBits = (b: number) => (b === 0x80000000 ? 0x80000000 : b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0);
const keyOf = (x: number) => { f32[0] = x; return keyOfBits(u32[0]); };
const floatOfKey = (k: number) => { u32[0] = k & 0x80000000 ? k & 0x7fffffff : ~k >>> 0; return f32[0]; };
const isNaNBits = (b: number) => (b & 0x7fffffff) > 0x7f800000;

/** Unsigned keys ascending: LSD radix, 3 passes of 11 bits (faster than the native sort here). */
function sortKeys(keys: Uint32Array): Uint32Array {
  let a: Uint32Array = keys, b: Uint32Array = new Uint32Array(keys.length);
  const count = new Uint32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    count.fill(0);
    for (let j = 0; j < a.length; j++) count[(a[j] >>> shift) & 2047]++;
    for (let d = 0, sum = 0; d < 2048; d++) { const c = count[d]; count[d] = sum; sum += c; }
    for (let j = 0; j < a.length; j++) b[count[(a[j] >>> shift) & 2047]++] = a[j];
    [a, b] = [b, a];
  }
  return a;
}

/** Bin lookup: the key's top bits pick a cell; a cell no edge crosses gives the bin at once. */
const CELL_SHIFT = 16;

function numericBins(name: string, X: Float32Array, rows: Uint32Array, maxBins: number, sampleSize: number): NumericBins | Dropped {
  const m = rows.length;
  const B = new Uint32Array(X.buffer, X.byteOffset, X.length);
  // A systematic sample (every step-th row) of the present values' keys, sorted as integers.
  const step = Math.max(1, Math.floor(m / sampleSize));
  const sample = new Uint32Array(Math.ceil(m / step));
  let q = 0;
  for (let j = 0; j < m; j += step) { const b = B[rows[j]]; if (!isNaNBits(b)) sample[q++] = keyOfBits(b); }
  if (q === 0 && step > 1) for (let j = 0; j < m && q === 0; j++) { const b = B[rows[j]]; if (!isNaNBits(b)) sample[q++] = keyOfBits(b); }
  if (q === 0) return { column: name, reason: 'it has no values on these rows' };
  const keys = sortKeys(sample.subarray(0, q));
  // Distinct sampled values (as keys) and how often each occurs.
  let d = 0;
  for (let i = 0; i < q; i++) if (i === 0 || keys[i] !== keys[i - 1]) d++;
  const distinct = new Uint32Array(d), counts = new Uint32Array(d);
  for (let i = 0, j = -1; i < q; i++) { if (i === 0 || keys[i] !== keys[i - 1]) distinct[++j] = keys[i]; counts[j]++; }
  if (d === 1) {
    const only = floatOfKey(distinct[0]);
    let other = false;
    for (let j = 0; j < m && !other; j++) other = X[rows[j]] !== only; // NaN counts as other: present vs missing can split
    if (!other) return { column: name, reason: `it has one value (${only}) on these rows` };
  }
  // Cut after distinct value i: every one when they fit, else greedy equal-count bins.
  const cuts: number[] = [];
  if (d <= maxBins) for (let i = 0; i < d - 1; i++) cuts.push(i);
  else {
    let rest = q, acc = 0;
    for (let i = 0; i < d - 1 && cuts.length < maxBins - 1; i++) {
      acc += counts[i];
      const target = rest / (maxBins - cuts.length);
      if (acc >= target || counts[i + 1] >= target) { cuts.push(i); rest -= acc; acc = 0; }
    }
  }
  const edges = cuts.map((i) => shortestBetween(floatOfKey(distinct[i]), floatOfKey(distinct[i + 1])));
  const nBins = edges.length + 1;
  return { kind: 'numeric', name, nBins, edges, codes: assignBins(B, rows, edges) };
}

/**
 * Per row, the first bin whose edge is ≥ its value (nBins = missing). Compared as keys, which
 * order exactly as the float32 values do (edges are never -0). A table over the keys' top bits
 * answers most rows without a search.
 */
function assignBins(B: Uint32Array, rows: Uint32Array, edges: number[]): Uint8Array {
  const E = Uint32Array.from(edges, keyOf), nE = E.length, miss = nE + 1;
  const cells = 1 << (32 - CELL_SHIFT);
  const lo = new Uint8Array(cells), hi = new Uint8Array(cells);
  for (let c = 0, a = 0, b = 0; c < cells; c++) {
    const first = c << CELL_SHIFT >>> 0, last = (first + (1 << CELL_SHIFT) - 1) >>> 0;
    while (a < nE && E[a] < first) a++;
    while (b < nE && E[b] < last) b++;
    lo[c] = a;
    hi[c] = b;
  }
  const m = rows.length, codes = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    const bits = B[rows[j]];
    if (isNaNBits(bits)) { codes[j] = miss; continue; }
    const k = keyOfBits(bits), c = k >>> CELL_SHIFT;
    let l = lo[c], h = hi[c];
    while (l < h) { const mid = (l + h) >>> 1; if (E[mid] < k) l = mid + 1; else h = mid; }
    codes[j] = l;
  }
  return codes;
}

function categoricalBins(name: string, C: Int32Array, dictionary: string[], rows: Uint32Array, maxBins: number): CategoricalBins | Dropped {
  const m = rows.length;
  const count = new Float64Array(dictionary.length);
  for (let j = 0; j < m; j++) { const c = C[rows[j]]; if (c >= 0) count[c]++; }
  const present = [...count.keys()].filter((c) => count[c] > 0);
  if (present.length === 0) return { column: name, reason: 'it has no values on these rows' };
  let hasMissing = false;
  for (let j = 0; j < m && !hasMissing; j++) hasMissing = C[rows[j]] < 0;
  if (present.length === 1 && !hasMissing) return { column: name, reason: `it has one value (${JSON.stringify(dictionary[present[0]])}) on these rows` };
  const own = present.length <= maxBins ? present : [...present].sort((a, b) => count[b] - count[a] || a - b).slice(0, maxBins - 1).sort((a, b) => a - b);
  const other = own.length < present.length;
  const binOfCode = new Int32Array(dictionary.length).fill(own.length);
  own.forEach((c, b) => { binOfCode[c] = b; });
  const values = own.map((c) => [dictionary[c]]);
  if (other) values.push(present.filter((c) => binOfCode[c] === own.length).map((c) => dictionary[c]));
  const nBins = values.length;
  const codes = new Uint8Array(m);
  for (let j = 0; j < m; j++) { const c = C[rows[j]]; codes[j] = c >= 0 ? binOfCode[c] : nBins; }
  return { kind: 'categorical', name, nBins, values, other, codes };
}

/** Bins each named column over `rows` (the rows the tree fits). Text columns cannot be features. */
export function binColumn(table: Table, name: string, rows: Uint32Array, opts: BinOptions = {}): FeatureBins | Dropped {
  const maxBins = Math.max(2, Math.min(255, Math.floor(opts.maxBins ?? 255)));
  const col = table.columns.find((c) => c.name === name);
  if (!col) throw new Error(`there is no column "${name}"`);
  if (col.type === 'text') return { column: name, reason: 'it holds free text' };
  if (col.type === 'numeric') return numericBins(name, col.values, rows, maxBins, opts.sampleSize ?? 50_000);
  return categoricalBins(name, col.codes, col.dictionary, rows, maxBins);
}

export const isDropped = (b: FeatureBins | Dropped): b is Dropped => 'reason' in b;
