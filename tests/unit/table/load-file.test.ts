import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTable, LoadError } from '../../../ml/table/index.ts';
import { loadTableFromFile } from '../../../ml/table/load-file.node.ts';
import { tableToCsv } from '../../../ml/table/csv-write.ts';
import { generateCreditCard } from '../../../ml/table/generate-creditcard.ts';
import { writeParquet } from '../../../ml/table/parquet-write.ts';
import { errorOf } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'mt-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadTableFromFile (streaming from disk)', () => {
  // ~3 MB of CSV: several 1 MB read chunks, with rows and quotes cut at chunk edges.
  const g = generateCreditCard({ seed: 7, n: 20_000 });
  const csv = tableToCsv(g);

  it('gives the same table as the in-memory loader, and round-trips the generated values', async () => {
    const path = join(dir, 'cc.csv');
    writeFileSync(path, csv);
    expect(csv.length).toBeGreaterThan(2 << 20);
    const streamed = await loadTableFromFile(path);
    const inMemory = await loadTable('cc.csv', new Uint8Array(readFileSync(path)));
    expect(streamed).toEqual(inMemory);
    expect(streamed).toEqual(g);
  });

  it('streams quoted multi-line fields and JSON lines the same way', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i},"line ${i}\nsecond ""part"", ok",${i % 7}`);
    const quoted = `id,note,k\r\n${rows.join('\r\n')}\r\n`;
    writeFileSync(join(dir, 'q.csv'), quoted);
    expect(await loadTableFromFile(join(dir, 'q.csv'))).toEqual(await loadTable('q.csv', new TextEncoder().encode(quoted)));
    const lines = Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ i, s: `é${i % 13}` })).join('\n');
    writeFileSync(join(dir, 'l.jsonl'), lines);
    expect(await loadTableFromFile(join(dir, 'l.jsonl'))).toEqual(await loadTable('l.jsonl', new TextEncoder().encode(lines)));
  });

  it('reads other formats whole, and reports missing files and bad rows with the file name', async () => {
    writeFileSync(join(dir, 'small.parquet'), writeParquet(generateCreditCard({ seed: 1, n: 100 })));
    expect((await loadTableFromFile(join(dir, 'small.parquet'))).n).toBe(100);
    const missing = await errorOf(loadTableFromFile(join(dir, 'nope.csv')));
    expect(missing).toBeInstanceOf(LoadError);
    expect(missing.message).toBe(`${join(dir, 'nope.csv')}: no such file`);
    writeFileSync(join(dir, 'bad.csv'), `${csv.slice(0, 2_500_000)}\n1,2\n`);
    const bad = await errorOf(loadTableFromFile(join(dir, 'bad.csv')));
    expect(bad.message.startsWith(`${join(dir, 'bad.csv')}: row `)).toBe(true);
    expect(bad.message).toMatch(/: row \d+, column \w+: expected 31 fields, found \d+$/);
  });
});
