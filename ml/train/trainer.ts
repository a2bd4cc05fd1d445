/**
 * One model being trained: the inner loop. Measured on wasm (2 cores), three choices make it
 * several times faster than model.fit and than a tape-based optimizer.minimize loop:
 *  - batches are assembled from one standardised Float32Array and uploaded (tf.gather of 512
 *    rows × 1280 takes ~50 ms on wasm, a JS row copy + upload ~1 ms);
 *  - gradients are written out by hand (a dozen ops for two dense layers): the tape's matMul
 *    gradient uses transposeA, ~8× slower on wasm than an explicit transpose + matMul;
 *  - parameters and Adam's moments live in JS and are updated there: tfjs's Adam issues ~12
 *    elementwise kernels per variable per step, which dominated small-batch steps. One
 *    download per step carries the loss, the hit count and every gradient.
 * Steppable (`epoch()`), so k-fold validation runs k trainers in lockstep.
 */
import * as tf from '@tensorflow/tfjs';
import { CancelledError, yieldToEventLoop } from '../jobs/job.ts';
import { mulberry32, permutation, type Random } from '../random.ts';
import { forward, initLayers, type Layer } from './net.ts';
import type { Matrix, Scaler } from './types.ts';
import { rowsOf } from './types.ts';

/** The labelled rows, standardised, with class-weighted one-hot targets. */
export type Dataset = { X: Float32Array; dim: number; yw: Float32Array; k: number; n: number };

export function makeDataset(x: Matrix, scaler: Scaler, y: Int32Array, k: number, weights: Float32Array | null): Dataset {
  const n = rowsOf(x);
  const { dim } = x;
  const yw = new Float32Array(n * k);
  for (let i = 0; i < n; i++) yw[i * k + y[i]] = weights ? weights[y[i]] : 1;
  const X = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) X[i * dim + d] = (x.data[i * dim + d] - scaler.mean[d]) / scaler.std[d];
  }
  return { X, dim, yw, k, n };
}

export type Stats = { loss: number; acc: number; valLoss: number; valAcc: number };
export type TrainerConfig = { sizes: number[]; dropout: number; l2: number; lr: number; batchSize: number; seed: number };

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/**
 * One Adam update of parameters `p` from gradients `g[off…]`, in place, with float32 moments
 * like tfjs's. A plain monomorphic loop: written as closures over tuples it was 40 % of a
 * small-batch step. Returns Σ p² after the update (the L2 term of the loss).
 */
function adam(p: Float32Array, g: Float32Array, off: number, m: Float32Array, v: Float32Array, lrT: number, decay: number): number {
  let squares = 0;
  for (let i = 0; i < p.length; i++) {
    const gi = g[off + i] + decay * p[i];
    m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
    v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
    p[i] -= (lrT * m[i]) / (Math.sqrt(v[i]) + EPSILON);
    squares += p[i] * p[i];
  }
  return squares;
}

export class Trainer {
  private readonly layers: Layer[];
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private t = 0;
  private readonly random: Random;
  private readonly bufX: Float32Array;
  private readonly bufY: Float32Array;

  constructor(private readonly ds: Dataset, private readonly train: Uint32Array, private readonly val: Uint32Array | null, private readonly cfg: TrainerConfig) {
    this.layers = initLayers(cfg.sizes, cfg.seed);
    // Moments for w and b of every layer, in the order gradients are packed: w0, b0, w1, b1, …
    this.m = this.layers.flatMap((L) => [new Float32Array(L.w.length), new Float32Array(L.b.length)]);
    this.v = this.layers.flatMap((L) => [new Float32Array(L.w.length), new Float32Array(L.b.length)]);
    this.random = mulberry32(cfg.seed ^ 0x1b873593);
    const bs = Math.max(1, Math.min(cfg.batchSize, train.length));
    this.bufX = new Float32Array(bs * ds.dim);
    this.bufY = new Float32Array(bs * ds.k);
  }

  private upload(rows: ArrayLike<number>, bufX: Float32Array, bufY: Float32Array): [tf.Tensor2D, tf.Tensor2D] {
    const { X, yw, dim, k } = this.ds;
    const m = rows.length;
    for (let i = 0; i < m; i++) {
      bufX.set(X.subarray(rows[i] * dim, (rows[i] + 1) * dim), i * dim);
      bufY.set(yw.subarray(rows[i] * k, (rows[i] + 1) * k), i * k);
    }
    return [tf.tensor2d(bufX.subarray(0, m * dim), [m, dim]), tf.tensor2d(bufY.subarray(0, m * k), [m, k])];
  }

  private params(): { w: tf.Tensor2D; b: tf.Tensor1D }[] {
    return this.layers.map((L) => ({ w: tf.tensor2d(L.w, [L.inDim, L.outDim]), b: tf.tensor1d(L.b) }));
  }

  /** Dropout keep-mask scaled by 1/(1−rate), from the seeded PRNG (same on every backend). */
  private dropMask(rows: number, cols: number): tf.Tensor2D {
    const keep = 1 - this.cfg.dropout;
    const mask = new Float32Array(rows * cols);
    for (let i = 0; i < mask.length; i++) mask[i] = this.random() < keep ? 1 / keep : 0;
    return tf.tensor2d(mask, [rows, cols]);
  }

  /** One Adam step on a batch; returns [summed weighted loss, correct]. */
  private step(rows: Uint32Array): [number, number] {
    const { cfg } = this;
    const m = rows.length;
    const packed = tf.tidy(() => {
      const vars = this.params();
      const [xb, yb] = this.upload(rows, this.bufX, this.bufY);
      const acts: tf.Tensor2D[] = [xb];
      const gates: tf.Tensor2D[] = [];
      let h: tf.Tensor2D = xb;
      for (let l = 0; l < vars.length - 1; l++) {
        const a = tf.fused.matMul({ a: h, b: vars[l].w, bias: vars[l].b, activation: 'relu' });
        // gate = d(output)/d(pre-activation): relu's step, times the scaled dropout mask
        const width = this.layers[l].outDim;
        const gate = (cfg.dropout > 0 ? tf.mul(tf.step(a), this.dropMask(m, width)) : tf.step(a)) as tf.Tensor2D;
        h = (cfg.dropout > 0 ? tf.mul(a, gate) : a) as tf.Tensor2D;
        gates.push(gate);
        acts.push(h);
      }
      const last = vars[vars.length - 1];
      const logits = tf.fused.matMul({ a: h, b: last.w, bias: last.b });
      const logp = tf.logSoftmax(logits);
      const loss = tf.neg(tf.sum(tf.mul(yb, logp)));
      // d(loss)/d(logits) of weighted cross-entropy, averaged over the batch: p·Σ_c w_c y_c − w·y
      let delta = tf.div(tf.sub(tf.mul(tf.exp(logp), tf.sum(yb, 1, true)), yb), m) as tf.Tensor2D;
      const grads: tf.Tensor[] = [];
      for (let l = vars.length - 1; l >= 0; l--) {
        grads[2 * l] = tf.reshape(tf.matMul(tf.transpose(acts[l]), delta), [-1]);
        grads[2 * l + 1] = tf.sum(delta, 0);
        if (l > 0) delta = tf.mul(tf.matMul(delta, vars[l].w, false, true), gates[l - 1]) as tf.Tensor2D;
      }
      const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(yb, 1)), 'float32'));
      return tf.concat([tf.stack([loss, correct]), ...grads]);
    });
    const flat = packed.dataSync() as Float32Array;
    packed.dispose();
    let loss = flat[0];
    this.t++;
    const lrT = (cfg.lr * Math.sqrt(1 - BETA2 ** this.t)) / (1 - BETA1 ** this.t);
    let offset = 2;
    let squares = 0;
    for (let l = 0; l < this.layers.length; l++) {
      const L = this.layers[l];
      // L2 on weights, not biases.
      squares += adam(L.w, flat, offset, this.m[2 * l], this.v[2 * l], lrT, 2 * cfg.l2);
      offset += L.w.length;
      adam(L.b, flat, offset, this.m[2 * l + 1], this.v[2 * l + 1], lrT, 0);
      offset += L.b.length;
    }
    if (cfg.l2 > 0) loss += m * cfg.l2 * squares;
    return [loss, flat[1]];
  }

  async epoch(signal?: AbortSignal): Promise<Stats> {
    const order = Uint32Array.from(permutation(this.train.length, this.random), (i) => this.train[i]);
    const bs = Math.max(1, Math.min(this.cfg.batchSize, order.length));
    let loss = 0;
    let correct = 0;
    let lastYield = Date.now();
    for (let start = 0; start < order.length; start += bs) {
      const [l, c] = this.step(order.subarray(start, Math.min(order.length, start + bs)));
      loss += l;
      correct += c;
      // Only yield every ~40 ms: a setTimeout per batch would cost more than small batches.
      if (Date.now() - lastYield > 40) {
        await yieldToEventLoop();
        lastYield = Date.now();
      }
      if (signal?.aborted) throw new CancelledError();
    }
    return { loss: loss / order.length, acc: correct / order.length, ...this.validate() };
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
        const { logits } = forward(xb, this.params());
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

  /** A copy of the current weights. */
  weights(): Layer[] {
    return this.layers.map((L) => ({ ...L, w: L.w.slice(), b: L.b.slice() }));
  }
}
