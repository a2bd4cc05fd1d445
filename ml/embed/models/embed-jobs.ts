/**
 * Computing pretrained embeddings as jobs (progress, cancel) for the embed worker
 * (renderer/workers/embed.worker.ts) and for Node. The worker configures where the model
 * files come from once (`configureUseSource`; MobileNetV2's weights are JS modules and need
 * nothing) and the wasm backend via ml/train/backend.ts's configureBackend.
 */
import type { JobFn } from '../../jobs/job.ts';
import { initBackend } from '../../train/backend.ts';
import { embedImages, embedRgbaImages, loadMobileNetV2, MOBILENET_DIM, MOBILENET_INPUT } from './mobilenet.ts';
import type { RgbaImage } from '../../images/rgba.ts';
import { decodable, inspectImage, TAIL_BYTES } from '../../images/sniff.ts';
import { embedTexts, loadUseLite, USE_DIM, type UseSource } from './use-lite.ts';
import type { GreyImages } from './types.ts';

export type PretrainedModel = 'use_lite' | 'mobilenet_v2';

export const MODEL_INFO: Record<PretrainedModel, { title: string; dim: number }> = {
  use_lite: { title: 'Universal Sentence Encoder lite (512-d)', dim: USE_DIM },
  mobilenet_v2: { title: 'MobileNetV2 features (1280-d, nsfwjs)', dim: MOBILENET_DIM },
};

let useSource: (() => Promise<UseSource>) | null = null;

/** Where USE-lite's files come from in this worker/process (fetch URLs, or read node_modules). */
export function configureUseSource(source: () => Promise<UseSource>): void {
  useSource = source;
}

export type EmbedTextsInput = { texts: string[] };

export const runEmbedTexts: JobFn<EmbedTextsInput, Float32Array> = async (input, ctx) => {
  if (!useSource) throw new Error('USE-lite model files are not configured in this worker');
  const total = input.texts.length;
  ctx.progress({ done: 0, total, message: 'Loading Universal Sentence Encoder lite' });
  await initBackend('wasm');
  const use = await loadUseLite(useSource);
  return embedTexts(use, input.texts, { signal: ctx.signal, onProgress: (done) => ctx.progress({ done, total, message: 'Embedding texts (USE-lite)' }) });
};

export const runEmbedImages: JobFn<GreyImages, Float32Array> = async (input, ctx) => {
  ctx.progress({ done: 0, total: input.n, message: 'Loading MobileNetV2' });
  await initBackend('wasm');
  return embedImages(input, { signal: ctx.signal, onProgress: (done, total) => ctx.progress({ done, total, message: 'Embedding images (MobileNetV2)' }) });
};

/** One image file's bytes as a job receives them. */
export type EncodedImage = { bytes: Uint8Array; mime: string };
export type EmbedImageFilesInput = { images: EncodedImage[] };
/** images.length×1280 vectors (zeros where `errors[k]` says why image k could not be decoded). */
export type EmbedImageFilesOutput = { vectors: Float32Array; errors: (string | null)[] };

/**
 * Decodes an image file to RGBA with its longer edge at most `maxEdge` (the page: the browser's
 * createImageBitmap; Node: decodePng). Throws with a sentence for the user when it cannot.
 */
export type ImageDecoder = (bytes: Uint8Array, mime: string, maxEdge: number, size: { width: number; height: number }) => Promise<RgbaImage>;

/** Images are decoded at most this big before the model's own bilinear resize (2× its input keeps the detail, bounds memory). */
export const DECODE_EDGE = 2 * MOBILENET_INPUT;

/**
 * The job that embeds a batch of image files with MobileNetV2: each file is checked from its
 * header first (empty, not an image, too many pixels: refused before any decode), decoded
 * downscaled, and the decoded ones go through the model as one batch. A file that fails is an
 * error in its slot, never a failed batch.
 */
export function embedImageFilesJob(decode: ImageDecoder): JobFn<EmbedImageFilesInput, EmbedImageFilesOutput> {
  return async ({ images }, ctx) => {
    await initBackend('wasm');
    const net = await loadMobileNetV2();
    const errors: (string | null)[] = [];
    const decoded: RgbaImage[] = [];
    const slots: number[] = [];
    for (const [k, { bytes, mime }] of images.entries()) {
      ctx.signal.throwIfAborted();
      const info = inspectImage(bytes, bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)), bytes.length);
      if (!decodable(info.problem)) { errors.push(info.detail); continue; }
      try {
        decoded.push(await decode(bytes, mime, DECODE_EDGE, { width: info.width, height: info.height }));
        slots.push(k);
        errors.push(null);
      } catch (err) {
        errors.push(`cannot be decoded: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const vectors = new Float32Array(images.length * MOBILENET_DIM);
    const out = await embedRgbaImages(decoded, net);
    slots.forEach((k, i) => vectors.set(out.subarray(i * MOBILENET_DIM, (i + 1) * MOBILENET_DIM), k * MOBILENET_DIM));
    ctx.progress({ done: images.length, total: images.length });
    return { vectors, errors };
  };
}

/**
 * A content key for caching computed embeddings: two independent 32-bit FNV-1a hashes over
 * the model name and every item (length-prefixed so item boundaries count). Not
 * cryptographic; collisions between a user's own files are what it must avoid.
 */
export function contentKey(model: PretrainedModel, items: readonly string[] | Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const eat = (code: number) => {
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 13);
  };
  for (const ch of model) eat(ch.charCodeAt(0));
  if (items instanceof Uint8Array) {
    eat(items.length & 0xffff); eat(items.length >>> 16);
    for (let i = 0; i < items.length; i++) eat(items[i]);
  } else {
    for (const s of items) {
      eat(s.length & 0xffff); eat(s.length >>> 16);
      for (let i = 0; i < s.length; i++) eat(s.charCodeAt(i));
    }
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The artefact file name the app caches an embedding under (must match api.ts's name check). */
export const artifactName = (model: PretrainedModel, key: string): string => `emb-${model}-${key}.bin`;
