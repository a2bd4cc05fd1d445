/**
 * Computing pretrained embeddings as jobs (progress, cancel) for the embed worker
 * (renderer/workers/embed.worker.ts) and for Node. The worker configures where the model
 * files come from once (`configureUseSource`; MobileNetV2's weights are JS modules and need
 * nothing) and the wasm backend via ml/train/backend.ts's configureBackend.
 */
import type { JobFn } from '../../jobs/job.ts';
import { initBackend } from '../../train/backend.ts';
import { embedImages, MOBILENET_DIM } from './mobilenet.ts';
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
