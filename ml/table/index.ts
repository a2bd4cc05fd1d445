/**
 * The data layer's front door: `loadTable(name, bytes)` picks a loader by content (magic
 * bytes) and then by extension, and `inferSchema(table)` says what each column means.
 * Every loader builds typed columns directly; malformed input throws a located LoadError.
 * After loading, a numeric label column (Class = 0/1) is made categorical so all later
 * stages read classes one way.
 */
import { loadCsv } from './csv.ts';
import { labelAsCategorical } from './schema.ts';
import { LoadError, type Table } from './types.ts';

export * from './types.ts';
export { inferSchema, findLabelColumn, labelAsCategorical, LABEL_NAMES } from './schema.ts';
export { generateCreditCard } from './generate-creditcard.ts';

export type Format = 'csv' | 'tsv' | 'json' | 'jsonl' | 'arrow' | 'parquet';

const EXTENSIONS: Record<string, Format> = {
  csv: 'csv', tsv: 'tsv', tab: 'tsv', txt: 'csv', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl',
  arrow: 'arrow', feather: 'arrow', ipc: 'arrow', arrows: 'arrow', parquet: 'parquet', pq: 'parquet',
};

function startsWith(bytes: Uint8Array, text: string, at = 0): boolean {
  if (at < 0 || bytes.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The format of a file: magic bytes win (a Parquet file named .csv is still Parquet), then the extension. */
export function detectFormat(name: string, bytes: Uint8Array): Format {
  if (startsWith(bytes, 'PAR1')) return 'parquet';
  if (startsWith(bytes, 'ARROW1')) return 'arrow';
  // Arrow IPC stream format: a 0xFFFFFFFF continuation marker before the first message.
  if (bytes.length >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff) return 'arrow';
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const byExt = EXTENSIONS[ext];
  if (byExt && ext !== 'txt') return byExt;
  // No telling extension: JSON starts with { or [, otherwise delimited text.
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (bytes[i] === 0x5b) return 'json';
  if (bytes[i] === 0x7b) return 'jsonl';
  return 'csv';
}

/** Loads a table from a file's bytes. Throws LoadError (file, row, column, what was expected). */
export async function loadTable(name: string, bytes: Uint8Array): Promise<Table> {
  const format = detectFormat(name, bytes);
  let table: Table;
  switch (format) {
    case 'csv':
      table = loadCsv(name, bytes);
      break;
    case 'tsv':
      table = loadCsv(name, bytes, { delimiter: '\t' });
      break;
    default:
      throw new LoadError(`${format} files are not supported yet`, { file: name });
  }
  return labelAsCategorical(table);
}
