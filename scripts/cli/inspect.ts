/**
 * `machine-teacher inspect FILE [--json]`: loads FILE with the app's own loaders (CSV and
 * JSON lines streamed from disk) and prints its row count and inferred schema.
 */
import { basename } from 'node:path';
import { formatFloat32 } from '../../ml/table/builders.ts';
import { inferSchema } from '../../ml/table/index.ts';
import { loadTableFromFile } from '../../ml/table/load-file.node.ts';
import type { ColumnSchema, TableSchema } from '../../ml/table/types.ts';
import { UsageError } from './usage.ts';

const fmt = (v: number | undefined): string => (v === undefined ? '' : formatFloat32(v));

function cells(c: ColumnSchema): string[] {
  const kind = c.kind === 'label' || c.kind === 'image' ? `${c.kind} (${c.type})` : c.kind;
  return [c.name, kind, c.missing.toLocaleString('en-US'), c.distinct === undefined ? '' : c.distinct.toLocaleString('en-US'), fmt(c.min), fmt(c.max)];
}

/** The schema as an aligned plain-text table, one line per column. */
export function formatSchema(file: string, schema: TableSchema): string {
  const rows = [['column', 'type', 'missing', 'distinct', 'min', 'max'], ...schema.columns.map(cells)];
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  const right = new Set([2, 3, 4, 5]);
  const lines = rows.map((r) => r.map((s, j) => (right.has(j) ? s.padStart(widths[j]) : s.padEnd(widths[j]))).join('  ').trimEnd());
  const head = `${file}: ${schema.n.toLocaleString('en-US')} rows × ${schema.columns.length} columns, label: ${schema.labelColumn ?? '(none found)'}`;
  return [head, '', ...lines].join('\n');
}

export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length !== 1 || files[0].startsWith('-')) throw new UsageError('inspect needs exactly one FILE');
  const table = await loadTableFromFile(files[0]);
  const schema = inferSchema(table);
  process.stdout.write(`${json ? JSON.stringify(schema, null, 2) : formatSchema(basename(files[0]), schema)}\n`);
}
