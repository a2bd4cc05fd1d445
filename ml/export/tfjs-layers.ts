/**
 * The model of a bundle in TensorFlow.js *layers* format: `model/model.json` (a Keras-style
 * Sequential of Dense layers: relu hidden, softmax out) plus one float32 weight shard, which
 * `tf.loadLayersModel('…/model.json')` loads as it is, in Node and in a browser. Its input is
 * the feature vector the manifest describes (standardised columns and one-hots); the model's
 * own standardiser is already folded into the first layer's weights (forward-js.ts).
 * The same file is also how `loadClassifier` reads the weights back: one copy of the model.
 */
import type { JsNet } from '../train/forward-js.ts';

export const SHARD = 'group1-shard1of1.bin';

type WeightSpec = { name: string; shape: number[]; dtype: 'float32' };

export type LayersModelJSON = {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: {
    class_name: 'Sequential';
    config: { name: string; layers: { class_name: 'Dense'; config: Record<string, unknown> }[] };
    keras_version: string;
    backend: 'tensor_flow.js';
  };
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
};

/** model.json and its weight shard for a net whose weights are float32 values (compileNet's). */
export function toLayersModel(net: JsNet, generatedBy: string): { modelJson: LayersModelJSON; shard: Uint8Array } {
  const L = net.w.length;
  const layers = net.w.map((_, l) => ({
    class_name: 'Dense' as const,
    config: {
      name: `dense_${l + 1}`,
      trainable: true,
      dtype: 'float32',
      units: net.dims[l + 1],
      activation: l === L - 1 ? 'softmax' : 'relu',
      use_bias: true,
      kernel_initializer: { class_name: 'Zeros', config: {} },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
      ...(l === 0 ? { batch_input_shape: [null, net.dims[0]] } : {}),
    },
  }));
  const weights: WeightSpec[] = net.w.flatMap((_, l) => [
    { name: `dense_${l + 1}/kernel`, shape: [net.dims[l], net.dims[l + 1]], dtype: 'float32' as const },
    { name: `dense_${l + 1}/bias`, shape: [net.dims[l + 1]], dtype: 'float32' as const },
  ]);
  const size = net.w.reduce((a, w, l) => a + w.length + net.b[l].length, 0);
  const data = new Float32Array(size);
  let at = 0;
  net.w.forEach((w, l) => { data.set(w, at); at += w.length; data.set(net.b[l], at); at += net.b[l].length; });
  const shard = new Uint8Array(size * 4);
  const view = new DataView(shard.buffer);
  for (let i = 0; i < size; i++) view.setFloat32(i * 4, data[i], true); // the format is little-endian
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy,
      convertedBy: null,
      modelTopology: { class_name: 'Sequential', config: { name: 'machine_teacher', layers }, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' },
      weightsManifest: [{ paths: [SHARD], weights }],
    },
    shard,
  };
}

/** Reads the net back from model.json and its shard bytes (`shards` by path); throws with what is wrong. */
export function fromLayersModel(json: unknown, shards: (path: string) => Uint8Array | undefined, classes: string[]): JsNet {
  const m = json as Partial<LayersModelJSON> | null;
  const layers = m?.modelTopology?.config?.layers;
  const manifest = m?.weightsManifest;
  if (m?.format !== 'layers-model' || !Array.isArray(layers) || !Array.isArray(manifest)) throw new Error('not a TensorFlow.js layers model (format "layers-model" with modelTopology and weightsManifest)');
  const specs = manifest.flatMap((g) => g.weights);
  const bytes = manifest.flatMap((g) => g.paths.map((p) => {
    const b = shards(p);
    if (!b) throw new Error(`the weight file ${p} is missing`);
    return b;
  }));
  const all = new Uint8Array(bytes.reduce((a, b) => a + b.length, 0));
  let at = 0;
  for (const b of bytes) { all.set(b, at); at += b.length; }
  const view = new DataView(all.buffer);
  let offset = 0;
  const take = (spec: WeightSpec | undefined, shape: number[]): Float64Array => {
    if (!spec || spec.dtype !== 'float32' || spec.shape.join('x') !== shape.join('x')) throw new Error(`expected a float32 weight of shape [${shape.join(', ')}], found ${spec ? `${spec.dtype} [${spec.shape.join(', ')}]` : 'none'}`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > all.length) throw new Error('the weight file is shorter than model.json says');
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = view.getFloat32(offset + i * 4, true);
    offset += size * 4;
    return out;
  };
  const dims: number[] = [];
  const w: Float64Array[] = [], b: Float64Array[] = [];
  layers.forEach((layer, l) => {
    const units = Number(layer.config.units);
    if (l === 0) {
      const shape = layer.config.batch_input_shape;
      dims.push(Array.isArray(shape) ? Number(shape[1]) : NaN);
    }
    const want = l === layers.length - 1 ? 'softmax' : 'relu';
    if (layer.class_name !== 'Dense' || layer.config.activation !== want) throw new Error(`layer ${l + 1}: expected a Dense layer with ${want} activation`);
    w.push(take(specs[2 * l], [dims[l], units]));
    b.push(take(specs[2 * l + 1], [units]));
    dims.push(units);
  });
  if (dims[dims.length - 1] !== classes.length) throw new Error(`the model has ${dims[dims.length - 1]} outputs but the manifest lists ${classes.length} classes`);
  return { dims, w, b, classes: [...classes] };
}
