/**
 * A small pool of embed workers for image files. MobileNetV2 on wasm is compute-bound and
 * barely gains from bigger batches (17–18 images/s at batch 1–16 on one core here), so the way
 * to use a second core is a second worker, each with its own copy of the model (~15 MB).
 * Workers are made on first use and kept: loading the model is the slow part of a first run.
 */
import type { EmbedImageFilesInput, EmbedImageFilesOutput } from '../../ml/embed/models/embed-jobs.ts';
import { runJob, type JobWorker } from '../jobs/run-job.ts';

type EmbedWorker = JobWorker<'embed-image-files'>;

/** One worker per core, at most two: more would only fight over the same cores. */
export const poolSize = (): number => Math.max(1, Math.min(2, globalThis.navigator?.hardwareConcurrency ?? 1));

const workers: EmbedWorker[] = [];
const busy = new Set<EmbedWorker>();
const waiting: (() => void)[] = [];

function ensureWorkers(): void {
  while (workers.length < poolSize()) workers.push(new Worker(new URL('../workers/embed.worker.ts', import.meta.url), { type: 'module' }));
}

async function acquire(): Promise<EmbedWorker> {
  ensureWorkers();
  for (;;) {
    const free = workers.find((w) => !busy.has(w));
    if (free) { busy.add(free); return free; }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
}

function release(w: EmbedWorker): void {
  busy.delete(w);
  waiting.shift()?.();
}

/** Embeds one batch of image files on the next free worker (waits for one); the signal cancels it there. */
export async function embedBatch(input: EmbedImageFilesInput, signal: AbortSignal): Promise<EmbedImageFilesOutput> {
  const w = await acquire();
  try {
    signal.throwIfAborted();
    return await runJob(w, 'embed-image-files', input, { signal, transferInput: true });
  } finally {
    release(w);
  }
}
