/**
 * The app side of a job worker. `runJob` starts a named job in a worker and resolves with its
 * output; progress and previews arrive through callbacks; aborting the signal cancels it in the
 * worker (the promise then rejects with CancelledError). `trackJob` also shows it in the top
 * bar with a progress bar and a Cancel button, so long work is always visible and stoppable.
 */
import { CancelledError, transferablesOf, type FromWorker, type JobProgress, type ToWorker } from '../../ml/jobs/job.ts';
import type { JobInput, JobName, JobOutput, JobPreview } from '../../ml/jobs/catalog.ts';
import { jobsStore } from './jobs-store.ts';

/** A Worker that serves the jobs K (its file calls serveJobs with exactly those). */
export type JobWorker<K extends JobName> = Worker & { readonly __serves?: K };

let nextId = 1;

export type RunOptions<Preview> = {
  signal?: AbortSignal;
  onProgress?: (p: JobProgress) => void;
  onPreview?: (v: Preview) => void;
  /** Move (not copy) the input's typed arrays into the worker; they are unusable here afterwards. */
  transferInput?: boolean;
};

export function runJob<S extends JobName, K extends S>(worker: JobWorker<S>, job: K, input: JobInput<K>, opts: RunOptions<JobPreview<K>> = {}): Promise<JobOutput<K>> {
  type Output = JobOutput<K>;
  type Preview = JobPreview<K>;
  const id = nextId++;
  return new Promise<Output>((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new CancelledError());
    const onMessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.id !== id) return;
      if (msg.type === 'progress') opts.onProgress?.(msg.progress);
      else if (msg.type === 'preview') opts.onPreview?.(msg.value as Preview);
      else {
        cleanup();
        if (msg.type === 'done') resolve(msg.output as Output);
        else reject(msg.cancelled ? new CancelledError() : new Error(msg.message));
      }
    };
    const onError = (e: ErrorEvent) => {
      cleanup();
      reject(new Error(`The worker failed: ${e.message || 'unknown error'}`));
    };
    const onAbort = () => worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
    const cleanup = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    opts.signal?.addEventListener('abort', onAbort);
    const msg: ToWorker = { type: 'start', id, job, input };
    worker.postMessage(msg, opts.transferInput ? transferablesOf(input) : []);
  });
}

/**
 * Runs `work` as a visible job: listed in the top bar with its progress and a Cancel button.
 * Resolves with the result, or null if the user cancelled (cancelling is not an error).
 */
export async function trackJob<T>(title: string, work: (signal: AbortSignal, progress: (p: JobProgress) => void) => Promise<T>): Promise<T | null> {
  const controller = new AbortController();
  const id = nextId++;
  jobsStore.set((s) => ({ jobs: [...s.jobs, { id, title, progress: null, cancel: () => controller.abort() }] }));
  const progress = (p: JobProgress) =>
    jobsStore.set((s) => ({ jobs: s.jobs.map((j) => (j.id === id ? { ...j, progress: p } : j)) }));
  try {
    return await work(controller.signal, progress);
  } catch (err) {
    if (err instanceof CancelledError || controller.signal.aborted) return null;
    throw err;
  } finally {
    jobsStore.set((s) => ({ jobs: s.jobs.filter((j) => j.id !== id) }));
  }
}
