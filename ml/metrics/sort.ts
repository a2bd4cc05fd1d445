/**
 * Row indices sorted by a Float32 score, descending: the one sort every curve, threshold
 * lookup and "most confident first" list is built from. An LSD radix sort on the float's bits
 * (2 passes of 16 bits) — linear, stable (ties keep ascending row order) and several times
 * faster than Array.prototype.sort with a comparator at 300k rows.
 */

const RADIX = 16, BUCKETS = 1 << RADIX, MASK = BUCKETS - 1;
/** An unsigned key whose ascending order is the descending order of the float with these bits (not NaN). */
function descKey(b: number): number {
  if (b === 0x80000000) b = 0; // -0 ties with 0, as it compares
  // Ascending-order key: flip every bit of negatives, set the sign bit of positives; then invert.
  return b & 0x80000000 ? b : ~(b | 0x80000000) >>> 0;
}

/**
 * `rows` (default: every index of `score`) sorted by `score[row]` descending, ties by the input
 * order. Rows whose score is NaN are left out (see the returned `dropped` count).
 */
export function argsortDesc(score: Float32Array, rows?: Uint32Array): { order: Uint32Array; dropped: number } {
  const m = rows ? rows.length : score.length;
  const bits = new Uint32Array(score.buffer, score.byteOffset, score.length);
  let keys = new Uint32Array(m), idx = new Uint32Array(m);
  let k = 0;
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j;
    const b = bits[i];
    if ((b & 0x7fffffff) > 0x7f800000) continue; // NaN
    keys[k] = descKey(b);
    idx[k++] = i;
  }
  const dropped = m - k;
  keys = keys.subarray(0, k);
  idx = idx.subarray(0, k);
  if (k < 1024) { // small lists (a cell, a group): a comparator sort beats clearing 2 × 65,536 counters
    const o = Array.from({ length: k }, (_, j) => j).sort((a, b) => keys[a] - keys[b] || a - b);
    return { order: Uint32Array.from(o, (j) => idx[j]), dropped };
  }
  let keys2 = new Uint32Array(k), idx2 = new Uint32Array(k);
  const counts = new Uint32Array(BUCKETS);
  for (let shift = 0; shift < 32; shift += RADIX) {
    counts.fill(0);
    for (let j = 0; j < k; j++) counts[(keys[j] >>> shift) & MASK]++;
    if (counts[(keys[0] >>> shift) & MASK] === k) continue; // every key shares this digit
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) { const c = counts[b]; counts[b] = sum; sum += c; }
    for (let j = 0; j < k; j++) {
      const d = (keys[j] >>> shift) & MASK;
      const p = counts[d]++;
      keys2[p] = keys[j];
      idx2[p] = idx[j];
    }
    [keys, keys2] = [keys2, keys];
    [idx, idx2] = [idx2, idx];
  }
  return { order: idx.slice(), dropped };
}

/** Positions in a descending array `sorted` holding values ≥ t (binary search). */
export function countAtLeast(sorted: Float32Array, t: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] >= t) lo = mid + 1; else hi = mid;
  }
  return lo;
}
