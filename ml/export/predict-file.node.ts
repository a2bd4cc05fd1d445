/**
 * Scoring a data file with a classifier, streamed: what `machine-teacher predict` runs. CSV and
 * TSV (also .gz) are read 1 MB at a time and scored 65,536 rows at a time, reading only the
 * columns the classifier needs (ml/table/csv-columns.ts), so a file of any size is scored in
 * bounded memory; other formats are loaded whole (ml/table/load-file.node.ts) and scored in
 * the same row chunks. Output: one row per input row, in input order — the id column (or
 * `row`, the 0-based row number), `prediction` (empty = abstain), `p_<class>` for a model
 * (6 decimals), `source` for a hybrid (the deciding rule's name, or `model`).
 */
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { CSV_CHUNK_BYTES } from '../table/csv.ts';
import { CsvColumns, type CsvChunk } from '../table/csv-columns.ts';
import { detectFormat } from '../table/index.ts';
import { loadTableFromFile } from '../table/load-file.node.ts';
import { LoadError, type Column, type Table } from '../table/types.ts';
import { importEmbeddings } from '../embed/import.ts';
import { numberAt } from '../rules/numbers.ts';
import type { BundleClassifier } from './classifier.ts';
import { SOURCE_MODEL, SOURCE_RULES } from './combine.ts';

export type PredictFormat = 'csv' | 'jsonl';

export type PredictFileOptions = {
  format?: PredictFormat;
  /** Column whose values name each output row; default the row number. */
  id?: string | null;
  /** Rows per scored chunk. Default 65,536. */
  rowsPerChunk?: number;
  /** A model on an embedding: a file of its vectors (.npy, CSV, Parquet, Arrow), row for row with DATA. */
  vectors?: string;
};

/** Where output goes: text in order; may return a promise to apply backpressure. */
export type Sink = (text: string) => void | Promise<void>;

export type PredictSummary = { rows: number; unknown: Map<string, { count: number; examples: Set<string> }> };

const csvCell = (s: string) => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
const prob = (p: number) => String(Math.round(p * 1e6) / 1e6);

/** Formats scored rows as CSV lines or JSON lines. */
class Writer {
  private readonly classes: string[];
  private readonly withProba: boolean;
  private readonly withSource: boolean;
  private readonly ruleNames: string[];
  constructor(private readonly clf: BundleClassifier, private readonly format: PredictFormat, private readonly idName: string) {
    this.classes = clf.classes;
    this.withProba = clf.kind !== 'rules';
    this.withSource = clf.kind === 'hybrid';
    this.ruleNames = clf.rules?.ruleSet.rules.map((r, k) => r.name || `rule ${k + 1}`) ?? [];
  }

  header(): string {
    if (this.format === 'jsonl') return '';
    const cols = [this.idName, 'prediction', ...(this.withProba ? this.classes.map((c) => `p_${c}`) : []), ...(this.withSource ? ['source'] : [])];
    return `${cols.map(csvCell).join(',')}\n`;
  }

  /** The output lines of a chunk, and the unseen-category counts its model reported. */
  rows(table: Table, firstRow: number, ids: string[] | null, vectors?: Float32Array): { text: string; unknown: { column: string; count: number }[] } {
    const a = this.clf.answer(table, { proba: this.withProba, vectors });
    const K = this.classes.length;
    const out: string[] = new Array(table.n);
    if (this.format === 'csv') {
      const names = this.classes.map(csvCell);
      const rules = this.ruleNames.map(csvCell);
      for (let i = 0; i < table.n; i++) {
        let line = `${ids ? csvCell(ids[i]) : firstRow + i},${a.pred[i] < 0 ? '' : names[a.pred[i]]}`;
        if (this.withProba && a.proba) for (let c = 0; c < K; c++) line += `,${prob(a.proba[i * K + c])}`;
        if (this.withSource) line += `,${a.source[i] === SOURCE_RULES ? rules[a.rule![i]] : a.source[i] === SOURCE_MODEL ? 'model' : ''}`;
        out[i] = line;
      }
    } else {
      const key = JSON.stringify(this.idName);
      const names = this.classes.map((c) => JSON.stringify(c));
      const pKeys = this.classes.map((c) => JSON.stringify(`p_${c}`));
      const rules = this.ruleNames.map((r) => JSON.stringify(r));
      for (let i = 0; i < table.n; i++) {
        let line = `{${key}:${ids ? JSON.stringify(ids[i]) : firstRow + i},"prediction":${a.pred[i] < 0 ? 'null' : names[a.pred[i]]}`;
        if (this.withProba && a.proba) for (let c = 0; c < K; c++) line += `,${pKeys[c]}:${prob(a.proba[i * K + c])}`;
        if (this.withSource) line += `,"source":${a.source[i] === SOURCE_RULES ? rules[a.rule![i]] : a.source[i] === SOURCE_MODEL ? '"model"' : 'null'}`;
        out[i] = `${line}}`;
      }
    }
    return { text: out.length ? `${out.join('\n')}\n` : '', unknown: a.unknown };
  }
}

async function head(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new LoadError(err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'this is a folder, not a file' : `cannot read the file (${err.code ?? String(err)})`, { file: path });
  });
  try {
    const buf = new Uint8Array(1 << 16);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}


type Scored = CsvChunk & { vectors?: Float32Array };

/** The shared part of scoring: the writer, the running summary, and one chunk's scoring. */
function scorer(clf: BundleClassifier, sink: Sink, opts: Pick<PredictFileOptions, 'format' | 'id'>, file: string) {
  const writer = new Writer(clf, opts.format ?? 'csv', opts.id ?? 'row');
  const summary: PredictSummary = { rows: 0, unknown: new Map() };
  const levels = new Map((clf.manifest.input.features?.categorical ?? []).map((s) => [s.name, new Set(s.levels)]));
  let wroteHeader = false;
  const score = async (chunk: Scored) => {
    const table = clf.conform(chunk.table, file);
    if (!wroteHeader) { await sink(writer.header()); wroteHeader = true; }
    const { text, unknown } = writer.rows(table, chunk.firstRow, chunk.ids, chunk.vectors);
    for (const u of unknown) {
      const entry = summary.unknown.get(u.column) ?? { count: 0, examples: new Set<string>() };
      entry.count += u.count;
      // conform made the column categorical: its dictionary holds this chunk's values.
      const col = table.columns.find((c) => c.name === u.column);
      const known = levels.get(u.column);
      if (col?.type === 'categorical' && known) for (const v of col.dictionary) if (!known.has(v) && entry.examples.size < 5) entry.examples.add(v);
      summary.unknown.set(u.column, entry);
    }
    summary.rows += table.n;
    if (text) await sink(text);
  };
  return { summary, score };
}

/** Scores a table already in memory, in row chunks, with the same output as predictFile. */
export async function predictTable(clf: BundleClassifier, table: Table, sink: Sink, opts: Omit<PredictFileOptions, 'vectors'> & { file?: string; vectors?: Float32Array } = {}): Promise<PredictSummary> {
  const file = opts.file ?? 'data';
  const { summary, score } = scorer(clf, sink, opts, file);
  const vectors = opts.vectors;
  const perChunk = opts.rowsPerChunk ?? 65_536;
  const idCol = opts.id ? table.columns.find((c) => c.name === opts.id) : undefined;
  if (opts.id && !idCol) throw new LoadError(`there is no column "${opts.id}" to use as the id`, { file, column: opts.id });
  const dim = clf.manifest.input.embedding?.dim ?? 0;
  for (let s = 0; s < Math.max(1, table.n); s += perChunk) {
    const e = Math.min(table.n, s + perChunk);
    const ids = idCol ? Array.from({ length: e - s }, (_, i) => idText(idCol, s + i)) : null;
    await score({ table: sliceRows(table, s, e), firstRow: s, ids, vectors: vectors?.subarray(s * dim, e * dim) });
  }
  return summary;
}

/** Scores `path` with `clf`, writing to `sink`. Throws LoadError / BundleError (located) on bad input. */
export async function predictFile(clf: BundleClassifier, path: string, sink: Sink, opts: PredictFileOptions = {}): Promise<PredictSummary> {
  const start = await head(path);
  const gz = start[0] === 0x1f && start[1] === 0x8b;
  const name = basename(path).replace(/\.gz$/i, '');
  const format0 = gz ? detectFormat(name, new Uint8Array(0)) : detectFormat(name, start);
  const embedding = clf.manifest.input.embedding;
  if (!(format0 === 'csv' || format0 === 'tsv') || embedding) {
    let table: Table;
    let vectors: Float32Array | undefined;
    const isNpy = !gz && start[0] === 0x93 && String.fromCharCode(...start.subarray(1, 6)) === 'NUMPY';
    if (embedding && isNpy) {
      // Vectors alone: a model on the embedding (a hybrid's rules need a table: give it as DATA, the vectors with --vectors).
      vectors = await readVectors(path, embedding.dim);
      table = { n: vectors.length / embedding.dim, columns: [] };
    } else table = await loadTableFromFile(path);
    if (embedding && opts.vectors) {
      vectors = await readVectors(opts.vectors, embedding.dim);
      if (vectors.length / embedding.dim !== table.n) throw new LoadError(`has ${vectors.length / embedding.dim} vectors for the ${table.n} rows of ${basename(path)}: expected one per row`, { file: opts.vectors });
    }
    return predictTable(clf, table, sink, { ...opts, file: path, vectors });
  }
  const { summary, score } = scorer(clf, sink, opts, path);
  const reader = new CsvColumns(path, clf.manifest.input.columns, { rowsPerChunk: opts.rowsPerChunk, idColumn: opts.id ?? null, delimiter: format0 === 'tsv' ? '\t' : undefined });
  const file = createReadStream(path, { highWaterMark: CSV_CHUNK_BYTES });
  const source = gz ? file.pipe(createGunzip()) : file;
  try {
    for await (const bytes of source) for (const chunk of reader.push(bytes as Buffer)) await score(chunk);
  } catch (err) {
    if (err instanceof Error && 'code' in err && String((err as NodeJS.ErrnoException).code).startsWith('Z_')) throw new LoadError(`not a valid gzip file (truncated or corrupt?): ${err.message}`, { file: path });
    throw err;
  } finally {
    file.destroy();
  }
  for (const chunk of reader.finish()) await score(chunk);
  return summary;
}

async function readVectors(path: string, dim: number): Promise<Float32Array> {
  const emb = await importEmbeddings(basename(path), new Uint8Array(await readFile(path)));
  if (emb.dim !== dim) throw new LoadError(`has ${emb.dim}-number vectors: the model reads ${dim}-number vectors of its embedding`, { file: path });
  return emb.data;
}

function idText(col: Column, i: number): string {
  if (col.type === 'numeric') return Number.isNaN(col.values[i]) ? '' : String(numberAt(col, i));
  if (col.type === 'categorical') return col.codes[i] >= 0 ? col.dictionary[col.codes[i]] : '';
  return col.values[i] ?? '';
}

/** Rows [s, e) of a table (views, no copies of typed columns). */
function sliceRows(t: Table, s: number, e: number): Table {
  if (s === 0 && e === t.n) return t;
  return {
    n: e - s,
    columns: t.columns.map((c): Column => {
      if (c.type === 'numeric') return c.exact ? { ...c, values: c.values.subarray(s, e), exact: c.exact.subarray(s, e) } : { ...c, values: c.values.subarray(s, e) };
      if (c.type === 'categorical') return { ...c, codes: c.codes.subarray(s, e) };
      return { ...c, values: c.values.slice(s, e) };
    }),
  };
}
