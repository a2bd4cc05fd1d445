/**
 * Where map layouts are computed: UMAP (ml/embed/umap.ts) in the umap worker, one worker for
 * the app, started on first use. Previews arrive every few epochs and are shown as they come.
 */
import type { UmapInput } from '../../ml/embed/umap.ts';
import { runJob, type JobWorker } from '../jobs/run-job.ts';
import type { JobProgress } from '../../ml/jobs/job.ts';

export type LayoutInput = { data: Float32Array; n: number; dim: number; seed: number };
export type LayoutRun = { signal: AbortSignal; onProgress(p: JobProgress): void; onPreview(xy: Float32Array): void };

let worker: JobWorker<'umap' | 'similarity'> | null = null;

export function computeLayout(input: LayoutInput, run: LayoutRun): Promise<Float32Array> {
  worker ??= new Worker(new URL('../workers/umap.worker.ts', import.meta.url), { type: 'module' });
  const umapInput: UmapInput = { data: input.data, n: input.n, dim: input.dim, seed: input.seed };
  return runJob(worker, 'umap', umapInput, {
    signal: run.signal,
    onProgress: run.onProgress,
    onPreview: run.onPreview,
  });
}
