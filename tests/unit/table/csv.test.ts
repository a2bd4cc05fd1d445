import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CsvParser, loadCsv } from '../../../ml/table/csv.ts';
import { fastDecimal } from '../../../ml/table/builders.ts';
import { loadTable, LoadError } from '../../../ml/table/index.ts';
import { bytes, cat, catValues, errorOf, num, text } from './helpers.ts';

describe('CSV loader', () => {
  it('builds typed columns: numbers as Float32, strings dictionary-coded', async () => {
    const t = await loadTable('a.csv', bytes('x,y,name\n1,2.5,a\n3,-4e2,b\n5,,a\n'));
    expect(t.n).toBe(3);
    expect(num(t, 'x')).toEqual(new Float32Array([1, 3, 5]));
    const y = num(t, 'y');
    expect([y[0], y[1]]).toEqual([2.5, -400]);
    expect(Number.isNaN(y[2])).toBe(true);
    expect(cat(t, 'name').codes).toBeInstanceOf(Int32Array);
    expect(catValues(t, 'name')).toEqual(['a', 'b', 'a']);
  });

  it('treats NA, NaN, null, empty and ? as missing in numeric and string columns', async () => {
    const t = await loadTable('m.csv', bytes('n,s\nNA,a\nNaN,NA\nnull,\n?,b\n7,null\n'));
    const n = num(t, 'n');
    expect(Array.from(n.subarray(0, 4), Number.isNaN)).toEqual([true, true, true, true]);
    expect(n[4]).toBe(7);
    expect(catValues(t, 's')).toEqual(['a', null, null, 'b', null]);
  });

  it('switches a column to strings on its first non-number, keeping the earlier numbers as text', async () => {
    const t = await loadTable('s.csv', bytes('zip,v\n13.99,1\n02134,2\nAB1,3\n'));
    expect(catValues(t, 'zip')).toEqual(['13.99', '2134', 'AB1']);
    expect(num(t, 'v')).toEqual(new Float32Array([1, 2, 3]));
  });

  it('does not read hex, blanks or words as numbers', async () => {
    const t = await loadTable('h.csv', bytes('a,b\n0x1F,1\n"  ",2\n'));
    expect(catValues(t, 'a')).toEqual(['0x1F', '  ']);
  });

  it('handles quoted fields with separators, newlines and escaped quotes', async () => {
    const csv = 'id,note\n1,"hello, world"\n2,"two\nlines"\n3,"say ""hi"""\n';
    const t = await loadTable('q.csv', bytes(csv));
    expect(t.n).toBe(3);
    expect(catValues(t, 'note')).toEqual(['hello, world', 'two\nlines', 'say "hi"']);
  });

  it('strips a UTF-8 BOM, reads CRLF and ignores blank trailing lines', async () => {
    const t = await loadTable('w.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('name,val\r\nx,1\r\ny,2\r\n\r\n\r\n')]));
    expect(t.columns.map((c) => c.name)).toEqual(['name', 'val']);
    expect(t.n).toBe(2);
    expect(catValues(t, 'name')).toEqual(['x', 'y']);
  });

  it('reads Windows-1252 text (Excel exports) when the start is not UTF-8', async () => {
    const t = await loadTable('w.csv', new Uint8Array([...bytes('city,n\ncaf'), 0xe9, ...bytes(',1\nZ'), 0xfc, ...bytes('rich,2\n')]));
    expect(catValues(t, 'city')).toEqual(['café', 'Zürich']);
  });

  it('reads TSV by extension and guesses ; or tab separators for .txt', async () => {
    const tsv = await loadTable('a.tsv', bytes('a\tb\n1\tx,y\n'));
    expect(catValues(tsv, 'b')).toEqual(['x,y']);
    const semi = await loadTable('a.txt', bytes('a;b;c\n1;2;3\n'));
    expect(semi.columns.length).toBe(3);
  });

  it('reads thousands of columns', async () => {
    const cols = 3000;
    const header = Array.from({ length: cols }, (_, j) => `c${j}`).join(',');
    const row = (i: number) => Array.from({ length: cols }, (_, j) => i * cols + j).join(',');
    const t = await loadTable('wide.csv', bytes(`${header}\n${row(0)}\n${row(1)}\n`));
    expect(t.columns.length).toBe(cols);
    expect(num(t, 'c2999')[1]).toBe(5999);
    expect(num(t, 'c0')[0]).toBe(0);
  });

  it('makes empty and duplicate column names unique', async () => {
    const t = await loadTable('d.csv', bytes('a,a,,b, a \n1,2,3,4,5\n'));
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'a_2', 'column_3', 'b', 'a_3']);
  });

  it('parses a header-only file as 0 rows, which opening refuses with a located error', async () => {
    const p = new CsvParser('h.csv');
    p.push(bytes('a,b,c\n'));
    const t = p.finish();
    expect(t.n).toBe(0);
    expect(t.columns.map((c) => c.type)).toEqual(['numeric', 'numeric', 'numeric']);
    const err = await errorOf(loadTable('h.csv', bytes('a,b,c\n')));
    expect(err.message).toBe('h.csv: the file has no data rows (only column names: a, b, c)');
  });

  it('turns many distinct or long strings into a text column', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${i},comment number ${i},${i % 3 ? 'a' : 'b'}`);
    const t = await loadTable('t.csv', bytes(`id,comment,grp\n${rows.join('\n')}\n`));
    expect(text(t, 'comment')[7]).toBe('comment number 7');
    expect(cat(t, 'grp').dictionary).toEqual(['a', 'b']);
  });

  it('gives the same table whatever the chunk boundaries (split inside quotes, CRLF and UTF-8)', async () => {
    const csv = bytes('name,"quoted, col",n\r\n"é ""x""",1,2\r\n"multi\r\nline",ü,3\r\nplain,"ok",4\r\n');
    const whole = loadCsv('c.csv', csv);
    for (const size of [1, 2, 3, 5, 7]) {
      const p = new CsvParser('c.csv');
      for (let at = 0; at < csv.length; at += size) p.push(csv.subarray(at, at + size));
      expect(p.finish()).toEqual(whole);
    }
    expect(catValues(whole, 'name')).toEqual(['é "x"', 'multi\r\nline', 'plain']);
  });

  it('reads a multi-megabyte quoted field the same whatever the chunk size (the long-row shortcut)', () => {
    const field = 'a "quoted" word, a comma\nand a line\r\n'.repeat(90_000);
    const csv = bytes(`id,body,n\n1,"${field.replace(/"/g, '""')}",7\n2,"short ""one""",8\n3,plain,9\n`);
    for (const size of [1 << 20, (1 << 20) + 1, 333_333, 65_536]) {
      const p = new CsvParser('long.csv');
      for (let at = 0; at < csv.length; at += size) p.push(csv.subarray(at, at + size));
      const t = p.finish();
      expect(t.n, `chunks of ${size}`).toBe(3);
      expect(catValues(t, 'body'), `chunks of ${size}`).toEqual([field, 'short "one"', 'plain']);
      expect(num(t, 'n')).toEqual(new Float32Array([7, 8, 9]));
    }
  });

  it('loads the lending_club demo with its label', async () => {
    const t = await loadTable('lending_club.csv', new Uint8Array(readFileSync('datasets/lending_club.csv')));
    expect(t.n).toBe(9857);
    expect(t.columns.length).toBe(23);
    const cls = cat(t, 'Class');
    expect(cls.dictionary).toEqual(['bad', 'good']);
    expect(cls.codes.filter((c) => c === 0).length).toBe(517);
    expect(num(t, 'int_rate')[0]).toBeCloseTo(13.99, 4);
  });
});

describe('CSV errors are located', () => {
  it('names the file, the 1-based data row, the column and what was expected', async () => {
    const err = await errorOf(loadTable('broken.csv', bytes('a,b,c\n1,2,3\n4,5\n6,7,8\n')));
    expect(err).toBeInstanceOf(LoadError);
    expect(err.message).toBe('broken.csv: row 2, column c: expected 3 fields, found 2');
    expect((err as LoadError).location).toEqual({ file: 'broken.csv', row: 2, column: 'c' });
  });

  it('reports too many fields with the extra field number', async () => {
    const err = await errorOf(loadTable('x.csv', bytes('a,b\n1,2\n3,4\n5,6,7\n')));
    expect(err.message).toBe('x.csv: row 3, column 3: expected 2 fields, found 3');
  });

  it('rejects an empty file', async () => {
    expect((await errorOf(loadTable('e.csv', new Uint8Array(0)))).message).toMatch(/^e\.csv: the file is empty/);
  });

  it('rejects binary garbage in a .csv', async () => {
    const garbage = new Uint8Array(256).map((_, i) => (i * 73 + 11) % 256);
    const err = await errorOf(loadTable('g.csv', garbage));
    expect(err).toBeInstanceOf(LoadError);
    expect(err.message).toMatch(/g\.csv: this is binary data, not delimited text/);
  });

  it('locates an unterminated or malformed quote', async () => {
    expect((await errorOf(loadTable('q.csv', bytes('a,b\n1,2\n3,"4\n5,6\n')))).message).toMatch(/^q\.csv: row 2: a quoted field is never closed/);
    expect((await errorOf(loadTable('q.csv', bytes('a,b\n1,"2"x\n')))).message).toMatch(/^q\.csv: row 1: malformed quoted field/);
  });
});

describe('fastDecimal', () => {
  it('agrees exactly with Number() on plain decimals and declines everything else', () => {
    const cases = ['0', '-0', '12', '-12.5', '13.99', '.5', '1.', '3e-4', '1E+05', '-2.5e10', '123456789012345', '0.000001234', '7e22', '1e-22'];
    for (const s of cases) expect(Object.is(fastDecimal(s), Number(s))).toBe(true);
    for (const s of ['', '-', '.', '1e', '1e+', '0x1F', ' 1', '1 ', 'NaN', 'Infinity', '1.2.3', '1234567890123456', '1e23', '1e-23', '1e12345'])
      expect(Number.isNaN(fastDecimal(s))).toBe(true);
    // Random float32-like texts: bit-identical to Number().
    let seed = 1;
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const s = ((seed / 2147483648 - 0.5) * 10 ** ((i % 9) - 4)).toPrecision(6 + (i % 4));
      expect(fastDecimal(s)).toBe(Number(s));
    }
  });
});
