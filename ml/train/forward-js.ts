/**
 * Inference for exported models in plain JavaScript: the same numbers in the app's worker, in
 * `loadClassifier` and in the CLI, on any machine, with no TensorFlow.js to load. A model is
 * its JSON (HeadJSON / LogRegJSON); the standardiser is folded into the first layer once
 * (W' = W / std, b' = b − (mean/std)·W) and every weight rounded to float32, which is exactly
 * what an exported TensorFlow.js model stores, so a bundle read back runs the very same net.
 * Sums run in doubles, probabilities come out as float32.
 * Small dense nets on table features are cheap this way: 31 inputs × 64 hidden units score
 * several hundred thousand rows a second.
 */
import type { HeadJSON, LogRegJSON } from './types.ts';

export type NetJSON = HeadJSON | LogRegJSON;

/** A net ready to run: layers of row-major in×out weights, the scaler folded into the first. */
export type JsNet = { dims: number[]; w: Float64Array[]; b: Float64Array[]; classes: string[] };

function check(json: NetJSON): void {
  const k = json.classes.length;
  const arrays: [string, number[], number][] = json.kind === 'dense-head'
    ? [['w1', json.w1, json.dim * json.hidden], ['b1', json.b1, json.hidden], ['w2', json.w2, json.hidden * k], ['b2', json.b2, k]]
    : [['w', json.w, json.dim * k], ['b', json.b, k]];
  arrays.push(['mean', json.mean, json.dim], ['std', json.std, json.dim]);
  for (const [key, values, length] of arrays) {
    if (!Array.isArray(values) || values.length !== length) throw new Error(`${json.kind}: ${key} has ${Array.isArray(values) ? values.length : 'no'} values, expected ${length}`);
  }
}

export function compileNet(json: NetJSON): JsNet {
  check(json);
  const k = json.classes.length;
  const layers = json.kind === 'dense-head'
    ? [{ w: json.w1, b: json.b1, out: json.hidden }, { w: json.w2, b: json.b2, out: k }]
    : [{ w: json.w, b: json.b, out: k }];
  const dims = [json.dim, ...layers.map((l) => l.out)];
  const w = layers.map((l) => Float64Array.from(l.w));
  const b = layers.map((l) => Float64Array.from(l.b));
  const out = dims[1];
  for (let i = 0; i < json.dim; i++) {
    const inv = 1 / json.std[i];
    const shift = json.mean[i] * inv;
    for (let j = 0; j < out; j++) {
      const v = w[0][i * out + j];
      w[0][i * out + j] = v * inv;
      b[0][j] -= shift * v;
    }
  }
  for (const a of [...w, ...b]) for (let i = 0; i < a.length; i++) a[i] = Math.fround(a[i]);
  return { dims, w, b, classes: [...json.classes] };
}

/** The JSON of a compiled net (identity standardiser, folded weights): compileNet gives it back unchanged. */
export function netToJSON(net: JsNet): NetJSON {
  const [dim] = net.dims;
  const common = { version: 1 as const, classes: [...net.classes], dim, mean: new Array<number>(dim).fill(0), std: new Array<number>(dim).fill(1) };
  if (net.w.length === 1) return { kind: 'logistic-regression', ...common, w: Array.from(net.w[0]), b: Array.from(net.b[0]) };
  if (net.w.length !== 2) throw new Error(`a model has one or two layers, this one ${net.w.length}`);
  return { kind: 'dense-head', ...common, hidden: net.dims[1], activation: 'relu', w1: Array.from(net.w[0]), b1: Array.from(net.b[0]), w2: Array.from(net.w[1]), b2: Array.from(net.b[1]) };
}

/** Each layer's weights out×in (rows of one output unit), so a unit's sum runs over contiguous memory. */
const transposedCache = new WeakMap<JsNet, Float64Array[]>();
function transposed(net: JsNet): Float64Array[] {
  let t = transposedCache.get(net);
  if (!t) {
    t = net.w.map((w, l) => {
      const din = net.dims[l], dout = net.dims[l + 1];
      const out = new Float64Array(w.length);
      for (let i = 0; i < din; i++) for (let j = 0; j < dout; j++) out[j * din + i] = w[i * dout + j];
      return out;
    });
    transposedCache.set(net, t);
  }
  return t;
}

/**
 * One layer for rows [r, r + 4) at once: each unit's four sums stay in registers and each
 * weight is loaded once for the four rows. Sums run over the inputs in order, as one row at
 * a time would (the same numbers).
 */
function layer4(inp: Float64Array, din: number, WT: Float64Array, B: Float64Array, dout: number, out: Float64Array, relu: boolean): void {
  const r1 = din, r2 = 2 * din, r3 = 3 * din;
  for (let j = 0; j < dout; j++) {
    const base = j * din;
    let s0 = B[j], s1 = s0, s2 = s0, s3 = s0;
    for (let i = 0; i < din; i++) {
      const w = WT[base + i];
      s0 += inp[i] * w;
      s1 += inp[r1 + i] * w;
      s2 += inp[r2 + i] * w;
      s3 += inp[r3 + i] * w;
    }
    if (relu) {
      if (s0 < 0) s0 = 0;
      if (s1 < 0) s1 = 0;
      if (s2 < 0) s2 = 0;
      if (s3 < 0) s3 = 0;
    }
    out[j] = s0;
    out[dout + j] = s1;
    out[2 * dout + j] = s2;
    out[3 * dout + j] = s3;
  }
}

/** n×classes softmax probabilities for n×dim row-major inputs (rows four at a time; the sums are the same). */
export function forwardJs(net: JsNet, x: Float32Array, dim: number): Float32Array {
  if (dim !== net.dims[0]) throw new Error(`the model takes ${net.dims[0]} features, got ${dim}`);
  const n = x.length / dim;
  const L = net.w.length;
  const k = net.dims[L];
  const proba = new Float32Array(n * k);
  const acts = net.dims.map((d) => new Float64Array(4 * d));
  const WT = transposed(net);
  for (let r = 0; r < n; r += 4) {
    const rows = Math.min(4, n - r);
    const a0 = acts[0];
    a0.fill(0);
    for (let d = 0; d < rows * dim; d++) a0[d] = x[r * dim + d];
    for (let l = 0; l < L; l++) layer4(acts[l], net.dims[l], WT[l], net.b[l], net.dims[l + 1], acts[l + 1], l < L - 1);
    const z = acts[L];
    for (let q = 0; q < rows; q++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (z[q * k + c] > max) max = z[q * k + c];
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(z[q * k + c] - max);
      for (let c = 0; c < k; c++) proba[(r + q) * k + c] = Math.exp(z[q * k + c] - max) / sum;
    }
  }
  return proba;
}

/** Most probable class per row (the first on a tie). */
export function argmaxRows(proba: Float32Array, k: number): Int32Array {
  const n = proba.length / k;
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[r * k + c] > proba[r * k + best]) best = c;
    out[r] = best;
  }
  return out;
}
