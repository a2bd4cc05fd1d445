/**
 * Inside a Web Worker: serves named jobs. A worker file is just
 *   serveJobs({ umap: runUmap, train: trainHead });
 * Each start message runs one job with its own AbortController; cancel aborts it.
 */
import { CancelledError, transferablesOf, type FromWorker, type JobFn, type ToWorker } from '../../ml/jobs/job.ts';

type AnyJob = JobFn<never, unknown, unknown>;

export function serveJobs(jobs: Record<string, AnyJob>): void {
  const scope = self as unknown as { onmessage: ((e: MessageEvent<ToWorker>) => void) | null; postMessage(m: FromWorker, t?: Transferable[]): void };
  const running = new Map<number, AbortController>();
  const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

  scope.onmessage = (e) => {
    const msg = e.data;
    if (msg.type === 'cancel') return void running.get(msg.id)?.abort();
    const job = jobs[msg.job];
    if (!job) return post({ type: 'error', id: msg.id, message: `Unknown job "${msg.job}"`, cancelled: false });
    const controller = new AbortController();
    running.set(msg.id, controller);
    const ctx = {
      signal: controller.signal,
      progress: (progress: { done: number; total: number; message?: string }) => post({ type: 'progress', id: msg.id, progress }),
      // Previews are copied, not transferred: the job usually keeps working on the same arrays.
      preview: (value: unknown) => post({ type: 'preview', id: msg.id, value }),
    };
    job(msg.input as never, ctx)
      .then((output) => post({ type: 'done', id: msg.id, output }, transferablesOf(output)))
      .catch((err: unknown) => {
        const cancelled = err instanceof CancelledError || controller.signal.aborted;
        post({ type: 'error', id: msg.id, message: cancelled ? 'Cancelled' : (err as Error)?.message ?? String(err), cancelled });
      })
      .finally(() => running.delete(msg.id));
  };
}
