/**
 * Apache Arrow IPC loader (file format .arrow/.feather v2, and the stream format). Numeric
 * vectors are copied straight into numeric columns (nulls → NaN; exact doubles kept where
 * float32 cannot stand for them); everything else (strings, dictionaries, booleans, dates,
 * nested values) goes through the shared column builders so its type is inferred like a CSV
 * cell's.
 */
import { DataType, type Vector } from 'apache-arrow';
import { readArrowTable } from './arrow-read.ts';
import { ColumnBuilder, numericColumn as fromDoubles, uniqueNames } from './builders.ts';
import { DEFAULT_LIMITS, tooManyCells, tooManyColumns, type LoadLimits } from './limits.ts';
import { LoadError, type Column, type Table } from './types.ts';

function numericColumn(name: string, vector: Vector): Column | null {
  const type = vector.type as DataType;
  if (!DataType.isFloat(type) && !DataType.isInt(type)) return null;
  const raw = vector.toArray() as ArrayLike<number | bigint>;
  // Float16 comes back as raw Uint16 bits; let the builder read those through get().
  if (DataType.isFloat(type) && raw instanceof Uint16Array) return null;
  // Doubles first: a float64 or int64 column keeps its exact numbers where float32 cannot.
  const doubles = new Float64Array(vector.length);
  if (raw instanceof BigInt64Array || raw instanceof BigUint64Array) {
    for (let i = 0; i < doubles.length; i++) doubles[i] = Number(raw[i]);
  } else doubles.set(raw as ArrayLike<number>);
  if (vector.nullCount > 0) {
    let at = 0;
    for (const chunk of vector.data) {
      for (let i = 0; i < chunk.length; i++) if (!chunk.getValid(i)) doubles[at + i] = NaN;
      at += chunk.length;
    }
  }
  return fromDoubles(name, doubles);
}

export function loadArrow(file: string, bytes: Uint8Array, limits: Pick<LoadLimits, 'maxColumns' | 'maxCells'> = DEFAULT_LIMITS): Table {
  let arrow;
  try {
    arrow = readArrowTable(bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new LoadError(`not a complete Arrow IPC file (truncated or corrupt?): ${why}`, { file });
  }
  const fields = arrow.schema.fields;
  // Arrow decodes lazily: the size is known before any column is copied.
  if (fields.length > limits.maxColumns) throw tooManyColumns(file, fields.length, limits.maxColumns);
  if (arrow.numRows * fields.length > limits.maxCells) throw tooManyCells(file, Math.ceil(limits.maxCells / fields.length) + 1, fields.length, limits.maxCells);
  const names = uniqueNames(fields.map((f) => f.name));
  const columns = fields.map((_, j): Column => {
    const vector = arrow.getChildAt(j);
    if (!vector) return { name: names[j], type: 'numeric', values: new Float32Array(arrow.numRows).fill(NaN) };
    const direct = numericColumn(names[j], vector);
    if (direct) return direct;
    const b = new ColumnBuilder(names[j], vector.length);
    for (const v of vector) b.pushValue(v);
    return b.finish();
  });
  return { n: arrow.numRows, columns };
}
