/**
 * Image files behind the API: which folders the user opened, which file each row of an opened
 * dataset reads, and reading them in batches. The rule the whole app relies on: no file
 * outside what the user opened is ever read or served. A row's file is fixed when its dataset
 * opens (paths in a table that point outside every opened folder are refused then), and each
 * read checks the real path again (readInside), so a symlink swapped in later is refused too.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { IMAGE_BATCH_BYTES, type BackendProgress, type ImageBatch, type ImageFilesMedia, type MediaProblem } from '../../ml/api.ts';
import type { Table, TableSchema } from '../../ml/table/types.ts';
import { buildImageTable, folderKey, folderFingerprint, hashStrings, type FolderListing } from '../../ml/images/folder-table.ts';
import { listImageFolder, readInside, isInside, fileErrorReason, yieldNow, type WalkedFolder } from '../../ml/images/list-folder.node.ts';
import { isAbsolutePath, safeRelative } from '../../ml/images/paths.ts';
import { MIME, sniffFormat } from '../../ml/images/sniff.ts';

/** Where one row's bytes are: a root the user opened and a path under it, or why there are none. */
type RowFile = { root: string; rel: string } | { error: string };

export type OpenedFolder = { key: string; name: string; table: Table; media: ImageFilesMedia; problems: MediaProblem[]; listing: FolderListing };

export class ImageFiles {
  /** Real paths of the folders the user opened (and the app's own demo folders). */
  private readonly roots = new Set<string>();
  private readonly datasets = new Map<string, RowFile[]>();
  private progress: BackendProgress | null = null;

  currentProgress(): BackendProgress | null {
    return this.progress;
  }

  /** Makes `paths` (relative, checked again at each read) under the folder `realRoot` the rows of `key`. */
  register(key: string, realRoot: string, paths: readonly string[]): void {
    this.roots.add(realRoot);
    this.datasets.set(key, paths.map((rel) => ({ root: realRoot, rel })));
  }

  /**
   * Lists `path` (or reuses the caller's walk of it), registers it as opened, and returns its
   * table; `key` overrides the folder key (demos).
   */
  async openFolder(path: string, key?: string, walked?: WalkedFolder): Promise<OpenedFolder> {
    const task = `Reading image headers in ${path}`;
    this.progress = { task, done: 0, total: 0 };
    try {
      const listing = await listImageFolder(path, { onProgress: (done, total) => { this.progress = { task, done, total }; } }, walked);
      if (listing.entries.length === 0) {
        const why = listing.skipped.length > 0 ? ` (skipped: ${listing.skipped.slice(0, 3).map((s) => `${s.path}: ${s.reason}`).join('; ')})` : '';
        throw new Error(`${path}: no JPEG, PNG, WebP, GIF or BMP files in this folder or its subfolders${why}`);
      }
      const { table, problems } = buildImageTable(listing.entries);
      const datasetKey = key ?? folderKey(listing.name, listing.entries);
      this.register(datasetKey, listing.realRoot, listing.entries.map((e) => e.path));
      const media: ImageFilesMedia = { kind: 'image-files', column: 'path', source: 'backend', fingerprint: folderFingerprint(listing.entries) };
      const skipped: MediaProblem[] = listing.skipped.map((s) => ({ path: s.path, problem: 'skipped', detail: s.reason }));
      return { key: datasetKey, name: listing.name, table, media, problems: [...problems, ...skipped], listing };
    } finally {
      this.progress = null;
    }
  }

  /**
   * Image media for a table whose schema found an image-path column: relative paths resolve
   * against the table's own folder (`tableDir`, when it was opened by path), absolute ones
   * only inside a folder the user opened. Refused and missing files keep their rows and are
   * listed as problems. Returns null when the table has no image column.
   */
  async tableMedia(key: string, table: Table, schema: TableSchema, tableDir: string | null): Promise<{ media: ImageFilesMedia; problems: MediaProblem[] } | null> {
    const col = schema.columns.find((c) => c.kind === 'image');
    const column = col && table.columns.find((c) => c.name === col.name);
    if (!column || column.type === 'numeric') return null;
    const value = (i: number) => (column.type === 'text' ? column.values[i] : column.codes[i] >= 0 ? column.dictionary[column.codes[i]] : null);
    const realDir = tableDir === null ? null : await realpath(tableDir);
    const files: RowFile[] = [];
    const problems: MediaProblem[] = [];
    const fingerprint: string[] = [];
    for (let i = 0; i < table.n; i++) {
      const raw = value(i)?.trim() ?? '';
      const found = raw === '' ? { error: 'no path in this row', problem: 'missing' } : await this.locate(raw, realDir);
      if ('error' in found) {
        problems.push({ row: i, path: raw, problem: found.problem, detail: found.error });
        files.push({ error: found.error });
        fingerprint.push(raw, found.problem);
      } else {
        files.push(found);
        fingerprint.push(raw, String(found.size), String(Math.round(found.mtimeMs)));
      }
    }
    this.datasets.set(key, files);
    return { media: { kind: 'image-files', column: column.name, source: 'backend', fingerprint: hashStrings(fingerprint) }, problems };
  }

  /** A table's path as a file under an allowed root, with its size and mtime, or why not. */
  private async locate(raw: string, tableDir: string | null): Promise<{ root: string; rel: string; size: number; mtimeMs: number } | { error: string; problem: string }> {
    let root: string | undefined;
    let rel: string;
    if (isAbsolutePath(raw)) {
      const abs = normalize(raw);
      root = [...this.roots].find((r) => isAbsolute(abs) && isInside(r, abs));
      if (!root) return { error: `refused: ${raw} is not inside a folder you opened`, problem: 'outside folder' };
      rel = relative(root, abs).split(sep).join('/');
    } else {
      const safe = safeRelative(raw);
      if (!safe.ok) return { error: `refused: ${safe.reason}`, problem: 'outside folder' };
      if (tableDir === null) return { error: 'a relative path needs the table\'s folder: open the table by its path (not as an upload), or use absolute paths inside a folder you opened', problem: 'missing' };
      root = tableDir;
      rel = safe.path;
    }
    try {
      const real = await realpath(join(root, ...rel.split('/')));
      if (!isInside(root, real)) return { error: `refused: ${raw} links outside its folder`, problem: 'outside folder' };
      const st = await stat(real);
      if (!st.isFile()) return { error: 'not a file', problem: 'missing' };
      return { root, rel, size: st.size, mtimeMs: st.mtimeMs };
    } catch (err) {
      return { error: fileErrorReason(err), problem: 'missing' };
    }
  }

  /** Reads the rows' files; never throws for a bad file (its error is in the batch). */
  async read(key: string, rows: Uint32Array): Promise<ImageBatch> {
    const files = this.datasets.get(key);
    if (!files) throw new Error(`No images are open for ${key}: open the folder or table again.`);
    const parts: Uint8Array[] = [];
    const mime: string[] = [];
    const errors: (string | null)[] = [];
    let total = 0;
    for (const [k, row] of rows.entries()) {
      if (k > 0 && k % 32 === 0) await yieldNow();
      const file = row < files.length ? files[row] : { error: `row ${row} is not in this dataset (${files.length} rows)` };
      let bytes: Uint8Array = new Uint8Array(0);
      let error: string | null = null;
      if ('error' in file) error = file.error;
      else if (total >= IMAGE_BATCH_BYTES) error = 'batch full: ask for this row again';
      else {
        try {
          bytes = await readInside(file.root, file.rel);
        } catch (err) {
          error = err instanceof Error && err.message.startsWith('refused') ? err.message : fileErrorReason(err);
        }
      }
      const format = bytes.length > 0 ? sniffFormat(bytes) : null;
      if (!error && bytes.length === 0) error = 'the file is empty (0 bytes)';
      else if (!error && !format) error = 'not an image (its bytes are not JPEG, PNG, GIF, WebP or BMP)';
      if (error) bytes = new Uint8Array(0);
      parts.push(bytes);
      total += bytes.length;
      mime.push(format ? MIME[format] : '');
      errors.push(error);
    }
    const offsets = new Uint32Array(rows.length + 1);
    const data = new Uint8Array(total);
    parts.forEach((p, k) => { data.set(p, offsets[k]); offsets[k + 1] = offsets[k] + p.length; });
    return { rows: Uint32Array.from(rows), offsets, data, mime, errors };
  }
}
