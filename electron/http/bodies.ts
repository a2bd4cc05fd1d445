/**
 * Request bodies for the browser-mode API, with a size limit per method and two clocks: a
 * body that stops arriving for IDLE_MS, or a small one still arriving after its deadline, is
 * cut off (408), so a slow or endless body cannot hold a connection or fill memory.
 */
import type { IncomingMessage } from 'node:http';
import type { ApiMethod } from '../../ml/api.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** Byte limit of a wire-encoded call, per method (everything not listed: DEFAULT_BODY_BYTES). */
export const BODY_LIMITS: Partial<Record<ApiMethod, number>> = {
  openFile: 256 * MiB, // a file sent whole (tests, small files); big ones stream (UPLOAD_LIMIT)
  // A new or relocated project may carry an uploaded file or a table the page built (a folder of images).
  createProject: 256 * MiB,
  locateData: 256 * MiB,
  openProjectFor: 256 * MiB,
  saveDocument: 64 * MiB, // the document is at most 16 M characters of JSON (ml/project/validate.ts)
  addRun: 64 * MiB,
  updateProjectMeta: 64 * MiB,
  editLabels: 512 * MiB, // a relabelling of tens of millions of rows at once
  saveProjectArtifact: 2 * GiB, // an embedding of a large table
  saveCacheArtifact: 2 * GiB, // the image vector cache
  exportBundle: 2 * GiB, // a model's weights, the measured rows' mask, maybe an embedding's vectors
  exportLabels: 1 * GiB, // labels and the model's probabilities for every row
};
export const DEFAULT_BODY_BYTES = 64 * KiB;
/**
 * A file streamed to openFile: its rows are bounded by the loader's cell budget, this bounds its
 * bytes. An upload is kept whole until its project copies it in (it has no path to read again):
 * bigger files open by path (`npm start -- PATH`, the desktop dialog), which keeps nothing.
 */
export const UPLOAD_LIMIT = 2 * GiB;

/** No byte for this long: the body is abandoned. */
export const IDLE_MS = 15_000;
/** A body within the default limit must be complete by then (a local page sends it at once). */
export const SMALL_BODY_MS = 10_000;

export class BodyError extends Error {
  constructor(readonly status: 408 | 413, message: string) {
    super(message);
  }
}

export const limitFor = (method: ApiMethod): number => BODY_LIMITS[method] ?? DEFAULT_BODY_BYTES;

/**
 * The body's chunks as they arrive, at most `limit` bytes, each within IDLE_MS of the last
 * (and the whole within `deadlineMs`, if given). A too-long or stalled body throws BodyError.
 */
export async function* bodyChunks(req: IncomingMessage, limit: number, deadlineMs?: number): AsyncGenerator<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) throw new BodyError(413, `the body is ${declared} bytes; at most ${limit} are accepted here`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fail: ((err: Error) => void) | undefined;
  const stalled = new Promise<never>((_, reject) => { fail = reject; });
  stalled.catch(() => {});
  const arm = (ms: number, what: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => fail?.(new BodyError(408, what)), ms);
  };
  const deadline = deadlineMs === undefined ? Infinity : Date.now() + deadlineMs;
  const iterator = req[Symbol.asyncIterator]();
  let size = 0;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new BodyError(408, `the body did not arrive within ${deadlineMs} ms`);
      arm(Math.min(IDLE_MS, left), left < IDLE_MS ? `the body did not arrive within ${deadlineMs} ms` : `no body bytes for ${IDLE_MS / 1000} s`);
      const next = (await Promise.race([iterator.next(), stalled])) as IteratorResult<Buffer>;
      if (next.done) return;
      size += next.value.length;
      if (size > limit) throw new BodyError(413, `the body is over ${limit} bytes, the limit here`);
      yield new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** The whole body in one buffer (wire-encoded calls). */
export async function readBody(req: IncomingMessage, limit: number, deadlineMs?: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bodyChunks(req, limit, deadlineMs)) {
    chunks.push(chunk);
    size += chunk.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
