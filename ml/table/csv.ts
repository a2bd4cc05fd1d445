/**
 * Streaming CSV/TSV loader. Bytes arrive in chunks (a whole file split up, or fs read-stream
 * chunks); each chunk is decoded with a streaming TextDecoder, tokenised by papaparse's
 * low-level Parser, and its cells are pushed straight into per-column builders. Only the
 * current chunk's cells and an unfinished last row are ever held as strings, so a 1 GB file
 * never needs gigabytes of strings.
 */
import Papa from 'papaparse';
import { ColumnBuilder, uniqueNames } from './builders.ts';
import { LoadError, type Table } from './types.ts';

export type CsvOptions = {
  /** Field separator; guessed from the header line when absent. */
  delimiter?: string;
  /** Expected number of rows, to size the column builders up front. */
  rowsHint?: number;
};

/** Bytes per parse step: big enough to amortise the parser, small enough to bound memory. */
export const CSV_CHUNK_BYTES = 1 << 20;
/** One row longer than this is not a row: it is an unterminated quote swallowing the file. */
const MAX_ROW_CHARS = 64 << 20;

type PapaParser = { parse(input: string, baseIndex: number, ignoreLastRow: boolean): Papa.ParseResult<string[]> };
const PapaParserClass = (Papa as unknown as { Parser: new (config: Papa.ParseConfig) => PapaParser }).Parser;

/** The separator the header line uses most: comma, tab, semicolon or pipe (comma if none). */
export function guessDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    const count = headerLine.split(d).length - 1;
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

export class CsvParser {
  private decoder: TextDecoder | null = null;
  private parser: PapaParser | null = null;
  private partial = '';
  private names: string[] | null = null;
  private builders: ColumnBuilder[] = [];
  /** Data rows pushed so far (row 1 = first row after the header). */
  private rows = 0;
  private bytesSeen = 0;
  private delimiter: string | undefined;

  constructor(readonly file: string, private readonly opts: CsvOptions = {}) {
    this.delimiter = opts.delimiter;
  }

  /** Feeds the next bytes of the file. Throws LoadError at the first malformed row. */
  push(bytes: Uint8Array): void {
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
      throw new LoadError(`this is binary data, not delimited text (byte 0 at offset ${this.bytesSeen + nul})`, { file: this.file, byte: this.bytesSeen + nul });
    }
    this.bytesSeen += bytes.length;
    this.decoder ??= new TextDecoder(isUtf8Start(bytes) ? 'utf-8' : 'windows-1252');
    this.feed(this.decoder.decode(bytes, { stream: true }), false);
  }

  /** Ends the input and returns the table. */
  finish(): Table {
    this.feed(this.decoder?.decode() ?? '', true);
    if (!this.names) throw new LoadError('the file is empty: expected a header row with column names', { file: this.file });
    return { n: this.rows, columns: this.builders.map((b) => b.finish()) };
  }

  private feed(text: string, last: boolean): void {
    const input = this.partial + text;
    if (!input) return;
    if (!this.parser) {
      // Wait for a whole first line (and the character after its \r) before guessing the separator and line ending.
      const eol = input.search(/[\r\n]/);
      if (!last && (eol < 0 || eol === input.length - 1)) {
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
    if (this.partial.length > MAX_ROW_CHARS) {
      throw new LoadError(`a row is longer than ${MAX_ROW_CHARS >> 20} M characters: expected a closing quote (") somewhere`, { file: this.file, row: this.rows + 1 });
    }
  }

  private row(fields: string[]): void {
    // Blank lines (trailing or in between) carry no data.
    if (fields.length === 1 && fields[0] === '') return;
    if (!this.names) {
      this.names = uniqueNames(fields);
      const capacity = this.opts.rowsHint ?? 1024;
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
    for (let j = 0; j < b.length; j++) b[j].pushText(fields[j]);
    this.rows = row;
  }
}

/** Loads a whole in-memory CSV/TSV, chunk by chunk through the streaming parser. */
export function loadCsv(file: string, bytes: Uint8Array, opts: CsvOptions = {}): Table {
  // A cheap row estimate (bytes / bytes-per-line of the head) avoids most builder regrowth.
  const head = bytes.subarray(0, 1 << 16);
  let lines = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 10) lines++;
  const rowsHint = lines > 1 ? Math.ceil((bytes.length / head.length) * lines * 1.05) : 1024;
  const parser = new CsvParser(file, { rowsHint, ...opts });
  for (let at = 0; at < bytes.length; at += CSV_CHUNK_BYTES) parser.push(bytes.subarray(at, at + CSV_CHUNK_BYTES));
  return parser.finish();
}
