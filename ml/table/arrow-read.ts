/**
 * Reading Arrow IPC bytes that may be hostile. apache-arrow trusts what a file says about
 * itself, and the property tests found three ways that goes wrong: a negative or huge message
 * length, or a footer block pointing at a message that is not a record batch, send it into an
 * endless loop (no timeout can stop a loop in one thread); and a record batch can claim
 * billions of rows that its buffers do not hold, which the loaders would then iterate. So the
 * framing is checked first, FlatBuffers vector lengths are bounded (flatbuffers-guard.ts), a file's batches are read one by one by index (a wrong block reads
 * as null instead of looping), and every column's buffers must hold the rows it claims.
 */
import { DataType, RecordBatchReader, Table as ArrowTable, type Data, type RecordBatch } from 'apache-arrow';
import './flatbuffers-guard.ts';

const MAGIC = 'ARROW1';

function magicAt(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < MAGIC.length; i++) if (bytes[at + i] !== MAGIC.charCodeAt(i)) return false;
  return true;
}

/** The `bodyLength` field (index 3, int64) of a flatbuffer `Message` table in [start, end), or null if out of bounds. */
function bodyLength(view: DataView, start: number, end: number): number | null {
  const inside = (at: number, size: number) => at >= start && at + size <= end;
  if (!inside(start, 4)) return null;
  const table = start + view.getUint32(start, true);
  if (!inside(table, 4)) return null;
  const vtable = table - view.getInt32(table, true);
  if (!inside(vtable, 4)) return null;
  const vtableSize = view.getUint16(vtable, true);
  if (vtableSize < 4 || !inside(vtable, vtableSize)) return null;
  const slot = 4 + 3 * 2;
  if (vtableSize < slot + 2) return 0; // field absent: no body
  const offset = view.getUint16(vtable + slot, true);
  if (offset === 0) return 0;
  if (!inside(table + offset, 8)) return null;
  const length = view.getBigInt64(table + offset, true);
  return length < 0n || length > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(length);
}

/** The problem with the message framing as text, or null when it holds. */
export function arrowFramingProblem(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let end = bytes.length;
  if (magicAt(bytes, 0)) {
    // File format: magic, padding, the stream of messages, the footer, its length, magic.
    if (bytes.length < 8 + 10 || !magicAt(bytes, bytes.length - 6)) return 'expected the closing ARROW1 magic bytes (truncated?)';
    const footer = view.getInt32(bytes.length - 10, true);
    if (footer <= 0 || footer > bytes.length - 18) return `the footer length (${footer}) does not fit the file`;
    at = 8;
    end = bytes.length - 10 - footer;
  }
  while (at + 4 <= end) {
    let length = view.getInt32(at, true);
    at += 4;
    if (length === -1) {
      // Continuation marker (Arrow ≥ 0.15), then the real length.
      if (at + 4 > end) return `a message is cut off at byte ${at}`;
      length = view.getInt32(at, true);
      at += 4;
    }
    if (length === 0) return null; // end of stream
    if (length < 0 || at + length > end) return `a message at byte ${at - 4} claims ${length} bytes of header, past the end of the data`;
    const body = bodyLength(view, at, at + length);
    if (body === null) return `the message header at byte ${at} is corrupt`;
    at += length;
    if (at + body > end) return `a message body of ${body} bytes at byte ${at} runs past the end of the data (truncated?)`;
    at += body;
  }
  return null;
}

/** The table in an Arrow IPC file or stream; throws (plain Error) on damage it can see. */
export function readArrowTable(bytes: Uint8Array): ArrowTable {
  const problem = arrowFramingProblem(bytes);
  if (problem) throw new Error(problem);
  const reader = RecordBatchReader.from(bytes);
  reader.open();
  if (!reader.isFile()) return new ArrowTable(reader.schema, reader.readAll());
  const batches: RecordBatch[] = [];
  for (let i = 0; i < reader.numRecordBatches; i++) {
    const batch = reader.readRecordBatch(i);
    if (!batch) throw new Error(`record batch ${i + 1} of ${reader.numRecordBatches} is missing or corrupt`);
    batches.push(batch);
  }
  const table = new ArrowTable(reader.schema, batches);
  const problem2 = columnProblem(table);
  if (problem2) throw new Error(problem2);
  return table;
}

/** Whether one chunk's buffers hold its `length` values (the types loaders iterate value by value). */
function chunkHolds(d: Data): boolean {
  const t = d.type as DataType;
  const n = d.length;
  if (n < 0 || d.nullCount > n) return false;
  if (DataType.isNull(t)) return true;
  if (DataType.isUtf8(t) || DataType.isBinary(t) || DataType.isList(t)) return (d.valueOffsets?.length ?? 0) >= n + 1;
  if (DataType.isBool(t)) return (d.values?.byteLength ?? 0) * 8 >= n + d.offset;
  if (DataType.isInt(t) || DataType.isFloat(t) || DataType.isDictionary(t) || DataType.isDate(t) || DataType.isTimestamp(t)) {
    return (d.values?.byteLength ?? 0) >= n * (d.values?.BYTES_PER_ELEMENT ?? 1) * (d.stride || 1);
  }
  return d.children.every(chunkHolds);
}

function columnProblem(table: ArrowTable): string | null {
  for (let j = 0; j < table.numCols; j++) {
    const column = table.getChildAt(j);
    if (!column) continue;
    if (column.length !== table.numRows) return `column ${j + 1} has ${column.length} values for ${table.numRows} rows`;
    if (!column.data.every(chunkHolds)) return `column ${j + 1} ("${table.schema.fields[j].name}") claims more values than its buffers hold`;
  }
  return null;
}
