/**
 * JSON loaders: an array of objects (`[{"a":1}, …]`), an object of arrays (`{"a":[1,…]}`)
 * and JSON lines (one object per line, streamed like CSV). Keys become columns in order of
 * first appearance; a key missing from a record is a missing value. Values go through the
 * same column builders as CSV cells, so types are inferred the same way.
 */
import { ColumnBuilder, uniqueNames } from './builders.ts';
import { LoadError, type Table } from './types.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);

/** Turns V8's JSON.parse message into "line L, column C: what" with the byte position. */
function jsonError(file: string, text: string, err: unknown, row?: number): LoadError {
  const raw = err instanceof Error ? err.message : String(err);
  const m = raw.match(/at position (\d+)/);
  const pos = m ? Number(m[1]) : /end of JSON input/.test(raw) ? text.length : undefined;
  // Drop V8's echo of the input ("…" is not valid JSON) and the position we re-express.
  const what = raw.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '').replace(/ \(line \d+ column \d+\)$/, '');
  if (pos === undefined) return new LoadError(`invalid JSON: ${what}`, { file, row });
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  const where = row === undefined ? `line ${line}, column ${col}` : `column ${col}`;
  return new LoadError(`invalid JSON at ${where}: ${what}`, { file, row, byte: pos });
}

/** Collects records into columns by key; rows are never kept. */
class RecordSink {
  private readonly builders = new Map<string, ColumnBuilder>();
  n = 0;

  constructor(private readonly file: string) {}

  push(record: unknown, row: number): void {
    if (!isRecord(record)) {
      throw new LoadError(`expected an object with column names as keys, found ${describe(record)}`, { file: this.file, row });
    }
    for (const key of Object.keys(record)) {
      let b = this.builders.get(key);
      if (!b) {
        b = new ColumnBuilder(key);
        for (let i = 0; i < this.n; i++) b.pushMissing();
        this.builders.set(key, b);
      }
      b.pushValue(record[key]);
    }
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
export function loadJson(file: string, bytes: Uint8Array): Table {
  const text = new TextDecoder().decode(bytes);
  if (!text.trim()) throw new LoadError('the file is empty: expected a JSON array of objects or an object of arrays', { file });
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (err) {
    // A .json file that is really JSON lines ({…}\n{…}) is read as such.
    if (/^\s*\{[^\n]*\}\s*\r?\n\s*\{/.test(text)) return loadJsonLines(file, bytes);
    throw jsonError(file, text, err);
  }
  if (Array.isArray(doc)) {
    const sink = new RecordSink(file);
    doc.forEach((record, i) => sink.push(record, i + 1));
    return sink.finish();
  }
  if (isRecord(doc)) {
    const entries = Object.entries(doc);
    const first = entries[0];
    if (!first) return { n: 0, columns: [] };
    const n = Array.isArray(first[1]) ? first[1].length : -1;
    for (const [key, values] of entries) {
      if (!Array.isArray(values)) throw new LoadError(`expected an array of values for column "${key}", found ${describe(values)}`, { file, column: key });
      if (values.length !== n) throw new LoadError(`expected ${n} values (like column "${first[0]}"), found ${values.length}`, { file, column: key });
    }
    const names = uniqueNames(entries.map(([k]) => k));
    const columns = entries.map(([, values], j) => {
      const b = new ColumnBuilder(names[j], n);
      for (const v of values as Json[]) b.pushValue(v);
      return b.finish();
    });
    return { n, columns };
  }
  throw new LoadError(`expected a JSON array of objects or an object of arrays, found ${describe(doc)}`, { file });
}

/** JSON lines, fed in chunks: one object per line, blank lines skipped; row = line number. */
export class JsonLinesParser {
  private readonly decoder = new TextDecoder();
  private readonly sink: RecordSink;
  private partial = '';
  private line = 0;

  constructor(private readonly file: string) {
    this.sink = new RecordSink(file);
  }

  push(bytes: Uint8Array): void {
    this.feed(this.decoder.decode(bytes, { stream: true }), false);
  }

  finish(): Table {
    this.feed(this.decoder.decode(), true);
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
    } catch (err) {
      throw jsonError(this.file, line, err, this.line);
    }
    this.sink.push(value, this.line);
  }
}

export function loadJsonLines(file: string, bytes: Uint8Array): Table {
  const p = new JsonLinesParser(file);
  for (let at = 0; at < bytes.length; at += 1 << 20) p.push(bytes.subarray(at, at + (1 << 20)));
  return p.finish();
}
