/**
 * Streaming CSV/TSV loader. Bytes arrive in chunks (a whole file split up, or fs read-stream
 * chunks); each chunk is decoded with a streaming TextDecoder, tokenised by papaparse's
 * low-level Parser, and its cells are pushed straight into per-column builders. Only the
 * current chunk's cells and an unfinished last row are ever held as strings, so a 1 GB file
 * never needs gigabytes of strings.
 */
import Papa from 'papaparse';
import { CellOverflow, ColumnBuilder, uniqueNames } from './builders.ts';
import { DEFAULT_LIMITS, tooManyCells, tooManyColumns, type LoadLimits } from './limits.ts';
import { LoadError, type Table } from './types.ts';
import { firstInvalidUtf8 } from './utf8.ts';

export type CsvOptions = {
  /** Field separator; guessed from the header line when absent. */
  delimiter?: string;
  /** Expected number of rows, to size the column builders up front. */
  rowsHint?: number;
  limits?: Pick<LoadLimits, 'maxColumns' | 'maxCells'>;
};

/** Bytes per parse step: big enough to amortise the parser, small enough to bound memory. */
export const CSV_CHUNK_BYTES = 1 << 20;
/** One row longer than this is not a row: it is an unterminated quote swallowing the file. */
const MAX_ROW_CHARS = 64 << 20;
/** An unfinished row this long is only re-parsed once a chunk can end it (see `feed`). */
const LONG_ROW_CHARS = 1 << 20;

const OUTSIDE = 0;
const INSIDE = 1;
/** Inside a quoted field, just after a quote: the next character says closed or escaped (""). */
const AFTER_QUOTE = 2;
/** Malformed quoting: no shortcut, the parser decides. */
const UNKNOWN = 3;

/**
 * Follows the quoting of `s` from `state` (RFC 4180: `""` inside quotes is a quote). `ends`:
 * a line end outside quotes was seen, so the row may end here and `s` must be parsed.
 */
function followQuotes(s: string, state: number): { state: number; ends: boolean } {
  let i = 0;
  while (i < s.length) {
    if (state === AFTER_QUOTE) {
      state = s.charCodeAt(i) === 34 ? INSIDE : OUTSIDE;
      if (state === INSIDE) i++;
    } else if (state === INSIDE) {
      const q = s.indexOf('"', i);
      if (q < 0) return { state, ends: false };
      state = AFTER_QUOTE;
      i = q + 1;
    } else {
      const q = s.indexOf('"', i);
      const end = s.slice(i, q < 0 ? s.length : q).search(/[\r\n]/);
      if (end >= 0) return { state, ends: true };
      if (q < 0) return { state, ends: false };
      state = INSIDE;
      i = q + 1;
    }
  }
  return { state, ends: false };
}

type PapaParser = { parse(input: string, baseIndex: number, ignoreLastRow: boolean): Papa.ParseResult<string[]> };
const PapaParserClass = (Papa as unknown as { Parser: new (config: Papa.ParseConfig) => PapaParser }).Parser;

/** The separator the header line uses most outside quotes: comma, tab, semicolon or pipe (comma if none). */
export function guessDelimiter(headerLine: string): string {
  const bare = headerLine.replace(/"(?:[^"]|"")*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    const count = bare.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** The line ending of the header line (a quoted \n further down must not decide it). */
export function guessNewline(text: string): '\n' | '\r\n' | '\r' {
  const eol = text.search(/[\r\n]/);
  if (eol < 0 || text[eol] === '\n') return '\n';
  return text[eol + 1] === '\n' ? '\r\n' : '\r';
}

/**
 * Whether the first chunk reads as UTF-8. Excel and older tools write Windows-1252
 * ("café" as one byte 0xE9); such files are decoded as that instead of showing U+FFFD.
 */
export function isUtf8Start(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const isAscii = (bytes: Uint8Array): boolean => bytes.every((b) => b < 0x80);

/**
 * Control characters (other than tab, line ends and form feed) in the first chunk: a few
 * stray ones happen in real exports, many mean the bytes are not text at all.
 */
function looksBinary(bytes: Uint8Array): boolean {
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) controls++;
  }
  return controls > 2 && controls * 100 > bytes.length;
}

export class CsvParser {
  private decoder: TextDecoder | null = null;
  private parser: PapaParser | null = null;
  private partial = '';
  /** Where the quoting stands at the end of a long `partial` (OUTSIDE, INSIDE, AFTER_QUOTE or UNKNOWN). */
  private partialState = OUTSIDE;
  private names: string[] | null = null;
  private builders: ColumnBuilder[] = [];
  /** Data rows pushed so far (row 1 = first row after the header). */
  rows = 0;
  private bytesSeen = 0;
  /** Every byte so far was ASCII, which reads the same in UTF-8 and Windows-1252. */
  private asciiSoFar = true;
  private delimiter: string | undefined;
  private readonly limits: Pick<LoadLimits, 'maxColumns' | 'maxCells'>;

  constructor(readonly file: string, private readonly opts: CsvOptions = {}) {
    this.delimiter = opts.delimiter;
    this.limits = opts.limits ?? DEFAULT_LIMITS;
  }

  /** Feeds the next bytes of the file. Throws LoadError at the first malformed row. */
  push(bytes: Uint8Array): void {
    const nul = bytes.indexOf(0);
    if (nul >= 0 || (this.bytesSeen === 0 && looksBinary(bytes.subarray(0, 1 << 16)))) {
      const where = nul >= 0 ? ` (byte 0 at offset ${this.bytesSeen + nul})` : ' (control characters)';
      throw new LoadError(`this is binary data, not delimited text${where}`, { file: this.file, byte: this.bytesSeen + Math.max(0, nul) });
    }
    this.decoder ??= new TextDecoder(isUtf8Start(bytes) ? 'utf-8' : 'windows-1252', { fatal: true });
    const text = this.decode(bytes);
    this.bytesSeen += bytes.length;
    this.feed(text, false);
  }

  /**
   * UTF-8 is checked strictly, so a stray byte is reported, never turned into U+FFFD. A file
   * that was pure ASCII up to its first non-UTF-8 byte is Windows-1252 (the two agree on ASCII).
   */
  private decode(bytes: Uint8Array): string {
    const decoder = this.decoder as TextDecoder;
    try {
      const text = decoder.decode(bytes, { stream: true });
      if (this.asciiSoFar) this.asciiSoFar = isAscii(bytes);
      return text;
    } catch {
      if (this.asciiSoFar && decoder.encoding === 'utf-8') {
        this.decoder = new TextDecoder('windows-1252');
        this.asciiSoFar = false;
        return this.decoder.decode(bytes, { stream: true });
      }
      const byte = this.bytesSeen + Math.max(0, firstInvalidUtf8(bytes));
      throw new LoadError(`the text is not valid UTF-8 at byte ${byte.toLocaleString('en-US')} (after row ${this.rows}): save the file as UTF-8`, { file: this.file, byte });
    }
  }

  /** Ends the input and returns the table. */
  finish(): Table {
    let rest = '';
    try {
      rest = this.decoder?.decode() ?? '';
    } catch {
      throw new LoadError('the file ends inside a UTF-8 character (truncated?)', { file: this.file, byte: this.bytesSeen });
    }
    this.feed(rest, true);
    if (!this.names) throw new LoadError('the file is empty: expected a header row with column names', { file: this.file });
    return { n: this.rows, columns: this.builders.map((b) => b.finish()) };
  }

  private feed(text: string, last: boolean): void {
    if (this.parser && !last && this.partial.length > LONG_ROW_CHARS && this.partialState !== UNKNOWN) {
      // A 10 MB quoted field arrives in many chunks; re-parsing it from its start on each one
      // is quadratic. Until a line end falls outside quotes the row cannot end: just collect.
      const next = followQuotes(text, this.partialState);
      if (!next.ends) {
        this.partial += text;
        this.partialState = next.state;
        if (this.partial.length > MAX_ROW_CHARS) throw this.rowTooLong();
        return;
      }
    }
    const input = this.partial + text;
    if (!input) return;
    if (!this.parser) {
      // Wait for a whole first line (and the character after its \r) before guessing the separator and line ending.
      const eol = input.search(/[\r\n]/);
      if (!last && (eol < 0 || eol === input.length - 1)) {
        if (input.length > MAX_ROW_CHARS) throw new LoadError(`the first line is longer than ${MAX_ROW_CHARS >> 20} M characters: expected a header line of column names`, { file: this.file });
        this.partial = input;
        return;
      }
      this.delimiter ??= guessDelimiter(eol < 0 ? input : input.slice(0, eol));
      this.parser = new PapaParserClass({ delimiter: this.delimiter, newline: guessNewline(input), quoteChar: '"' });
    }
    const result = this.parser.parse(input, 0, !last);
    const quoteError = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
    // Rows before a broken quote are still checked first, so the first problem is the one reported.
    const upTo = quoteError ? Math.min(quoteError.row ?? 0, result.data.length) : result.data.length;
    for (let i = 0; i < upTo; i++) this.row(result.data[i]);
    if (quoteError) {
      const what = quoteError.code === 'MissingQuotes'
        ? 'a quoted field is never closed: expected a closing quote (")'
        : 'malformed quoted field: expected the closing quote (") to be followed by a separator or a line end';
      if (!this.names) throw new LoadError(`in the header line, ${what}`, { file: this.file });
      throw new LoadError(what, { file: this.file, row: this.rows + 1 });
    }
    this.partial = last ? '' : input.slice(result.meta.cursor);
    // The unfinished row starts outside quotes; a line end "outside" in it means we cannot tell: parse each time.
    const tail = this.partial.length > LONG_ROW_CHARS ? followQuotes(this.partial, OUTSIDE) : null;
    this.partialState = tail && !tail.ends ? tail.state : UNKNOWN;
    if (this.partial.length > MAX_ROW_CHARS) throw this.rowTooLong();
  }

  private rowTooLong(): LoadError {
    return new LoadError(`a row is longer than ${MAX_ROW_CHARS >> 20} M characters: expected a closing quote (") somewhere`, { file: this.file, row: this.rows + 1 });
  }

  private row(fields: string[]): void {
    // Blank lines (trailing or in between, or only spaces) carry no data.
    if (fields.length === 1 && fields[0].trim() === '') return;
    if (!this.names) {
      if (fields.length > this.limits.maxColumns) throw tooManyColumns(this.file, fields.length, this.limits.maxColumns);
      this.names = uniqueNames(fields);
      // Sized for the expected rows, but never more up front than the cell budget allows.
      const capacity = Math.min(this.opts.rowsHint ?? 1024, Math.ceil(this.limits.maxCells / fields.length));
      this.builders = this.names.map((name) => new ColumnBuilder(name, capacity));
      return;
    }
    const row = this.rows + 1;
    const b = this.builders;
    if (fields.length !== b.length) {
      // Too few: the first missing column by name; too many: the first extra field by number.
      const column = fields.length < b.length ? this.names[fields.length] : b.length + 1;
      throw new LoadError(`expected ${b.length} fields, found ${fields.length}`, { file: this.file, row, column });
    }
    if (row * b.length > this.limits.maxCells) throw tooManyCells(this.file, row, b.length, this.limits.maxCells);
    let j = 0;
    try {
      for (; j < b.length; j++) b[j].pushText(fields[j]);
    } catch (err) {
      if (err instanceof CellOverflow) throw new LoadError(err.message, { file: this.file, row, column: this.names[j] });
      throw err;
    }
    this.rows = row;
  }
}

/**
 * Rows a delimited file of `total` bytes probably has, from the line lengths of its head: a
 * cheap estimate that avoids most builder regrowth.
 */
export function estimateRows(head: Uint8Array, total: number | undefined): number {
  let lines = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 10) lines++;
  return total !== undefined && lines > 1 ? Math.ceil((total / head.length) * lines * 1.05) : 1024;
}

/** Loads a whole in-memory CSV/TSV, chunk by chunk through the streaming parser. */
export function loadCsv(file: string, bytes: Uint8Array, opts: CsvOptions = {}): Table {
  const parser = new CsvParser(file, { rowsHint: estimateRows(bytes.subarray(0, 1 << 16), bytes.length), ...opts });
  for (let at = 0; at < bytes.length; at += CSV_CHUNK_BYTES) parser.push(bytes.subarray(at, at + CSV_CHUNK_BYTES));
  return parser.finish();
}
