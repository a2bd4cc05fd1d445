/**
 * "Compute embeddings (USE-lite / MobileNetV2)" for the open dataset: texts from its text
 * column (the media column, else the text column with the longest texts), its grey
 * images, or its image files (renderer/media/embed-files.ts: worker pool, per-image cache).
 * Runs in the embed worker as a visible, cancellable job; the result is cached as a
 * dataset artefact keyed by the model and the content, so computing again is instant.
 */
import { loadArtifact, saveArtifact } from '../project/persist.ts';
import type { Embedding, OpenedDataset } from '../../ml/api.ts';
import type { GreyImages } from '../../ml/embed/models/types.ts';
import type { TextColumn } from '../../ml/table/types.ts';
import { artifactName, contentKey, MODEL_INFO, type EmbedTextsInput, type PretrainedModel } from '../../ml/embed/models/embed-jobs.ts';
import { decodeEmbedding, encodeEmbedding } from '../../ml/embed/codec.ts';
import { appStore, toast } from '../store/app.ts';
import { runJob, trackJob, type JobWorker } from '../jobs/run-job.ts';
import { addEmbedding, mapStore, setActiveEmbedding } from '../map/map-store.ts';
import { embedImageFiles } from '../media/embed-files.ts';

let worker: JobWorker<'embed-texts' | 'embed-images'> | null = null;
const embedWorker = () => (worker ??= new Worker(new URL('../workers/embed.worker.ts', import.meta.url), { type: 'module' }));

/** The text column the encoder reads, or null when the dataset has none. */
export function textColumnOf(d: OpenedDataset): { name: string; values: (string | null)[] } | null {
  // Image paths are text but not prose: a folder of images has nothing for USE-lite to read.
  const imagePaths = new Set(d.schema.columns.filter((c) => c.kind === 'image').map((c) => c.name));
  const texts = d.table.columns.filter((c): c is TextColumn => c.type === 'text' && !imagePaths.has(c.name));
  const media = d.media;
  const preferred = media.kind === 'text' ? texts.find((c) => c.name === media.column) : undefined;
  const meanLength = (values: (string | null)[]) => values.reduce((s, v) => s + (v?.length ?? 0), 0) / Math.max(1, values.length);
  const best = preferred ?? [...texts].sort((a, b) => meanLength(b.values) - meanLength(a.values))[0];
  return best ? { name: best.name, values: best.values } : null;
}

/** Whether `model` can run on this dataset and it does not already carry that embedding. */
export function canCompute(model: PretrainedModel, d: OpenedDataset | null): boolean {
  if (!d || d.embeddings.some((e) => e.id === model)) return false;
  if (mapStore.get().datasetKey === d.key && mapStore.get().extraEmbeddings.some((e) => e.id === model)) return false;
  return model === 'use_lite' ? textColumnOf(d) !== null : d.media.kind === 'image' || d.media.kind === 'image-files';
}

/** " (12 new, 30 from the image cache, 2 unreadable: placed at the mean)" */
function imageSummary(c: { computed: number; cached: number; failed: number }): string {
  const parts = [`${c.computed} new`, ...(c.cached > 0 ? [`${c.cached} from the image cache`] : []), ...(c.failed > 0 ? [`${c.failed} unreadable: placed at the mean`] : [])];
  return ` (${parts.join(', ')})`;
}

export async function computeEmbedding(model: PretrainedModel): Promise<Embedding | null> {
  const d = appStore.get().dataset;
  if (!d || !canCompute(model, d)) return null;
  const { title, dim } = MODEL_INFO[model];
  let input: { job: 'embed-texts'; value: EmbedTextsInput; key: string } | { job: 'embed-images'; value: GreyImages; key: string } | { job: 'image-files'; key: string };
  let imageCounts: { computed: number; cached: number; failed: number } | null = null;
  if (model === 'use_lite') {
    const texts = textColumnOf(d)!.values.map((v) => v ?? '');
    input = { job: 'embed-texts', value: { texts }, key: contentKey(model, texts) };
  } else if (d.media.kind === 'image-files') {
    input = { job: 'image-files', key: d.media.fingerprint };
  } else {
    if (d.media.kind !== 'image') return null;
    const { width, height, pixels } = d.media;
    input = { job: 'embed-images', value: { n: d.table.n, width, height, pixels }, key: contentKey(model, pixels) };
  }
  const name = artifactName(model, input.key);
  let data: Float32Array | null = null;
  const cached = await loadArtifact(name).catch(() => null);
  if (cached) {
    try {
      const decoded = decodeEmbedding(cached);
      if (decoded.n === d.table.n && decoded.dim === dim) data = decoded.data;
    } catch {
      // A damaged cache file is recomputed, not an error for the user.
    }
  }
  if (!data) {
    const job = input;
    data = await trackJob(`Computing ${title}`, (signal, progress) => job.job === 'embed-texts'
      ? runJob(embedWorker(), 'embed-texts', job.value, { signal, onProgress: progress })
      : job.job === 'image-files'
        ? embedImageFiles(d, { signal, onProgress: progress }).then((r) => { imageCounts = { ...r, failed: r.failed.length }; return r.data; })
        : runJob(embedWorker(), 'embed-images', job.value, { signal, onProgress: progress }));
    if (!data) return null; // cancelled
    // float16 halves the cache file and keeps ~3 significant digits, far below what the map or a head can see.
    await saveArtifact(name, encodeEmbedding(data, d.table.n, dim, 'float16')).catch(() => toast('Could not cache the embeddings (they are still used now).'));
  }
  // Only attach it if the same dataset is still open.
  if (appStore.get().dataset?.key !== d.key) return null;
  const embedding: Embedding = { id: model, title, dim, data };
  addEmbedding(embedding);
  await setActiveEmbedding(model);
  toast(cached && data ? `${title}: loaded from cache` : `${title}: computed${imageCounts ? imageSummary(imageCounts) : ''}`);
  return embedding;
}
