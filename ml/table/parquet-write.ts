/**
 * A small Parquet writer for our tables, because no Parquet writer ships in the dependencies
 * (hyparquet only reads). It writes what benchmarks, fixtures and exports need: numeric
 * columns as FLOAT (DOUBLE for columns that keep exact numbers, or all with `doubles`),
 * categorical and text columns as UTF8 BYTE_ARRAY, missing values as nulls (OPTIONAL
 * columns, RLE/bit-packed definition levels), PLAIN encoding, one data page per column per
 * row group. Codecs: UNCOMPRESSED; SNAPPY and ZSTD in their valid *stored* forms
 * (Snappy literals, ZSTD raw blocks — readable by any reader, no smaller); GZIP and others
 * through a caller-supplied compress function (e.g. node:zlib's gzipSync).
 */
import { f32Decimal } from './builders.ts';
import type { Column, Table } from './types.ts';

export type ParquetCodec = 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP' | 'BROTLI' | 'ZSTD';
const CODEC_ID: Record<ParquetCodec, number> = { UNCOMPRESSED: 0, SNAPPY: 1, GZIP: 2, BROTLI: 4, ZSTD: 6 };

export type ParquetWriteOptions = {
  codec?: ParquetCodec;
  /** Compressor for codecs without a built-in stored form (GZIP, BROTLI). */
  compress?: (page: Uint8Array) => Uint8Array;
  rowGroupSize?: number;
  /**
   * Write every numeric column as DOUBLE holding the number it stands for (the shortest
   * decimal of a float32 value, see NumericColumn): what an export of the user's data wants,
   * so 0.1 stays 0.1 and not 0.100000001. Default false: FLOAT, except columns with `exact`.
   */
  doubles?: boolean;
};

/** Growable byte buffer with the little-endian and varint writes Parquet needs. */
class Bytes {
  buf = new Uint8Array(1 << 16);
  len = 0;
  private view = new DataView(this.buf.buffer);
  private ensure(k: number): void {
    if (this.len + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + k));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  byte(b: number): void { this.ensure(1); this.buf[this.len++] = b; }
  bytes(b: Uint8Array): void { this.ensure(b.length); this.buf.set(b, this.len); this.len += b.length; }
  u32(v: number): void { this.ensure(4); this.view.setUint32(this.len, v, true); this.len += 4; }
  f32(v: number): void { this.ensure(4); this.view.setFloat32(this.len, v, true); this.len += 4; }
  f64(v: number): void { this.ensure(8); this.view.setFloat64(this.len, v, true); this.len += 8; }
  varint(v: number): void {
    while (v >= 0x80) { this.byte((v % 0x80) | 0x80); v = Math.floor(v / 0x80); }
    this.byte(v);
  }
  done(): Uint8Array { return this.buf.slice(0, this.len); }
}

/** Thrift compact protocol: just structs of i32/i64/binary/list/struct fields. */
type Field = { id: number; type: 'i32' | 'i64'; v: number } | { id: number; type: 'bin'; v: string } | { id: number; type: 'struct'; v: Field[] }
  | { id: number; type: 'list'; elem: 'i32' | 'bin' | 'struct'; v: (number | string | Field[])[] };
const TYPE = { i32: 5, i64: 6, bin: 8, list: 9, struct: 12 } as const;
const enc = new TextEncoder();
const zigzag = (v: number): number => (v >= 0 ? v * 2 : -v * 2 - 1);

function writeStruct(out: Bytes, fields: Field[]): void {
  let last = 0;
  for (const f of fields) {
    const delta = f.id - last;
    out.byte(delta > 0 && delta <= 15 ? (delta << 4) | TYPE[f.type] : TYPE[f.type]);
    if (!(delta > 0 && delta <= 15)) out.varint(zigzag(f.id));
    last = f.id;
    if (f.type === 'list') {
      const size = f.v.length;
      out.byte(size < 15 ? (size << 4) | TYPE[f.elem] : 0xf0 | TYPE[f.elem]);
      if (size >= 15) out.varint(size);
      for (const e of f.v) {
        if (f.elem === 'i32') out.varint(zigzag(e as number));
        else if (f.elem === 'bin') { const b = enc.encode(e as string); out.varint(b.length); out.bytes(b); }
        else writeStruct(out, e as Field[]);
      }
    } else if (f.type === 'bin') { const b = enc.encode(f.v); out.varint(b.length); out.bytes(b); }
    else if (f.type === 'struct') writeStruct(out, f.v);
    else out.varint(zigzag(f.v));
  }
  out.byte(0);
}

/** Snappy stream made of literal runs only: valid, uncompressed. */
function snappyStored(data: Uint8Array): Uint8Array {
  const out = new Bytes();
  out.varint(data.length);
  for (let at = 0; at < data.length; at += 65536) {
    const run = data.subarray(at, at + 65536);
    out.byte(61 << 2);
    out.byte((run.length - 1) & 0xff);
    out.byte((run.length - 1) >> 8);
    out.bytes(run);
  }
  return out.done();
}

/** ZSTD frame of raw (stored) blocks with its content size: valid, uncompressed. */
function zstdStored(data: Uint8Array): Uint8Array {
  const out = new Bytes();
  out.u32(0xfd2fb528);
  out.byte(0xa0); // single segment, 4-byte content size, no checksum, no dictionary
  out.u32(data.length);
  const max = 1 << 17;
  let at = 0;
  do {
    const run = data.subarray(at, at + max);
    at += run.length;
    const header = (run.length << 3) | (at >= data.length ? 1 : 0); // raw block type 0
    out.byte(header & 0xff); out.byte((header >> 8) & 0xff); out.byte((header >> 16) & 0xff);
    out.bytes(run);
  } while (at < data.length);
  return out.done();
}

function compressPage(page: Uint8Array, opts: ParquetWriteOptions): Uint8Array {
  const codec = opts.codec ?? 'UNCOMPRESSED';
  if (opts.compress) return opts.compress(page);
  if (codec === 'UNCOMPRESSED') return page;
  if (codec === 'SNAPPY') return snappyStored(page);
  if (codec === 'ZSTD') return zstdStored(page);
  throw new Error(`writing ${codec} needs a compress function`);
}

/** One column's rows [start, end) as a v1 data page body: definition levels, then values. */
function pageBody(col: Column, start: number, end: number, doubles: boolean): { body: Uint8Array; present: number } {
  const n = end - start;
  const present = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = start + i;
    present[i] = col.type === 'numeric' ? Number(col.values[r] === col.values[r]) : col.type === 'categorical' ? Number(col.codes[r] >= 0) : Number(col.values[r] !== null);
  }
  // Definition levels: one bit-packed run of bit width 1, behind a 4-byte length.
  const groups = Math.ceil(n / 8);
  const levels = new Bytes();
  levels.varint(groups * 2 + 1);
  for (let g = 0; g < groups; g++) {
    let byte = 0;
    for (let k = 0; k < 8; k++) if (present[g * 8 + k]) byte |= 1 << k;
    levels.byte(byte);
  }
  const out = new Bytes();
  out.u32(levels.len);
  out.bytes(levels.done());
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!present[i]) continue;
    count++;
    const r = start + i;
    if (col.type === 'numeric') {
      if (col.exact) out.f64(col.exact[r]);
      else if (doubles) out.f64(f32Decimal(col.values[r]));
      else out.f32(col.values[r]);
    }
    else {
      const b = enc.encode(col.type === 'categorical' ? col.dictionary[col.codes[r]] : (col.values[r] as string));
      out.u32(b.length);
      out.bytes(b);
    }
  }
  return { body: out.done(), present: count };
}

/** Parquet physical type: FLOAT (4), DOUBLE (5) or BYTE_ARRAY (6). */
const physicalType = (col: Column, doubles: boolean): number => (col.type === 'numeric' ? (col.exact || doubles ? 5 : 4) : 6);

export function writeParquet(table: Table, opts: ParquetWriteOptions = {}): Uint8Array {
  const codec = CODEC_ID[opts.codec ?? 'UNCOMPRESSED'];
  const groupSize = Math.max(1, opts.rowGroupSize ?? 100_000);
  const doubles = opts.doubles ?? false;
  const out = new Bytes();
  out.bytes(enc.encode('PAR1'));
  const rowGroups: Field[][] = [];
  for (let start = 0; start < table.n; start += groupSize) {
    const end = Math.min(table.n, start + groupSize);
    const chunks: Field[][] = [];
    let groupBytes = 0;
    for (const col of table.columns) {
      const { body } = pageBody(col, start, end, doubles);
      const data = compressPage(body, opts);
      const header = new Bytes();
      writeStruct(header, [
        { id: 1, type: 'i32', v: 0 }, // DATA_PAGE
        { id: 2, type: 'i32', v: body.length },
        { id: 3, type: 'i32', v: data.length },
        { id: 5, type: 'struct', v: [
          { id: 1, type: 'i32', v: end - start }, { id: 2, type: 'i32', v: 0 }, { id: 3, type: 'i32', v: 3 }, { id: 4, type: 'i32', v: 3 },
        ] },
      ]);
      const offset = out.len;
      out.bytes(header.done());
      out.bytes(data);
      const size = header.len + data.length;
      groupBytes += size;
      chunks.push([
        { id: 2, type: 'i64', v: offset },
        { id: 3, type: 'struct', v: [
          { id: 1, type: 'i32', v: physicalType(col, doubles) },
          { id: 2, type: 'list', elem: 'i32', v: [0, 3] }, // PLAIN, RLE
          { id: 3, type: 'list', elem: 'bin', v: [col.name] },
          { id: 4, type: 'i32', v: codec },
          { id: 5, type: 'i64', v: end - start },
          { id: 6, type: 'i64', v: header.len + body.length },
          { id: 7, type: 'i64', v: size },
          { id: 9, type: 'i64', v: offset },
        ] },
      ]);
    }
    rowGroups.push([
      { id: 1, type: 'list', elem: 'struct', v: chunks },
      { id: 2, type: 'i64', v: groupBytes },
      { id: 3, type: 'i64', v: end - start },
    ]);
  }
  const schema: Field[][] = [
    [{ id: 4, type: 'bin', v: 'schema' }, { id: 5, type: 'i32', v: table.columns.length }],
    ...table.columns.map((col): Field[] => (col.type === 'numeric'
      ? [{ id: 1, type: 'i32', v: physicalType(col, doubles) }, { id: 3, type: 'i32', v: 1 }, { id: 4, type: 'bin', v: col.name }]
      : [{ id: 1, type: 'i32', v: 6 }, { id: 3, type: 'i32', v: 1 }, { id: 4, type: 'bin', v: col.name }, { id: 6, type: 'i32', v: 0 }])),
  ];
  const footer = new Bytes();
  writeStruct(footer, [
    { id: 1, type: 'i32', v: 1 },
    { id: 2, type: 'list', elem: 'struct', v: schema },
    { id: 3, type: 'i64', v: table.n },
    { id: 4, type: 'list', elem: 'struct', v: rowGroups },
    { id: 6, type: 'bin', v: 'machine-teacher parquet-write' },
  ]);
  out.bytes(footer.done());
  out.u32(footer.len);
  out.bytes(enc.encode('PAR1'));
  return out.done();
}
