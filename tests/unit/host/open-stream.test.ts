/**
 * Opening files as streams, the way the app now does: an upload's chunks (browser mode) or a
 * file on disk by path (desktop dialog, `npm start -- PATH`) go through the loader as they
 * arrive, with progress per job, a working cancel, the same dataset key as the bytes opened
 * whole, and the cell budget said clearly past it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../../electron/backend/backend.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';
import { tableToCsv } from '../../../ml/table/csv-write.ts';
import { generateCreditCard } from '../../../ml/table/generate-creditcard.ts';
import type { OpenProgress } from '../../../ml/api.ts';

const dir = mkdtempSync(join(tmpdir(), 'mt-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csv = new TextEncoder().encode(tableToCsv(generateCreditCard({ seed: 3, n: 20_000 })));
const bigPath = join(dir, 'cc.csv');
writeFileSync(bigPath, csv);

/** The bytes in 64 KiB chunks, with a pause before each so others can look in between. */
async function* slowly(bytes: Uint8Array, onChunk?: (k: number) => void): AsyncGenerator<Uint8Array> {
  for (let at = 0, k = 0; at < bytes.length; at += 1 << 16, k++) {
    await new Promise((r) => setTimeout(r, 1));
    onChunk?.(k);
    yield bytes.subarray(at, at + (1 << 16));
  }
}

const backend = () => createBackend({ mode: 'browser', version: 't', datasetsDir: DATASETS_DIR, dataDir: mkdtempSync(join(dir, 'data-')), startupPaths: [bigPath, join(dir, 'missing.csv')] });

describe('opening a stream', () => {
  it('parses an upload as it arrives, reports progress per job, and keys it like the same bytes opened whole', async () => {
    const api = backend();
    const seen: OpenProgress[] = [];
    const opening = api.openStream('cc.csv', slowly(csv, (k) => { if (k % 20 === 10) void api.openProgress('up-1').then((p) => p && seen.push(p)); }), { size: csv.length, job: 'up-1' });
    const ds = await opening;
    expect(ds.table.n).toBe(20_000);
    expect(ds.table.columns).toHaveLength(31);
    expect(ds.key).toBe((await api.openFile({ name: 'cc.csv', bytes: csv })).key);
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].bytes).toBeGreaterThanOrEqual(seen[i - 1].bytes);
      expect(seen[i].rows).toBeGreaterThanOrEqual(seen[i - 1].rows);
    }
    expect(seen.at(-1)!.rows).toBeGreaterThan(0);
    expect(seen[0].total).toBe(csv.length);
    expect(await api.openProgress('up-1')).toBeNull();
  });

  it('stops when cancelled, mid-way or even before the upload arrives', async () => {
    const api = backend();
    const cut = api.openStream('cc.csv', slowly(csv, (k) => { if (k === 5) void api.cancelOpen('up-2'); }), { size: csv.length, job: 'up-2' });
    await expect(cut).rejects.toThrow(/Opening cc\.csv was cancelled/);
    await api.cancelOpen('up-3');
    await expect(api.openStream('cc.csv', slowly(csv), { size: csv.length, job: 'up-3' })).rejects.toThrow(/cancelled/);
  });

  it('says where an upload is bad, and when a table passes the cell budget', async () => {
    const api = backend();
    await expect(api.openStream('bad.csv', slowly(new TextEncoder().encode('a,b\n1,2\n3\n')), { size: 10, job: 'b1' })).rejects.toThrow(/^bad\.csv: row 2, column b: expected 2 fields, found 1$/);
    const small = createBackend({ mode: 'browser', version: 't', datasetsDir: DATASETS_DIR, dataDir: mkdtempSync(join(dir, 'data-')), limits: { maxCells: 31 * 1000 } });
    await expect(small.openStream('cc.csv', slowly(csv), { size: csv.length, job: 'b2' })).rejects.toThrow(/^cc\.csv: row 1001: the table is too big for this machine: 1,001 rows × 31 columns passes the limit of 31,000 cells/);
  });
});

describe('opening by path', () => {
  it('offers the command line files that exist, and opens them from disk with progress', async () => {
    const api = backend();
    const files = await api.startupFiles();
    expect(files).toEqual([{ name: 'cc.csv', path: bigPath, size: csv.length }]);
    const ds = await api.openPath(bigPath, 'p1');
    expect(ds.table.n).toBe(20_000);
    expect(ds.key).toBe((await api.openFile({ name: 'cc.csv', bytes: csv })).key);
  });

  it('refuses any other path', async () => {
    const api = backend();
    writeFileSync(join(dir, 'other.csv'), 'a\n1\n');
    await expect(api.openPath(join(dir, 'other.csv'), 'p2')).rejects.toThrow(/^Refused to read/);
    await expect(api.openPath(join(dir, 'missing.csv'), 'p3')).rejects.toThrow(/^Refused to read/);
  });
});
