/**
 * Loading a table from bytes as they arrive: a file read from disk, an upload from the page,
 * or a whole buffer cut into chunks. The first 64 KiB decide what the file is (magic bytes,
 * then the name); CSV, TSV and JSON lines are parsed chunk by chunk, gzip is inflated on the
 * way in, and Parquet, Arrow and JSON (whose structure needs the whole file) are collected up
 * to a limit and read at the end. Every problem is a located LoadError, including limits
 * (columns, cells, gzip expansion, whole-file size): never another exception.
 */
import { CsvParser, estimateRows } from './csv.ts';
import { detectFormat, isGzip, type Format } from './format.ts';
import { GunzipStage } from './gunzip.ts';
import { JsonLinesParser } from './json.ts';
import { tooManyBytes, withLimits, type LoadLimits } from './limits.ts';
import { labelAsCategorical } from './schema.ts';
import { notDataFile } from './sniff.ts';
import { LoadError, type Table } from './types.ts';

/** Bytes looked at before deciding the format (and estimating the row count). */
export const HEAD_BYTES = 1 << 16;

export type TableLoadOptions = {
  limits?: Partial<LoadLimits>;
  /** Size of the whole input when known (a file on disk, an upload): sizes the columns up front. */
  totalBytes?: number;
};

/** What a loader has done so far: bytes taken in (compressed, for gzip) and rows parsed. */
export type LoadProgress = { bytes: number; rows: number };

type Sink = { push(bytes: Uint8Array): void; finish(): Table | Promise<Table>; readonly rows: number };

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0].byteOffset === 0 && chunks[0].byteLength === chunks[0].buffer.byteLength) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Parquet, Arrow and whole-document JSON: collected (up to a limit), then read in one go. */
class WholeFile implements Sink {
  readonly rows = 0;
  private chunks: Uint8Array[] = [];
  private size = 0;
  /** One buffer of the announced size, filled in place (one copy of the file, not two). */
  private whole: Uint8Array | null;

  constructor(private readonly file: string, private readonly format: 'json' | 'arrow' | 'parquet', private readonly limits: LoadLimits, totalBytes?: number) {
    this.whole = totalBytes !== undefined && totalBytes <= this.max ? new Uint8Array(totalBytes) : null;
  }

  private get max(): number {
    return this.format === 'json' ? this.limits.maxJsonBytes : this.limits.maxWholeFileBytes;
  }

  push(bytes: Uint8Array): void {
    const at = this.size;
    this.size += bytes.length;
    if (this.size > this.max) {
      const hint = this.format === 'json' ? 'save it as JSON lines (one record per line) or CSV, which are read as they stream' : 'save it as CSV, which is read as it streams';
      throw tooManyBytes(this.file, this.format === 'json' ? 'JSON' : this.format === 'arrow' ? 'Arrow' : 'Parquet', this.size, this.max, hint);
    }
    if (this.whole && this.size <= this.whole.length) this.whole.set(bytes, at);
    else {
      // More than announced: keep what came so far and collect the rest (copied: the caller may reuse its buffer).
      if (this.whole) this.chunks.push(this.whole.subarray(0, at));
      this.whole = null;
      this.chunks.push(bytes.slice());
    }
  }

  async finish(): Promise<Table> {
    const bytes = this.whole ? this.whole.subarray(0, this.size) : concat(this.chunks, this.size);
    this.chunks = [];
    this.whole = null;
    const { file, limits } = this;
    if (this.format === 'json') return (await import('./json.ts')).loadJson(file, bytes, limits);
    // Arrow and Parquet readers are loaded on first use: most sessions never need them.
    if (this.format === 'arrow') return (await import('./arrow.ts')).loadArrow(file, bytes, limits);
    return (await import('./parquet.ts')).loadParquet(file, bytes, limits);
  }
}

/** Inflates, then hands the output to a loader of its own for what is inside. */
class Gzipped implements Sink {
  private readonly inner: TableLoader;
  private readonly stage: GunzipStage;

  constructor(file: string, innerName: string, limits: LoadLimits) {
    this.inner = new TableLoader(file, { limits }, { formatName: innerName, insideGzip: true });
    this.stage = new GunzipStage(file, limits, (bytes) => this.inner.push(bytes));
  }

  get rows(): number {
    return this.inner.progress.rows;
  }

  push(bytes: Uint8Array): void {
    this.stage.push(bytes);
  }

  finish(): Promise<Table> {
    this.stage.finish();
    return this.inner.finish();
  }
}

export class TableLoader {
  private readonly limits: LoadLimits;
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private sink: Sink | null = null;
  private bytes = 0;
  private failed: LoadError | null = null;

  /** `file` is the name errors show (what the user opened); `inner` is for the content of a .gz. */
  constructor(readonly file: string, private readonly opts: TableLoadOptions = {}, private readonly inner?: { formatName: string; insideGzip: boolean }) {
    this.limits = withLimits(opts.limits);
  }

  get progress(): LoadProgress {
    return { bytes: this.bytes, rows: this.sink?.rows ?? 0 };
  }

  /** The next bytes of the file. Throws LoadError at the first problem (and on every later call). */
  push(bytes: Uint8Array): void {
    this.guard(() => {
      this.bytes += bytes.length;
      if (this.sink) return this.sink.push(bytes);
      if (this.headBytes === 0 && bytes.length >= HEAD_BYTES) return this.start(bytes);
      // Copied: the caller may reuse its buffer before the head is complete.
      this.head.push(bytes.slice());
      this.headBytes += bytes.length;
      if (this.headBytes >= HEAD_BYTES) this.start(concat(this.head, this.headBytes));
    });
  }

  /** Ends the input; resolves with the table (label column made categorical) or rejects with a LoadError. */
  async finish(): Promise<Table> {
    let table: Table | undefined;
    await this.guardAsync(async () => {
      if (!this.sink) this.start(concat(this.head, this.headBytes));
      table = await (this.sink as Sink).finish();
    });
    const t = table as Table;
    if (t.n === 0) {
      const names = t.columns.slice(0, 6).map((c) => c.name).join(', ') + (t.columns.length > 6 ? ', …' : '');
      throw new LoadError(`the file has no data rows${t.columns.length ? ` (only column names: ${names})` : ''}`, { file: this.file });
    }
    return labelAsCategorical(t);
  }

  /** Decides what the file is from its first bytes, then feeds them to the right parser. */
  private start(first: Uint8Array): void {
    this.head = [];
    const head = first.subarray(0, HEAD_BYTES);
    const name = this.inner?.formatName ?? this.file;
    if (isGzip(head)) {
      if (this.inner?.insideGzip) throw new LoadError('a gzip file inside a gzip file: gunzip it once first', { file: this.file, byte: 0 });
      this.sink = new Gzipped(this.file, name.replace(/\.gz$/i, ''), this.limits);
    } else {
      const why = notDataFile(name, head, 'table');
      if (why) throw new LoadError(why, { file: this.file, byte: 0 });
      this.sink = this.sinkFor(detectFormat(name, head), head);
    }
    this.sink.push(first);
  }

  private sinkFor(format: Format, head: Uint8Array): Sink {
    const { file, limits } = this;
    if (format === 'csv' || format === 'tsv') {
      const rowsHint = estimateRows(head, this.inner ? undefined : this.opts.totalBytes);
      return new CsvParser(file, { rowsHint, limits, delimiter: format === 'tsv' ? '\t' : undefined });
    }
    if (format === 'jsonl') return new JsonLinesParser(file, limits);
    return new WholeFile(file, format, limits, this.inner ? undefined : this.opts.totalBytes);
  }

  /** Any failure is a LoadError naming this file; once failed, the loader stays failed. */
  private guard(work: () => void): void {
    if (this.failed) throw this.failed;
    try {
      work();
    } catch (err) {
      throw (this.failed = this.asLoadError(err));
    }
  }

  private async guardAsync(work: () => Promise<void>): Promise<void> {
    if (this.failed) throw this.failed;
    try {
      await work();
    } catch (err) {
      throw (this.failed = this.asLoadError(err));
    }
  }

  private asLoadError(err: unknown): LoadError {
    if (err instanceof LoadError) return err;
    // A reader's own failure (or running out of memory): still one clear, located line.
    return new LoadError(`could not read the file: ${err instanceof Error ? err.message : String(err)}`, { file: this.file });
  }
}

/** Loads a whole in-memory file through the streaming loader (1 MiB at a time). */
export async function loadBytes(file: string, bytes: Uint8Array, opts: TableLoadOptions = {}): Promise<Table> {
  const loader = new TableLoader(file, { totalBytes: bytes.length, ...opts });
  for (let at = 0; at < bytes.length; at += 1 << 20) loader.push(bytes.subarray(at, at + (1 << 20)));
  return loader.finish();
}
