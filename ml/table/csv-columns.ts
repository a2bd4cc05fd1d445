/**
 * Streaming CSV/TSV reader for *some* columns, typed in advance: what `predict` needs to score
 * a file of any size in bounded memory. Bytes arrive in chunks; every `rowsPerChunk` rows come
 * out as a small Table of just the wanted columns (plus an id column as text), so memory is one
 * chunk of rows whatever the file's size.
 *
 * Same file semantics as the app's loader (csv.ts): UTF-8 or Windows-1252, delimiter guessed
 * from the header, RFC 4180 quotes, blank lines skipped, header names made unique, and cells
 * turned into numbers by ColumnBuilder exactly as the app does (exact doubles included). It is
 * faster because it never builds the unwanted fields: it scans the decoded text with
 * charCodeAt and slices only the fields it keeps. A wanted numeric cell that is not a number,
 * or a row with the wrong number of fields, is a located LoadError.
 */
import { ColumnBuilder, uniqueNames } from './builders.ts';
import { guessDelimiter, guessNewline, isUtf8Start } from './csv.ts';
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

const QUOTE = 34;

export class CsvColumns {
  private decoder: TextDecoder | null = null;
  private partial = '';
  private header: string[] | null = null;
  private delimiter: number;
  /** The character that ends a row: \n, or \r (for \r and \r\n files), and whether \n must follow it. */
  private stop = 10;
  private crlf = false;
  private slot: Int32Array = new Int32Array(0); // field j → index into `wanted`, −1 = skip, −2 = the id
  private builders: ColumnBuilder[] = [];
  private ids: string[] | null = null;
  private rows = 0; // data rows read so far
  private chunkStart = 0;
  private emitted = 0;
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
    this.feed(this.decoder.decode(bytes, { stream: true }), false);
    return this.out.splice(0);
  }

  /** Ends the input; returns the last chunks (at least one in all, so an empty file still yields a table). */
  finish(): CsvChunk[] {
    this.feed(this.decoder?.decode() ?? '', true);
    if (!this.header) throw new LoadError('the file is empty: expected a header row with column names', { file: this.file });
    if (this.rows > this.chunkStart || this.emitted === 0) this.emit();
    return this.out.splice(0);
  }

  private startChunk(): void {
    this.builders = this.wanted.map((w) => new ColumnBuilder(w.name, this.perChunk));
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

  private feed(text: string, last: boolean): void {
    const s = this.partial + text;
    let p = 0;
    if (!this.header) {
      const eol = s.search(/[\r\n]/);
      if (!last && (eol < 0 || eol === s.length - 1)) { this.partial = s; return; }
      if (s.length === 0) return;
      const nl = guessNewline(s);
      this.stop = nl === '\n' ? 10 : 13;
      this.crlf = nl === '\r\n';
      const end = this.readHeader(s, last);
      if (end < 0) { this.partial = s; return; }
      p = this.afterNewline(s, end);
    }
    const n = s.length;
    while (p < n) {
      if (s.charCodeAt(p) === this.stop && (!this.crlf || s.charCodeAt(p + 1) === 10)) { p = this.afterNewline(s, p); continue; } // blank line
      const end = this.row(s, p, last);
      if (end < 0) break; // the row goes on in the next chunk
      p = this.afterNewline(s, end);
      if (this.rows - this.chunkStart === this.perChunk) this.emit();
    }
    this.partial = p < n ? s.slice(p) : '';
    if (this.partial.length > MAX_ROW_CHARS) throw new LoadError(`a row is longer than ${MAX_ROW_CHARS >> 20} M characters: expected a closing quote (") somewhere`, { file: this.file, row: this.rows + 1 });
  }

  private afterNewline(s: string, p: number): number {
    return p >= s.length ? p : p + (this.crlf ? 2 : 1);
  }

  /** Reads the header line; returns where it ends, or −1 when it is not complete yet. */
  private readHeader(s: string, last: boolean): number {
    if (this.delimiter < 0) {
      const eol = s.search(/[\r\n]/);
      this.delimiter = guessDelimiter(eol < 0 ? s : s.slice(0, eol)).charCodeAt(0);
    }
    const fields: string[] = [];
    const end = this.scan(s, 0, last, (k, text) => { fields.push(text); return k; }, false);
    if (end < 0) return -1;
    this.header = uniqueNames(fields);
    this.slot = Int32Array.from(this.header, (name) => {
      const k = this.wanted.findIndex((w) => w.name === name);
      return k >= 0 ? k : name === this.opts.idColumn ? -2 : -1;
    });
    const id = this.opts.idColumn;
    if (id && !this.header.includes(id)) throw new LoadError(`there is no column "${id}" to use as the id`, { file: this.file, column: id });
    this.startChunk();
    return end;
  }

  /** One data row from p: its wanted fields pushed. Returns where its newline is, or −1 (row cut off: nothing kept). */
  private row(s: string, p: number, last: boolean): number {
    const slots = this.slot;
    let fields = 0;
    const end = this.scan(s, p, last, (j, text) => {
      if (j < slots.length) {
        const k = slots[j];
        if (k >= 0) this.cell(k, text, j);
        else if (k === -2) this.ids!.push(text);
      }
      return (fields = j + 1);
    }, true);
    if (end < 0) {
      const n = this.rows - this.chunkStart;
      for (const b of this.builders) b.truncate(n);
      if (this.ids) this.ids.length = n;
      return -1;
    }
    const row = this.rows + 1;
    if (fields !== slots.length) {
      const column = fields < slots.length ? this.header![fields] : slots.length + 1;
      throw new LoadError(`expected ${slots.length} fields, found ${fields}`, { file: this.file, row, column });
    }
    this.rows = row;
    return end;
  }

  private cell(k: number, text: string, j: number): void {
    const b = this.builders[k];
    if (this.wanted[k].type !== 'numeric') b.pushString(text);
    else if (!b.tryNumber(text)) {
      const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
      throw new LoadError(`expected a number (the classifier reads "${this.header![j]}" as numbers), found ${shown}`, { file: this.file, row: this.rows + 1, column: this.header![j] });
    }
  }

  /**
   * Scans one line's fields from p. Only fields `want(j)` keeps are sliced out of the text
   * (`take` gets the field number and its text); returns the position of the line's newline (or
   * the text's end when `last`), or −1 when the line is cut off by the end of this text.
   */
  private scan(s: string, p: number, last: boolean, take: (j: number, text: string) => number, data: boolean): number {
    const d = this.delimiter, stop = this.stop, crlf = this.crlf, n = s.length, slots = this.slot;
    const where = data ? { file: this.file, row: this.rows + 1 } : { file: this.file };
    for (let j = 0; ; j++) {
      const keep = !data || (j < slots.length && slots[j] !== -1);
      if (p < n && s.charCodeAt(p) === QUOTE) {
        // Quoted field: "" is a quote; the closing quote is followed by a delimiter or a line end.
        let q = p + 1;
        let value = '';
        for (;;) {
          const close = s.indexOf('"', q);
          if (close < 0) {
            if (!last) return -1;
            throw new LoadError(`${data ? '' : 'in the header line, '}a quoted field is never closed: expected a closing quote (")`, where);
          }
          if (keep) value += s.slice(q, close);
          if (close + 1 === n && !last) return -1;
          if (s.charCodeAt(close + 1) === QUOTE) { if (keep) value += '"'; q = close + 2; continue; }
          p = close + 1;
          break;
        }
        const c = s.charCodeAt(p);
        if (p < n && c !== d && c !== stop) throw new LoadError('malformed quoted field: expected the closing quote (") to be followed by a separator or a line end', where);
        if (crlf && c === stop && p + 1 === n && !last) return -1;
        take(j, keep ? value : '');
      } else {
        let e = p;
        for (; e < n; e++) {
          const c = s.charCodeAt(e);
          if (c === d) break;
          if (c === stop) {
            if (!crlf || s.charCodeAt(e + 1) === 10) break;
            if (e + 1 === n && !last) return -1; // \r at the end: its \n may be in the next chunk
          }
        }
        if (e === n && !last) return -1;
        take(j, keep ? s.slice(p, e) : '');
        p = e;
      }
      if (p < n && s.charCodeAt(p) === d) { p++; continue; }
      return p;
    }
  }
}

/** One row longer than this is not a row: it is an unterminated quote swallowing the file. */
const MAX_ROW_CHARS = 64 << 20;
