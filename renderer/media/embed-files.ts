/**
 * MobileNetV2 vectors for every row of an image-file dataset, with progress (images/s), cancel
 * and resume. Each file is read (readImageBytes) and hashed; a vector already in the shared
 * content cache (ml/images/vector-cache.ts) is used as is, the rest are embedded in the worker
 * pool. New vectors are saved every FLUSH_EVERY images and on cancel, so a cancelled or crashed
 * run resumes where it stopped, and a folder that gains 100 images embeds only those 100.
 */
import type { OpenedDataset } from '../../ml/api.ts';
import type { EncodedImage } from '../../ml/embed/models/embed-jobs.ts';
import { MOBILENET_DIM } from '../../ml/embed/models/mobilenet.ts';
import type { JobProgress } from '../../ml/jobs/job.ts';
import { cacheKey, contentHash, VectorCache, type ArtifactStore } from '../../ml/images/vector-cache.ts';
import { api } from '../api/client.ts';
import { embedBatch, poolSize } from './embed-pool.ts';
import { readImageBytes } from './source.ts';

/** Rows read (and hashed) per request; batches sent to a worker; new vectors between saves. */
const READ_CHUNK = 32;
const BATCH = 8;
const FLUSH_EVERY = 128;

export type ImageEmbedResult = {
  /** n×1280; a row that failed holds the mean of the others (so the map can still place it). */
  data: Float32Array;
  failed: { row: number; reason: string }[];
  /** Rows whose vector came from the cache, and rows embedded now. */
  cached: number;
  computed: number;
};

export type ImageEmbedOptions = { signal: AbortSignal; onProgress?: (p: JobProgress) => void };

/** The artefact store the app keeps a model's image vectors in (one for all datasets). */
export const vectorStore = (model: string): ArtifactStore => ({
  load: (name) => api.loadCacheArtifact(cacheKey(model), name),
  save: (name, bytes) => api.saveCacheArtifact(cacheKey(model), name, bytes),
});

export async function embedImageFiles(d: OpenedDataset, opts: ImageEmbedOptions): Promise<ImageEmbedResult> {
  const n = d.table.n;
  const dim = MOBILENET_DIM;
  const cache = await VectorCache.load(dim, vectorStore('mobilenet_v2'));
  const data = new Float32Array(n * dim);
  const ok = new Uint8Array(n);
  const failed: { row: number; reason: string }[] = [];
  let cached = 0;
  let computed = 0;
  const started = performance.now();
  const report = () => {
    const seconds = (performance.now() - started) / 1000;
    const rate = computed > 0 ? ` · ${(computed / seconds).toFixed(1)} images/s` : '';
    const fromCache = cached > 0 ? ` · ${cached.toLocaleString()} from cache` : '';
    const done = cached + computed + failed.length;
    opts.onProgress?.({ done, total: n, message: `Embedding images (MobileNetV2): ${done.toLocaleString()} / ${n.toLocaleString()}${rate}${fromCache}` });
  };
  report();

  // Rows with the same content (copies of one photo) are embedded once.
  const waiting = new Map<string, { rows: number[]; image: EncodedImage }>();
  const inFlight = new Set<Promise<void>>();
  // A batch that fails (a worker crashed, the run was cancelled) stops the run with its error.
  let failure: { error: unknown } | null = null;
  let flushing: Promise<void> = Promise.resolve();
  const flushIfDue = () => { if (cache.pending >= FLUSH_EVERY) flushing = flushing.then(() => cache.flush()); };

  const send = (entries: [string, { rows: number[]; image: EncodedImage }][]) => {
    const job = embedBatch({ images: entries.map(([, e]) => e.image) }, opts.signal).then(({ vectors, errors }) => {
      entries.forEach(([hash, { rows }], k) => {
        const error = errors[k];
        if (error !== null) { for (const row of rows) failed.push({ row, reason: error }); return; }
        const v = vectors.subarray(k * dim, (k + 1) * dim);
        cache.add(hash, v);
        for (const row of rows) { data.set(v, row * dim); ok[row] = 1; computed++; }
      });
      flushIfDue();
      report();
    }).catch((error: unknown) => { failure ??= { error }; });
    const tracked = job.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const stopIfFailed = () => { if (failure) throw failure.error; };
  const drain = async (all: boolean) => {
    while (waiting.size >= BATCH || (all && waiting.size > 0)) {
      // Keep every worker busy with one batch and one more queued, no more (bounded memory).
      while (inFlight.size >= 2 * poolSize()) await Promise.race(inFlight);
      stopIfFailed();
      const entries = [...waiting.entries()].slice(0, BATCH);
      for (const [hash] of entries) waiting.delete(hash);
      send(entries);
    }
  };

  let next: Promise<Awaited<ReturnType<typeof readImageBytes>>> | null = null;
  try {
    next = n > 0 ? readImageBytes(d, rowRange(0, Math.min(n, READ_CHUNK))) : null;
    for (let start = 0; start < n; start += READ_CHUNK) {
      opts.signal.throwIfAborted();
      const files = await next!;
      const end = Math.min(n, start + READ_CHUNK);
      // Read the next chunk while this one is hashed and embedded.
      next = end < n ? readImageBytes(d, rowRange(end, Math.min(n, end + READ_CHUNK))) : null;
      const hashes = await Promise.all(files.map((f) => (f.bytes ? contentHash(f.bytes) : null)));
      files.forEach((f, k) => {
        const row = start + k;
        const hash = hashes[k];
        if (!f.bytes || !hash) { failed.push({ row, reason: f.error ?? 'no bytes' }); return; }
        const hit = cache.get(hash);
        if (hit) { data.set(hit, row * dim); ok[row] = 1; cached++; return; }
        const w = waiting.get(hash);
        if (w) w.rows.push(row);
        else waiting.set(hash, { rows: [row], image: { bytes: f.bytes, mime: f.mime } });
      });
      report();
      await drain(false);
    }
    await drain(true);
    await Promise.all(inFlight);
    stopIfFailed();
  } finally {
    // On cancel too: what was computed is kept for the next run.
    next?.catch(() => undefined);
    await Promise.all(inFlight);
    await flushing.then(() => cache.flush()).catch(() => undefined);
  }
  fillFailed(data, ok, dim);
  failed.sort((a, b) => a.row - b.row);
  return { data, failed, cached, computed };
}

const rowRange = (from: number, to: number) => Uint32Array.from({ length: to - from }, (_, i) => from + i);

/** Rows without a vector get the mean of the others: placed in the middle of the map, not at zero. */
function fillFailed(data: Float32Array, ok: Uint8Array, dim: number): void {
  const mean = new Float64Array(dim);
  let count = 0;
  for (let i = 0; i < ok.length; i++) {
    if (!ok[i]) continue;
    count++;
    for (let d = 0; d < dim; d++) mean[d] += data[i * dim + d];
  }
  if (count === 0) throw new Error('None of the images could be decoded, so there is nothing to embed.');
  for (let d = 0; d < dim; d++) mean[d] /= count;
  for (let i = 0; i < ok.length; i++) if (!ok[i]) for (let d = 0; d < dim; d++) data[i * dim + d] = mean[d];
}
