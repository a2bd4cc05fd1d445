/**
 * Inside a Web Worker: serves named jobs from ml/jobs/catalog.ts. A worker file is just
 *   serveJobs({ umap: runUmap, similarity: runSimilarity });
 * and each function must match its catalogue entry's input, output and preview types.
 * Each start message runs one job with its own AbortController; cancel aborts it.
 */
import { CancelledError, transferablesOf, type FromWorker, type JobFn, type ToWorker } from '../../ml/jobs/job.ts';
import type { JobInput, JobName, JobOutput, JobPreview } from '../../ml/jobs/catalog.ts';

export type JobTable<K extends JobName> = { [P in K]: JobFn<JobInput<P>, JobOutput<P>, JobPreview<P>> };

export function serveJobs<K extends JobName>(jobs: JobTable<K>): void {
  const running = new Map<number, AbortController>();
  // A worker's postMessage(message, { transfer }) has the same shape as the window's.
  const post = (m: FromWorker, transfer: Transferable[] = []) => self.postMessage(m, { transfer });

  self.onmessage = (e: MessageEvent<ToWorker>) => {
    const msg = e.data;
    if (msg.type === 'cancel') return void running.get(msg.id)?.abort();
    const job = Object.prototype.hasOwnProperty.call(jobs, msg.job) ? (jobs[msg.job as K] as JobFn<unknown, unknown, unknown>) : undefined;
    if (!job) return post({ type: 'error', id: msg.id, message: `Unknown job "${msg.job}"`, cancelled: false });
    const controller = new AbortController();
    running.set(msg.id, controller);
    const ctx = {
      signal: controller.signal,
      progress: (progress: { done: number; total: number; message?: string }) => post({ type: 'progress', id: msg.id, progress }),
      // Previews are copied, not transferred: the job usually keeps working on the same arrays.
      preview: (value: unknown) => post({ type: 'preview', id: msg.id, value }),
    };
    job(msg.input, ctx)
      .then((output) => post({ type: 'done', id: msg.id, output }, transferablesOf(output)))
      .catch((err: unknown) => {
        const cancelled = err instanceof CancelledError || controller.signal.aborted;
        post({ type: 'error', id: msg.id, message: cancelled ? 'Cancelled' : (err as Error)?.message ?? String(err), cancelled });
      })
      .finally(() => running.delete(msg.id));
  };
}
