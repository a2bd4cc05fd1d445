/**
 * Node entry for files on disk. CSV/TSV and JSON lines stream through the same parsers as
 * in-memory bytes, 1 MB at a time from fs.createReadStream, so a 1 GB CSV needs its typed
 * columns plus one chunk, never the whole text. Other formats (Parquet, Arrow, JSON, gzip)
 * are read whole and handed to loadTable.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CSV_CHUNK_BYTES, CsvParser } from './csv.ts';
import { detectFormat, loadTable } from './index.ts';
import { JsonLinesParser } from './json.ts';
import { labelAsCategorical } from './schema.ts';
import { LoadError, type Table } from './types.ts';

/** First bytes of a file: enough to detect its format and estimate its row count. */
async function head(path: string, size: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(size);
    const { bytesRead } = await fh.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Loads a table from disk; errors name the path as given (what the user typed). */
export async function loadTableFromFile(path: string): Promise<Table> {
  const name = basename(path);
  let size: number;
  let start: Uint8Array;
  try {
    size = (await stat(path)).size;
    start = await head(path, 1 << 16);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LoadError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'this is a folder, not a file' : `cannot read the file (${code ?? String(err)})`, { file: path });
  }
  const gz = start[0] === 0x1f && start[1] === 0x8b;
  const format = gz ? null : detectFormat(name, start);
  if (format !== 'csv' && format !== 'tsv' && format !== 'jsonl') return loadTable(path, new Uint8Array(await readFile(path)));

  let parser: CsvParser | JsonLinesParser;
  if (format === 'jsonl') parser = new JsonLinesParser(path);
  else {
    let lines = 0;
    for (let i = 0; i < start.length; i++) if (start[i] === 10) lines++;
    const rowsHint = lines > 1 ? Math.ceil((size / start.length) * lines * 1.05) : 1024;
    parser = new CsvParser(path, { rowsHint, delimiter: format === 'tsv' ? '\t' : undefined });
  }
  for await (const chunk of createReadStream(path, { highWaterMark: CSV_CHUNK_BYTES })) {
    parser.push(chunk as Buffer);
  }
  return labelAsCategorical(parser.finish());
}
