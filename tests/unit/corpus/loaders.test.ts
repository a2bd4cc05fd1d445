/**
 * Every file of the bad-input corpus through every loader that reads it: the table loader
 * from bytes in memory, streamed from disk, and fed 3 bytes at a time (chunk boundaries
 * anywhere), and the embedding importer with its join. Each gives exactly the outcome the
 * corpus states: a LoadError naming the file and the place, or a table; never another
 * exception, never a hang.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CASES, COMMITTED, EMBEDDING_TABLE_ROWS } from '../../fixtures/bad/corpus.ts';
import { BOMB_MEMBER_BYTES, BOMB_MEMBERS } from '../../fixtures/bad/big.ts';
import { loadTable, TableLoader, type Table } from '../../../ml/table/index.ts';
import { loadTableFromFile } from '../../../ml/table/load-file.node.ts';
import { chooseJoin, importEmbeddings, joinEmbeddings } from '../../../ml/embed/import.ts';
import { corpusOnDisk, expectOutcome, FIXTURES, settle } from './corpus-files.ts';
import { catValues, num } from '../table/helpers.ts';

const corpus = corpusOnDisk();
afterAll(() => corpus.remove());

const tableSize = (t: Table): [number, number] => [t.n, t.columns.length];

async function inTinyChunks(name: string, bytes: Uint8Array): Promise<Table> {
  const loader = new TableLoader(name, { totalBytes: bytes.length });
  for (let at = 0; at < bytes.length; at += 3) loader.push(bytes.subarray(at, at + 3));
  return loader.finish();
}

describe('the corpus', () => {
  it('has at least 60 files across every format the issue names, each committed file as make.ts writes it', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(CASES.map((c) => c.file.replace(/^.*?\.(?=[a-z]+(\.gz)?$)/, '')));
    for (const k of ['csv', 'tsv', 'json', 'jsonl', 'parquet', 'arrow', 'npy', 'csv.gz', 'png', 'jpg']) expect(kinds, k).toContain(k);
    expect(new Set(CASES.map((c) => c.file)).size).toBe(CASES.length);
    for (const c of COMMITTED) {
      if (c.duckdb) continue;
      expect(Buffer.compare(readFileSync(`${FIXTURES}/${c.file}`), Buffer.from(c.make())), c.file).toBe(0);
    }
    const readme = readFileSync(`${FIXTURES}/README.md`, 'utf8');
    for (const c of CASES) expect(readme, c.file).toContain(`\`${c.file}\``);
  });

  it('makes the gzip bomb it says: about 2.5 MB that expand to 1 GiB', () => {
    const bomb = CASES.find((c) => c.file === 'gzip-bomb.csv.gz')!;
    const size = corpus.bytesOf(bomb).length;
    expect(size).toBeLessThan(3 * 2 ** 20);
    expect(BOMB_MEMBERS * BOMB_MEMBER_BYTES).toBeGreaterThanOrEqual(2 ** 30 - 2 ** 20);
  });
});

describe('table loader on every corpus file', () => {
  for (const c of CASES.filter((x) => x.table)) {
    it(c.file, async () => {
      const bytes = corpus.bytesOf(c);
      expectOutcome(await settle(loadTable(c.file, bytes), `${c.file} in memory`), c.table!, c.file, tableSize);
      const path = corpus.pathOf(c);
      expectOutcome(await settle(loadTableFromFile(path), `${c.file} from disk`), c.table!, path, tableSize);
      if (bytes.length < 70_000) expectOutcome(await settle(inTinyChunks(c.file, bytes), `${c.file} in 3-byte chunks`), c.table!, c.file, tableSize);
    }, 60_000);
  }
});

describe('embedding importer on the corpus files it reads', () => {
  const table: Table = { n: EMBEDDING_TABLE_ROWS, columns: [] };
  for (const c of CASES.filter((x) => x.embedding)) {
    it(c.file, async () => {
      const work = (async () => {
        const emb = await importEmbeddings(c.file, corpus.bytesOf(c));
        joinEmbeddings(emb, table, chooseJoin(emb, table), c.file);
        return emb;
      })();
      expectOutcome(await settle(work, c.file), c.embedding!, c.file, (e) => [e.n, e.dim]);
    });
  }
});

describe('the files that load are read right', () => {
  const load = (file: string) => loadTable(file, corpus.bytesOf(CASES.find((c) => c.file === file)!));

  it('NaN is missing; inf, -inf, Infinity and +inf are ±Infinity in a numeric column', async () => {
    const t = await load('nan-inf.csv');
    const [x, y] = [num(t, 'x'), num(t, 'y')];
    expect([Number.isNaN(x[0]), x[1], x[2], x[3]]).toEqual([true, 1, -Infinity, 2]);
    expect(Array.from(y)).toEqual([Infinity, -Infinity, Infinity, Infinity]);
  });

  it('Windows-1252, duplicate and empty names, formulas kept as text, prototype keys as names', async () => {
    expect(catValues(await load('windows-1252.csv'), 'name')).toEqual(['José', 'Ann']);
    expect((await load('duplicate-headers.csv')).columns.map((c) => c.name)).toEqual(['a', 'a_2', 'a_3']);
    expect((await load('empty-headers.csv')).columns.map((c) => c.name)).toEqual(['column_1', 'column_2', 'x']);
    expect(catValues(await load('formula-injection.csv'), 'name')).toEqual(["=cmd|' /C calc'!A0", '+1+1']);
    expect((await load('proto-keys.json')).columns.map((c) => c.name)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('nested Parquet columns become their JSON text; the 10 MB field arrives whole', async () => {
    const t = await load('nested-column.parquet');
    expect(catValues(t, 'v')[1]).toBe('[1,2,3]');
    expect(JSON.parse(catValues(t, 's')[2] as string)).toEqual({ a: 2, b: 'x2' });
    const long = await load('field-10mb.csv');
    const body = long.columns.find((c) => c.name === 'body')!;
    const first = body.type === 'text' ? body.values[0] : body.type === 'categorical' ? body.dictionary[body.codes[0]] : null;
    expect(first?.length).toBe(10 * 2 ** 20);
    expect(first?.startsWith('lorem ipsum, "dolor" sit amet\n')).toBe(true);
  });

  it('says exactly where the invalid UTF-8 byte is', async () => {
    const c = CASES.find((x) => x.file === 'invalid-utf8-late.csv')!;
    const bytes = corpus.bytesOf(c);
    const got = await settle(loadTable(c.file, bytes), c.file);
    expect((got.error as { location: { byte: number } }).location.byte).toBe(bytes.indexOf(0xff));
  });

  it('keeps only the dictionary entries the rows use (10,000,000 entries, 1,000 rows)', async () => {
    const t = await load('dictionary-10m.arrow');
    const code = t.columns[0];
    const used = code.type === 'categorical' ? code.dictionary.length : code.type === 'text' ? new Set(code.values).size : 0;
    expect(used).toBe(1000);
  });
});
