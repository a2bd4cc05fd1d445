/**
 * Image features from the MobileNetV2 that nsfwjs bundles (weights shipped as JS modules in
 * the npm package, so it loads offline in Node and in a bundled worker alike). The features
 * are the 1280-d output of its global pooling layer, before nsfwjs' own classifier head.
 * Note: those weights were fine-tuned by nsfwjs for a 5-class content task on photos, not
 * plain ImageNet; on Fashion-MNIST they are no better than raw pixels (see datasets/README.md).
 */
import * as tf from '@tensorflow/tfjs';
import { MobileNetV2Model } from 'nsfwjs/models/mobilenet_v2';
import type { EmbedOptions, GreyImages } from './types.ts';
import { yieldToLoop } from './types.ts';
import { flattenOnWhite, type RgbaImage } from '../../images/rgba.ts';

export const MOBILENET_DIM = 1280;
const SIZE = 224;
/** The layer that flattens the 7×7 average pool: the last one before the classifier. */
const FEATURE_LAYER = 'flatten_1';

let model: Promise<tf.LayersModel> | null = null;

/** Loads once per process/worker; a failed load is retried on the next call. */
export function loadMobileNetV2(): Promise<tf.LayersModel> {
  if (!model) {
    model = buildFeatureModel();
    model.catch(() => { model = null; });
  }
  return model;
}

async function buildFeatureModel(): Promise<tf.LayersModel> {
  const json = (await MobileNetV2Model.modelJson()).default;
  const shards = await Promise.all(MobileNetV2Model.weightBundles.map(async (load) => base64Bytes((await load()).default)));
  const weightData = concat(shards);
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const full = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData: weightData.buffer as ArrayBuffer }));
  return tf.model({ inputs: full.inputs, outputs: full.getLayer(FEATURE_LAYER).output });
}

/**
 * 1280-d features for n grey images: scaled to 0..1 like nsfwjs does, resized bilinearly
 * (align corners, as nsfwjs) to 224×224 and repeated into 3 channels. Returns n×1280 row-major.
 */
export async function embedImages(images: GreyImages, opts: EmbedOptions = {}): Promise<Float32Array> {
  const { n, width, height, pixels } = images;
  if (pixels.length !== n * width * height) throw new Error(`embedImages: ${pixels.length} bytes for ${n} images of ${width}×${height}`);
  const batchSize = opts.batchSize ?? 16;
  const net = await loadMobileNetV2();
  const out = new Float32Array(n * MOBILENET_DIM);
  const px = width * height;
  for (let start = 0; start < n; start += batchSize) {
    opts.signal?.throwIfAborted();
    const b = Math.min(batchSize, n - start);
    const input = new Float32Array(b * px);
    for (let i = 0; i < input.length; i++) input[i] = pixels[start * px + i] / 255;
    const features = tf.tidy(() => {
      const grey = tf.tensor4d(input, [b, height, width, 1]);
      const resized = tf.image.resizeBilinear(grey, [SIZE, SIZE], true);
      return net.predict(tf.tile(resized, [1, 1, 1, 3])) as tf.Tensor;
    });
    out.set(await features.data() as Float32Array, start * MOBILENET_DIM);
    features.dispose();
    opts.onProgress?.(start + b, n);
    await yieldToLoop();
  }
  return out;
}

/** The model's input edge: every image is resized (squashed, as nsfwjs does) to SIZE×SIZE. */
export const MOBILENET_INPUT = SIZE;

/**
 * 1280-d features for colour images of any sizes (decoded RGBA; transparent parts on white):
 * each is scaled to 0..1, resized bilinearly (align corners, like the grey path) to 224×224
 * and the batch goes through the model at once. Returns images.length×1280 row-major.
 * Callers downscale very large images first (the page decodes them at most ~2× the input size).
 */
export async function embedRgbaImages(images: readonly RgbaImage[], net?: tf.LayersModel): Promise<Float32Array> {
  const model = net ?? await loadMobileNetV2();
  if (images.length === 0) return new Float32Array(0);
  const features = tf.tidy(() => {
    const resized = images.map((img) => {
      const rgb = flattenOnWhite(img);
      const x = tf.tensor3d(Float32Array.from(rgb, (v) => v / 255), [img.height, img.width, 3]);
      return tf.image.resizeBilinear(x, [SIZE, SIZE], true);
    });
    return model.predict(tf.stack(resized)) as tf.Tensor;
  });
  const out = await features.data() as Float32Array;
  features.dispose();
  return out;
}

/** Portable base64 decoding (atob exists in Node ≥16, browsers and workers). */
function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) { out.set(p, offset); offset += p.length; }
  return out;
}
