/**
 * Node entry for files on disk: the file streams 1 MiB at a time through the same
 * TableLoader as an upload or in-memory bytes, so a 1 GB CSV needs its typed columns plus one
 * chunk, never the whole text (Parquet, Arrow and JSON are collected up to their limit).
 * Errors name the path as given (what the user typed).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CSV_CHUNK_BYTES } from './csv.ts';
import { TableLoader, type LoadProgress, type TableLoadOptions } from './stream.ts';
import { LoadError, type Table } from './types.ts';

export type FileLoadOptions = TableLoadOptions & {
  signal?: AbortSignal;
  /** Called after every chunk with what has been read and parsed. */
  onProgress?: (p: LoadProgress & { total: number }) => void;
};

function fileError(path: string, err: unknown): LoadError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'this is a folder, not a file' : code === 'EACCES' ? 'permission denied' : `cannot read the file (${code ?? String(err)})`;
  return new LoadError(why, { file: path });
}

/** Thrown when the signal aborts a load: not a problem with the file. */
export class LoadCancelled extends Error {
  constructor(readonly file: string) {
    super(`Opening ${file} was cancelled.`);
    this.name = 'LoadCancelled';
  }
}

/** Loads a table from disk. */
export async function loadTableFromFile(path: string, opts: FileLoadOptions = {}): Promise<Table> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    size = info.size;
  } catch (err) {
    throw fileError(path, err);
  }
  const loader = new TableLoader(path, { totalBytes: size, ...opts });
  const stream = createReadStream(path, { highWaterMark: CSV_CHUNK_BYTES });
  try {
    for await (const chunk of stream) {
      if (opts.signal?.aborted) throw new LoadCancelled(path);
      loader.push(chunk as Buffer);
      opts.onProgress?.({ ...loader.progress, total: size });
    }
  } catch (err) {
    if (err instanceof LoadError || err instanceof LoadCancelled) throw err;
    throw fileError(path, err);
  } finally {
    stream.destroy();
  }
  if (opts.signal?.aborted) throw new LoadCancelled(path);
  return loader.finish();
}
