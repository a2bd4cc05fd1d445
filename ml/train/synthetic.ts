/**
 * Seeded Gaussian blobs for tests and benchmarks: `classes` centres drawn at random in `dim`
 * dimensions, on average `separation` apart, with unit noise per dimension. Not shipped data.
 */
import { gaussian, mulberry32 } from '../random.ts';

export function gaussianBlobs(opts: { n: number; dim: number; classes: number; separation?: number; seed?: number }): { x: Float32Array; y: Int32Array } {
  const { n, dim, classes } = opts;
  const random = mulberry32(opts.seed ?? 1);
  // Two centres with per-dimension spread s are s·√(2·dim) apart on average.
  const s = (opts.separation ?? 3) / Math.sqrt(2 * dim);
  const centres = new Float32Array(classes * dim);
  for (let i = 0; i < centres.length; i++) centres[i] = gaussian(random) * s;
  const x = new Float32Array(n * dim);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(random() * classes);
    y[i] = c;
    for (let d = 0; d < dim; d++) x[i * dim + d] = centres[c * dim + d] + gaussian(random);
  }
  return { x, y };
}
