/**
 * JSON loaders: an array of objects (`[{"a":1}, …]`), an object of arrays (`{"a":[1,…]}`)
 * and JSON lines (one object per line, streamed like CSV). Keys become columns in order of
 * first appearance; a key missing from a record is a missing value. Values go through the
 * same column builders as CSV cells, so types are inferred the same way.
 */
import { ColumnBuilder, uniqueNames } from './builders.ts';
import { findJsonError } from './json-scan.ts';
import { DEFAULT_LIMITS, tooManyCells, tooManyColumns, type LoadLimits } from './limits.ts';
import { LoadError, type Table } from './types.ts';
import { firstInvalidUtf8 } from './utf8.ts';

type Limits = Pick<LoadLimits, 'maxColumns' | 'maxCells'>;

/** Nested values are kept as their JSON text; deeper than this is not data but an attack on the stack. */
export const MAX_JSON_DEPTH = 64;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);

/** A located syntax error: "line L, column C: what" with the byte position (row = line in JSON lines). */
function jsonError(file: string, text: string, row?: number): LoadError {
  const found = findJsonError(text) ?? { pos: text.length, what: 'unexpected input' };
  const before = text.slice(0, found.pos);
  const line = before.split('\n').length;
  const col = found.pos - before.lastIndexOf('\n');
  const where = row === undefined ? `line ${line}, column ${col}` : `column ${col}`;
  return new LoadError(`invalid JSON at ${where}: ${found.what}`, { file, row, byte: found.pos });
}

/** Strict UTF-8 (JSON is UTF-8 by definition): a stray byte is reported, never replaced by U+FFFD. */
function decodeUtf8(file: string, decoder: TextDecoder, bytes: Uint8Array, offset: number, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    const byte = offset + Math.max(0, firstInvalidUtf8(bytes));
    throw new LoadError(`the text is not valid UTF-8 at byte ${byte.toLocaleString('en-US')}: save the file as UTF-8`, { file, byte });
  }
}

/** True when `v` nests arrays/objects more than `max` levels deep (checked without recursion). */
function nestedDeeperThan(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [x, depth] = stack.pop() as [unknown, number];
    if (typeof x !== 'object' || x === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(x) ? x : Object.values(x)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/** Pushes one JSON value into a column, located if it is too deep or too large a number. */
function pushJson(b: ColumnBuilder, v: unknown, file: string, row: number | undefined, column: string): void {
  if (typeof v === 'number') {
    // JSON has no Infinity: a non-finite Float32 here is a number written too large.
    if (!Number.isFinite(Math.fround(v))) {
      throw new LoadError(`${Number.isFinite(v) ? v : 'the number'} is too large for a 32-bit float (at most ±3.4e38)`, { file, row, column });
    }
    return b.pushNumber(v);
  }
  if (typeof v === 'object' && v !== null && nestedDeeperThan(v, MAX_JSON_DEPTH)) {
    throw new LoadError(`a value nested more than ${MAX_JSON_DEPTH} levels deep`, { file, row, column });
  }
  b.pushValue(v);
}

/** Collects records into columns by key; rows are never kept. */
class RecordSink {
  private readonly builders = new Map<string, ColumnBuilder>();
  n = 0;

  constructor(private readonly file: string, private readonly limits: Limits) {}

  push(record: unknown, row: number): void {
    if (!isRecord(record)) {
      throw new LoadError(`expected an object with column names as keys, found ${describe(record)}`, { file: this.file, row });
    }
    for (const key of Object.keys(record)) {
      let b = this.builders.get(key);
      if (!b) {
        if (this.builders.size >= this.limits.maxColumns) throw tooManyColumns(this.file, this.builders.size + 1, this.limits.maxColumns);
        b = new ColumnBuilder(key);
        for (let i = 0; i < this.n; i++) b.pushMissing();
        this.builders.set(key, b);
      }
      pushJson(b, record[key], this.file, row, key);
    }
    if ((this.n + 1) * this.builders.size > this.limits.maxCells) throw tooManyCells(this.file, row, this.builders.size, this.limits.maxCells);
    this.n++;
    for (const b of this.builders.values()) if (b.n < this.n) b.pushMissing();
  }

  finish(): Table {
    const names = uniqueNames([...this.builders.keys()]);
    const columns = [...this.builders.values()].map((b, i) => ({ ...b.finish(), name: names[i] }));
    return { n: this.n, columns };
  }
}

/** A whole JSON document: an array of objects or an object of equal-length arrays. */
export function loadJson(file: string, bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS): Table {
  const text = decodeUtf8(file, new TextDecoder('utf-8', { fatal: true }), bytes, 0, false);
  if (!text.trim()) throw new LoadError('the file is empty: expected a JSON array of objects or an object of arrays', { file });
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    // A .json file that is really JSON lines ({…}\n{…}) is read as such.
    if (/^\s*\{[^\n]*\}\s*\r?\n\s*\{/.test(text)) return loadJsonLines(file, bytes, limits);
    throw jsonError(file, text);
  }
  if (Array.isArray(doc)) {
    const sink = new RecordSink(file, limits);
    doc.forEach((record, i) => sink.push(record, i + 1));
    return sink.finish();
  }
  if (isRecord(doc)) {
    const entries = Object.entries(doc);
    const first = entries[0];
    if (!first) return { n: 0, columns: [] };
    const n = Array.isArray(first[1]) ? first[1].length : -1;
    if (entries.length > limits.maxColumns) throw tooManyColumns(file, entries.length, limits.maxColumns);
    if (n * entries.length > limits.maxCells) throw tooManyCells(file, n, entries.length, limits.maxCells);
    for (const [key, values] of entries) {
      if (!Array.isArray(values)) throw new LoadError(`expected an array of values for column "${key}", found ${describe(values)}`, { file, column: key });
      if (values.length !== n) throw new LoadError(`expected ${n} values (like column "${first[0]}"), found ${values.length}`, { file, column: key });
    }
    const names = uniqueNames(entries.map(([k]) => k));
    const columns = entries.map(([key, values], j) => {
      const b = new ColumnBuilder(names[j], n);
      (values as Json[]).forEach((v, r) => pushJson(b, v, file, r + 1, key));
      return b.finish();
    });
    return { n, columns };
  }
  throw new LoadError(`expected a JSON array of objects or an object of arrays, found ${describe(doc)}`, { file });
}

/** JSON lines, fed in chunks: one object per line, blank lines skipped; row = line number. */
export class JsonLinesParser {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly sink: RecordSink;
  private partial = '';
  private line = 0;
  private bytesSeen = 0;

  constructor(private readonly file: string, limits: Limits = DEFAULT_LIMITS) {
    this.sink = new RecordSink(file, limits);
  }

  /** Records read so far. */
  get rows(): number {
    return this.sink.n;
  }

  push(bytes: Uint8Array): void {
    const text = decodeUtf8(this.file, this.decoder, bytes, this.bytesSeen, true);
    this.bytesSeen += bytes.length;
    this.feed(text, false);
  }

  finish(): Table {
    this.feed(decodeUtf8(this.file, this.decoder, new Uint8Array(0), this.bytesSeen, false), true);
    return this.sink.finish();
  }

  private feed(chunk: string, last: boolean): void {
    const text = this.partial + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.parseLine(text.slice(start, nl));
      start = nl + 1;
    }
    const rest = text.slice(start);
    this.partial = last ? '' : rest;
    if (last && rest) this.parseLine(rest);
  }

  private parseLine(raw: string): void {
    this.line++;
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw jsonError(this.file, line, this.line);
    }
    this.sink.push(value, this.line);
  }
}

export function loadJsonLines(file: string, bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS): Table {
  const p = new JsonLinesParser(file, limits);
  for (let at = 0; at < bytes.length; at += 1 << 20) p.push(bytes.subarray(at, at + (1 << 20)));
  return p.finish();
}
