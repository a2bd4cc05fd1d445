/**
 * The quick quality probe the docs quote: nearest-centroid accuracy with k labelled items
 * per class (drawn with a seed), tested on every other item. No training, so it measures
 * the embedding, not an optimiser.
 */
import { mulberry32, shuffle } from './random.ts';

/** Standardises each dimension to mean 0, sd 1 over all rows (constant dimensions → 0). */
export function zScore(data: Float32Array, n: number, dim: number): Float32Array {
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) { const v = data[i * dim + d]; mean[d] += v; sq[d] += v * v; }
  const out = new Float32Array(n * dim);
  for (let d = 0; d < dim; d++) {
    mean[d] /= n;
    const sd = Math.sqrt(Math.max(0, sq[d] / n - mean[d] * mean[d]));
    sq[d] = sd > 1e-8 ? 1 / sd : 0;
  }
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) out[i * dim + d] = (data[i * dim + d] - mean[d]) * sq[d];
  return out;
}

/** Accuracy on the unlabelled rest when k items per class (seeded draw) define the centroids. */
export function nearestCentroidAccuracy(data: Float32Array, dim: number, labels: Int32Array, classes: number, perClass: number, seed: number): number {
  const n = labels.length;
  const random = mulberry32(seed);
  const train = new Uint8Array(n);
  for (let c = 0; c < classes; c++) {
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (labels[i] === c) members.push(i);
    for (const i of shuffle(members, random).slice(0, perClass)) train[i] = 1;
  }
  const centroids = new Float64Array(classes * dim);
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    if (!train[i]) continue;
    counts[labels[i]]++;
    for (let d = 0; d < dim; d++) centroids[labels[i] * dim + d] += data[i * dim + d];
  }
  for (let c = 0; c < classes; c++) for (let d = 0; d < dim; d++) centroids[c * dim + d] /= Math.max(1, counts[c]);
  let right = 0;
  let tested = 0;
  for (let i = 0; i < n; i++) {
    if (train[i]) continue;
    let best = -1;
    let bestDist = Infinity;
    for (let c = 0; c < classes; c++) {
      let dist = 0;
      for (let d = 0; d < dim; d++) { const e = data[i * dim + d] - centroids[c * dim + d]; dist += e * e; }
      if (dist < bestDist) { bestDist = dist; best = c; }
    }
    tested++;
    if (best === labels[i]) right++;
  }
  return right / tested;
}

/** Mean accuracy over several seeded draws (the numbers vary a few points between draws). */
export function meanAccuracy(data: Float32Array, dim: number, labels: Int32Array, classes: number, perClass = 20, seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]): number {
  return seeds.reduce((s, seed) => s + nearestCentroidAccuracy(data, dim, labels, classes, perClass, seed), 0) / seeds.length;
}
