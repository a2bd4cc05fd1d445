/**
 * The data layer's front door: `loadTable(name, bytes)` picks a loader by content (magic
 * bytes) and then by extension, and `inferSchema(table)` says what each column means.
 * Every loader builds typed columns directly; malformed input throws a located LoadError.
 * After loading, a numeric label column (Class = 0/1) is made categorical so all later
 * stages read classes one way.
 */
import { loadCsv } from './csv.ts';
import { loadJson, loadJsonLines } from './json.ts';
import { labelAsCategorical } from './schema.ts';
import { LoadError, type Table } from './types.ts';

export * from './types.ts';
export { inferSchema, labelAsCategorical } from './schema.ts';
export { guessLabelColumn, resolveLabel, checkLabelColumn, featureColumnNames, excludedColumns, LABEL_NAMES } from './label.ts';
export type { FeatureRoles, LabelGuess } from './label.ts';
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

/** Gunzips with the platform's DecompressionStream (Node 18+, every current browser). */
async function gunzip(name: string, bytes: Uint8Array): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (err) {
    throw new LoadError(`not a valid gzip file (truncated or corrupt?): ${err instanceof Error ? err.message : String(err)}`, { file: name });
  }
}

/**
 * Loads a table from a file's bytes: CSV, TSV, JSON, JSON lines, Arrow IPC or Parquet, also
 * gzipped (`name.csv.gz`). Throws LoadError (file, row, column, what was expected).
 */
export async function loadTable(name: string, bytes: Uint8Array): Promise<Table> {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return loadTable(name.replace(/\.gz$/i, ''), await gunzip(name, bytes));
  let table: Table;
  switch (detectFormat(name, bytes)) {
    case 'csv':
      table = loadCsv(name, bytes);
      break;
    case 'tsv':
      table = loadCsv(name, bytes, { delimiter: '\t' });
      break;
    case 'json':
      table = loadJson(name, bytes);
      break;
    case 'jsonl':
      table = loadJsonLines(name, bytes);
      break;
    // Arrow and Parquet readers are loaded on first use: most sessions never need them.
    case 'arrow':
      table = (await import('./arrow.ts')).loadArrow(name, bytes);
      break;
    case 'parquet':
      table = await (await import('./parquet.ts')).loadParquet(name, bytes);
      break;
  }
  return labelAsCategorical(table);
}
