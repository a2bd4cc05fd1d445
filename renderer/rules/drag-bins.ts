/**
 * The dragged axis cut into bins by the brush edges a drag can produce. While it goes on, a
 * drag's edges snap to whole CSS pixels (brush-edit.ts `dragEdge`), so on an axis of h pixels there are at most h + 1
 * edge values E₀ < E₁ < … (±Infinity at the ends). Every row falls in one *doubled* bin:
 *
 *   bin(v) = 2 · #{k : E_k < v} + (v ∈ E ? 1 : 0)
 *
 * where v is the number the row holds as the rules compare it (ml/rules/numbers.ts: `exact`,
 * else the shortest decimal of the float32 value), so bins select what the rule does.
 * — odd bins hold the rows exactly on an edge, even bins the rows strictly between two edges.
 * A brush [E_i, E_j] then selects exactly the rows with bin in [2i + 1, 2j + 1]: a contiguous
 * run of bins, with no row to look at. That is what makes a drag frame independent of the
 * number of rows (drag-cube.ts). Missing values (NaN) get NONE: a numeric brush never selects
 * them. Pure, no DOM.
 */
import type { NumericColumn } from '../../ml/table/types.ts';
import { f32Lower, f32Upper } from '../../ml/rules/numbers.ts';
import { CHUNK, runToEnd, type Steps } from './steps.ts';

/** Bin of rows with a missing value on the axis. */
export const NONE = 0xffff;

/** Sorted distinct finite-or-infinite edge values of `edgeAt(y)` for every whole y in [top, bottom]. */
export function axisEdges(edgeAt: (y: number) => number, top: number, bottom: number): Float64Array {
  const values = new Set<number>();
  for (let y = Math.floor(top); y <= Math.ceil(bottom); y++) {
    const v = edgeAt(y);
    if (!Number.isNaN(v)) values.add(v === 0 ? 0 : v); // -0 and 0 are one edge
  }
  const edges = Float64Array.from(values).sort();
  if (2 * edges.length + 1 >= NONE) throw new Error(`axis has ${edges.length} brush edges; at most ${(NONE - 2) >> 1} fit the bins`);
  return edges;
}

/**
 * The edges of a whole-number axis: a drag there keeps the integers inside its span
 * (brush-edit.ts dragToRange), so its ends are the integers next to the pixel edges.
 */
export function integerEdges(edges: Float64Array): Float64Array {
  const values = new Set<number>();
  for (const e of edges) {
    const lo = Math.ceil(e - 1e-9), hi = Math.floor(e + 1e-9);
    values.add(lo === 0 ? 0 : lo);
    values.add(hi === 0 ? 0 : hi);
  }
  return Float64Array.from(values).sort();
}

/** Number of doubled bins over `edges`. */
export const binCount = (edges: Float64Array): number => 2 * edges.length + 1;

/** #{k : T[k] < v} by binary search in [lo, T.length] (T ascending). */
function countBelow(T: Float64Array, v: number, lo = 0): number {
  let hi = T.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (T[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What a row is compared with at each edge, by the rules' number semantics (ml/rules/numbers.ts):
 * a row lies above edge k when X > up[k], on it when low[k] <= X <= up[k]. On `exact` both are
 * the edge itself; on float32 `values` they are the float32 thresholds of `x >= e` and `x <= e`.
 */
function edgeTests(col: NumericColumn, edges: Float64Array): { X: Float32Array | Float64Array; low: Float64Array; up: Float64Array } {
  if (col.exact) return { X: col.exact, low: edges, up: edges };
  const low = edges.map((e) => (Number.isFinite(e) ? f32Lower(e, false) : e));
  const up = edges.map((e) => (Number.isFinite(e) ? f32Upper(e, false) : e));
  return { X: col.values, low, up };
}

/**
 * Doubled bin of every row (NONE for missing), in chunks, and with `perBin` how many rows each
 * bin holds. `quant` (the axis' quantised column, monotone in the value) narrows the search:
 * the smallest value of a level bounds where its rows can start, so most rows take one or two
 * comparisons instead of a binary search.
 */
export function* rowBinSteps(col: NumericColumn, quant: Uint8Array, edges: Float64Array, out = new Uint16Array(col.values.length), perBin?: Int32Array): Steps<Uint16Array> {
  const { X, low, up } = edgeTests(col, edges);
  const n = X.length;
  const minOf = yield* levelMinSteps(col, quant);
  const { lo, inv, start } = subLevels(minOf, up);
  for (let i0 = 0; i0 < n; i0 += CHUNK) {
    binChunk(X, quant, low, up, lo, inv, start, i0, Math.min(n, i0 + CHUNK), out, perBin);
    yield;
  }
  return out;
}

export const rowBins = (col: NumericColumn, quant: Uint8Array, edges: Float64Array): Uint16Array => runToEnd(rowBinSteps(col, quant, edges));

/** Per quantised column: the smallest value of each level (they do not depend on the edges). */
const levelMinsCache = new WeakMap<Uint8Array, Float64Array>();

/** The smallest value of each of the axis' levels, cached per quantised column (made at rest, drag-session.ts). */
export function* levelMinSteps(col: NumericColumn, quant: Uint8Array): Steps<Float64Array> {
  const cached = levelMinsCache.get(quant);
  if (cached) return cached;
  const X = col.exact ?? col.values;
  const minOf = new Float64Array(256).fill(Infinity);
  for (let i0 = 0; i0 < X.length; i0 += CHUNK) {
    levelMins(X, quant, i0, Math.min(X.length, i0 + CHUNK), minOf);
    yield;
  }
  levelMinsCache.set(quant, minOf);
  return minOf;
}

function levelMins(X: Float32Array | Float64Array, quant: Uint8Array, from: number, to: number, minOf: Float64Array): void {
  for (let i = from; i < to; i++) {
    const v = X[i];
    if (v < minOf[quant[i]]) minOf[quant[i]] = v;
  }
}

/** Sub-cells per level: a row's first edge is then found in about one comparison. */
const SUB = 16;

/**
 * Each level's value range [its minimum, the next level's) cut into SUB equal cells, and where
 * the edge search of a value in each cell starts (#edges below the cell's lower end).
 */
function subLevels(minOf: Float64Array, up: Float64Array): { lo: Float64Array; inv: Float64Array; start: Int32Array } {
  const lo = new Float64Array(256), inv = new Float64Array(256), start = new Int32Array(256 * SUB);
  let next = Infinity;
  for (let q = 255; q >= 0; q--) {
    if (minOf[q] === Infinity) continue;
    const a = minOf[q], w = (next - a) / SUB;
    lo[q] = a;
    inv[q] = Number.isFinite(w) && w > 0 ? 1 / w : 0;
    for (let c = 0; c < SUB; c++) start[q * SUB + c] = countBelow(up, inv[q] ? a + c * w : a);
    next = a;
  }
  return { lo, inv, start };
}

function binChunk(X: Float32Array | Float64Array, quant: Uint8Array, low: Float64Array, up: Float64Array, lo: Float64Array, inv: Float64Array, start: Int32Array, from: number, to: number, out: Uint16Array, perBin?: Int32Array): void {
  const m = up.length;
  for (let i = from; i < to; i++) {
    const v = X[i];
    if (v !== v) { out[i] = NONE; continue; }
    const q = quant[i];
    let c = ((v - lo[q]) * inv[q]) | 0;
    if (c > SUB - 1) c = SUB - 1;
    else if (c < 0) c = 0;
    // The cell's start is exact up to rounding: step back or on to #{edges with up < v}.
    let k = start[q * SUB + c];
    while (k > 0 && up[k - 1] >= v) k--;
    while (k < m && up[k] < v) k++;
    const b = 2 * k + (k < m && low[k] <= v ? 1 : 0);
    out[i] = b;
    if (perBin) perBin[b]++;
  }
}

/** Index of `v` in `edges`, or -1 when a drag cannot have produced it. */
function edgeIndex(edges: Float64Array, v: number): number {
  const k = countBelow(edges, v);
  return k < edges.length && edges[k] === v ? k : -1;
}

/**
 * The inclusive run of doubled bins a range [lo, hi] with closed ends selects, or null when an
 * end is not an edge of this axis (typed bounds): then the caller counts rows the exact way.
 */
export function rangeBins(edges: Float64Array, lo: number, hi: number): [number, number] | null {
  const i = edgeIndex(edges, lo === 0 ? 0 : lo);
  const j = edgeIndex(edges, hi === 0 ? 0 : hi);
  if (i < 0 || j < 0 || i > j) return null;
  return [2 * i + 1, 2 * j + 1];
}

/** The candidate rows (those passing every other brush) grouped by bin: what a drag moves in and out of the selection. */
export type BinnedRows = {
  /** Candidate rows, bin by bin (ascending rows within a bin). */
  order: Uint32Array;
  /** Rows of bin b are order[start[b] … start[b + 1]). */
  start: Int32Array;
  /** Candidates missing a value on the axis: selected only while the axis has no brush. */
  missing: Uint32Array;
};

/**
 * Counting sort of the candidates (`rows`, null = all n) by bin, in chunks. With all rows,
 * `perBin` (from rowBinSteps) saves the counting pass; `orderOf` makes the order array.
 */
export function* binnedRowSteps(bins: Uint16Array, nBins: number, rows: Uint32Array | null, n: number, perBin?: Int32Array, orderOf = (length: number) => new Uint32Array(length)): Steps<BinnedRows> {
  const m = rows ? rows.length : n;
  const start = new Int32Array(nBins + 1);
  let missing = 0;
  if (!rows && perBin) {
    start.set(perBin.subarray(0, nBins), 1);
    missing = n - perBin.reduce((s, c) => s + c, 0);
  } else {
    for (let k = 0; k < m; k++) {
      const b = bins[rows ? rows[k] : k];
      if (b === NONE) missing++;
      else start[b + 1]++;
    }
  }
  for (let b = 0; b < nBins; b++) start[b + 1] += start[b];
  yield;
  const at = start.slice(0, nBins);
  const order = orderOf(m - missing);
  const miss = new Uint32Array(missing);
  for (let k0 = 0, j = 0; k0 < m; k0 += CHUNK) {
    for (let k = k0, e = Math.min(m, k0 + CHUNK); k < e; k++) {
      const i = rows ? rows[k] : k;
      const b = bins[i];
      if (b === NONE) miss[j++] = i;
      else order[at[b]++] = i;
    }
    yield;
  }
  return { order, start, missing: miss };
}

/** Rows of bins [b0, b1] (inclusive). */
export const rowsInBins = (br: BinnedRows, b0: number, b1: number): number => br.start[b1 + 1] - br.start[b0];

function setBins(mask: Uint8Array, br: BinnedRows, b0: number, b1: number, v: number): void {
  const { order, start } = br;
  for (let j = start[Math.max(0, b0)], e = start[Math.min(start.length - 1, b1 + 1)]; j < e; j++) mask[order[j]] = v;
}

/**
 * Brings a selection mask from the rows of bins `from` (null: every candidate, the axis had no
 * brush) to the rows of bins `to`, writing only the rows that change — a drag step costs the
 * rows it crosses, not a pass over the table. Rows outside the candidates are left as they are
 * (they are 0 in a mask of these brushes).
 */
export function moveMask(mask: Uint8Array, br: BinnedRows, from: [number, number] | null, to: [number, number]): void {
  const last = br.start.length - 2;
  const [b0, b1] = to;
  if (from === null) {
    setBins(mask, br, 0, b0 - 1, 0);
    setBins(mask, br, b1 + 1, last, 0);
    for (let j = 0; j < br.missing.length; j++) mask[br.missing[j]] = 0;
    return;
  }
  const [p0, p1] = from;
  // Leaving: [p0, p1] outside [b0, b1]; entering: [b0, b1] outside [p0, p1].
  setBins(mask, br, p0, Math.min(p1, b0 - 1), 0);
  setBins(mask, br, Math.max(p0, b1 + 1), p1, 0);
  setBins(mask, br, b0, Math.min(b1, p0 - 1), 1);
  setBins(mask, br, Math.max(b0, p1 + 1), b1, 1);
}
