/**
 * UMAP's fuzzy simplicial set from a kNN graph, on typed arrays. A port of umap-js's
 * smoothKNNDistance / computeMembershipStrengths / fuzzy union (same constants, same maths), but
 * built with two counting-sort passes instead of umap-js's Map-keyed sparse matrices, which take
 * seconds on 10k points.
 */
import type { KnnGraph } from './knn-heap.ts';

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

/** Symmetric weighted graph in COO form, sorted by (row, col); no zero weights. */
export type FuzzyGraph = { n: number; rows: Int32Array; cols: Int32Array; vals: Float32Array };

/** Per-row bandwidth σ and distance to the nearest neighbour ρ, as umap-js computes them. */
export function smoothKnnDistance(g: KnnGraph, localConnectivity = 1, nIter = 64, bandwidth = 1): { sigmas: Float64Array; rhos: Float64Array } {
  const { n, k, distances } = g;
  const target = Math.log2(k) * bandwidth;
  const rhos = new Float64Array(n), sigmas = new Float64Array(n);
  let meanAll = -1; // mean of all distances, only needed for rows whose ρ is 0
  const nonZero = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let nz = 0, rowSum = 0;
    for (let j = 0; j < k; j++) {
      const d = distances[o + j];
      rowSum += d;
      if (d > 0) nonZero[nz++] = d;
    }
    if (nz >= localConnectivity) {
      const index = Math.floor(localConnectivity), interp = localConnectivity - index;
      if (index > 0) {
        rhos[i] = nonZero[index - 1];
        if (interp > SMOOTH_K_TOLERANCE) rhos[i] += interp * (nonZero[index] - nonZero[index - 1]);
      } else rhos[i] = interp * nonZero[0];
    } else if (nz > 0) {
      let mx = -Infinity;
      for (let j = 0; j < nz; j++) mx = Math.max(mx, nonZero[j]);
      rhos[i] = mx;
    }
    // Binary search for σ such that Σ exp(-(d-ρ)/σ) = log2(k).
    let lo = 0, hi = Infinity, mid = 1;
    for (let it = 0; it < nIter; it++) {
      let psum = 0;
      for (let j = 1; j < k; j++) {
        const d = distances[o + j] - rhos[i];
        psum += d > 0 ? Math.exp(-(d / mid)) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    sigmas[i] = mid;
    if (rhos[i] > 0) {
      const mean = rowSum / k;
      if (sigmas[i] < MIN_K_DIST_SCALE * mean) sigmas[i] = MIN_K_DIST_SCALE * mean;
    } else {
      if (meanAll < 0) {
        let s = 0;
        for (let x = 0; x < distances.length; x++) s += distances[x];
        meanAll = s / distances.length;
      }
      if (sigmas[i] < MIN_K_DIST_SCALE * meanAll) sigmas[i] = MIN_K_DIST_SCALE * meanAll;
    }
  }
  return { sigmas, rhos };
}

/**
 * Fuzzy union of the directed membership graph A with its transpose:
 * mix·(A + Aᵀ − A∘Aᵀ) + (1 − mix)·(A∘Aᵀ).
 */
export function fuzzySimplicialSet(g: KnnGraph, opts: { localConnectivity?: number; setOpMixRatio?: number } = {}): FuzzyGraph {
  const { n, k, indices, distances } = g;
  const mix = opts.setOpMixRatio ?? 1;
  const { sigmas, rhos } = smoothKnnDistance(g, opts.localConnectivity ?? 1);
  // Directed memberships, each row's entries sorted by column (duplicates keep the larger).
  const fCols = new Int32Array(n * k).fill(-1), fVals = new Float64Array(n * k);
  const fLen = new Int32Array(n);
  const order = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let j = 0; j < k; j++) order[j] = j;
    order.sort((a, b) => indices[o + a] - indices[o + b]);
    let len = 0;
    for (let t = 0; t < k; t++) {
      const j = order[t], c = indices[o + j];
      if (c < 0 || c === i) continue;
      const d = distances[o + j] - rhos[i];
      const v = d <= 0 ? 1 : Math.exp(-(d / sigmas[i]));
      if (!(v > 0)) continue;
      if (len > 0 && fCols[o + len - 1] === c) fVals[o + len - 1] = Math.max(fVals[o + len - 1], v);
      else {
        fCols[o + len] = c;
        fVals[o + len] = v;
        len++;
      }
    }
    fLen[i] = len;
  }
  // Transpose by counting sort on the column: bucket c lists rows i with A[i][c] > 0, ascending i.
  const tStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) for (let t = 0; t < fLen[i]; t++) tStart[fCols[i * k + t] + 1]++;
  for (let c = 0; c < n; c++) tStart[c + 1] += tStart[c];
  const tFill = tStart.slice(0, n);
  const tRows = new Int32Array(tStart[n]), tVals = new Float64Array(tStart[n]);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < fLen[i]; t++) {
      const c = fCols[i * k + t], p = tFill[c]++;
      tRows[p] = i;
      tVals[p] = fVals[i * k + t];
    }
  }
  // Merge row r of A with row r of Aᵀ (both sorted by column).
  const cap = tStart[n] * 2;
  const rows = new Int32Array(cap), cols = new Int32Array(cap), vals = new Float32Array(cap);
  let e = 0;
  for (let r = 0; r < n; r++) {
    let a = r * k;
    const aEnd = a + fLen[r];
    let b = tStart[r];
    const bEnd = tStart[r + 1];
    while (a < aEnd || b < bEnd) {
      const ca = a < aEnd ? fCols[a] : n, cb = b < bEnd ? tRows[b] : n;
      const c = Math.min(ca, cb);
      const va = ca === c ? fVals[a++] : 0, vb = cb === c ? tVals[b++] : 0;
      const prod = va * vb;
      const v = mix * (va + vb - prod) + (1 - mix) * prod;
      if (v > 0) {
        rows[e] = r;
        cols[e] = c;
        vals[e] = v;
        e++;
      }
    }
  }
  return { n, rows: rows.slice(0, e), cols: cols.slice(0, e), vals: vals.slice(0, e) };
}
