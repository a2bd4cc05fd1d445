/**
 * A small fully connected net as plain data: layers of row-major weights. Dense heads are
 * [dim→hidden (relu), hidden→classes (softmax)]; logistic regression is [dim→classes]. Both
 * train with the same loop (loop.ts) and predict with the same batched forward (predict.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../random.ts';

/** in×out row-major weights and out biases. */
export type Layer = { inDim: number; outDim: number; w: Float32Array; b: Float32Array };

/** Glorot-uniform weights from a seeded PRNG (not tf's), so init is identical on every backend. */
export function initLayers(sizes: number[], seed: number): Layer[] {
  const random = mulberry32(seed ^ 0x9e3779b9);
  const layers: Layer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inDim = sizes[l];
    const outDim = sizes[l + 1];
    const limit = Math.sqrt(6 / (inDim + outDim));
    const w = new Float32Array(inDim * outDim);
    for (let i = 0; i < w.length; i++) w[i] = (2 * random() - 1) * limit;
    layers.push({ inDim, outDim, w, b: new Float32Array(outDim) });
  }
  return layers;
}

export type TfLayer = { w: tf.Tensor2D; b: tf.Tensor1D };

/** Hidden layers are relu; the last layer returns logits. `dropSeed` set = training mode. */
export function forward(x: tf.Tensor2D, layers: TfLayer[], dropout = 0, dropSeed?: number): { logits: tf.Tensor2D; hidden: tf.Tensor2D | null } {
  let h = x;
  let hidden: tf.Tensor2D | null = null;
  for (let l = 0; l < layers.length; l++) {
    const z = tf.add(tf.matMul(h, layers[l].w), layers[l].b) as tf.Tensor2D;
    if (l === layers.length - 1) return { logits: z, hidden };
    h = tf.relu(z);
    hidden = h;
    if (dropSeed !== undefined && dropout > 0) h = tf.dropout(h, dropout, undefined, dropSeed) as tf.Tensor2D;
  }
  throw new Error('forward: a net needs at least one layer');
}

/** Checks a deserialised net: sizes chain and every array has the length its shape says. */
export function checkLayers(layers: Layer[], where: string): void {
  layers.forEach((L, i) => {
    if (L.w.length !== L.inDim * L.outDim || L.b.length !== L.outDim) throw new Error(`${where}: layer ${i} weights do not match ${L.inDim}×${L.outDim}`);
    if (i > 0 && layers[i - 1].outDim !== L.inDim) throw new Error(`${where}: layer ${i} takes ${L.inDim} inputs but layer ${i - 1} gives ${layers[i - 1].outDim}`);
  });
}
