/**
 * The training loop: a custom Adam loop rather than model.fit — batches of shuffled rows are
 * uploaded from one standardised Float32Array, gradients are explicit, and the only device→JS
 * reads are one per epoch (summed loss, accuracy, validation).
 *
 * Trainers are steppable (one `epoch()` at a time), so k-fold validation runs its k models
 * in lockstep and still draws a live averaged curve. Everything random comes from the seed.
 */
import * as tf from '@tensorflow/tfjs';
import { CancelledError, yieldToEventLoop } from '../jobs/job.ts';
import { mulberry32, permutation, type Random } from '../random.ts';
import { forward, initLayers, type Layer } from './net.ts';
import { balancedWeights, fitScaler, resolveValidation, stratifiedFolds, stratifiedHoldout, type Split } from './validation.ts';
import type { EpochLog, FitHooks, FitReport, Matrix, Scaler, TrainOptions } from './types.ts';
import { rowsOf } from './types.ts';

/**
 * The labelled rows, standardised, kept in JS memory. Batches are assembled here and uploaded:
 * on wasm, tf.gather of 512 rows × 1280 takes ~50 ms while a JS row copy + upload takes ~1 ms.
 */
type Dataset = { X: Float32Array; dim: number; y: Int32Array; yw: Float32Array; k: number; n: number };

function makeDataset(x: Matrix, scaler: Scaler, y: Int32Array, k: number, weights: Float32Array | null): Dataset {
  const n = rowsOf(x);
  const { dim } = x;
  const yw = new Float32Array(n * k);
  for (let i = 0; i < n; i++) yw[i * k + y[i]] = weights ? weights[y[i]] : 1;
  const X = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) X[i * dim + d] = (x.data[i * dim + d] - scaler.mean[d]) / scaler.std[d];
  }
  return { X, dim, y, yw, k, n };
}

export type Stats = { loss: number; acc: number; valLoss: number; valAcc: number };

type TrainerConfig = { sizes: number[]; dropout: number; l2: number; lr: number; batchSize: number; seed: number };

let uid = 0;

/**
 * One model being trained on `train` positions of the dataset, validated on `val`. Gradients
 * are written out by hand (two dense layers need a dozen ops) instead of taken from the tape:
 * the tape's matMul gradient uses transposeA, which is ~8× slower on wasm than an explicit
 * transpose followed by a plain matMul.
 */
class Trainer {
  private readonly vars: { w: tf.Variable<tf.Rank.R2>; b: tf.Variable<tf.Rank.R1> }[];
  private readonly optimizer: tf.AdamOptimizer;
  private readonly random: Random;
  private readonly bufX: Float32Array;
  private readonly bufY: Float32Array;

  constructor(private readonly ds: Dataset, private readonly train: Uint32Array, private readonly val: Uint32Array | null, private readonly cfg: TrainerConfig) {
    const id = ++uid;
    // tidy disposes the initial-value tensors; variables themselves are never tracked by tidy.
    this.vars = tf.tidy(() => initLayers(cfg.sizes, cfg.seed).map((L, l) => ({
      w: tf.variable(tf.tensor2d(L.w, [L.inDim, L.outDim]), true, `mt_train_${id}_w${l}`),
      b: tf.variable(tf.tensor1d(L.b), true, `mt_train_${id}_b${l}`),
    })));
    this.optimizer = tf.train.adam(cfg.lr);
    this.random = mulberry32(cfg.seed ^ 0x1b873593);
    const bs = Math.max(1, Math.min(cfg.batchSize, train.length));
    this.bufX = new Float32Array(bs * ds.dim);
    this.bufY = new Float32Array(bs * ds.k);
  }

  /** Uploads the given dataset rows as an X and a weighted one-hot Y tensor. */
  private upload(rows: ArrayLike<number>, bufX: Float32Array, bufY: Float32Array): [tf.Tensor2D, tf.Tensor2D] {
    const { X, yw, dim, k } = this.ds;
    const m = rows.length;
    for (let i = 0; i < m; i++) {
      bufX.set(X.subarray(rows[i] * dim, (rows[i] + 1) * dim), i * dim);
      bufY.set(yw.subarray(rows[i] * k, (rows[i] + 1) * k), i * k);
    }
    return [tf.tensor2d(bufX.subarray(0, m * dim), [m, dim]), tf.tensor2d(bufY.subarray(0, m * k), [m, k])];
  }

  /** One Adam step on a batch; returns [loss·rows, correct] as a tensor (read once per epoch). */
  private step(rows: Uint32Array, dropSeed: number): tf.Tensor1D {
    const { vars, cfg } = this;
    const m = rows.length;
    return tf.tidy(() => {
      const [xb, yb] = this.upload(rows, this.bufX, this.bufY);
      const acts: tf.Tensor2D[] = [xb];
      const gates: tf.Tensor2D[] = [];
      let h: tf.Tensor2D = xb;
      for (let l = 0; l < vars.length - 1; l++) {
        const z = tf.add(tf.matMul(h, vars[l].w), vars[l].b) as tf.Tensor2D;
        // gate = d(output)/d(z): relu's step times the (scaled) dropout mask
        let gate = tf.step(z) as tf.Tensor2D;
        if (cfg.dropout > 0) gate = tf.mul(gate, tf.div(tf.step(tf.sub(tf.randomUniform(z.shape, 0, 1, 'float32', dropSeed + l), cfg.dropout)), 1 - cfg.dropout));
        h = tf.mul(z, gate);
        gates.push(gate);
        acts.push(h);
      }
      const last = vars[vars.length - 1];
      const logits = tf.add(tf.matMul(h, last.w), last.b) as tf.Tensor2D;
      const logp = tf.logSoftmax(logits);
      let loss: tf.Tensor = tf.neg(tf.sum(tf.mul(yb, logp)));
      // d(loss)/d(logits) for weighted cross-entropy: p·Σ_c w_c y_c − w·y, averaged over the batch
      let delta = tf.div(tf.sub(tf.mul(tf.exp(logp), tf.sum(yb, 1, true)), yb), m) as tf.Tensor2D;
      const grads: tf.NamedTensorMap = {};
      for (let l = vars.length - 1; l >= 0; l--) {
        let gw = tf.matMul(tf.transpose(acts[l]), delta);
        if (cfg.l2 > 0) gw = tf.add(gw, tf.mul(vars[l].w, 2 * cfg.l2));
        grads[vars[l].w.name] = gw;
        grads[vars[l].b.name] = tf.sum(delta, 0);
        if (l > 0) delta = tf.mul(tf.matMul(delta, vars[l].w, false, true), gates[l - 1]) as tf.Tensor2D;
      }
      if (cfg.l2 > 0) loss = tf.add(loss, tf.mul(m * cfg.l2, tf.addN(vars.map((v) => tf.sum(tf.square(v.w))))));
      const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(yb, 1)), 'float32'));
      this.optimizer.applyGradients(grads as tf.NamedTensorMap as Record<string, tf.Variable>);
      return tf.stack([loss, correct]) as tf.Tensor1D;
    });
  }

  async epoch(signal?: AbortSignal): Promise<Stats> {
    const order = Uint32Array.from(permutation(this.train.length, this.random), (i) => this.train[i]);
    const bs = Math.max(1, Math.min(this.cfg.batchSize, order.length));
    const stats: tf.Tensor1D[] = [];
    let lastYield = Date.now();
    try {
      for (let start = 0; start < order.length; start += bs) {
        const dropSeed = Math.floor(this.random() * 2 ** 30);
        stats.push(this.step(order.subarray(start, Math.min(order.length, start + bs)), dropSeed));
        // Only yield every ~40 ms: a setTimeout per batch would cost more than small batches.
        if (Date.now() - lastYield > 40) {
          await yieldToEventLoop();
          lastYield = Date.now();
        }
        if (signal?.aborted) throw new CancelledError();
      }
      const total = tf.tidy(() => tf.addN(stats));
      const [loss, correct] = total.dataSync();
      total.dispose();
      return { loss: loss / order.length, acc: correct / order.length, ...this.validate() };
    } finally {
      tf.dispose(stats);
    }
  }

  private validate(): { valLoss: number; valAcc: number } {
    const val = this.val;
    if (!val || val.length === 0) return { valLoss: NaN, valAcc: NaN };
    let loss = 0;
    let correct = 0;
    const chunk = 2048;
    const bufX = new Float32Array(Math.min(chunk, val.length) * this.ds.dim);
    const bufY = new Float32Array(Math.min(chunk, val.length) * this.ds.k);
    for (let start = 0; start < val.length; start += chunk) {
      const out = tf.tidy(() => {
        const [xb, yb] = this.upload(val.subarray(start, Math.min(val.length, start + chunk)), bufX, bufY);
        const { logits } = forward(xb, this.vars);
        const l = tf.neg(tf.sum(tf.mul(yb, tf.logSoftmax(logits))));
        const c = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(yb, 1)), 'float32'));
        return tf.stack([l, c]);
      });
      const [l, c] = out.dataSync();
      out.dispose();
      loss += l;
      correct += c;
    }
    return { valLoss: loss / val.length, valAcc: correct / val.length };
  }

  weights(): Layer[] {
    return this.vars.map((v) => ({ inDim: v.w.shape[0], outDim: v.w.shape[1], w: Float32Array.from(v.w.dataSync()), b: Float32Array.from(v.b.dataSync()) }));
  }

  dispose(): void {
    this.optimizer.dispose();
    for (const v of this.vars) tf.dispose([v.w, v.b]);
  }
}

export type NetSpec = { hiddenSizes: number[]; defaults: { learningRate: number; l2: number; dropout: number } };

/** Default batch: ~10 steps per epoch on small label sets, 256 rows once there are many. */
export function defaultBatchSize(nTrain: number): number {
  return Math.max(16, Math.min(256, Math.ceil(nTrain / 10)));
}

/**
 * Fits a net on labelled rows x (n×dim) with classes y. Validation picks the epoch count
 * (early stopping on mean validation loss), then — by default — the model is refit on all
 * labels for that many epochs. Returns the weights, the scaler and the (validation) history.
 */
export async function fitNet(x: Matrix, y: Int32Array, k: number, spec: NetSpec, opts: TrainOptions, hooks: FitHooks = {}): Promise<{ layers: Layer[]; scaler: Scaler; report: FitReport }> {
  const n = rowsOf(x);
  if (y.length !== n) throw new Error(`fit: ${n} rows of features but ${y.length} labels`);
  if (n === 0) throw new Error('fit: no labelled rows to train on');
  const seed = opts.seed ?? 0;
  const maxEpochs = Math.max(1, Math.floor(opts.epochs ?? 30));
  const patience = Math.max(1, opts.patience ?? 5);
  const mode = resolveValidation(opts.validation ?? 'auto', y, k);
  const scaler = opts.scaler ?? fitScaler(x);
  const weights = opts.classWeights === 'balanced' ? balancedWeights(y, k) : null;
  const ds = makeDataset(x, scaler, y, k, weights);
  const cfg = (nTrain: number): TrainerConfig => ({
    sizes: [x.dim, ...spec.hiddenSizes, k],
    dropout: spec.hiddenSizes.length ? (opts.dropout ?? spec.defaults.dropout) : 0,
    l2: opts.l2 ?? spec.defaults.l2,
    lr: opts.learningRate ?? spec.defaults.learningRate,
    batchSize: opts.batchSize ?? defaultBatchSize(nTrain),
    seed,
  });
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const history: EpochLog[] = [];
  const splits: Split[] = mode === 'holdout' ? [stratifiedHoldout(y, k, seed)] : mode === 'kfold' ? stratifiedFolds(y, k, Math.min(5, minCount(y, k)), seed) : [];
  const refit = mode !== 'none' && (opts.refit ?? true);
  let totalEpochs = maxEpochs * (splits.length || 1) + (refit ? maxEpochs : 0);
  let done = 0;
  const tick = (message: string) => hooks.onProgress?.(++done, totalEpochs, message);
  const trainers: Trainer[] = [];
  try {
    if (mode === 'none') {
      const t = new Trainer(ds, all, null, cfg(n));
      trainers.push(t);
      for (let e = 1; e <= maxEpochs; e++) {
        const s = await t.epoch(hooks.signal);
        log(history, hooks, e, [s]);
        tick(`Epoch ${e}/${maxEpochs}`);
      }
      return { layers: t.weights(), scaler, report: { history, epochs: maxEpochs, validation: mode } };
    }
    for (const s of splits) trainers.push(new Trainer(ds, s.train, s.val, cfg(s.train.length)));
    let best = Infinity;
    let bestEpoch = 1;
    let bestWeights: Layer[] | null = null;
    for (let e = 1; e <= maxEpochs; e++) {
      const stats: Stats[] = [];
      for (const t of trainers) {
        stats.push(await t.epoch(hooks.signal));
        tick(`Epoch ${e}/${maxEpochs}${trainers.length > 1 ? ` (${trainers.length} folds)` : ''}`);
      }
      const entry = log(history, hooks, e, stats);
      if (entry.valLoss < best - 1e-4) {
        best = entry.valLoss;
        bestEpoch = e;
        if (!refit) bestWeights = trainers[0].weights();
      } else if (e - bestEpoch >= patience) break;
    }
    trainers.splice(0).forEach((t) => t.dispose());
    if (!refit) return { layers: bestWeights ?? initLayers(cfg(n).sizes, seed), scaler, report: { history, epochs: bestEpoch, validation: mode } };
    totalEpochs = done + bestEpoch;
    const final = new Trainer(ds, all, null, cfg(n));
    trainers.push(final);
    for (let e = 1; e <= bestEpoch; e++) {
      await final.epoch(hooks.signal);
      tick(`Refitting on all labels: epoch ${e}/${bestEpoch}`);
    }
    return { layers: final.weights(), scaler, report: { history, epochs: bestEpoch, validation: mode } };
  } finally {
    trainers.forEach((t) => t.dispose());
  }
}

function minCount(y: Int32Array, k: number): number {
  const counts = new Int32Array(k);
  for (const c of y) counts[c]++;
  let min = Infinity;
  for (const c of counts) if (c > 0) min = Math.min(min, c);
  return min;
}

function log(history: EpochLog[], hooks: FitHooks, epoch: number, stats: Stats[]): EpochLog {
  const mean = (f: (s: Stats) => number) => stats.reduce((a, s) => a + f(s), 0) / stats.length;
  const entry: EpochLog = { epoch, loss: mean((s) => s.loss), acc: mean((s) => s.acc), valLoss: mean((s) => s.valLoss), valAcc: mean((s) => s.valAcc) };
  history.push(entry);
  hooks.onEpoch?.(entry);
  return entry;
}
