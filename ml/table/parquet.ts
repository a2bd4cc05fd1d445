/**
 * Parquet loader on hyparquet, with hyparquet-compressors for ZSTD, Snappy, GZIP, Brotli and
 * LZ4. Column chunks arrive per row group; typed arrays are copied into Float32 columns,
 * anything else (strings, booleans, dates, nested values) goes through the column builders.
 */
import { parquetMetadata, parquetRead, parquetSchema, type ColumnData, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { ColumnBuilder, uniqueNames } from './builders.ts';
import { DEFAULT_LIMITS, tooManyCells, tooManyColumns, type LoadLimits } from './limits.ts';
import { LoadError, type Table } from './types.ts';

const textDecoder = new TextDecoder();

function pushChunk(b: ColumnBuilder, data: ArrayLike<unknown>): void {
  if (data instanceof Float32Array || data instanceof Float64Array || data instanceof Int32Array
    || data instanceof Int16Array || data instanceof Int8Array || data instanceof Uint8Array
    || data instanceof Uint16Array || data instanceof Uint32Array) {
    for (let i = 0; i < data.length; i++) b.pushNumber(data[i]);
  } else if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    for (let i = 0; i < data.length; i++) b.pushNumber(Number(data[i]));
  } else {
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      // Unannotated BYTE_ARRAY values come back as bytes; show them as text.
      b.pushValue(v instanceof Uint8Array ? textDecoder.decode(v) : v);
    }
  }
}

export async function loadParquet(file: string, bytes: Uint8Array, limits: Pick<LoadLimits, 'maxColumns' | 'maxCells'> = DEFAULT_LIMITS): Promise<Table> {
  // hyparquet reads from an ArrayBuffer; copy only when the bytes are a view into a larger one.
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : bytes.slice().buffer;
  const tail = bytes.subarray(Math.max(0, bytes.length - 4));
  if (bytes.length < 12 || String.fromCharCode(...tail) !== 'PAR1') {
    throw new LoadError('not a complete Parquet file: expected the closing PAR1 magic bytes (truncated?)', { file, byte: bytes.length });
  }
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (err) {
    throw new LoadError(`unreadable Parquet footer: ${err instanceof Error ? err.message : String(err)}`, { file });
  }
  const top = parquetSchema(metadata).children.map((c) => c.element.name);
  const names = uniqueNames(top);
  const n = Number(metadata.num_rows);
  // Checked before any page is decoded: the footer says how big the table is.
  if (top.length > limits.maxColumns) throw tooManyColumns(file, top.length, limits.maxColumns);
  if (n * top.length > limits.maxCells) throw tooManyCells(file, Math.ceil(limits.maxCells / top.length) + 1, top.length, limits.maxCells);
  // Sized from the footer, but a damaged footer may claim millions of rows: grow past 1 M as values arrive.
  const builders = new Map(top.map((name, j) => [name, new ColumnBuilder(names[j], Math.min(n, 1 << 20))]));
  // Chunks are copied as they arrive, in row order; one that arrives early waits its turn.
  const early = new Map<string, ColumnData[]>(top.map((name) => [name, []]));
  const onChunk = (c: ColumnData): void => {
    const b = builders.get(c.columnName);
    const waiting = early.get(c.columnName);
    if (!b || !waiting) return;
    waiting.push(c);
    waiting.sort((x, y) => x.rowStart - y.rowStart);
    while (waiting.length && waiting[0].rowStart <= b.n) {
      const next = waiting.shift() as ColumnData;
      // Skip rows already copied, if chunks ever overlap.
      const skip = b.n - next.rowStart;
      pushChunk(b, skip > 0 ? Array.prototype.slice.call(next.columnData, skip) : next.columnData);
    }
  };
  try {
    await parquetRead({ file: buffer, metadata, compressors, onChunk });
  } catch (err) {
    throw new LoadError(`could not decode the Parquet data (truncated or corrupt?): ${err instanceof Error ? err.message : String(err)}`, { file });
  }
  const columns = top.map((name) => {
    const b = builders.get(name) as ColumnBuilder;
    if (b.n !== n) throw new LoadError(`expected ${n} values, found ${b.n} (truncated or corrupt?)`, { file, column: name });
    return b.finish();
  });
  return { n, columns };
}
