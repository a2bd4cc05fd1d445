/**
 * Long work (UMAP, training, embedding) is a job: an async function of its input that reports
 * progress, may send previews (a UMAP layout mid-optimisation, a loss curve point) and stops
 * when its AbortSignal fires. The same function runs directly in Node (tests, benchmarks) and
 * inside a Web Worker in the app (renderer/jobs/), so there is one implementation to test.
 */

export type JobProgress = { done: number; total: number; message?: string };

export type JobContext<Preview = never> = {
  signal: AbortSignal;
  progress(p: JobProgress): void;
  preview(value: Preview): void;
};

export type JobFn<Input, Output, Preview = never> = (input: Input, ctx: JobContext<Preview>) => Promise<Output>;

export class CancelledError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}

/** Lets cancel messages and progress reach the event loop between chunks of work. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A context for running a job directly (Node tests/benchmarks): optional listeners, a signal. */
export function directContext<Preview = never>(opts: {
  signal?: AbortSignal;
  onProgress?: (p: JobProgress) => void;
  onPreview?: (v: Preview) => void;
} = {}): JobContext<Preview> {
  return {
    signal: opts.signal ?? new AbortController().signal,
    progress: (p) => opts.onProgress?.(p),
    preview: (v) => opts.onPreview?.(v),
  };
}

/** Messages between the app and a job worker (see renderer/jobs/). */
export type ToWorker = { type: 'start'; id: number; job: string; input: unknown } | { type: 'cancel'; id: number };
export type FromWorker =
  | { type: 'progress'; id: number; progress: JobProgress }
  | { type: 'preview'; id: number; value: unknown }
  | { type: 'done'; id: number; output: unknown }
  | { type: 'error'; id: number; message: string; cancelled: boolean };

/** Typed-array buffers inside a value, to transfer (not copy) them across postMessage. */
export function transferablesOf(value: unknown, out: Set<ArrayBuffer> = new Set(), depth = 0): ArrayBuffer[] {
  if (depth > 6 || value === null || typeof value !== 'object') return [...out];
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && value.byteLength === value.buffer.byteLength) out.add(value.buffer);
    return [...out];
  }
  for (const v of Array.isArray(value) ? value : Object.values(value)) transferablesOf(v, out, depth + 1);
  return [...out];
}
