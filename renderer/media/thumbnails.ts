/**
 * Thumbnails for any image dataset, decoded lazily off the main thread and cached:
 *   const t = thumbnail(dataset, row, 96);   // ImageBitmap now if cached, else a Promise of one
 * Image files are read in batches (readImageBytes) and decoded in the thumbnail workers straight
 * to a size bucket (64/128/256/512/1024 px on the longer edge, so every view shares the cache);
 * the demos' grey pixel arrays become bitmaps here. Colour as in the file. A file that cannot be
 * shown resolves to a placeholder bitmap and `thumbnailError` says why. The cache is an LRU
 * bounded by decoded bytes; evicted bitmaps are closed.
 */
import type { OpenedDataset } from '../../ml/api.ts';
import { runJob, type JobWorker } from '../jobs/run-job.ts';
import { readImageBytes } from './source.ts';
import { poolSize } from './embed-pool.ts';

export const THUMB_SIZES = [64, 128, 256, 512, 1024] as const;
/** Decoded bytes the cache may hold (10,000 thumbnails of 64×64 are 164 MB). */
const CACHE_BYTES = 256 * 1024 * 1024;
/** Files per read + decode batch, and batches in flight at once. */
const BATCH = 48;
const IN_FLIGHT = 3;

/** The bucket a requested size (CSS px × devicePixelRatio, say) is decoded at. */
export const bucketOf = (size: number): number => THUMB_SIZES.find((s) => s >= size) ?? THUMB_SIZES[THUMB_SIZES.length - 1];

type Entry = { bitmap: ImageBitmap; bytes: number };
type Request = { d: OpenedDataset; row: number; edge: number; key: string; resolve: (b: ImageBitmap) => void; reject: (e: unknown) => void };

const cache = new Map<string, Entry>(); // insertion order = recency (re-inserted on use)
let cachedBytes = 0;
const errors = new Map<string, string>();
const pending = new Map<string, Promise<ImageBitmap>>();
const urgent: Request[] = [];
const background: Request[] = [];
let inFlight = 0;
const workers: JobWorker<'decode-thumbnails'>[] = [];
let turn = 0;
let placeholder: ImageBitmap | null = null;

const keyOf = (d: OpenedDataset, row: number, edge: number) => `${d.key}\u0000${row}\u0000${edge}`;
const errorKey = (d: OpenedDataset, row: number) => `${d.key}\u0000${row}`;

function remember(key: string, bitmap: ImageBitmap): void {
  const bytes = 4 * bitmap.width * bitmap.height;
  cache.set(key, { bitmap, bytes });
  cachedBytes += bytes;
  for (const [k, e] of cache) {
    if (cachedBytes <= CACHE_BYTES) break;
    if (e.bitmap === placeholder) continue;
    cache.delete(k);
    cachedBytes -= e.bytes;
    e.bitmap.close();
  }
}

/** The cached thumbnail, if there is one (touches it, so it stays). */
export function peekThumbnail(d: OpenedDataset, row: number, size: number): ImageBitmap | undefined {
  const key = keyOf(d, row, bucketOf(size));
  const hit = cache.get(key);
  if (!hit) return undefined;
  cache.delete(key);
  cache.set(key, hit);
  return hit.bitmap;
}

/** Why a row shows the placeholder (a bad, missing or refused file), or undefined. */
export const thumbnailError = (d: OpenedDataset, row: number): string | undefined => errors.get(errorKey(d, row));

/**
 * The thumbnail of `row` with its longer edge at least `size` px (a bucket: draw it scaled).
 * Cached: the bitmap itself. Otherwise a promise; `background` requests (prefetch) wait behind
 * the ones a view is showing now.
 */
export function thumbnail(d: OpenedDataset, row: number, size: number, background_ = false): ImageBitmap | Promise<ImageBitmap> {
  const hit = peekThumbnail(d, row, size);
  if (hit) return hit;
  const edge = bucketOf(size);
  const key = keyOf(d, row, edge);
  const waiting = pending.get(key);
  if (waiting) {
    // A prefetched row that a view now shows jumps the queue.
    const i = background_ ? -1 : background.findIndex((r) => r.key === key);
    if (i >= 0) urgent.push(...background.splice(i, 1));
    return waiting;
  }
  const promise = new Promise<ImageBitmap>((resolve, reject) => {
    (background_ ? background : urgent).push({ d, row, edge, key, resolve, reject });
  });
  pending.set(key, promise);
  queueMicrotask(pump);
  return promise;
}

/** Decodes the rows' thumbnails ahead of time (e.g. the next screens of a contact sheet). */
export async function prefetchThumbnails(d: OpenedDataset, rows: ArrayLike<number>, size: number): Promise<void> {
  await Promise.allSettled(Array.from(rows, (row) => thumbnail(d, row, size, true)));
}

/** Drops every cached thumbnail (e.g. when a dataset closes). */
export function clearThumbnails(): void {
  for (const e of cache.values()) if (e.bitmap !== placeholder) e.bitmap.close();
  cache.clear();
  cachedBytes = 0;
  errors.clear();
}

function take(): Request[] {
  // What a view shows now first, newest request first; prefetches in the order asked.
  const queue = urgent.length > 0 ? urgent : background;
  const order = queue === urgent ? [...queue].reverse() : queue;
  if (order.length === 0) return [];
  const { d, edge } = order[0];
  const batch = order.filter((r) => r.d === d && r.edge === edge).slice(0, BATCH);
  const taken = new Set(batch);
  const rest = queue.filter((r) => !taken.has(r));
  queue.length = 0;
  queue.push(...rest);
  return batch;
}

function pump(): void {
  while (inFlight < IN_FLIGHT) {
    const batch = take();
    if (batch.length === 0) return;
    inFlight++;
    decodeBatch(batch)
      .catch((err: unknown) => { for (const r of batch) { pending.delete(r.key); r.reject(err); } })
      .finally(() => { inFlight--; pump(); });
  }
}

async function decodeBatch(batch: Request[]): Promise<void> {
  const d = batch[0].d;
  const edge = batch[0].edge;
  const finish = (r: Request, bitmap: ImageBitmap | null, error: string | null) => {
    pending.delete(r.key);
    if (bitmap) remember(r.key, bitmap);
    else errors.set(errorKey(d, r.row), error ?? 'cannot be shown');
    r.resolve(bitmap ?? placeholderBitmap());
  };
  if (d.media.kind === 'image') {
    for (const r of batch) finish(r, await greyBitmap(d.media, r.row), null);
    return;
  }
  const files = await readImageBytes(d, Uint32Array.from(batch, (r) => r.row));
  const readable = batch.map((_, k) => k).filter((k) => files[k].bytes !== null);
  const out = readable.length > 0
    ? await runJob(thumbsWorker(), 'decode-thumbnails', { images: readable.map((k) => ({ bytes: files[k].bytes!, mime: files[k].mime })), edge })
    : { bitmaps: [], errors: [] };
  batch.forEach((r, k) => {
    const j = readable.indexOf(k);
    finish(r, j >= 0 ? out.bitmaps[j] : null, j >= 0 ? out.errors[j] : files[k].error);
  });
}

/** Batches go round the workers: createImageBitmap of small files is ~0.7 ms of one core each here, so two cores decode ~1.5× as fast. */
function thumbsWorker(): JobWorker<'decode-thumbnails'> {
  while (workers.length < poolSize()) workers.push(new Worker(new URL('../workers/thumbs.worker.ts', import.meta.url), { type: 'module' }));
  return workers[turn++ % workers.length];
}

/** A grey demo image (28×28 bytes) as a bitmap at its own size; draw it scaled without smoothing. */
function greyBitmap(media: { width: number; height: number; pixels: Uint8Array }, row: number): Promise<ImageBitmap> {
  const { width, height, pixels } = media;
  const img = new ImageData(width, height);
  const base = row * width * height;
  for (let p = 0; p < width * height; p++) {
    const g = pixels[base + p];
    img.data[4 * p] = g; img.data[4 * p + 1] = g; img.data[4 * p + 2] = g; img.data[4 * p + 3] = 255;
  }
  return createImageBitmap(img);
}

/** A light grey square with a diagonal cross: "this file cannot be shown" (never cached per row). */
function placeholderBitmap(): ImageBitmap {
  if (placeholder) return placeholder;
  const c = new OffscreenCanvas(64, 64);
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = '#e6e6e6';
  ctx.fillRect(0, 0, 64, 64);
  ctx.strokeStyle = '#a0a0a0';
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(18, 18); ctx.lineTo(46, 46); ctx.moveTo(46, 18); ctx.lineTo(18, 46);
  ctx.stroke();
  placeholder = c.transferToImageBitmap();
  return placeholder;
}
