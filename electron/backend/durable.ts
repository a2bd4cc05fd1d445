/**
 * File writes that survive a crash or power cut. A snapshot is written to a new file, fsynced,
 * renamed over the old one, and the folder is fsynced so the rename itself is on disk: after
 * a crash the file is either wholly old or wholly new, never empty or half-written.
 */
import { copyFile, mkdir, open, readdir, readFile, rename, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** fsync a folder so the entries created, renamed or removed in it are durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (err) {
    // Some filesystems (and Windows) cannot fsync a directory; the data itself was fsynced.
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle.close();
  }
}

const tmpName = (target: string) => join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

/** Writes bytes to a new file next to `target` and fsyncs it; returns its path (rename it into place). */
export async function writeSynced(target: string, data: Uint8Array | string): Promise<string> {
  const tmp = tmpName(target);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

/** new file → fsync → rename over `target` → fsync the folder. */
export async function writeDurable(target: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = await writeSynced(target, data);
  await rename(tmp, target);
  await fsyncDir(dirname(target));
}

/** The file's bytes, or null when it does not exist. */
export async function readOptional(path: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Copies a folder tree, fsyncing every file and folder (skip: relative paths to leave out). */
export async function copyTreeDurable(from: string, to: string, skip: (rel: string) => boolean, rel = ''): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (skip(r)) continue;
    if (entry.isDirectory()) await copyTreeDurable(join(from, entry.name), join(to, entry.name), skip, r);
    else if (entry.isFile()) {
      await copyFile(join(from, entry.name), join(to, entry.name));
      const handle = await open(join(to, entry.name), 'r+');
      try { await handle.sync(); } finally { await handle.close(); }
    }
  }
  await fsyncDir(to);
}
