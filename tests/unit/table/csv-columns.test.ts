/**
 * The streaming reader `predict` uses (ml/table/csv-columns.ts) reads the same numbers and
 * strings as the app's loader, whatever the chunk boundaries, quoting, line endings and
 * delimiter, and fails with the same located errors.
 */
import { describe, expect, it } from 'vitest';
import { CsvColumns, type CsvChunk, type WantedColumn } from '../../../ml/table/csv-columns.ts';
import { loadTable } from '../../../ml/table/index.ts';
import { numberAt } from '../../../ml/rules/numbers.ts';
import { mulberry32 } from '../../../ml/random.ts';
import type { Column, Table } from '../../../ml/table/types.ts';
import { bytes } from './helpers.ts';

const STRINGS = ['A', 'b c', 'with, comma', 'with "quote"', 'two\nlines', '', 'NA', 'ünï', ' padded ', 'x'];
const NUMBERS = ['1', '-4.2', '0.1000000001', '1e-7', '', 'NaN', '16777217', '3.14159265358979', '.5', '-0', '2.50', '1E5'];

const quote = (s: string, delim: string) => (s.includes(delim) || /["\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

function randomCsv(rng: () => number, rows: number, delim: string, newline: string): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
  const head = ['id', 'num a', 'cat', 'num"b', 'note'].map((h) => quote(h, delim)).join(delim);
  const lines = [head];
  for (let i = 0; i < rows; i++) {
    if (rng() < 0.05) lines.push(''); // blank lines are skipped
    lines.push([`r${i}`, pick(NUMBERS), i === 0 ? 'first' : pick(STRINGS), pick(NUMBERS), pick(STRINGS)].map((s) => quote(s, delim)).join(delim));
  }
  return lines.join(newline) + (rng() < 0.5 ? newline : '');
}

function readAll(name: string, data: Uint8Array, wanted: WantedColumn[], rng: () => number, perChunk: number, idColumn?: string): CsvChunk[] {
  const r = new CsvColumns(name, wanted, { rowsPerChunk: perChunk, idColumn });
  const out: CsvChunk[] = [];
  for (let at = 0; at < data.length;) {
    const size = 1 + Math.floor(rng() * 97);
    out.push(...r.push(data.subarray(at, at + size)));
    at += size;
  }
  out.push(...r.finish());
  return out;
}

const valuesOf = (c: Column, n: number): (number | string | null)[] => Array.from({ length: n }, (_, i) => {
  if (c.type === 'numeric') return numberAt(c, i) + 0; // -0 and 0 are one number
  if (c.type === 'categorical') return c.codes[i] < 0 ? null : c.dictionary[c.codes[i]];
  return c.values[i];
});

function joined(chunks: CsvChunk[], name: string): (number | string | null)[] {
  return chunks.flatMap((ch) => { const c = ch.table.columns.find((x) => x.name === name); return c ? valuesOf(c, ch.table.n) : []; });
}

describe('CsvColumns', () => {
  it('reads what loadTable reads, split anywhere, with CRLF / LF / CR, comma / tab / semicolon (seeded)', async () => {
    const rng = mulberry32(8);
    const wanted: WantedColumn[] = [{ name: 'num a', type: 'numeric' }, { name: 'cat', type: 'categorical' }, { name: 'num"b', type: 'numeric' }];
    for (const [delim, newline] of [[',', '\n'], [',', '\r\n'], ['\t', '\n'], [';', '\r'], [',', '\r\n']]) {
      const text = randomCsv(rng, 300, delim, newline);
      const data = bytes(text);
      const app: Table = await loadTable(delim === '\t' ? 'x.tsv' : 'x.csv', data);
      const chunks = readAll('x.csv', data, wanted, rng, 1 + Math.floor(rng() * 120), 'id');
      expect(chunks.reduce((a, c) => a + c.table.n, 0)).toBe(app.n);
      expect(chunks.every((c, k) => k === 0 || c.firstRow === chunks[k - 1].firstRow + chunks[k - 1].table.n)).toBe(true);
      for (const w of wanted) {
        const col = app.columns.find((c) => c.name === w.name)!;
        expect(joined(chunks, w.name), `${JSON.stringify(delim)} ${JSON.stringify(newline)} ${w.name}`).toEqual(valuesOf(col, app.n));
      }
      expect(chunks.flatMap((c) => c.ids!)).toEqual(Array.from({ length: app.n }, (_, i) => `r${i}`));
    }
  });

  it('keeps the file\'s numbers as doubles (a chunk lives for one scoring, so it skips the float32 test)', () => {
    const chunks = readAll('e.csv', bytes('x\n0.1\n0.1000000001\n2\n0.5\n'), [{ name: 'x', type: 'numeric' }], mulberry32(1), 2);
    expect(joined(chunks, 'x')).toEqual([0.1, 0.1000000001, 2, 0.5]);
    for (const c of chunks.map((ch) => ch.table.columns[0])) {
      expect(c.type === 'numeric' && c.exact).toBeInstanceOf(Float64Array);
      if (c.type === 'numeric') expect(Array.from(c.values)).toEqual(Array.from(c.exact!, Math.fround));
    }
  });

  it('says where a wanted number is not a number and where a row has the wrong number of fields', async () => {
    const r = () => readAll('bad.csv', bytes('a,b,c\n1,2,3\n4,x5,6\n'), [{ name: 'b', type: 'numeric' }], mulberry32(2), 10);
    expect(r).toThrow('bad.csv: row 2, column b: expected a number (the classifier reads "b" as numbers), found "x5"');
    const ragged = bytes('a,b,c\n1,2,3\n4,5\n6,7,8\n');
    const app = await loadTable('ragged.csv', ragged).catch((e: Error) => e.message);
    expect(() => readAll('ragged.csv', ragged, [{ name: 'a', type: 'numeric' }], mulberry32(3), 10)).toThrow(String(app));
    expect(() => readAll('q.csv', bytes('a\n"open\n'), [{ name: 'a', type: 'any' }], mulberry32(3), 10)).toThrow(/row 1: a quoted field is never closed/);
    expect(() => readAll('id.csv', bytes('a\n1\n'), [], mulberry32(3), 10, 'key')).toThrow('id.csv, column key: there is no column "key" to use as the id');
    // A number float32 cannot hold is refused where it is, as the app's loader refuses it (quoted or not).
    const huge = bytes('a,b\n1,2\n3,1e39\n4,"-5e40"\n');
    const appHuge = await loadTable('huge.csv', huge).catch((e: Error) => e.message);
    expect(appHuge).toBe('huge.csv: row 2, column b: 1e39 is too large for a 32-bit float (at most ±3.4e38)');
    expect(() => readAll('huge.csv', huge, [{ name: 'b', type: 'numeric' }], mulberry32(5), 10)).toThrow(appHuge);
    expect(() => readAll('huge.csv', bytes('a,b\n4,"-5e40"\n'), [{ name: 'b', type: 'numeric' }], mulberry32(5), 10)).toThrow('huge.csv: row 1, column b: -5e40 is too large');
  });

  it('an empty data part still gives one (empty) table; a file with nothing is an error', () => {
    const chunks = readAll('h.csv', bytes('a,b\n'), [{ name: 'a', type: 'numeric' }], mulberry32(4), 10);
    expect(chunks).toHaveLength(1);
    expect(chunks[0].table.n).toBe(0);
    expect(() => readAll('none.csv', bytes(''), [], mulberry32(4), 10)).toThrow(/the file is empty/);
  });
});
