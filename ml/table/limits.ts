/**
 * How much the loaders accept, and what they say past it. Every limit is a LoadError that
 * names the file (and the row where it was crossed), never an out-of-memory crash.
 *
 * The cell budget is what the app can hold: the backend keeps the table as typed columns
 * (4 bytes a cell) and sends it to the page as one binary message, which the page keeps as
 * its columns and draws from. `cellBudget` scales it to the machine's memory.
 */
import { LoadError } from './types.ts';

export type LoadLimits = {
  /** Columns a table may have (Excel's own limit; wider data are vectors: add them as embeddings). */
  maxColumns: number;
  /** Rows × columns held in memory. */
  maxCells: number;
  /** Parquet and Arrow are read whole (their index is at the end): at most this many bytes. */
  maxWholeFileBytes: number;
  /** A JSON document is parsed as one string (JavaScript caps strings at ~512 M characters). */
  maxJsonBytes: number;
  /** gzip is refused once its output passes `gzipFreeBytes` and is over `gzipRatio` × its input so far. */
  gzipRatio: number;
  gzipFreeBytes: number;
};

const MiB = 2 ** 20;

/** 2^28 cells = 1 GiB of Float32 columns (e.g. 8.6 M rows × 31 columns). */
export const MAX_CELLS = 2 ** 28;

export const DEFAULT_LIMITS: LoadLimits = {
  maxColumns: 16_384,
  maxCells: MAX_CELLS,
  maxWholeFileBytes: 2048 * MiB,
  maxJsonBytes: 256 * MiB,
  gzipRatio: 200,
  gzipFreeBytes: 16 * MiB,
};

/**
 * The cell budget for a machine with `totalMemory` bytes: a cell costs the backend and the
 * page together about 16–24 bytes at peak (measured by `npm run bench -- load`), so a quarter
 * of memory at 64 bytes a cell leaves room for everything else; never more than MAX_CELLS.
 */
export function cellBudget(totalMemory: number): number {
  return Math.max(1_000_000, Math.min(MAX_CELLS, Math.floor(totalMemory / 64)));
}

export const withLimits = (limits: Partial<LoadLimits> = {}): LoadLimits => ({ ...DEFAULT_LIMITS, ...limits });

const fmt = (n: number): string => n.toLocaleString('en-US');
const mb = (bytes: number): string => `${fmt(Math.round(bytes / MiB))} MB`;

export function tooManyColumns(file: string, columns: number, max: number): LoadError {
  return new LoadError(`the file has ${fmt(columns)} columns; at most ${fmt(max)} are supported (for vectors, use "Add embeddings from a file…")`, { file, column: max + 1 });
}

export function tooManyCells(file: string, row: number, columns: number, max: number): LoadError {
  return new LoadError(`the table is too big for this machine: ${fmt(row)} rows × ${fmt(columns)} columns passes the limit of ${fmt(max)} cells (rows × columns); open a sample or fewer columns`, { file, row });
}

export function tooManyBytes(file: string, format: string, bytes: number, max: number, hint: string): LoadError {
  return new LoadError(`${format} files are read whole, and this one is over ${mb(max)} (${mb(bytes)} so far): ${hint}`, { file, byte: max });
}
