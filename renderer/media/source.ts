/**
 * Where the bytes of an image-file dataset come from, behind one call: the backend
 * (api.readImages: files under a folder the user opened) or, for a folder picked in the page
 * in browser mode, the page's own File objects (never uploaded). Thumbnails and embeddings
 * read through `readImageBytes` and never ask which.
 */
import { IMAGE_BATCH_ROWS, type ImageBatch, type OpenedDataset } from '../../ml/api.ts';
import { formatFromName, MIME, sniffFormat } from '../../ml/images/sniff.ts';
import { api } from '../api/client.ts';

/** Files picked in the page, by dataset key: row i reads files[i] (null: a row without a file). */
const pageFiles = new Map<string, (File | null)[]>();

/** Makes `files` the rows of the page-source dataset `key` (one per row, in row order). */
export function registerPageFiles(key: string, files: (File | null)[]): void {
  pageFiles.set(key, files);
}

/** The bytes of one row's file, or why there are none. */
export type RowBytes = { bytes: Uint8Array; mime: string; error: null } | { bytes: null; mime: string; error: string };

async function readPage(key: string, rows: Uint32Array): Promise<RowBytes[]> {
  const files = pageFiles.get(key);
  if (!files) throw new Error('The picked folder is no longer available in this window: pick it again.');
  return Promise.all(Array.from(rows, async (row): Promise<RowBytes> => {
    const file = files[row];
    if (!file) return { bytes: null, mime: '', error: 'no file for this row' };
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const format = sniffFormat(bytes) ?? formatFromName(file.name);
      if (bytes.length === 0) return { bytes: null, mime: '', error: 'the file is empty (0 bytes)' };
      return { bytes, mime: format ? MIME[format] : file.type, error: null };
    } catch (err) {
      return { bytes: null, mime: '', error: `cannot read it (${err instanceof Error ? err.message : String(err)})` };
    }
  }));
}

const split = (b: ImageBatch, k: number): RowBytes => {
  const error = b.errors[k];
  return error === null ? { bytes: b.data.subarray(b.offsets[k], b.offsets[k + 1]), mime: b.mime[k], error: null } : { bytes: null, mime: b.mime[k], error };
};

async function readBackend(key: string, rows: Uint32Array): Promise<RowBytes[]> {
  const out: RowBytes[] = new Array(rows.length);
  let todo = Array.from(rows.keys());
  while (todo.length > 0) {
    const ask = todo.slice(0, IMAGE_BATCH_ROWS);
    const batch = await api.readImages(key, Uint32Array.from(ask, (k) => rows[k]));
    const again: number[] = [];
    ask.forEach((k, j) => {
      // The backend caps a reply's bytes; the rows it left out come back in the next call.
      if (batch.errors[j] === 'batch full: ask for this row again' && j > 0) again.push(k);
      else out[k] = split(batch, j);
    });
    todo = [...again, ...todo.slice(ask.length)];
  }
  return out;
}

/** The files of `rows` (any number), in order; a bad file is an error in its slot, never a throw. */
export function readImageBytes(d: OpenedDataset, rows: Uint32Array): Promise<RowBytes[]> {
  if (d.media.kind !== 'image-files') return Promise.reject(new Error(`${d.name} has no image files`));
  return d.media.source === 'page' ? readPage(d.key, rows) : readBackend(d.key, rows);
}
