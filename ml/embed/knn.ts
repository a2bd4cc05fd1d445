/**
 * k-nearest-neighbour graphs on n×dim row-major Float32 data (Euclidean), pure TS so they run
 * in a browser worker. Two builders:
 *  - `knnExact`: blocked brute force with ‖a‖²+‖b‖²−2a·b, each pair computed once (symmetric
 *    push). O(n²·dim): right for small n and the reference for recall tests.
 *  - `knnApprox`: random-projection forest for a good start, then NN-descent (Dong et al. 2011,
 *    as in pynndescent) — neighbours of neighbours are likely neighbours. ~O(n·k²·dim) per round.
 * `knnGraph` picks one by size. The result includes each row itself at column 0, as umap-js's
 * own kNN does, so it can go straight into `setPrecomputedKNN`.
 */
import { mulberry32, type Random } from '../random.ts';
import { heapPush, heapsToGraph, makeHeaps, type KnnGraph, type NeighborHeaps } from './knn-heap.ts';

export type { KnnGraph } from './knn-heap.ts';

export type KnnOptions = {
  seed?: number;
  /** Called between units of work (trees, rounds); may throw to cancel. */
  onStep?: (done: number, total: number, message: string) => void | Promise<void>;
  /** Random-projection trees (more = better start, slower). */
  trees?: number;
  leafSize?: number;
  /** Maximum NN-descent rounds; stops early when fewer than delta·n·k updates happen. */
  iterations?: number;
  delta?: number;
  /** Use brute force up to this many rows (knnGraph only). */
  exactBelow?: number;
};

function sqDist(X: Float32Array, a: number, b: number, dim: number): number {
  let s0 = 0, s1 = 0;
  let i = 0;
  for (; i + 1 < dim; i += 2) {
    const d0 = X[a + i] - X[b + i], d1 = X[a + i + 1] - X[b + i + 1];
    s0 += d0 * d0;
    s1 += d1 * d1;
  }
  if (i < dim) {
    const d = X[a + i] - X[b + i];
    s0 += d * d;
  }
  return s0 + s1;
}

function checkShape(data: Float32Array, n: number, dim: number, k: number): void {
  if (data.length !== n * dim) throw new Error(`knn: data has ${data.length} values, expected n×dim = ${n}×${dim}`);
  if (k < 2 || k > n) throw new Error(`knn: need 2 ≤ k ≤ n (k = ${k}, n = ${n})`);
}

/** Exact kNN (row itself included at column 0). */
export function knnExact(data: Float32Array, n: number, dim: number, k: number): KnnGraph {
  checkShape(data, n, dim, k);
  const heaps = makeHeaps(n, k - 1);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0, o = i * dim; c < dim; c++) s += data[o + c] * data[o + c];
    norms[i] = s;
  }
  // Blocks of rows keep a tile of the data hot in cache while every later row streams past it.
  const B = 64;
  for (let i0 = 0; i0 < n; i0 += B) {
    const i1 = Math.min(n, i0 + B);
    for (let j = i0; j < n; j++) {
      const oj = j * dim;
      for (let i = i0; i < Math.min(i1, j); i++) {
        const oi = i * dim;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0, c = 0;
        for (; c + 3 < dim; c += 4) {
          s0 += data[oi + c] * data[oj + c];
          s1 += data[oi + c + 1] * data[oj + c + 1];
          s2 += data[oi + c + 2] * data[oj + c + 2];
          s3 += data[oi + c + 3] * data[oj + c + 3];
        }
        for (; c < dim; c++) s0 += data[oi + c] * data[oj + c];
        const d = Math.max(0, norms[i] + norms[j] - 2 * (s0 + s1 + s2 + s3));
        heapPush(heaps, i, j, d);
        heapPush(heaps, j, i, d);
      }
    }
  }
  return heapsToGraph(heaps);
}

/** Leaves of one random-projection tree: row indices, grouped, with leaf boundaries. */
function rpTreeLeaves(X: Float32Array, n: number, dim: number, leafSize: number, random: Random): { order: Int32Array; bounds: number[] } {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const bounds: number[] = [0];
  const margins = new Float64Array(n);
  const stack: [number, number][] = [[0, n]];
  const normal = new Float64Array(dim);
  while (stack.length) {
    const [lo, hi] = stack.pop()!;
    if (hi - lo <= leafSize) {
      bounds.push(hi);
      continue;
    }
    // Hyperplane halfway between two random points of this node (pynndescent's euclidean split).
    const a = order[lo + Math.floor(random() * (hi - lo))];
    let b = order[lo + Math.floor(random() * (hi - lo))];
    if (a === b) b = order[a === order[lo] ? hi - 1 : lo];
    let offset = 0;
    for (let c = 0; c < dim; c++) {
      const pa = X[a * dim + c], pb = X[b * dim + c];
      normal[c] = pa - pb;
      offset -= normal[c] * (pa + pb) / 2;
    }
    let left = lo;
    for (let i = lo; i < hi; i++) {
      const r = order[i];
      let m = offset;
      for (let c = 0, o = r * dim; c < dim; c++) m += normal[c] * X[o + c];
      margins[r] = m;
    }
    // Partition in place: margin < 0 left; ties broken at random so duplicates still split.
    let right = hi - 1;
    while (left <= right) {
      const r = order[left];
      const m = margins[r];
      const goLeft = m < 0 || (m === 0 && random() < 0.5);
      if (goLeft) left++;
      else {
        order[left] = order[right];
        order[right] = r;
        right--;
      }
    }
    let mid = left;
    if (mid === lo || mid === hi) mid = (lo + hi) >> 1; // degenerate split: halve arbitrarily
    // Push right first so leaves come out left-to-right (deterministic order).
    stack.push([mid, hi], [lo, mid]);
  }
  return { order, bounds: bounds.sort((x, y) => x - y) };
}

/** Adds c to row r's candidate list (reservoir sampling keeps at most `max` of them, uniformly). */
function addCandidate(list: Int32Array, seen: Int32Array, r: number, c: number, max: number, random: Random): void {
  const s = seen[r]++;
  if (s < max) list[r * max + s] = c;
  else {
    const j = Math.floor(random() * (s + 1));
    if (j < max) list[r * max + j] = c;
  }
}

/** One NN-descent round: local joins among each row's new and old candidates. Returns heap updates. */
function nnDescentRound(X: Float32Array, dim: number, heaps: NeighborHeaps, maxCand: number, random: Random): number {
  const { n, k, indices, isNew } = heaps;
  const newList = new Int32Array(n * maxCand), oldList = new Int32Array(n * maxCand);
  const newSeen = new Int32Array(n), oldSeen = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    for (let s = r * k; s < r * k + k; s++) {
      const j = indices[s];
      if (j < 0) continue;
      if (isNew[s]) {
        addCandidate(newList, newSeen, r, j, maxCand, random);
        addCandidate(newList, newSeen, j, r, maxCand, random);
      } else {
        addCandidate(oldList, oldSeen, r, j, maxCand, random);
        addCandidate(oldList, oldSeen, j, r, maxCand, random);
      }
    }
  }
  // Neighbours that made it into a candidate list have been joined once: they are old now.
  for (let r = 0; r < n; r++) {
    const cnt = Math.min(newSeen[r], maxCand);
    for (let s = r * k; s < r * k + k; s++) {
      if (!isNew[s]) continue;
      const j = indices[s];
      for (let c = 0; c < cnt; c++) if (newList[r * maxCand + c] === j) { isNew[s] = 0; break; }
    }
  }
  let updates = 0;
  for (let r = 0; r < n; r++) {
    const nc = Math.min(newSeen[r], maxCand), oc = Math.min(oldSeen[r], maxCand);
    const nb = r * maxCand;
    for (let a = 0; a < nc; a++) {
      const p = newList[nb + a], op = p * dim;
      for (let b = a + 1; b < nc; b++) {
        const q = newList[nb + b];
        if (q === p) continue;
        const d = sqDist(X, op, q * dim, dim);
        updates += heapPush(heaps, p, q, d) + heapPush(heaps, q, p, d);
      }
      for (let b = 0; b < oc; b++) {
        const q = oldList[nb + b];
        if (q === p) continue;
        const d = sqDist(X, op, q * dim, dim);
        updates += heapPush(heaps, p, q, d) + heapPush(heaps, q, p, d);
      }
    }
  }
  return updates;
}

/** Approximate kNN (row itself included at column 0): RP forest + NN-descent, seeded. */
export async function knnApprox(data: Float32Array, n: number, dim: number, k: number, opts: KnnOptions = {}): Promise<KnnGraph> {
  checkShape(data, n, dim, k);
  const random = mulberry32(opts.seed ?? 0);
  const kh = k - 1;
  const heaps = makeHeaps(n, kh);
  const trees = opts.trees ?? Math.max(4, Math.min(12, 4 + Math.round(Math.sqrt(n) / 40)));
  const leafSize = opts.leafSize ?? Math.max(24, 2 * k);
  const iterations = opts.iterations ?? Math.max(5, Math.round(Math.log2(n)));
  const delta = opts.delta ?? 0.001;
  const total = trees + iterations;
  for (let t = 0; t < trees; t++) {
    const { order, bounds } = rpTreeLeaves(data, n, dim, leafSize, random);
    for (let b = 0; b + 1 < bounds.length; b++) {
      const lo = bounds[b], hi = bounds[b + 1];
      for (let x = lo; x < hi; x++) {
        const p = order[x], op = p * dim;
        for (let y = x + 1; y < hi; y++) {
          const q = order[y];
          const d = sqDist(data, op, q * dim, dim);
          heapPush(heaps, p, q, d);
          heapPush(heaps, q, p, d);
        }
      }
    }
    await opts.onStep?.(t + 1, total, 'kNN: random-projection trees');
  }
  const maxCand = Math.min(60, Math.max(kh, 10));
  for (let it = 0; it < iterations; it++) {
    const updates = nnDescentRound(data, dim, heaps, maxCand, random);
    await opts.onStep?.(trees + it + 1, total, 'kNN: NN-descent');
    if (updates <= delta * n * kh) break;
  }
  return heapsToGraph(heaps);
}

/** kNN graph: exact below `exactBelow` rows (default 4000), approximate above. */
export async function knnGraph(data: Float32Array, n: number, dim: number, k: number, opts: KnnOptions = {}): Promise<KnnGraph> {
  if (n < (opts.exactBelow ?? 4000)) {
    const g = knnExact(data, n, dim, k);
    await opts.onStep?.(1, 1, 'kNN: exact');
    return g;
  }
  return knnApprox(data, n, dim, k, opts);
}

/** Fraction of true neighbours (excluding the row itself) that `approx` found, averaged over rows. */
export function graphRecall(approx: KnnGraph, exact: KnnGraph): number {
  const { n } = exact, k = Math.min(approx.k, exact.k);
  let hit = 0, total = 0;
  for (let r = 0; r < n; r++) {
    const truth = new Set<number>();
    for (let s = 1; s < k; s++) truth.add(exact.indices[r * exact.k + s]);
    for (let s = 1; s < k; s++) if (truth.has(approx.indices[r * approx.k + s])) hit++;
    total += k - 1;
  }
  return total ? hit / total : 1;
}
