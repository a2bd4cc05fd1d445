/**
 * Opening a file is a job the page can watch and stop: the backend streams the file through
 * the table loader, hashing it on the way (the dataset key), and keeps, per job id the page
 * chose, how far it got. `cancelOpen` aborts it between two chunks. Node only.
 */
import { createHash } from 'node:crypto';
import type { OpenProgress } from '../../ml/api.ts';
import { CancelledError } from '../../ml/jobs/job.ts';
import { TableLoader, type LoadLimits } from '../../ml/table/index.ts';
import type { Table } from '../../ml/table/types.ts';

/** What a running open can do: see whether it was cancelled, and say how far it is. */
export type OpenJob = { readonly signal: AbortSignal; report(p: { bytes: number; rows: number }): void; end(): void };

/** Job ids the page may cancel before its upload has even arrived (kept a little while). */
const EARLY_CANCELS = 64;

export class OpenJobs {
  private readonly running = new Map<string, { controller: AbortController; progress: OpenProgress; started: number }>();
  private readonly cancelledEarly: string[] = [];

  /** Starts job `id` (refused if one by that id is running). */
  begin(id: string, total: number | null): OpenJob {
    if (this.running.has(id)) throw new Error(`An open is already running as job ${id}.`);
    const controller = new AbortController();
    const started = performance.now();
    const entry = { controller, started, progress: { bytes: 0, total, rows: 0, elapsedMs: 0 } };
    this.running.set(id, entry);
    if (this.cancelledEarly.includes(id)) controller.abort();
    return {
      signal: controller.signal,
      report: (p) => { entry.progress = { ...p, total, elapsedMs: performance.now() - started }; },
      end: () => { this.running.delete(id); },
    };
  }

  progress(id: string): OpenProgress | null {
    const job = this.running.get(id);
    return job ? { ...job.progress, elapsedMs: performance.now() - job.started } : null;
  }

  cancel(id: string): void {
    const job = this.running.get(id);
    if (job) return job.controller.abort();
    this.cancelledEarly.push(id);
    if (this.cancelledEarly.length > EARLY_CANCELS) this.cancelledEarly.shift();
  }
}

/**
 * Streams `chunks` into a table: parsed as they arrive, hashed (SHA-256, hex) for the dataset
 * key and the project's source, progress reported and cancellation checked after every chunk.
 * `keepBytes`: also the file's bytes (an upload, which a project copies in: it has no path).
 */
export async function loadChunks(name: string, chunks: AsyncIterable<Uint8Array>, opts: { total: number | null; limits?: Partial<LoadLimits>; job?: OpenJob; keepBytes?: boolean }): Promise<{ table: Table; hash: string; bytes: Uint8Array | null }> {
  const { job } = opts;
  const loader = new TableLoader(name, { limits: opts.limits, totalBytes: opts.total ?? undefined });
  const hash = createHash('sha256');
  const kept: Uint8Array[] = [];
  const cancelled = () => new CancelledError(`Opening ${name} was cancelled.`);
  for await (const chunk of chunks) {
    if (job?.signal.aborted) throw cancelled();
    hash.update(chunk);
    if (opts.keepBytes) kept.push(chunk);
    loader.push(chunk);
    job?.report(loader.progress);
  }
  if (job?.signal.aborted) throw cancelled();
  const table = await loader.finish();
  return { table, hash: hash.digest('hex'), bytes: opts.keepBytes ? Buffer.concat(kept) : null };
}
