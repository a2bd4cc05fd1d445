/**
 * `machine-teacher inspect FILE [--json] [--label COL | --no-label]`: loads FILE with the app's
 * own loaders (CSV and JSON lines streamed from disk) and prints its row count and inferred
 * schema. The label is the guess unless --label names one (checked: exit 1 if unknown).
 * A NumPy .npy file is read as embeddings (what the app does with one): its shape and dtype.
 * FILE may be a folder of images, or of texts (.txt/.md/.eml and no image): then the table the
 * app would open from it (one row per file, label from subfolders) and every file it could not
 * read, with why.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { importEmbeddings } from '../../ml/embed/import.ts';
import { inspectFolder } from './inspect-folder.ts';
import { formatFloat32 } from '../../ml/table/builders.ts';
import { inferSchema } from '../../ml/table/index.ts';
import { loadTableFromFile } from '../../ml/table/load-file.node.ts';
import { LoadError, type ColumnSchema, type TableSchema } from '../../ml/table/types.ts';
import { LABEL_OPTIONS, labelFromArgs, parseVerb } from './args.ts';
import { UsageError } from './usage.ts';

const fmt = (v: number | undefined): string => (v === undefined ? '' : formatFloat32(v));

function cells(c: ColumnSchema): string[] {
  const kind = c.kind === 'label' || c.kind === 'image' ? `${c.kind} (${c.type})` : c.kind;
  return [c.name, kind, c.missing.toLocaleString('en-US'), c.distinct === undefined ? '' : c.distinct.toLocaleString('en-US'), fmt(c.min), fmt(c.max)];
}

/** The schema as an aligned plain-text table, one line per column. */
export function formatSchema(file: string, schema: TableSchema, guessed: boolean): string {
  const rows = [['column', 'type', 'missing', 'distinct', 'min', 'max'], ...schema.columns.map(cells)];
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  const right = new Set([2, 3, 4, 5]);
  const lines = rows.map((r) => r.map((s, j) => (right.has(j) ? s.padStart(widths[j]) : s.padEnd(widths[j]))).join('  ').trimEnd());
  const label = schema.labelColumn === null ? '(none)' : `${schema.labelColumn}${guessed ? ' (guessed)' : ''}`;
  const head = `${file}: ${schema.n.toLocaleString('en-US')} rows × ${schema.columns.length} columns, label: ${label}`;
  return [head, '', ...lines].join('\n');
}

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseVerb('inspect', args, { json: { type: 'boolean' }, ...LABEL_OPTIONS });
  if (positionals.length !== 1) throw new UsageError('inspect needs exactly one FILE');
  if (/\.npy$/i.test(positionals[0])) return inspectNpy(positionals[0], values.json === true);
  if ((await stat(positionals[0]).catch(() => null))?.isDirectory()) return inspectFolder(positionals[0], values);
  const table = await loadTableFromFile(positionals[0]);
  const label = labelFromArgs(table, values, basename(positionals[0]));
  const schema = inferSchema(table, label.column);
  process.stdout.write(`${values.json ? JSON.stringify(schema, null, 2) : formatSchema(basename(positionals[0]), schema, label.guessed)}\n`);
}

async function inspectNpy(path: string, json: boolean): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    throw new LoadError((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read the file (${(err as Error).message})`, { file: path });
  }
  const emb = await importEmbeddings(path, bytes);
  const summary = { n: emb.n, dim: emb.dim, source: emb.source };
  process.stdout.write(`${json ? JSON.stringify(summary, null, 2) : `${basename(path)}: ${emb.n.toLocaleString('en-US')} vectors × ${emb.dim.toLocaleString('en-US')} dimensions (${emb.source})`}\n`);
}
