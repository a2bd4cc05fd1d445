/** Embedding files in: .npy as numpy writes it, CSV, Parquet; joining to a table; located errors. */
import { describe, expect, it } from 'vitest';
import { chooseJoin, importEmbeddings, joinEmbeddings } from '../../../ml/embed/import.ts';
import { LoadError, type Table } from '../../../ml/table/types.ts';
import { writeParquet } from '../../../ml/table/parquet-write.ts';
import { npyBytes } from '../../fixtures/npy.ts';

const rows = [[1, 2, 3], [0.5, -1.5, 4], [-2, 0, 3.25], [8, 16, -0.25]];
const flat = Float32Array.from(rows.flat());
const text = (s: string) => new TextEncoder().encode(s);

async function located(p: Promise<unknown>): Promise<LoadError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(LoadError);
  return err as LoadError;
}

describe('.npy', () => {
  it('reads float32, float64, big-endian, float16 and Fortran-ordered arrays to the same rows', async () => {
    for (const [dtype, fortran] of [['<f4', false], ['<f8', false], ['>f4', false], ['<f2', false], ['<f4', true]] as const) {
      const e = await importEmbeddings('v.npy', npyBytes(rows, dtype, fortran));
      expect({ n: e.n, dim: e.dim }).toEqual({ n: 4, dim: 3 });
      expect(e.data).toEqual(flat);
    }
  });

  it('says where a file is bad: not finite, truncated, not 2-D, not .npy', async () => {
    const nan = await located(importEmbeddings('nan.npy', npyBytes([[1, 2], [3, NaN]])));
    expect(nan.location).toMatchObject({ file: 'nan.npy', row: 2, column: 2 });
    expect(nan.message).toMatch(/finite/);
    const full = npyBytes(rows);
    expect((await located(importEmbeddings('cut.npy', full.subarray(0, full.length - 5)))).message).toMatch(/truncated/);
    const oneD = npyBytes(rows);
    const header = new TextDecoder().decode(oneD.subarray(10, 90)).replace('(4, 3)', '(12,)  ');
    oneD.set(text(header), 10);
    expect((await located(importEmbeddings('flat.npy', oneD))).message).toMatch(/2-D/);
    expect((await located(importEmbeddings('zip.npy', Uint8Array.from([0x50, 0x4b, 3, 4])))).message).toMatch(/\.npz/);
  });
});

describe('CSV and Parquet', () => {
  it('reads a CSV with a header and an id column, and locates a bad cell and a short row', async () => {
    const csv = `id,a,b,c\n${rows.map((r, i) => `item${i},${r.join(',')}`).join('\n')}\n`;
    const e = await importEmbeddings('v.csv', text(csv));
    expect(e.data).toEqual(flat);
    expect(e.ids).toEqual(['item0', 'item1', 'item2', 'item3']);
    const bad = await located(importEmbeddings('bad.csv', text('1,2,3\n4,oops,6\n')));
    expect(bad.location).toMatchObject({ file: 'bad.csv', row: 2 });
    const short = await located(importEmbeddings('short.csv', text('1,2,3\n4,5\n')));
    expect(short.location).toMatchObject({ row: 2 });
  });

  it('reads a Parquet file of N numeric columns and an id column', async () => {
    const table: Table = {
      n: 4,
      columns: [
        { name: 'key', type: 'text', values: ['a', 'b', 'c', 'd'] },
        ...[0, 1, 2].map((d) => ({ name: `f${d}`, type: 'numeric' as const, values: Float32Array.from(rows, (r) => r[d]) })),
      ],
    };
    const e = await importEmbeddings('v.parquet', writeParquet(table));
    expect(e.data).toEqual(flat);
    expect(e.ids).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('joining to a table', () => {
  const table: Table = { n: 3, columns: [{ name: 'name', type: 'text', values: ['c', 'a', 'b'] }, { name: 'x', type: 'numeric', values: Float32Array.from([1, 2, 3]) }] };
  const emb = { n: 3, dim: 2, data: Float32Array.from([1, 1, 2, 2, 3, 3]), ids: ['a', 'b', 'c'], source: 'test' };

  it('picks the column whose values are the ids and puts each vector on its row', () => {
    const spec = chooseJoin(emb, table);
    expect(spec).toEqual({ by: 'column', column: 'name' });
    expect(Array.from(joinEmbeddings(emb, table, spec).data)).toEqual([3, 3, 1, 1, 2, 2]);
    expect(chooseJoin({ ...emb, ids: undefined }, table)).toEqual({ by: 'row' });
    expect(chooseJoin({ ...emb, ids: ['p', 'q', 'r'] }, table)).toEqual({ by: 'row' });
  });

  it('refuses a count mismatch by row and unknown or missing ids by column, saying which', () => {
    expect(() => joinEmbeddings({ ...emb, n: 2, data: emb.data.subarray(0, 4) }, table, { by: 'row' })).toThrow(/2 vectors but the table has 3 rows/);
    expect(() => joinEmbeddings({ ...emb, ids: ['a', 'b', 'z'] }, table, { by: 'column', column: 'name' })).toThrow(/"z"/);
    expect(() => joinEmbeddings({ ...emb, n: 2, data: emb.data.subarray(0, 4), ids: ['a', 'b'] }, table, { by: 'column', column: 'name' })).toThrow(/1 of the table's 3 rows have no vector.*"c"/);
  });
});
