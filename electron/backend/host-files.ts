/**
 * The files on the host the backend may read for the page: those the user chose outside the
 * page (the desktop open dialog, PATHs given to `npm start -- PATH`). A path the page sends is
 * resolved (symlinks too) and must be one of them; nothing else on disk is readable through
 * the API. Node only.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { HostFile } from '../../ml/api.ts';
import { LoadError } from '../../ml/table/types.ts';

export class HostFiles {
  /** By real path: what the user chose, as they chose it. */
  private readonly chosen = new Map<string, HostFile>();
  private readonly fromCommandLine: HostFile[] = [];

  /** Allows `path` (a file the user chose) and describes it; a LoadError if it is not a readable file. */
  async add(path: string, fromCommandLine = false): Promise<HostFile> {
    let real: string;
    let size: number;
    try {
      real = await realpath(path);
      const info = await stat(real);
      if (!info.isFile()) throw new LoadError(info.isDirectory() ? 'this is a folder, not a file' : 'this is not a regular file', { file: path });
      size = info.size;
    } catch (err) {
      if (err instanceof LoadError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new LoadError(code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(err)})`, { file: path });
    }
    const file: HostFile = { name: basename(path), path, size };
    this.chosen.set(real, file);
    if (fromCommandLine) this.fromCommandLine.push(file);
    return file;
  }

  /** The real path of `path` if the user chose it; otherwise refused. */
  async resolve(path: string): Promise<string> {
    const real = await realpath(path).catch(() => null);
    if (real === null || !this.chosen.has(real)) {
      throw new Error(`Refused to read ${path}: the backend opens only files chosen in the open dialog or given as npm start -- PATH.`);
    }
    return real;
  }

  get startup(): HostFile[] {
    return [...this.fromCommandLine];
  }
}
