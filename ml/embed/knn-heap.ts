/**
 * n fixed-size max-heaps of (neighbour, squared distance) in flat typed arrays — the shared
 * state of the brute-force and NN-descent kNN builders. Row r owns slots r*k … r*k+k-1; slot 0
 * is the current worst neighbour, so a candidate is rejected with one comparison.
 */
export type NeighborHeaps = {
  n: number;
  k: number;
  indices: Int32Array;
  dist: Float32Array;
  /** 1 = the neighbour arrived since the last NN-descent round (it still has to be joined). */
  isNew: Uint8Array;
};

export function makeHeaps(n: number, k: number): NeighborHeaps {
  return { n, k, indices: new Int32Array(n * k).fill(-1), dist: new Float32Array(n * k).fill(Infinity), isNew: new Uint8Array(n * k) };
}

/** Offers neighbour j at squared distance d to row r. Returns 1 if the heap changed. */
export function heapPush(h: NeighborHeaps, r: number, j: number, d: number): number {
  const k = h.k, base = r * k, dist = h.dist, idx = h.indices;
  if (!(d < dist[base])) return 0;
  for (let s = base; s < base + k; s++) if (idx[s] === j) return 0;
  // Replace the root and sift down.
  let pos = 0;
  for (;;) {
    const left = 2 * pos + 1, right = left + 1;
    let swap = left;
    if (left >= k) break;
    if (right < k && dist[base + right] > dist[base + left]) swap = right;
    if (dist[base + swap] <= d) break;
    dist[base + pos] = dist[base + swap];
    idx[base + pos] = idx[base + swap];
    h.isNew[base + pos] = h.isNew[base + swap];
    pos = swap;
  }
  dist[base + pos] = d;
  idx[base + pos] = j;
  h.isNew[base + pos] = 1;
  return 1;
}

export type KnnGraph = {
  n: number;
  /** Neighbours per row, the row itself first (distance 0), as umap-js expects. */
  k: number;
  /** n×k row indices, ascending distance. */
  indices: Int32Array;
  /** n×k Euclidean distances (not squared), ascending. */
  distances: Float32Array;
};

/**
 * Sorted graph from heaps of k-1 neighbours (squared distances), with each row's own index
 * prepended: UMAP's smooth-kNN step treats column 0 as the point itself.
 */
export function heapsToGraph(h: NeighborHeaps): KnnGraph {
  const { n } = h, kh = h.k, k = kh + 1;
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  const order = new Int32Array(kh);
  for (let r = 0; r < n; r++) {
    const base = r * kh;
    for (let s = 0; s < kh; s++) order[s] = s;
    order.sort((a, b) => h.dist[base + a] - h.dist[base + b]);
    indices[r * k] = r;
    distances[r * k] = 0;
    for (let s = 0; s < kh; s++) {
      const slot = base + order[s];
      const j = h.indices[slot];
      // A row with fewer than k-1 reachable neighbours (tiny n) repeats its last valid one.
      indices[r * k + 1 + s] = j >= 0 ? j : indices[r * k + s];
      distances[r * k + 1 + s] = j >= 0 ? Math.sqrt(h.dist[slot]) : distances[r * k + s];
    }
  }
  return { n, k, indices, distances };
}
