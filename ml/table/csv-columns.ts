/**
 * Streaming CSV/TSV reader for *some* columns, typed in advance: what `predict` needs to score
 * a file of any size in bounded memory. Bytes arrive in chunks; every `rowsPerChunk` rows come
 * out as a small Table of just the wanted columns (plus an id column as text), so memory is one
 * chunk of rows whatever the file's size.
 *
 * Same file semantics as the app's loader (csv.ts): UTF-8 or Windows-1252, delimiter and line
 * ending from the header line, RFC 4180 quotes, blank lines skipped, header names made unique,
 * cells read as numbers with the app's grammar (ColumnBuilder); a chunk keeps every number's
 * double, since it lives for one scoring (the rules then compare the file's numbers, as in
 * the app). It is faster because it works on the bytes: delimiters, quotes and newlines are
 * ASCII in both encodings, numbers are read from their digits in the pass that finds their
 * end, and only the text cells it keeps are decoded. A wanted numeric cell that is not a number, or a row with the wrong number of
 * fields, is a located LoadError.
 */
import { CellOverflow, ColumnBuilder, fastDecimalBytes, fastEnd, uniqueNames } from './builders.ts';
import { guessDelimiter, isUtf8Start } from './csv.ts';
import { LoadError, type Table } from './types.ts';

export type WantedColumn = { name: string; type: 'numeric' | 'categorical' | 'any' };

export type CsvColumnsOptions = {
  delimiter?: string;
  /** Rows per emitted table. Default 65,536. */
  rowsPerChunk?: number;
  /** A column to carry along as raw text (the output's id). */
  idColumn?: string | null;
};

/** One emitted chunk: its rows as a table of the wanted columns, the first row's number, the ids. */
export type CsvChunk = { table: Table; firstRow: number; ids: string[] | null };

const QUOTE = 34, LF = 10, CR = 13;
/** One row longer than this is not a row: it is an unterminated quote swallowing the file. */
const MAX_ROW_BYTES = 64 << 20;

export class CsvColumns {
  private decoder: TextDecoder | null = null;
  private rest: Uint8Array = new Uint8Array(0);
  private header: string[] | null = null;
  private delimiter: number;
  /** The byte that ends a row: \n, or \r (for \r and \r\n files); `crlf`: a \n must follow it. */
  private stop = LF;
  private crlf = false;
  private slot: Int32Array = new Int32Array(0); // field j → index into `wanted`, −1 = skip, −2 = the id
  private numeric: Uint8Array = new Uint8Array(0);
  private builders: ColumnBuilder[] = [];
  private ids: string[] | null = null;
  private rows = 0; // data rows read so far
  private chunkStart = 0;
  private emitted = 0;
  private bom = true;
  private readonly perChunk: number;
  private readonly out: CsvChunk[] = [];

  constructor(readonly file: string, private readonly wanted: WantedColumn[], private readonly opts: CsvColumnsOptions = {}) {
    this.delimiter = opts.delimiter ? opts.delimiter.charCodeAt(0) : -1;
    this.perChunk = Math.max(1, opts.rowsPerChunk ?? 65_536);
  }

  /** The file's column names (after the header line has been read). */
  get columns(): string[] | null { return this.header; }

  /** Feeds bytes; returns the chunks completed by them. */
  push(bytes: Uint8Array): CsvChunk[] {
    if (bytes.indexOf(0) >= 0) throw new LoadError('this is binary data, not delimited text (a 0 byte in it)', { file: this.file });
    this.decoder ??= new TextDecoder(isUtf8Start(bytes) ? 'utf-8' : 'windows-1252');
    this.feed(bytes, false);
    return this.out.splice(0);
  }

  /** Ends the input; returns the last chunks (at least one in all, so an empty file still yields a table). */
  finish(): CsvChunk[] {
    this.feed(new Uint8Array(0), true);
    if (!this.header) throw new LoadError('the file is empty: expected a header row with column names', { file: this.file });
    if (this.rows > this.chunkStart || this.emitted === 0) this.emit();
    return this.out.splice(0);
  }

  private startChunk(): void {
    // Chunks live for one scoring: keep every double rather than test each cell for float32 (numbers.ts).
    this.builders = this.wanted.map((w) => new ColumnBuilder(w.name, this.perChunk, w.type === 'numeric'));
    this.ids = this.opts.idColumn ? [] : null;
    this.chunkStart = this.rows;
  }

  private emit(): void {
    const header = this.header ?? [];
    const columns = this.wanted.flatMap((w, k) => (header.includes(w.name) ? [this.builders[k].finish()] : []));
    this.out.push({ table: { n: this.rows - this.chunkStart, columns }, firstRow: this.chunkStart, ids: this.ids });
    this.emitted++;
    this.startChunk();
  }

  private feed(bytes: Uint8Array, last: boolean): void {
    // A plain Uint8Array view even when a Node Buffer came in: one element kind keeps the scan monomorphic.
    let b = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    if (this.rest.length) {
      b = new Uint8Array(this.rest.length + bytes.length);
      b.set(this.rest);
      b.set(bytes, this.rest.length);
    }
    let p = 0;
    if (this.bom && b.length >= (last ? 0 : 3)) {
      this.bom = false;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) p = 3; // TextDecoder would drop it too
    }
    if (!this.header) {
      const end = this.readHeader(b, p, last);
      if (end < 0) { this.rest = b.slice(p); if (p) this.bom = false; return; }
      p = this.afterNewline(b, end);
    }
    const n = b.length;
    while (p < n) {
      if (b[p] === this.stop && (!this.crlf || b[p + 1] === LF)) { p = this.afterNewline(b, p); continue; } // blank line
      const end = this.row(b, p, last);
      if (end < 0) break; // the row goes on in the next chunk
      p = this.afterNewline(b, end);
      if (this.rows - this.chunkStart === this.perChunk) this.emit();
    }
    this.rest = p < n ? b.slice(p) : new Uint8Array(0);
    if (this.rest.length > MAX_ROW_BYTES) throw new LoadError(`a row is longer than ${MAX_ROW_BYTES >> 20} MB: expected a closing quote (") somewhere`, { file: this.file, row: this.rows + 1 });
  }

  private afterNewline(b: Uint8Array, p: number): number {
    return p >= b.length ? p : p + (this.crlf ? 2 : 1);
  }

  private text(b: Uint8Array, start: number, end: number): string {
    return this.decoder!.decode(b.subarray(start, end));
  }

  /** Reads the header line from p; returns where it ends, or −1 when it is not complete yet. */
  private readHeader(b: Uint8Array, p: number, last: boolean): number {
    // The line ending is the first \r or \n (a header has no quoted newlines in practice).
    let eol = p;
    while (eol < b.length && b[eol] !== LF && b[eol] !== CR) eol++;
    if (!last && (eol >= b.length - 1)) return -1;
    if (eol >= b.length && b.length === p) return -1;
    this.stop = b[eol] === CR ? CR : LF;
    this.crlf = b[eol] === CR && b[eol + 1] === LF;
    if (this.delimiter < 0) this.delimiter = guessDelimiter(this.text(b, p, eol)).charCodeAt(0);
    this.headerFields = [];
    const end = this.fields(b, p, last, false);
    if (end < 0) return -1;
    this.header = uniqueNames(this.headerFields);
    this.slot = Int32Array.from(this.header, (name) => {
      const k = this.wanted.findIndex((w) => w.name === name);
      return k >= 0 ? k : name === this.opts.idColumn ? -2 : -1;
    });
    this.numeric = Uint8Array.from(this.wanted, (w) => (w.type === 'numeric' ? 1 : 0));
    const id = this.opts.idColumn;
    if (id && !this.header.includes(id)) throw new LoadError(`there is no column "${id}" to use as the id`, { file: this.file, column: id });
    this.startChunk();
    return end;
  }

  /** One data row from p: its wanted fields pushed. Returns where its newline is, or −1 (row cut off: nothing kept). */
  private row(b: Uint8Array, p: number, last: boolean): number {
    this.count = 0;
    const end = this.fields(b, p, last, true);
    if (end < 0) {
      const n = this.rows - this.chunkStart;
      for (const builder of this.builders) builder.truncate(n);
      if (this.ids) this.ids.length = n;
      return -1;
    }
    const row = this.rows + 1;
    const nf = this.slot.length;
    if (this.count !== nf) {
      const column = this.count < nf ? this.header![this.count] : nf + 1;
      throw new LoadError(`expected ${nf} fields, found ${this.count}`, { file: this.file, row, column });
    }
    this.rows = row;
    return end;
  }

  private headerFields: string[] = [];
  /** Fields seen in the current row. */
  private count = 0;

  /** Field j of the current line: the span b[s, e) of an unquoted field, or a quoted field's text. */
  private cell(b: Uint8Array, j: number, s: number, e: number, quoted: string | null, data: boolean): void {
    if (!data) { this.headerFields.push(quoted ?? this.text(b, s, e)); return; }
    if (j >= this.slot.length) return;
    const k = this.slot[j];
    if (k >= 0) {
      const builder = this.builders[k];
      if (!this.numeric[k]) builder.pushString(quoted ?? this.text(b, s, e));
      else if (!this.number(builder, b, s, e, quoted, j)) this.notANumber(quoted ?? this.text(b, s, e), j);
    } else if (k === -2) this.ids!.push(quoted ?? this.text(b, s, e));
  }

  /** tryNumber of one cell; a number beyond float32 (CellOverflow) becomes a located LoadError. */
  private number(builder: ColumnBuilder, b: Uint8Array, s: number, e: number, quoted: string | null, j: number): boolean {
    try {
      return quoted !== null ? builder.tryNumber(quoted) : builder.tryNumberBytes(b, s, e, this.decoder!);
    } catch (err) {
      if (err instanceof CellOverflow) throw new LoadError(err.message, { file: this.file, row: this.rows + 1, column: this.header![j] });
      throw err;
    }
  }

  private where(data: boolean): { file: string; row?: number } {
    return data ? { file: this.file, row: this.rows + 1 } : { file: this.file };
  }

  private notANumber(text: string, j: number): never {
    const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
    throw new LoadError(`expected a number (the classifier reads "${this.header![j]}" as numbers), found ${shown}`, { file: this.file, row: this.rows + 1, column: this.header![j] });
  }

  /**
   * Scans one line's fields from p, calling `cell` per field with the span of an unquoted
   * field (quoted = null), or a quoted field's unescaped text. Returns the position
   * of the line's newline (or the end of the bytes when `last`), or −1 when the line is cut off.
   */
  private fields(b: Uint8Array, p: number, last: boolean, data: boolean): number {
    const d = this.delimiter, stop = this.stop, crlf = this.crlf, n = b.length;
    const slots = this.slot;
    for (let j = 0; ; j++) {
      if (p < n && b[p] === QUOTE) {
        // Quoted field: "" is a quote; the closing quote is followed by a delimiter or a line end.
        const keep = !data || (j < slots.length && slots[j] !== -1);
        let q = p + 1;
        let value = '';
        for (;;) {
          const close = b.indexOf(QUOTE, q);
          if (close < 0) {
            if (!last) return -1;
            throw new LoadError(`${data ? '' : 'in the header line, '}a quoted field is never closed: expected a closing quote (")`, this.where(data));
          }
          if (keep) value += this.text(b, q, close);
          if (close + 1 === n && !last) return -1;
          if (b[close + 1] === QUOTE) { if (keep) value += '"'; q = close + 2; continue; }
          p = close + 1;
          break;
        }
        const c = b[p];
        if (p < n && c !== d && c !== stop) throw new LoadError('malformed quoted field: expected the closing quote (") to be followed by a separator or a line end', this.where(data));
        if (crlf && c === stop && p + 1 === n && !last) return -1;
        this.cell(b, j, 0, 0, value, data);
      } else {
        // A number the classifier reads: parsed in the same pass that finds its end.
        const k = data && j < slots.length ? slots[j] : -1;
        if (k >= 0 && this.numeric[k]) {
          const f = fastDecimalBytes(b, p, n);
          const e = fastEnd, c = b[e];
          if (f === f && e < n && (c === d || (c === stop && (!crlf || b[e + 1] === LF)))) {
            this.builders[k].pushDecimal(f);
            p = e;
            if (c === d) { p++; continue; }
            this.count = j + 1;
            return p;
          }
        }
        let e = p;
        if (d < 45) {
          // Every byte that can end a field (the delimiter, \r, \n, a quote) is below 45 ('-');
          // digits, signs, points and letters are not, so most bytes take one comparison.
          for (; e < n; e++) {
            const c = b[e];
            if (c >= 45) continue;
            if (c === d) break;
            if (c === stop) {
              if (!crlf || b[e + 1] === LF) break;
              if (e + 1 === n && !last) return -1; // a \r at the end: its \n may be in the next chunk
            }
          }
        } else {
          for (; e < n; e++) {
            const c = b[e];
            if (c === d) break;
            if (c === stop) {
              if (!crlf || b[e + 1] === LF) break;
              if (e + 1 === n && !last) return -1;
            }
          }
        }
        if (e === n && !last) return -1;
        if (k !== -1 || !data) this.cell(b, j, p, e, null, data); // a field nobody reads is only counted
        p = e;
      }
      if (p < n && b[p] === d) { p++; continue; }
      this.count = j + 1;
      return p;
    }
  }
}
