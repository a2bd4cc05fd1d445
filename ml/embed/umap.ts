/**
 * UMAP as a job: seeded, steppable, cancellable, with live previews. Float32 end to end:
 *   1. PCA pre-reduction of wide data (default to 50 dims when dim > 64),
 *   2. our kNN graph (exact for small n, RP-forest + NN-descent above),
 *   3. engine 'fast' (default): umap-js's fuzzy set and SGD ported to typed arrays
 *      (fuzzy.ts, layout.ts). Measured on 10k points with a precomputed graph, umap-js itself
 *      spends ~7 s in initializeFit (Map-keyed sparse matrices) and ~18 s in 200 epochs of
 *      number[][] SGD, so a fast kNN alone cannot make it 3× faster.
 *      engine 'umap-js': the graph goes to umap-js via `setPrecomputedKNN`, then its own
 *      initializeFit/step — the reference implementation, kept for comparison.
 * Output: n×2 interleaved Float32Array, centred and scaled so the larger side of the bounding
 * box spans [-1, 1] (aspect ratio kept). Previews use the same normalisation.
 */
import { UMAP } from 'umap-js';
import { throwIfCancelled, yieldToEventLoop, type JobFn } from '../jobs/job.ts';
import { mulberry32 } from '../random.ts';
import { fuzzySimplicialSet } from './fuzzy.ts';
import { knnGraph, type KnnGraph } from './knn.ts';
import { defaultEpochs, LayoutOptimizer } from './layout.ts';
import { pca } from './pca.ts';

export type UmapInput = {
  /** n×dim row-major vectors. */
  data: Float32Array;
  n: number;
  dim: number;
  seed: number;
  /** Default 15, or n − 1 for a table of fewer rows (a folder of ten texts still gets a map). */
  nNeighbors?: number;
  minDist?: number;
  /** Default: umap-js's (500 below 2,500 rows … 200 above 10,000). */
  nEpochs?: number;
  /** Reduce to this many dims first; null = never. Default: 50 when dim > 64. */
  pcaDims?: number | null;
  /** Epochs between previews (default 10; 0 = no previews). */
  previewEvery?: number;
  /** 'fast' (default): typed-array fuzzy set + SGD; 'umap-js': umap-js's own (slower). */
  engine?: 'fast' | 'umap-js';
};

/** Interleaved x,y per row, normalised (see file comment). */
export type UmapLayout = Float32Array;

/** Centre the layout's bounding box on 0 and scale its longer side to [-1, 1]. */
export function normalizeLayout(xy: Float32Array): Float32Array {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i], y = xy[i + 1];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const half = Math.max(x1 - x0, y1 - y0) / 2;
  const s = half > 0 && Number.isFinite(half) ? 1 / half : 1;
  const out = new Float32Array(xy.length);
  for (let i = 0; i < xy.length; i += 2) {
    out[i] = (xy[i] - cx) * s;
    out[i + 1] = (xy[i + 1] - cy) * s;
  }
  return out;
}

function embeddingToLayout(embedding: number[][]): Float32Array {
  const out = new Float32Array(embedding.length * 2);
  for (let i = 0; i < embedding.length; i++) {
    out[2 * i] = embedding[i][0];
    out[2 * i + 1] = embedding[i][1];
  }
  return normalizeLayout(out);
}

/** The kNN graph in umap-js's shape (the only place we build number[][]). */
function toUmapKnn(g: KnnGraph): { indices: number[][]; distances: number[][] } {
  const indices: number[][] = new Array(g.n), distances: number[][] = new Array(g.n);
  for (let r = 0; r < g.n; r++) {
    indices[r] = Array.from(g.indices.subarray(r * g.k, r * g.k + g.k));
    distances[r] = Array.from(g.distances.subarray(r * g.k, r * g.k + g.k));
  }
  return { indices, distances };
}

/** The neighbour count a run uses: the caller's, else 15 capped at n − 1. */
const neighboursOf = (input: UmapInput): number => input.nNeighbors ?? Math.min(15, input.n - 1);

export function validateUmapInput(input: UmapInput): void {
  const { data, n, dim } = input;
  if (!(data instanceof Float32Array)) throw new Error('UMAP: data must be a Float32Array');
  if (!Number.isInteger(n) || !Number.isInteger(dim) || n < 1 || dim < 1) throw new Error(`UMAP: bad shape n=${n}, dim=${dim}`);
  if (data.length !== n * dim) throw new Error(`UMAP: data has ${data.length} values, expected n×dim = ${n}×${dim} = ${n * dim}`);
  if (n < 3) throw new Error(`UMAP needs at least 3 points to lay out, got ${n}`);
  const k = neighboursOf(input);
  if (n <= k) throw new Error(`UMAP needs more points (${n}) than neighbours (${k})`);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new Error(`UMAP: row ${Math.floor(i / dim)}, column ${i % dim} is ${data[i]}`);
  }
}

/** The kNN graph UMAP will use: PCA-reduced when wide, exact or approximate by size. */
export async function umapKnn(input: UmapInput, onStep?: (done: number, total: number, message: string) => void | Promise<void>): Promise<KnnGraph> {
  const { data, n, dim, seed } = input;
  const k = neighboursOf(input);
  const target = input.pcaDims === undefined ? (dim > 64 ? 50 : null) : input.pcaDims;
  let X = data, d = dim;
  if (target !== null && target < dim && target < n) {
    const p = pca(data, n, dim, target, { seed });
    X = p.data;
    d = p.k;
  }
  return knnGraph(X, n, d, k, { seed, onStep });
}

type Stepper = { nEpochs: number; step(): number; layout(): Float32Array };

function umapJsStepper(input: UmapInput, graph: KnnGraph): Stepper {
  const umap = new UMAP({ nComponents: 2, nNeighbors: graph.k, minDist: input.minDist ?? 0.1, nEpochs: input.nEpochs, random: mulberry32(input.seed) });
  const knn = toUmapKnn(graph);
  umap.setPrecomputedKNN(knn.indices, knn.distances);
  // With a precomputed graph umap-js reads only X.length (X itself is kept for transform(),
  // which we never call), so empty rows stand in for the data instead of an n×dim copy.
  const nEpochs = umap.initializeFit(Array.from({ length: input.n }, () => []));
  return { nEpochs, step: () => umap.step(), layout: () => embeddingToLayout(umap.getEmbedding()) };
}

function fastStepper(input: UmapInput, graph: KnnGraph): Stepper {
  const fuzzy = fuzzySimplicialSet(graph);
  const opt = new LayoutOptimizer(fuzzy, { nEpochs: input.nEpochs ?? defaultEpochs(input.n), minDist: input.minDist ?? 0.1, random: mulberry32(input.seed) });
  return { nEpochs: opt.nEpochs, step: () => opt.step(), layout: () => normalizeLayout(opt.embedding) };
}

/**
 * The UMAP job. Progress: kNN phase (trees, NN-descent rounds), then "epochs" (done/total).
 * Previews: a normalised layout every `previewEvery` epochs.
 */
export const runUmap: JobFn<UmapInput, Float32Array, Float32Array> = async (input, ctx) => {
  validateUmapInput(input);
  const previewEvery = input.previewEvery ?? 10;
  ctx.progress({ done: 0, total: 1, message: 'kNN graph' });
  const graph = await umapKnn(input, async (done, total, message) => {
    throwIfCancelled(ctx.signal);
    ctx.progress({ done, total, message });
    await yieldToEventLoop();
    throwIfCancelled(ctx.signal);
  });
  throwIfCancelled(ctx.signal);
  ctx.progress({ done: 0, total: 1, message: 'fuzzy graph' });
  const stepper = (input.engine ?? 'fast') === 'fast' ? fastStepper(input, graph) : umapJsStepper(input, graph);
  const { nEpochs } = stepper;
  throwIfCancelled(ctx.signal);

  // Yield by time, not per epoch: a browser clamps nested setTimeout to 4 ms, which would add
  // ~1 s over 200 epochs, while cancel only needs to be seen within a few tens of ms.
  let lastYield = Date.now();
  for (let epoch = 0; epoch < nEpochs; ) {
    epoch = stepper.step();
    if (previewEvery > 0 && epoch % previewEvery === 0 && epoch < nEpochs) ctx.preview(stepper.layout());
    if (Date.now() - lastYield > 50 || epoch === nEpochs) {
      ctx.progress({ done: epoch, total: nEpochs, message: 'epochs' });
      await yieldToEventLoop();
      lastYield = Date.now();
      throwIfCancelled(ctx.signal);
    }
  }
  return stepper.layout();
};
