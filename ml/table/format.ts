/** Which loader reads a file: magic bytes first (a Parquet file named .csv is still Parquet), then the extension. */
import { extensionOf } from './sniff.ts';

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

export const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** The format of a file from its name and first bytes. */
export function detectFormat(name: string, bytes: Uint8Array): Format {
  if (startsWith(bytes, 'PAR1')) return 'parquet';
  if (startsWith(bytes, 'ARROW1')) return 'arrow';
  // Arrow IPC stream format: a 0xFFFFFFFF continuation marker before the first message.
  if (bytes.length >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff) return 'arrow';
  const ext = extensionOf(name);
  const byExt = EXTENSIONS[ext];
  if (byExt && ext !== 'txt') return byExt;
  // No telling extension: JSON starts with { or [, otherwise delimited text.
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (bytes[i] === 0x5b) return 'json';
  if (bytes[i] === 0x7b) return 'jsonl';
  return 'csv';
}
