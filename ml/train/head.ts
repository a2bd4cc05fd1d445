/**
 * DenseHead: a small classifier on frozen embeddings, scikit-learn style —
 * Dense(hidden, relu) → Dropout → Dense(classes, softmax). `transform` gives the hidden-layer
 * activations so the map can be re-projected on what the model learned (embetter's
 * FeedForwardTuner). Weights are plain arrays (toJSON/fromJSON), so a trained head can be
 * exported and run without the app. `trainHead` is the job the app runs in a worker.
 */
import type { JobFn } from '../jobs/job.ts';
import { throwIfCancelled } from '../jobs/job.ts';
import { backendInfo } from './backend.ts';
import { fitNet } from './loop.ts';
import { checkLayers, type Layer } from './net.ts';
import { forwardAll, forwardSync, scoresFrom } from './predict.ts';
import { fitScaler, takeRows } from './validation.ts';
import type { EpochLog, FitHooks, FitReport, HeadJSON, Matrix, Scaler, TrainInput, TrainOptions, TrainResult } from './types.ts';
import { rowsOf } from './types.ts';

export const HEAD_DEFAULTS = { hidden: 64, epochs: 30, learningRate: 1e-3, dropout: 0.2, l2: 0 } as const;

export class DenseHead {
  private layers: Layer[] | null = null;
  private scaler: Scaler | null = null;
  classes: string[] = [];

  constructor(readonly options: TrainOptions = {}) {}

  /** Trains on x (n×dim) with y = class index per row into `classes`. Replaces earlier weights. */
  async fit(x: Matrix, y: Int32Array, classes: string[], hooks: FitHooks = {}): Promise<FitReport> {
    if (classes.length < 2) throw new Error(`fit: need at least 2 classes, got ${classes.length}`);
    const hidden = Math.max(1, Math.floor(this.options.hidden ?? HEAD_DEFAULTS.hidden));
    const { layers, scaler, report } = await fitNet(x, y, classes.length, { hiddenSizes: [hidden], defaults: HEAD_DEFAULTS }, this.options, hooks);
    this.layers = layers;
    this.scaler = scaler;
    this.classes = [...classes];
    return report;
  }

  get fitted(): boolean {
    return this.layers !== null;
  }

  get dim(): number {
    return this.net().layers[0].inDim;
  }

  get hiddenSize(): number {
    return this.net().layers[0].outDim;
  }

  /** n×classes softmax probabilities. */
  predictProba(x: Matrix): Float32Array {
    const { layers, scaler } = this.net();
    return forwardSync(layers, scaler, x, 'proba');
  }

  /** Class index (into `classes`) per row. */
  predict(x: Matrix): Int32Array {
    return scoresFrom(this.predictProba(x), this.classes.length).predicted;
  }

  /** n×hidden hidden-layer (post-relu) activations. */
  transform(x: Matrix): Float32Array {
    const { layers, scaler } = this.net();
    return forwardSync(layers, scaler, x, 'hidden');
  }

  /** Everything about every row in one batched, cancellable pass (what the app shows). */
  async score(x: Matrix, opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}) {
    const { layers, scaler } = this.net();
    const { proba, hidden } = await forwardAll(layers, scaler, x, { ...opts, hidden: true });
    return { ...scoresFrom(proba, this.classes.length), hidden: hidden ?? new Float32Array(0) };
  }

  toJSON(): HeadJSON {
    const { layers, scaler } = this.net();
    const [l1, l2] = layers;
    return {
      kind: 'dense-head',
      version: 1,
      classes: [...this.classes],
      dim: l1.inDim,
      hidden: l1.outDim,
      activation: 'relu',
      mean: Array.from(scaler?.mean ?? new Float32Array(l1.inDim)),
      std: Array.from(scaler?.std ?? new Float32Array(l1.inDim).fill(1)),
      w1: Array.from(l1.w),
      b1: Array.from(l1.b),
      w2: Array.from(l2.w),
      b2: Array.from(l2.b),
    };
  }

  static fromJSON(json: HeadJSON): DenseHead {
    if (json?.kind !== 'dense-head' || json.version !== 1) throw new Error('Not a dense head model (expected kind "dense-head", version 1)');
    const { dim, hidden, classes } = json;
    if (json.mean.length !== dim || json.std.length !== dim) throw new Error(`Dense head: scaler has ${json.mean.length} values, expected ${dim}`);
    const layers: Layer[] = [
      { inDim: dim, outDim: hidden, w: Float32Array.from(json.w1), b: Float32Array.from(json.b1) },
      { inDim: hidden, outDim: classes.length, w: Float32Array.from(json.w2), b: Float32Array.from(json.b2) },
    ];
    checkLayers(layers, 'Dense head');
    const head = new DenseHead({ hidden });
    head.layers = layers;
    head.scaler = { mean: Float32Array.from(json.mean), std: Float32Array.from(json.std) };
    head.classes = [...classes];
    return head;
  }

  private net(): { layers: Layer[]; scaler: Scaler | null } {
    if (!this.layers) throw new Error('This model is not trained yet: call fit first');
    return { layers: this.layers, scaler: this.scaler };
  }
}

function checkInput(input: TrainInput): number {
  const n = rowsOf({ data: input.x, dim: input.dim });
  if (input.rows.length !== input.y.length) throw new Error(`train: ${input.rows.length} labelled rows but ${input.y.length} labels`);
  for (const r of input.rows) if (r >= n) throw new Error(`train: labelled row ${r} is outside the ${n} rows`);
  if (input.classes.length < 2) throw new Error('train: label items with at least 2 classes first');
  return n;
}

/**
 * The training job: fit on the labelled rows, send one preview per epoch (live curves), then
 * score EVERY row (class, probabilities, margin, hidden activations). The standardiser is
 * computed over all rows (unsupervised, and far steadier than over a few dozen labels).
 * Leaves no tensors behind; cancellable between batches.
 */
export const trainHead: JobFn<TrainInput, TrainResult, EpochLog> = async (input, ctx) => {
  const t0 = performance.now();
  const n = checkInput(input);
  const backend = backendInfo();
  const all: Matrix = { data: input.x, dim: input.dim };
  const scaler = input.scaler ?? fitScaler(all);
  throwIfCancelled(ctx.signal);
  const head = new DenseHead({ ...input, scaler });
  const train: Matrix = { data: takeRows(all, input.rows), dim: input.dim };
  const report = await head.fit(train, input.y, input.classes, {
    signal: ctx.signal,
    onEpoch: (log) => ctx.preview(log),
    onProgress: (done, total, message) => ctx.progress({ done, total: total + 1, message }),
  });
  ctx.progress({ done: 0, total: n, message: 'Scoring every item' });
  const scores = await head.score(all, { signal: ctx.signal, onProgress: (done, total) => ctx.progress({ done, total, message: 'Scoring every item' }) });
  return { model: head.toJSON(), history: report.history, ...scores, backend, ms: performance.now() - t0 };
};
