/**
 * Seeded clustered vectors with embedding-like structure, for tests and benchmarks when real
 * features are absent: `clusters` classes, each a few sub-clusters lying on a low-dimensional
 * random subspace (intrinsic dim ≪ dim) plus isotropic noise, all rectified like ReLU pooling
 * features (non-negative, sparse-ish). Not a stand-in for real data in any reported accuracy.
 */
import { gaussian, mulberry32 } from '../random.ts';

export type SyntheticEmbedding = { data: Float32Array; n: number; dim: number; labels: Int32Array };

export function clusteredEmbedding(n: number, dim: number, opts: { seed?: number; clusters?: number; subclusters?: number; intrinsicDim?: number; noise?: number } = {}): SyntheticEmbedding {
  const random = mulberry32(opts.seed ?? 1);
  const clusters = opts.clusters ?? 10;
  const subs = opts.subclusters ?? 4;
  const r = opts.intrinsicDim ?? 8;
  const noise = opts.noise ?? 0.35;
  // Per cluster: a centre, r basis directions; per sub-cluster: an offset inside the subspace.
  const centres = new Float32Array(clusters * dim);
  const bases = new Float32Array(clusters * r * dim);
  const subOffsets = new Float32Array(clusters * subs * r);
  for (let i = 0; i < centres.length; i++) centres[i] = gaussian(random) * 1.2;
  for (let i = 0; i < bases.length; i++) bases[i] = gaussian(random) / Math.sqrt(r);
  for (let i = 0; i < subOffsets.length; i++) subOffsets[i] = gaussian(random) * 1.5;
  const data = new Float32Array(n * dim);
  const labels = new Int32Array(n);
  const coef = new Float32Array(r);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(random() * clusters), s = Math.floor(random() * subs);
    labels[i] = c;
    for (let j = 0; j < r; j++) coef[j] = subOffsets[(c * subs + s) * r + j] + gaussian(random);
    const o = i * dim;
    for (let d = 0; d < dim; d++) data[o + d] = centres[c * dim + d] + noise * gaussian(random);
    for (let j = 0; j < r; j++) {
      const b = (c * r + j) * dim, w = coef[j];
      for (let d = 0; d < dim; d++) data[o + d] += w * bases[b + d];
    }
    for (let d = 0; d < dim; d++) if (data[o + d] < 0) data[o + d] = 0;
  }
  return { data, n, dim, labels };
}
