/**
 * How faithful a 2-D layout is to the original vectors.
 *  - trustworthiness(k) (Venna & Kaski 2001, as in scikit-learn): penalises points that are
 *    layout neighbours but far apart in the original space, by how far (their rank there).
 *    1.0 = every layout neighbour is a true neighbour.
 *  - kNN recall: the fraction of each point's k true neighbours that are also its k layout
 *    neighbours.
 * Both are exact over all points, or estimated on a seeded sample of query points (the cost
 * is sample × n × dim), always measured against all n points.
 */
import { mulberry32, sampleIndices } from '../random.ts';

function sqNorms(X: Float32Array, n: number, dim: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0, o = i * dim; c < dim; c++) s += X[o + c] * X[o + c];
    out[i] = s;
  }
  return out;
}

/** Squared distances from row q to every row (‖a‖² + ‖b‖² − 2a·b, four accumulators). */
function distancesFrom(X: Float32Array, n: number, dim: number, norms: Float64Array, q: number, out: Float64Array): void {
  const oq = q * dim;
  for (let j = 0; j < n; j++) {
    const oj = j * dim;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, c = 0;
    for (; c + 3 < dim; c += 4) {
      s0 += X[oq + c] * X[oj + c];
      s1 += X[oq + c + 1] * X[oj + c + 1];
      s2 += X[oq + c + 2] * X[oj + c + 2];
      s3 += X[oq + c + 3] * X[oj + c + 3];
    }
    for (; c < dim; c++) s0 += X[oq + c] * X[oj + c];
    out[j] = norms[q] + norms[j] - 2 * (s0 + s1 + s2 + s3);
  }
  out[q] = -Infinity; // the point itself is never its own neighbour
}

/** Indices of the k smallest values (excluding -Infinity), nearest first. */
function kSmallest(d: Float64Array, k: number): Int32Array {
  const idx = new Int32Array(k).fill(-1), val = new Float64Array(k).fill(Infinity);
  for (let j = 0; j < d.length; j++) {
    const v = d[j];
    if (v === -Infinity || !(v < val[k - 1])) continue;
    let p = k - 1;
    while (p > 0 && val[p - 1] > v) {
      val[p] = val[p - 1];
      idx[p] = idx[p - 1];
      p--;
    }
    val[p] = v;
    idx[p] = j;
  }
  return idx;
}

function queryRows(n: number, sampleSize: number | undefined, seed: number): Uint32Array {
  if (sampleSize === undefined || sampleSize >= n) return Uint32Array.from({ length: n }, (_, i) => i);
  return Uint32Array.from(sampleIndices(n, sampleSize, mulberry32(seed))).sort();
}

/**
 * Trustworthiness of several layouts of the same data at once: the expensive high-dim
 * distances are computed once per query row and shared (benchmarks compare two layouts).
 */
export function trustworthinessMany(high: Float32Array, dim: number, lows: Float32Array[], n: number, k = 15, sampleSize?: number, seed = 0): number[] {
  if (high.length !== n * dim) throw new Error(`trustworthiness: high has ${high.length} values, expected ${n}×${dim}`);
  for (const low of lows) if (low.length !== n * 2) throw new Error(`trustworthiness: layout has ${low.length} values, expected ${n}×2`);
  if (k >= n / 2) throw new Error(`trustworthiness: k = ${k} must be below n/2 = ${n / 2}`);
  const rows = queryRows(n, sampleSize, seed);
  const hn = sqNorms(high, n, dim);
  const lowNorms = lows.map((l) => sqNorms(l, n, 2));
  const dh = new Float64Array(n), dl = new Float64Array(n);
  const penalty = new Float64Array(lows.length);
  const trueSet = new Uint8Array(n);
  for (const q of rows) {
    distancesFrom(high, n, dim, hn, q, dh);
    const trueNN = kSmallest(dh, k);
    for (const j of trueNN) trueSet[j] = 1;
    lows.forEach((low, li) => {
      distancesFrom(low, n, 2, lowNorms[li], q, dl);
      for (const j of kSmallest(dl, k)) {
        if (trueSet[j]) continue;
        // Rank of j among q's original-space neighbours (1 = nearest).
        const dj = dh[j];
        let rank = 1;
        for (let l = 0; l < n; l++) if (dh[l] < dj && l !== q) rank++;
        penalty[li] += rank - k;
      }
    });
    for (const j of trueNN) trueSet[j] = 0;
  }
  const norm = 2 / (k * (2 * n - 3 * k - 1));
  return Array.from(penalty, (p) => 1 - norm * (p / rows.length));
}

/** Trustworthiness(k) of layout `low` (n×2) w.r.t. `high` (n×dim), exact or on a sample of query rows. */
export function trustworthiness(high: Float32Array, dim: number, low: Float32Array, n: number, k = 15, sampleSize?: number, seed = 0): number {
  return trustworthinessMany(high, dim, [low], n, k, sampleSize, seed)[0];
}

/** Mean fraction of each row's k original-space neighbours that are among its k layout neighbours. */
export function knnRecall(high: Float32Array, dim: number, low: Float32Array, n: number, k = 15, sampleSize?: number, seed = 0, lowDim = 2): number {
  if (high.length !== n * dim || low.length !== n * lowDim) throw new Error('knnRecall: shape mismatch');
  const rows = queryRows(n, sampleSize, seed);
  const hn = sqNorms(high, n, dim), ln = sqNorms(low, n, lowDim);
  const dh = new Float64Array(n), dl = new Float64Array(n);
  const mark = new Uint8Array(n);
  let hits = 0;
  for (const q of rows) {
    distancesFrom(high, n, dim, hn, q, dh);
    distancesFrom(low, n, lowDim, ln, q, dl);
    const a = kSmallest(dh, k), b = kSmallest(dl, k);
    for (const j of a) mark[j] = 1;
    for (const j of b) hits += mark[j];
    for (const j of a) mark[j] = 0;
  }
  return hits / (rows.length * k);
}
