/**
 * Seeded k-means (k-means++ seeding, then Lloyd iterations) for small point sets: the
 * margin + diversity queue clusters a few hundred candidates, so plain loops over a dense
 * m×dim matrix are fast enough (200 × 1,280 into 20 clusters: a few ms) and stay exact and
 * deterministic — the same points and seed always give the same clusters.
 */
import { mulberry32 } from '../random.ts';

export type KMeansResult = {
  /** Per point, its cluster in 0..k-1. */
  assign: Int32Array;
  /** k×dim row-major centres. */
  centres: Float64Array;
  /** Clusters actually used: fewer than asked when there are fewer distinct points. */
  k: number;
  iterations: number;
};

/** Squared distance from point i to centre j; four accumulators, as V8 does not vectorise. */
function dist2(x: Float32Array, i: number, c: Float64Array, j: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const a = i * dim;
  const b = j * dim;
  let d = 0;
  for (; d + 3 < dim; d += 4) {
    const v0 = x[a + d] - c[b + d];
    const v1 = x[a + d + 1] - c[b + d + 1];
    const v2 = x[a + d + 2] - c[b + d + 2];
    const v3 = x[a + d + 3] - c[b + d + 3];
    s0 += v0 * v0;
    s1 += v1 * v1;
    s2 += v2 * v2;
    s3 += v3 * v3;
  }
  for (; d < dim; d++) {
    const v = x[a + d] - c[b + d];
    s0 += v * v;
  }
  return s0 + s1 + s2 + s3;
}

/** k-means++: each next centre is a point drawn with probability ∝ its squared distance to the nearest centre so far. */
function seedCentres(x: Float32Array, m: number, dim: number, k: number, seed: number): { centres: Float64Array; k: number } {
  const random = mulberry32(seed);
  const centres = new Float64Array(k * dim);
  const near = new Float64Array(m).fill(Infinity);
  let pick = Math.floor(random() * m);
  let used = 0;
  for (;;) {
    for (let d = 0; d < dim; d++) centres[used * dim + d] = x[pick * dim + d];
    used++;
    if (used === k) break;
    let total = 0;
    for (let i = 0; i < m; i++) {
      near[i] = Math.min(near[i], dist2(x, i, centres, used - 1, dim));
      total += near[i];
    }
    if (total === 0) break; // every point sits on a centre: no more distinct points
    let r = random() * total;
    pick = -1;
    for (let i = 0; i < m && pick < 0; i++) {
      r -= near[i];
      if (r < 0 && near[i] > 0) pick = i;
    }
    // Rounding can leave r ≥ 0 after the loop: take the last point off every centre.
    for (let i = m - 1; pick < 0; i--) if (near[i] > 0) pick = i;
  }
  return { centres, k: used };
}

/** Clusters the m = x.length / dim points into (at most) k clusters; ties go to the lower cluster. */
export function kmeans(x: Float32Array, dim: number, k: number, seed: number, maxIterations = 50): KMeansResult {
  const m = x.length / dim;
  if (!Number.isInteger(m)) throw new Error(`kmeans: ${x.length} values is not a multiple of dim ${dim}`);
  if (m === 0 || k < 1) return { assign: new Int32Array(m), centres: new Float64Array(0), k: 0, iterations: 0 };
  const seeded = seedCentres(x, m, dim, Math.min(k, m), seed);
  const kk = seeded.k;
  const centres = seeded.centres.subarray(0, kk * dim);
  const assign = new Int32Array(m).fill(-1);
  const size = new Int32Array(kk);
  const sum = new Float64Array(kk * dim);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = 0;
    for (let i = 0; i < m; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let j = 0; j < kk; j++) {
        const d = dist2(x, i, centres, j, dim);
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      }
      if (assign[i] !== best) {
        assign[i] = best;
        changed++;
      }
    }
    if (changed === 0) break;
    sum.fill(0);
    size.fill(0);
    for (let i = 0; i < m; i++) {
      const j = assign[i];
      size[j]++;
      for (let d = 0; d < dim; d++) sum[j * dim + d] += x[i * dim + d];
    }
    // A centre that lost all its points keeps its old place: next round it may win some back.
    for (let j = 0; j < kk; j++) {
      if (size[j] === 0) continue;
      for (let d = 0; d < dim; d++) centres[j * dim + d] = sum[j * dim + d] / size[j];
    }
  }
  return { assign, centres, k: kk, iterations };
}
