/**
 * Precomputed embeddings in, the way people produce them elsewhere: `.npy` (numpy.save),
 * CSV/TSV, Parquet or Arrow (a list column or N numeric columns) → `{ n, dim, data, ids? }`;
 * then `joinEmbeddings` aligns them to a table's rows, by row order or by an id column.
 * Every problem is a LoadError that says where: row/column for bad values and ragged rows,
 * counts and the first few offenders for join mismatches.
 */
import { notDataFile } from '../table/sniff.ts';
import { LoadError, type Column, type Table } from '../table/types.ts';
import { parseEmbeddingArrow, parseEmbeddingParquet } from './import/columnar.ts';
import { parseEmbeddingCsv } from './import/csv.ts';
import { parseNpy } from './import/npy.ts';
import type { ImportedEmbedding, ImportOptions } from './import/types.ts';

export type { ImportedEmbedding, ImportOptions } from './import/types.ts';
export { parseNpy, halfToFloat } from './import/npy.ts';
export { parseEmbeddingCsv } from './import/csv.ts';
export { parseEmbeddingArrow, parseEmbeddingParquet } from './import/columnar.ts';

export type EmbeddingFormat = 'npy' | 'csv' | 'arrow' | 'parquet';

const startsWith = (b: Uint8Array, s: string) => s.split('').every((ch, i) => b[i] === ch.charCodeAt(0));

/** Magic bytes first (\x93NUMPY, PAR1, ARROW1, Arrow stream marker), then the extension, else CSV. */
export function detectEmbeddingFormat(name: string, bytes: Uint8Array): EmbeddingFormat {
  if (bytes[0] === 0x93 && startsWith(bytes.subarray(1), 'NUMPY')) return 'npy';
  if (startsWith(bytes, 'PAR1')) return 'parquet';
  if (startsWith(bytes, 'ARROW1') || (bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff)) return 'arrow';
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (ext === 'npy') return 'npy';
  if (ext === 'parquet' || ext === 'pq') return 'parquet';
  if (ext === 'arrow' || ext === 'feather' || ext === 'ipc') return 'arrow';
  return 'csv';
}

/** Reads an embedding file of any supported format. */
export async function importEmbeddings(name: string, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportedEmbedding> {
  const why = bytes[0] === 0x1f && bytes[1] === 0x8b ? 'this file is gzipped: gunzip it first' : notDataFile(name, bytes.subarray(0, 1 << 16), 'embedding');
  if (why) throw new LoadError(why, { file: name, byte: 0 });
  const emb = await parseAny(name, bytes, opts);
  if (emb.n === 0) throw new LoadError('the file has no vectors (0 rows)', { file: name });
  return emb;
}

function parseAny(name: string, bytes: Uint8Array, opts: ImportOptions): ImportedEmbedding | Promise<ImportedEmbedding> {
  switch (detectEmbeddingFormat(name, bytes)) {
    case 'npy':
      return parseNpy(name, bytes);
    case 'parquet':
      return parseEmbeddingParquet(name, bytes, opts);
    case 'arrow':
      return parseEmbeddingArrow(name, bytes, opts);
    default:
      return parseEmbeddingCsv(name, bytes, opts);
  }
}

export type JoinSpec = { by: 'row' } | { by: 'column'; column: string };

/** A table column's values as id strings (numbers printed without a trailing .0). */
function columnIds(col: Column): string[] {
  if (col.type === 'numeric') return Array.from(col.values, (v) => (Number.isNaN(v) ? '' : String(v)));
  if (col.type === 'categorical') return Array.from(col.codes, (k) => (k < 0 ? '' : col.dictionary[k]));
  return col.values.map((v) => v ?? '');
}

const firstFew = (xs: string[], k = 5) => xs.slice(0, k).map((x) => `"${x}"`).join(', ') + (xs.length > k ? ', …' : '');

/** How to join a file's vectors to the table: by the column whose ids are exactly the file's ids, else by row order. */
export function chooseJoin(emb: ImportedEmbedding, table: Table): JoinSpec {
  if (!emb.ids) return { by: 'row' };
  const ids = new Set(emb.ids);
  const match = table.columns.find((c) => columnIds(c).every((id) => ids.has(id)));
  return match ? { by: 'column', column: match.name } : { by: 'row' };
}

/**
 * Embeddings aligned to the table: row r of the result is the vector of table row r.
 * By row: the counts must match. By column: every table row's id must have exactly one vector
 * and every vector's id must be in the table.
 */
export function joinEmbeddings(emb: ImportedEmbedding, table: Table, spec: JoinSpec, file = 'embeddings'): { n: number; dim: number; data: Float32Array } {
  const { dim } = emb;
  if (spec.by === 'row') {
    if (emb.n !== table.n) {
      throw new LoadError(`the file has ${emb.n} vectors but the table has ${table.n} rows: joining by row order needs one vector per row${emb.ids ? ' (or join by an id column)' : ''}`, { file });
    }
    return { n: table.n, dim, data: emb.data };
  }
  const col = table.columns.find((c) => c.name === spec.column);
  if (!col) throw new LoadError(`the table has no column "${spec.column}" (columns: ${table.columns.slice(0, 8).map((c) => c.name).join(', ')}${table.columns.length > 8 ? ', …' : ''})`, { file });
  if (!emb.ids) throw new LoadError(`the file has no id column to match against "${spec.column}": add one, or join by row order`, { file });
  const byId = new Map<string, number>();
  emb.ids.forEach((id, r) => {
    const prev = byId.get(id);
    if (prev !== undefined) throw new LoadError(`id "${id}" appears twice (rows ${prev + 1} and ${r + 1})`, { file, row: r + 1 });
    byId.set(id, r);
  });
  const tableIds = columnIds(col);
  const inTable = new Set(tableIds);
  const unknown = emb.ids.filter((id) => !inTable.has(id));
  if (unknown.length) {
    throw new LoadError(`${unknown.length} of ${emb.n} ids are not found in the table's "${spec.column}" column: ${firstFew(unknown)}`, { file, column: spec.column });
  }
  const data = new Float32Array(table.n * dim);
  const missing: string[] = [];
  for (let r = 0; r < table.n; r++) {
    const src = byId.get(tableIds[r]);
    if (src === undefined) {
      missing.push(tableIds[r]);
      continue;
    }
    data.set(emb.data.subarray(src * dim, src * dim + dim), r * dim);
  }
  if (missing.length) {
    throw new LoadError(`${missing.length} of the table's ${table.n} rows have no vector (their "${spec.column}": ${firstFew(missing)})`, { file, column: spec.column });
  }
  return { n: table.n, dim, data };
}
