/**
 * UMAP's layout optimisation (stochastic gradient descent with negative sampling), steppable one
 * epoch at a time. The algorithm is umap-js's optimizeLayoutStep — same edge schedule
 * (epochs-per-sample), gradients, clipping, learning-rate decay and negative sampling — but on a
 * Float32Array n×2 layout and typed edge arrays, the gradient coefficients read from interpolated
 * tables instead of two Math.pow calls per update (gradient-table.ts; the epochs run ~4× faster),
 * and the seeded `random` for initialisation and negative samples.
 */
import type { Random } from '../random.ts';
import type { FuzzyGraph } from './fuzzy.ts';
import { exactCoefficients, tableCoefficients, type GradientCoefficients } from './gradient-table.ts';

/** umap-js's default epoch count for n points. */
export function defaultEpochs(n: number): number {
  return n <= 2500 ? 500 : n <= 5000 ? 400 : n <= 7500 ? 300 : 200;
}

/**
 * a, b of the low-dimensional similarity 1/(1 + a·d^(2b)) fitted to the "min_dist" curve
 * (1 below minDist, exp(-(d - minDist)/spread) above) by damped Gauss–Newton least squares
 * on the same 300 points umap-js uses.
 */
export function findAB(spread: number, minDist: number): { a: number; b: number } {
  const m = 300;
  const xs = new Float64Array(m), ys = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const x = (spread * 3 * i) / (m - 1);
    xs[i] = x;
    ys[i] = x < minDist ? 1 : Math.exp(-(x - minDist) / spread);
  }
  const loss = (a: number, b: number) => {
    let s = 0;
    for (let i = 1; i < m; i++) {
      const r = 1 / (1 + a * Math.pow(xs[i], 2 * b)) - ys[i];
      s += r * r;
    }
    return s;
  };
  let a = 1, b = 1, lambda = 1e-3, cur = loss(a, b);
  for (let it = 0; it < 200; it++) {
    // J^T J and J^T r for f(x) = 1/(1 + a x^{2b}).
    let jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
    for (let i = 1; i < m; i++) {
      const x = xs[i], p = Math.pow(x, 2 * b), den = 1 + a * p;
      const f = 1 / den, r = f - ys[i];
      const da = -p / (den * den), db = (-a * p * 2 * Math.log(x)) / (den * den);
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    const A = jaa * (1 + lambda), D = jbb * (1 + lambda), det = A * D - jab * jab;
    if (!(Math.abs(det) > 1e-300)) break;
    const stepA = -(D * ga - jab * gb) / det, stepB = -(A * gb - jab * ga) / det;
    const na = a + stepA, nb = b + stepB;
    const next = na > 0 && nb > 0 ? loss(na, nb) : Infinity;
    if (next < cur) {
      const done = cur - next < 1e-14;
      a = na;
      b = nb;
      cur = next;
      lambda = Math.max(lambda / 3, 1e-9);
      if (done) break;
    } else lambda *= 4;
  }
  return { a, b };
}

export type LayoutOptions = {
  nEpochs: number;
  random: Random;
  minDist?: number;
  spread?: number;
  learningRate?: number;
  negativeSampleRate?: number;
  repulsionStrength?: number;
  /** Starting layout (n×2); default uniform in [-10, 10]² like umap-js. */
  init?: Float32Array;
  /** Gradient coefficients from interpolated tables (default, ~4× faster) or Math.pow. */
  exactGradients?: boolean;
};

const clip = (v: number) => (v > 4 ? 4 : v < -4 ? -4 : v);

export class LayoutOptimizer {
  readonly n: number;
  readonly nEpochs: number;
  /** The layout being optimised (n×2, interleaved), updated in place by step(). */
  readonly embedding: Float32Array;
  epoch = 0;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly epochsPerSample: Float64Array;
  private readonly epochOfNextSample: Float64Array;
  private readonly epochsPerNegativeSample: Float64Array;
  private readonly epochOfNextNegativeSample: Float64Array;
  private readonly coef: GradientCoefficients;
  private readonly random: Random;
  private readonly learningRate: number;
  private readonly gamma: number;

  constructor(graph: FuzzyGraph, opts: LayoutOptions) {
    const { n } = graph;
    this.n = n;
    this.nEpochs = opts.nEpochs;
    this.random = opts.random;
    this.learningRate = opts.learningRate ?? 1;
    this.gamma = opts.repulsionStrength ?? 1;
    const { a, b } = findAB(opts.spread ?? 1, opts.minDist ?? 0.1);
    this.coef = (opts.exactGradients ? exactCoefficients : tableCoefficients)(a, b, this.gamma);
    // Edges too weak to be sampled even once in nEpochs are dropped, as umap-js does.
    let max = 0;
    for (let e = 0; e < graph.vals.length; e++) if (graph.vals[e] > max) max = graph.vals[e];
    const keep: number[] = [];
    for (let e = 0; e < graph.vals.length; e++) if (graph.vals[e] >= max / this.nEpochs) keep.push(e);
    const m = keep.length;
    this.head = new Int32Array(m);
    this.tail = new Int32Array(m);
    this.epochsPerSample = new Float64Array(m);
    const negRate = opts.negativeSampleRate ?? 5;
    for (let t = 0; t < m; t++) {
      const e = keep[t];
      this.head[t] = graph.cols[e];
      this.tail[t] = graph.rows[e];
      this.epochsPerSample[t] = max / graph.vals[e];
    }
    this.epochOfNextSample = this.epochsPerSample.slice();
    this.epochsPerNegativeSample = this.epochsPerSample.map((x) => x / negRate);
    this.epochOfNextNegativeSample = this.epochsPerNegativeSample.slice();
    if (opts.init) {
      if (opts.init.length !== n * 2) throw new Error(`init layout has ${opts.init.length} values, expected ${n}×2`);
      this.embedding = opts.init.slice();
    } else {
      this.embedding = new Float32Array(n * 2);
      for (let i = 0; i < n * 2; i++) this.embedding[i] = this.random() * 20 - 10;
    }
  }

  get edges(): number {
    return this.head.length;
  }

  /** Runs one epoch; returns the number of epochs done. */
  step(): number {
    const epoch = this.epoch;
    if (epoch >= this.nEpochs) return epoch;
    const { head, tail, epochsPerSample, epochOfNextSample, epochsPerNegativeSample, epochOfNextNegativeSample, random, n } = this;
    const { attract, repel } = this.coef;
    const Y = this.embedding;
    const alpha = this.learningRate * (1 - epoch / this.nEpochs);
    const m = head.length;
    for (let i = 0; i < m; i++) {
      if (epochOfNextSample[i] > epoch) continue;
      const j = head[i], k = tail[i];
      const jx = 2 * j, kx = 2 * k;
      let cx = Y[jx], cy = Y[jx + 1];
      const dx = cx - Y[kx], dy = cy - Y[kx + 1];
      const d2 = dx * dx + dy * dy;
      const coeff = d2 > 0 ? attract(d2) : 0;
      const gx = clip(coeff * dx) * alpha, gy = clip(coeff * dy) * alpha;
      cx += gx;
      cy += gy;
      // Attraction moves both ends (head and tail share one layout).
      Y[kx] -= gx;
      Y[kx + 1] -= gy;
      epochOfNextSample[i] += epochsPerSample[i];

      const nNeg = Math.floor((epoch - epochOfNextNegativeSample[i]) / epochsPerNegativeSample[i]);
      for (let p = 0; p < nNeg; p++) {
        const o = Math.floor(random() * n);
        if (o === j) continue; // a point never repels itself (its stored position is stale here)
        const ox = 2 * o;
        const ex = cx - Y[ox], ey = cy - Y[ox + 1];
        const e2 = ex * ex + ey * ey;
        if (e2 > 0) {
          const c2 = repel(e2);
          cx += clip(c2 * ex) * alpha;
          cy += clip(c2 * ey) * alpha;
        } else {
          cx += 4 * alpha;
          cy += 4 * alpha;
        }
      }
      Y[jx] = cx;
      Y[jx + 1] = cy;
      epochOfNextNegativeSample[i] += nNeg * epochsPerNegativeSample[i];
    }
    this.epoch = epoch + 1;
    return this.epoch;
  }
}
