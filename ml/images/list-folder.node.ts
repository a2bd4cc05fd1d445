/**
 * Node only: lists a folder of images for the app's backend and the CLI. Walks subfolders,
 * reads each image's first bytes (header) and last bytes (truncation) — never the whole file,
 * never a decode — so 10,000 files list in well under a second. Symlinks are followed only
 * while they stay inside the folder; a link out of it, a broken link or a loop is listed as
 * skipped with its reason. `readInside` is the one way the backend reads an image file.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, sep, isAbsolute } from 'node:path';
import { LoadError } from '../table/types.ts';
import type { FolderListing, ImageEntry, SkippedEntry } from './folder-table.ts';
import { sortEntries } from './folder-table.ts';
import { formatFromName, HEAD_BYTES, HEAD_MAX, inspectImage, TAIL_BYTES, type ImageInfo } from './sniff.ts';

export type ListOptions = {
  /** Called as headers are read: files done so far and files found. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
};

/** Deeper than this is almost surely a mistake (or a loop the checks below missed). */
const MAX_DEPTH = 32;
/** Files whose headers are read between two yields to the event loop (a few milliseconds). */
const SLICE = 250;
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether `real` (a resolved path) is `root` or inside it. */
export function isInside(root: string, real: string): boolean {
  if (real === root) return true;
  const rel = relative(root, real);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

const code = (err: unknown) => (err as NodeJS.ErrnoException)?.code ?? String(err);
const reasonOf = (err: unknown): string => {
  const c = code(err);
  return c === 'EACCES' || c === 'EPERM' ? 'permission denied' : c === 'ENOENT' ? 'no such file' : c === 'ELOOP' ? 'symlink loop' : `cannot read it (${c})`;
};

/**
 * First and last bytes of a file plus its size and mtime, through one file descriptor.
 * Synchronous on purpose: four small syscalls take microseconds, while the same through
 * libuv's thread pool costs ~40 µs each; callers run it in short slices between yields.
 */
function readEnds(path: string): { info: ImageInfo; bytes: number; mtimeMs: number } {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const size = st.size;
    let head = new Uint8Array(Math.min(size, HEAD_BYTES));
    const got = readSync(fd, head, 0, head.length, 0);
    head = head.subarray(0, got);
    let tail = head.subarray(Math.max(0, head.length - TAIL_BYTES));
    if (size > head.length) {
      tail = new Uint8Array(Math.min(size, TAIL_BYTES));
      tail = tail.subarray(0, readSync(fd, tail, 0, tail.length, size - tail.length));
    }
    let info = inspectImage(head, tail, size);
    if (info.needMore) {
      head = new Uint8Array(Math.min(size, HEAD_MAX));
      head = head.subarray(0, readSync(fd, head, 0, head.length, 0));
      info = inspectImage(head, tail, size);
    }
    return { info, bytes: size, mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

const unreadable = (detail: string): ImageInfo => ({ format: null, width: NaN, height: NaN, problem: 'unreadable', detail });

/** A folder's regular files (relative '/'-separated and resolved paths), before any is read. */
export type WalkedFolder = {
  name: string;
  realRoot: string;
  files: { rel: string; abs: string }[];
  skipped: SkippedEntry[];
  /** Entries never listed: hidden ones (dot files and folders) and ones neither file nor folder (sockets, FIFOs). */
  hidden: number;
};

/**
 * Walks `dir` once: every regular file under it, following symlinks only while they stay
 * inside. Throws a LoadError only when `dir` itself cannot be listed; a bad link or an
 * unreadable subfolder inside becomes a skipped entry. Images and texts share this walk.
 */
export async function walkFolder(dir: string, signal?: AbortSignal): Promise<WalkedFolder> {
  let realRoot: string;
  try {
    realRoot = await realpath(dir);
    if (!(await stat(realRoot)).isDirectory()) throw new LoadError('this is a file, not a folder', { file: dir });
  } catch (err) {
    if (err instanceof LoadError) throw err;
    throw new LoadError(`cannot open the folder: ${reasonOf(err)}`, { file: dir });
  }
  const files: { rel: string; abs: string }[] = [];
  const skipped: SkippedEntry[] = [];
  let hidden = 0;
  const visited = new Set<string>([realRoot]);
  // Breadth-first, so a huge flat folder and a deep tree both progress steadily.
  const queue: { abs: string; rel: string; depth: number }[] = [{ abs: realRoot, rel: '', depth: 0 }];
  while (queue.length > 0) {
    signal?.throwIfAborted();
    const { abs, rel, depth } = queue.shift()!;
    let dirents;
    try {
      dirents = await readdir(abs, { withFileTypes: true });
    } catch (err) {
      skipped.push({ path: rel || '.', reason: `folder not listed: ${reasonOf(err)}` });
      continue;
    }
    for (const d of dirents) {
      if (d.name.startsWith('.')) { hidden++; continue; }
      const childRel = rel ? `${rel}/${d.name}` : d.name;
      const childAbs = join(abs, d.name);
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      let target = childAbs;
      if (d.isSymbolicLink()) {
        try {
          target = await realpath(childAbs);
        } catch (err) {
          skipped.push({ path: childRel, reason: code(err) === 'ELOOP' ? 'symlink loop (not followed)' : `broken link: ${reasonOf(err)}` });
          continue;
        }
        if (!isInside(realRoot, target)) { skipped.push({ path: childRel, reason: 'links outside the opened folder (not followed)' }); continue; }
        const st = await stat(target).catch(() => null);
        isDir = st?.isDirectory() ?? false;
        isFile = st?.isFile() ?? false;
      }
      if (isDir) {
        if (visited.has(target)) { skipped.push({ path: childRel, reason: 'symlink loop: links back to a folder already listed (not followed)' }); continue; }
        if (depth + 1 > MAX_DEPTH) { skipped.push({ path: childRel, reason: `nested deeper than ${MAX_DEPTH} folders (not listed)` }); continue; }
        visited.add(target);
        queue.push({ abs: target, rel: childRel, depth: depth + 1 });
      } else if (isFile) {
        files.push({ rel: childRel, abs: target });
      } else {
        hidden++;
      }
    }
  }
  return { name: basename(realRoot), realRoot, files, skipped, hidden };
}

/**
 * Lists the images under `dir` (walked here unless the caller already walked it). Throws a
 * LoadError only when `dir` itself cannot be listed; every bad file or link inside becomes a
 * row problem or a skipped entry. Returns the listing and the folder's resolved real path
 * (what reads are confined to).
 */
export async function listImageFolder(dir: string, opts: ListOptions = {}, walked?: WalkedFolder): Promise<FolderListing & { realRoot: string }> {
  const { name, realRoot, files: all, skipped, hidden } = walked ?? (await walkFolder(dir, opts.signal));
  const files = all.filter((f) => formatFromName(f.rel) !== null);
  const ignored = hidden + all.length - files.length;
  const entries: ImageEntry[] = new Array(files.length);
  for (let k = 0; k < files.length; k++) {
    const f = files[k];
    try {
      entries[k] = { path: f.rel, ...readEnds(f.abs) };
    } catch (err) {
      entries[k] = { path: f.rel, bytes: NaN, mtimeMs: 0, info: unreadable(reasonOf(err)) };
    }
    if ((k + 1) % SLICE === 0 || k + 1 === files.length) {
      opts.onProgress?.(k + 1, files.length);
      opts.signal?.throwIfAborted();
      await yieldNow();
    }
  }
  return { name, entries: sortEntries(entries), skipped, ignored, realRoot };
}

/** The largest image file the backend reads into memory. */
export const MAX_IMAGE_BYTES = 256 * 1024 * 1024;

/** Files up to this size are read with synchronous calls (tens of µs, far less than a trip through libuv's pool). */
const SYNC_READ_BYTES = 1024 * 1024;

/**
 * Reads `rel` under `realRoot` only if its real path (after symlinks, at read time) is still
 * inside `realRoot`: a file swapped for a link out of the folder after listing is refused too.
 * Small files (thumbnails' usual diet) are read synchronously: callers reading many should
 * yield to the event loop every few dozen files (ImageFiles.read does).
 */
export async function readInside(realRoot: string, rel: string): Promise<Uint8Array> {
  const real = realpathSync(join(realRoot, ...rel.split('/')));
  if (!isInside(realRoot, real)) throw new Error('refused: the file is outside the opened folder');
  const fd = openSync(real, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_IMAGE_BYTES) throw new Error(`refused: ${size.toLocaleString('en-US')} bytes is more than the ${MAX_IMAGE_BYTES / 2 ** 20} MB an image may have`);
    const out = new Uint8Array(size);
    if (size > SYNC_READ_BYTES) {
      const fh = await open(real, 'r');
      try {
        let off = 0;
        while (off < size) {
          const { bytesRead } = await fh.read(out, off, size - off, off);
          if (bytesRead === 0) return out.subarray(0, off);
          off += bytesRead;
        }
      } finally {
        await fh.close();
      }
      return out;
    }
    let off = 0;
    while (off < size) {
      const got = readSync(fd, out, off, size - off, off);
      if (got === 0) return out.subarray(0, off);
      off += got;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/** Lets other requests run between slices of synchronous reads. */
export { yieldNow };

export { reasonOf as fileErrorReason };
