/**
 * The rows of a numeric column in value order, so a range test on a table that is evaluated
 * again and again (every rule edit in the app) costs two binary searches and a copy of the
 * matching rows instead of a pass over every row. Built by LSD radix sort on the float32 bits
 * (two passes of 16 bits), cached per column array (a WeakMap: it goes when the table goes).
 *
 * Built from the second evaluation that asks for it on, a few columns per evaluation: a table
 * evaluated once (a streamed chunk in `predict`, a one-off `loadClassifier` call) never pays
 * for the sort. Memory: one Uint32Array per indexed column (4 bytes a row), only for columns
 * rules actually test.
 */

export type SortedIndex = {
  /** Row indices ordered by value; the first `present` are the non-missing ones. */
  perm: Uint32Array;
  present: number;
};

/** Below this many rows a pass over the column is already cheaper than keeping an index. */
export const INDEX_MIN_ROWS = 32_768;

type Entry = { uses: number; lastEvaluation: number; index: SortedIndex | null };
const cache = new WeakMap<Float32Array | Float64Array, Entry>();
let evaluation = 0;
let builtThisEvaluation = 0;
/**
 * Sorts per evaluation: a 16-column rule set indexes two columns per edit instead of stalling
 * one edit for all sixteen sorts (the others scan meanwhile, with the same answers).
 */
export const BUILDS_PER_EVALUATION = 2;

/** Starts a new evaluation: uses of a column are counted once per evaluation (two rules on V14 are one). */
export function nextEvaluation(): void {
  evaluation++;
  builtThisEvaluation = 0;
}

/** The index of X when it exists or X was asked for in an earlier evaluation (and the budget allows); else null. */
export function sortedIndexFor(X: Float32Array | Float64Array, n: number): SortedIndex | null {
  if (n < INDEX_MIN_ROWS || X.length !== n) return null;
  let e = cache.get(X);
  if (!e) cache.set(X, (e = { uses: 0, lastEvaluation: -1, index: null }));
  if (!e.index && e.lastEvaluation !== evaluation) {
    e.lastEvaluation = evaluation;
    e.uses++;
  }
  if (!e.index && e.uses >= 2 && builtThisEvaluation < BUILDS_PER_EVALUATION) {
    builtThisEvaluation++;
    e.index = buildIndex(X);
  }
  return e.index;
}

/** Float bits as unsigned keys in the order of the values (negatives flipped); NaN rows last. */
function sortKeys(X: Float32Array | Float64Array, perm: Uint32Array, keys: Uint32Array): number {
  const n = X.length;
  const bits = X instanceof Float32Array ? new Uint32Array(X.buffer, X.byteOffset, n) : null;
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const v = X[i];
    if (v !== v) continue;
    let b: number;
    if (bits) b = bits[i];
    else { f[0] = v; b = u[0]; }
    perm[present] = i;
    keys[present++] = (b & 0x80000000 ? ~b : b | 0x80000000) >>> 0;
  }
  let tail = present;
  for (let i = 0; i < n; i++) if (X[i] !== X[i]) perm[tail++] = i;
  return present;
}

/** One stable counting-sort pass of (perm, keys)[0..m) by the 16 key bits from `shift`. */
function radixPass(perm: Uint32Array, keys: Uint32Array, outPerm: Uint32Array, outKeys: Uint32Array, m: number, shift: number, count: Uint32Array): void {
  count.fill(0);
  for (let j = 0; j < m; j++) count[(keys[j] >>> shift) & 0xffff]++;
  let sum = 0;
  for (let b = 0; b < 65536; b++) { const c = count[b]; count[b] = sum; sum += c; }
  for (let j = 0; j < m; j++) {
    const at = count[(keys[j] >>> shift) & 0xffff]++;
    outPerm[at] = perm[j];
    outKeys[at] = keys[j];
  }
}

export function buildIndex(X: Float32Array | Float64Array): SortedIndex {
  const n = X.length;
  const perm = new Uint32Array(n), keys = new Uint32Array(n);
  const perm2 = new Uint32Array(n), keys2 = new Uint32Array(n);
  const present = sortKeys(X, perm, keys);
  // LSD radix sort by the 32 key bits, 16 at a time (two passes beat three of 11 bits here), stable.
  const count = new Uint32Array(65536);
  radixPass(perm, keys, perm2, keys2, present, 0, count);
  radixPass(perm2, keys2, perm, keys, present, 16, count);
  // Doubles that round to the same float32 are ordered by their exact value (runs are short).
  if (X instanceof Float64Array) {
    for (let s = 0; s < present;) {
      let e = s + 1;
      while (e < present && keys[e] === keys[s]) e++;
      if (e - s > 1) perm.set(Array.from(perm.subarray(s, e)).sort((a, b) => X[a] - X[b] || a - b), s);
      s = e;
    }
  }
  return { perm, present };
}

/** Positions [start, end) of the index whose values lie in the closed interval [L, H]. */
export function indexRange(index: SortedIndex, X: Float32Array | Float64Array, L: number, H: number): [number, number] {
  const { perm, present } = index;
  let lo = 0, hi = present;
  while (lo < hi) { const m = (lo + hi) >>> 1; if (X[perm[m]] >= L) hi = m; else lo = m + 1; }
  const start = lo;
  hi = present;
  while (lo < hi) { const m = (lo + hi) >>> 1; if (X[perm[m]] > H) hi = m; else lo = m + 1; }
  return [start, Math.max(start, lo)];
}
