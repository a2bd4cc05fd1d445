import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { tableFromArrays, tableToIPC, vectorFromArray, Table as ArrowTable, Utf8, Dictionary, Int32 } from 'apache-arrow';
import { loadTable, LoadError } from '../../../ml/table/index.ts';
import { generateCreditCard } from '../../../ml/table/generate-creditcard.ts';
import { writeParquet, type ParquetCodec } from '../../../ml/table/parquet-write.ts';
import type { Table } from '../../../ml/table/types.ts';
import { bytes, cat, catValues, errorOf, num } from './helpers.ts';

const mixed: Table = {
  n: 4,
  columns: [
    { name: 'x', type: 'numeric', values: new Float32Array([1.5, NaN, -3, 4e6]) },
    { name: 'grade', type: 'categorical', codes: new Int32Array([0, -1, 1, 0]), dictionary: ['A', 'Bé'] },
    { name: 'note', type: 'text', values: ['first line', null, 'third, with comma', 'fourth'] },
  ],
};

describe('Arrow IPC loader', () => {
  const arrow = tableFromArrays({
    f64: new Float64Array([0.5, 1.5, 2.5]),
    i32: new Int32Array([4, 5, 6]),
    i64: new BigInt64Array([7n, 8n, 9n]),
    s: ['x', 'y', 'x'],
  });

  it('round-trips a table written with apache-arrow (file and stream formats)', async () => {
    for (const format of ['file', 'stream'] as const) {
      const t = await loadTable(`t.${format === 'file' ? 'arrow' : 'arrows'}`, tableToIPC(arrow, format));
      expect(t.n).toBe(3);
      expect(num(t, 'f64')).toEqual(new Float32Array([0.5, 1.5, 2.5]));
      expect(num(t, 'i32')).toEqual(new Float32Array([4, 5, 6]));
      expect(num(t, 'i64')).toEqual(new Float32Array([7, 8, 9]));
      expect(catValues(t, 's')).toEqual(['x', 'y', 'x']);
    }
  });

  it('reads nulls, booleans and dictionary-encoded strings', async () => {
    const withNulls = new ArrowTable({
      v: vectorFromArray([1, null, 3]),
      b: vectorFromArray([true, false, null]),
      d: vectorFromArray(['lo', 'hi', 'lo'], new Dictionary(new Utf8(), new Int32())),
    });
    const t = await loadTable('n.feather', tableToIPC(withNulls));
    const v = num(t, 'v');
    expect([v[0], Number.isNaN(v[1]), v[2]]).toEqual([1, true, 3]);
    expect(catValues(t, 'b')).toEqual(['true', 'false', null]);
    expect(cat(t, 'd').dictionary).toEqual(['hi', 'lo']);
  });

  it('rejects a truncated Arrow file with a LoadError', async () => {
    const ipc = tableToIPC(arrow, 'file');
    const err = await errorOf(loadTable('cut.arrow', ipc.subarray(0, ipc.length - 24)));
    expect(err).toBeInstanceOf(LoadError);
    expect(err.message).toMatch(/^cut\.arrow: not a complete Arrow IPC file/);
  });
});

describe('Parquet loader (hyparquet) with our writer', () => {
  it('round-trips numeric, categorical and text columns with nulls', async () => {
    const t = await loadTable('m.parquet', writeParquet(mixed));
    expect(t.n).toBe(4);
    const x = num(t, 'x');
    expect([x[0], Number.isNaN(x[1]), x[2], x[3]]).toEqual([1.5, true, -3, 4e6]);
    expect(catValues(t, 'grade')).toEqual(['A', null, 'Bé', 'A']);
    expect(catValues(t, 'note')).toEqual(['first line', null, 'third, with comma', 'fourth']);
  });

  it.each<[ParquetCodec, ((b: Uint8Array) => Uint8Array) | undefined]>([
    ['UNCOMPRESSED', undefined], ['SNAPPY', undefined], ['ZSTD', undefined], ['GZIP', (b) => gzipSync(b)],
  ])('reads %s pages across several row groups', async (codec, compress) => {
    const g = generateCreditCard({ seed: 3, n: 2500 });
    const file = writeParquet(g, { codec, compress, rowGroupSize: 1000 });
    const t = await loadTable('cc.parquet', file);
    expect(t.n).toBe(2500);
    expect(num(t, 'V14')).toEqual(num(g, 'V14'));
    expect(num(t, 'Amount')).toEqual(num(g, 'Amount'));
    expect(cat(t, 'Class')).toEqual(cat(g, 'Class'));
  });

  it('rejects truncated Parquet files and binary garbage', async () => {
    const file = writeParquet(mixed);
    for (const cut of [file.subarray(0, file.length - 10), file.subarray(0, 6)]) {
      const err = await errorOf(loadTable('cut.parquet', cut));
      expect(err).toBeInstanceOf(LoadError);
      expect(err.message).toMatch(/^cut\.parquet: not a complete Parquet file/);
    }
    // Right magic at both ends, nonsense in between.
    const junk = new Uint8Array([...bytes('PAR1'), 1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 0, 0, 0, ...bytes('PAR1')]);
    expect(await errorOf(loadTable('junk.parquet', junk))).toBeInstanceOf(LoadError);
  });
});

describe('format detection', () => {
  it('trusts magic bytes over the extension and unpacks gzip', async () => {
    const pq = await loadTable('mislabelled.csv', writeParquet(mixed));
    expect(pq.n).toBe(4);
    const gz = await loadTable('notes.csv.gz', gzipSync(bytes('a,note\n1,hello\n2,world\n')));
    expect(catValues(gz, 'note')).toEqual(['hello', 'world']);
  });
});
