/**
 * Embeddings in Arrow IPC or Parquet files, in either of the two ways people write them:
 *  - one list column holding each row's vector (pandas/pyarrow `FixedSizeList<float>` or
 *    `List<float>`, Hugging Face datasets, LanceDB exports), read here with apache-arrow or
 *    hyparquet directly;
 *  - N numeric columns (e.g. `dim_0 … dim_511`), read through the table layer's loadTable.
 * Plus an optional id column (strings or integers). Rows are 1-based in errors.
 */
import { DataType, type Table as ArrowTable, type Vector } from 'apache-arrow';
import { parquetMetadata, parquetReadObjects, parquetSchema, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { readArrowTable } from '../../table/arrow-read.ts';
import { loadTable } from '../../table/index.ts';
import { LoadError, type Table } from '../../table/types.ts';
import { isIdName, type ImportedEmbedding, type ImportOptions } from './types.ts';

/** Copies per-row vectors into one n×dim matrix, checking each row's length and values. */
function packRows(file: string, column: string, n: number, rowAt: (r: number) => ArrayLike<number | bigint> | null | undefined): { dim: number; data: Float32Array } {
  if (n === 0) throw new LoadError('the file has no rows', { file });
  const first = rowAt(0);
  if (!first) throw new LoadError('the vector is missing (null)', { file, row: 1, column });
  const dim = first.length;
  if (dim === 0) throw new LoadError('the vector is empty', { file, row: 1, column });
  const data = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    const v = r === 0 ? first : rowAt(r);
    if (!v) throw new LoadError('the vector is missing (null)', { file, row: r + 1, column });
    if (v.length !== dim) throw new LoadError(`row ${r + 1} has ${v.length} values, expected ${dim}`, { file, row: r + 1, column });
    for (let j = 0; j < dim; j++) {
      const x = Number(v[j]);
      if (!Number.isFinite(Math.fround(x))) throw new LoadError(`value ${j + 1} of the vector is ${v[j]}: embeddings must be finite numbers`, { file, row: r + 1, column });
      data[r * dim + j] = x;
    }
  }
  return { dim, data };
}

function pickIdName(names: string[], candidates: string[], opts: ImportOptions, file: string): string | null {
  if (opts.idColumn !== undefined) {
    if (!names.includes(opts.idColumn)) throw new LoadError(`no column named "${opts.idColumn}" (columns: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''})`, { file });
    return opts.idColumn;
  }
  return names.find(isIdName) ?? (candidates.length === 1 ? candidates[0] : null);
}

function toIds(values: ArrayLike<unknown>, file: string, column: string): string[] {
  const ids = new Array<string>(values.length);
  for (let r = 0; r < values.length; r++) {
    const v = values[r];
    if (v === null || v === undefined) throw new LoadError('the id is missing (null)', { file, row: r + 1, column });
    ids[r] = v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v);
  }
  return ids;
}

/** From N numeric columns of a loaded table (ids from a text/categorical/int id column). */
export function fromNumericColumns(file: string, table: Table, opts: ImportOptions, format: string): ImportedEmbedding {
  const names = table.columns.map((c) => c.name);
  const nonNumeric = table.columns.filter((c) => c.type !== 'numeric').map((c) => c.name);
  const idName = pickIdName(names, nonNumeric, opts, file);
  const cols = table.columns.filter((c) => c.name !== idName);
  const bad = cols.find((c) => c.type !== 'numeric');
  if (bad) throw new LoadError(`column "${bad.name}" is not numeric: expected one numeric column per dimension (and at most one id column)`, { file, column: bad.name });
  const dim = cols.length, n = table.n;
  if (dim === 0) throw new LoadError('no numeric columns', { file });
  const data = new Float32Array(n * dim);
  cols.forEach((c, j) => {
    const values = (c as { values: Float32Array }).values;
    for (let r = 0; r < n; r++) {
      const x = values[r];
      if (!Number.isFinite(x)) throw new LoadError(`value is ${Number.isNaN(x) ? 'missing or NaN' : x}: embeddings must be finite numbers`, { file, row: r + 1, column: c.name });
      data[r * dim + j] = x;
    }
  });
  let ids: string[] | undefined;
  const idCol = idName ? table.columns.find((c) => c.name === idName) : undefined;
  if (idCol) {
    ids = idCol.type === 'numeric' ? Array.from(idCol.values, (v) => String(v))
      : idCol.type === 'categorical' ? Array.from(idCol.codes, (k) => (k < 0 ? '' : idCol.dictionary[k]))
      : toIds(idCol.values, file, idCol.name);
  }
  return { n, dim, data, ids, source: `${format}, ${dim} numeric columns ${cols[0].name}…${cols[dim - 1].name}${idName ? `, ids from ${idName}` : ''}` };
}

const isListType = (t: DataType) => DataType.isFixedSizeList(t) || DataType.isList(t);

export async function parseEmbeddingArrow(file: string, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportedEmbedding> {
  let arrow: ArrowTable;
  try {
    arrow = readArrowTable(bytes);
  } catch (err) {
    throw new LoadError(`not a readable Arrow IPC file: ${err instanceof Error ? err.message : String(err)}`, { file });
  }
  const fields = arrow.schema.fields;
  const listField = opts.vectorColumn !== undefined ? fields.find((f) => f.name === opts.vectorColumn) : fields.find((f) => isListType(f.type));
  if (opts.vectorColumn !== undefined && !listField) throw new LoadError(`no column named "${opts.vectorColumn}"`, { file });
  if (!listField) return fromNumericColumns(file, await loadTable(file, bytes), opts, 'Arrow');
  if (!isListType(listField.type)) throw new LoadError(`column "${listField.name}" is not a list of numbers (it is ${listField.type})`, { file, column: listField.name });
  const vec = arrow.getChild(listField.name) as Vector;
  const { dim, data } = packRows(file, listField.name, arrow.numRows, (r) => {
    const row = vec.get(r) as Vector | null;
    return row ? (row.toArray() as ArrayLike<number>) : null;
  });
  const names = fields.map((f) => f.name).filter((x) => x !== listField.name);
  const strings = fields.filter((f) => f.name !== listField.name && DataType.isUtf8(f.type)).map((f) => f.name);
  const idName = pickIdName(names, strings, opts, file);
  const ids = idName ? toIds(arrow.getChild(idName)!.toArray() as ArrayLike<unknown>, file, idName) : undefined;
  return { n: arrow.numRows, dim, data, ids, source: `Arrow, list column ${listField.name}${idName ? `, ids from ${idName}` : ''}` };
}

export async function parseEmbeddingParquet(file: string, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportedEmbedding> {
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (err) {
    throw new LoadError(`unreadable Parquet footer (truncated or not Parquet?): ${err instanceof Error ? err.message : String(err)}`, { file });
  }
  const top = parquetSchema(metadata).children;
  // A nested (group) top-level column is a LIST: that is the vector column.
  const listName = opts.vectorColumn ?? top.find((c) => c.children.length > 0)?.element.name;
  if (listName === undefined) return fromNumericColumns(file, await loadTable(file, bytes), opts, 'Parquet');
  if (!top.some((c) => c.element.name === listName)) throw new LoadError(`no column named "${listName}"`, { file });
  const others = top.filter((c) => c.element.name !== listName && c.children.length === 0);
  const strings = others.filter((c) => c.element.converted_type === 'UTF8' || c.element.logical_type?.type === 'STRING').map((c) => c.element.name);
  const idName = pickIdName(others.map((c) => c.element.name), strings, opts, file);
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file: buffer, metadata, compressors, columns: idName ? [listName, idName] : [listName] });
  } catch (err) {
    throw new LoadError(`could not decode the Parquet data: ${err instanceof Error ? err.message : String(err)}`, { file });
  }
  const { dim, data } = packRows(file, listName, rows.length, (r) => rows[r][listName] as ArrayLike<number> | null);
  const ids = idName ? toIds(rows.map((row) => row[idName]), file, idName) : undefined;
  return { n: rows.length, dim, data, ids, source: `Parquet, list column ${listName}${idName ? `, ids from ${idName}` : ''}` };
}
