/**
 * Numeric columns keep the file's numbers: float32 `values` always, `exact` doubles only when
 * some number's float32 shortest decimal would not give it back (see NumericColumn). Every
 * loader, the CSV/Parquet writers and the wire codec carry them.
 */
import { describe, expect, it } from 'vitest';
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { loadTable } from '../../../ml/table/index.ts';
import { ColumnBuilder, f32Decimal, fastDecimal, survivesF32 } from '../../../ml/table/builders.ts';
import { tableToCsv } from '../../../ml/table/csv-write.ts';
import { writeParquet } from '../../../ml/table/parquet-write.ts';
import { nextDownF32, nextUpF32, numberAt } from '../../../ml/rules/numbers.ts';
import { decode, encode } from '../../../ml/wire.ts';
import { mulberry32 } from '../../../ml/random.ts';
import type { NumericColumn, Table } from '../../../ml/table/types.ts';
import { bytes, catValues } from './helpers.ts';

const numeric = (t: Table, name: string) => t.columns.find((c) => c.name === name) as NumericColumn;
const numbers = (c: NumericColumn) => Array.from({ length: c.values.length }, (_, i) => numberAt(c, i));

/** Decimal texts of every length: short ones (fast path), 7–9 digits (checked), long ones. */
function randomDecimal(rng: () => number): string {
  const digits = 1 + Math.floor(rng() * 12);
  let m = '';
  for (let k = 0; k < digits; k++) m += String(Math.floor(rng() * 10));
  const point = Math.floor(rng() * (digits + 1));
  const body = `${m.slice(0, point) || '0'}${point < digits ? `.${m.slice(point)}` : ''}`;
  const exp = rng() < 0.2 ? `e${Math.floor(rng() * 40) - 20}` : '';
  return `${rng() < 0.3 ? '-' : ''}${body}${exp}`;
}

describe('exact numbers', () => {
  it('short decimals stay float32 only; the column keeps doubles from the first number that needs them', async () => {
    const t = await loadTable('a.csv', bytes('a,b,c\n0.1,1,16777216\n-4.2,0.1000000001,16777217\n13.99,2.5,3\n'));
    expect(numeric(t, 'a').exact).toBeUndefined();
    expect(numbers(numeric(t, 'a'))).toEqual([0.1, -4.2, 13.99]);
    expect(numeric(t, 'b').exact).toBeInstanceOf(Float64Array);
    expect(numbers(numeric(t, 'b'))).toEqual([1, 0.1000000001, 2.5]);
    expect(numbers(numeric(t, 'c'))).toEqual([16777216, 16777217, 3]);
    expect(Array.from(numeric(t, 'c').values)).toEqual([16777216, 16777216, 3]);
  });

  it('every cell reads back as Number(text), whichever path it took (seeded, 20,000 cells)', () => {
    const rng = mulberry32(11);
    for (let col = 0; col < 40; col++) {
      const texts = Array.from({ length: 500 }, () => (rng() < 0.05 ? '' : randomDecimal(rng)));
      const b = new ColumnBuilder('x');
      for (const s of texts) b.pushText(s);
      const c = b.finish() as NumericColumn;
      texts.forEach((s, i) => {
        const want = s === '' ? NaN : Number(s);
        expect(Object.is(numberAt(c, i), want) || numberAt(c, i) === want, `${s} → ${numberAt(c, i)}`).toBe(true);
        expect(c.values[i]).toBe(Math.fround(want));
      });
    }
  });

  it('the fast test is exactly "the shortest float32 decimal gives the number back", near ties too (seeded, 650,000 numbers)', () => {
    const rng = mulberry32(5);
    const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
    const check = (text: string) => {
      const x = Number(text);
      const want = f32Decimal(Math.fround(x)) === x;
      if (survivesF32(x) !== want) throw new Error(`survivesF32(${text}) should be ${want}`);
      const f = fastDecimal(text);
      if (f === f) {
        const b = new ColumnBuilder('x', 1);
        b.pushText(text);
        const c = b.finish() as NumericColumn;
        if ((c.exact === undefined) !== want) throw new Error(`the loader ${want ? 'kept' : 'dropped'} the exact number of ${text}`);
      }
    };
    for (let k = 0; k < 50_000; k++) {
      check(randomDecimal(rng));
      // Decimals of 6–9 digits around a random float32 and around the midpoints to its neighbours.
      u32[0] = (Math.floor(rng() * 0x7e000000) + 0x00800000) | (rng() < 0.5 ? 0x80000000 : 0);
      const g = f32[0];
      const up = nextUpF32(g);
      for (const v of [g, (g + up) / 2, (g + nextDownF32(g)) / 2]) for (let p = 6; p <= 9; p++) check(v.toPrecision(p));
    }
    for (const text of ['0.1', '16777216.5', '0.099999994', '8388608.5', '1.0000001', '0.30000001', '9.9999999', '100.00001']) check(text);
    expect(survivesF32(NaN)).toBe(true);
    expect(survivesF32(Math.fround(0.1))).toBe(false); // the float32 itself is not its shortest decimal
  });

  it('a column that turns categorical keeps the file\'s text of its earlier numbers', async () => {
    const t = await loadTable('m.csv', bytes('v\n0.1000000001\n2\nabc\n'));
    expect(catValues(t, 'v')).toEqual(['0.1000000001', '2', 'abc']);
  });

  it('JSON numbers, Arrow float64/float32/int64 and Parquet DOUBLE keep exact numbers', async () => {
    const json = await loadTable('j.json', bytes('[{"x": 0.1000000001, "y": 0.5}, {"x": 2, "y": 0.25}]'));
    expect(numbers(numeric(json, 'x'))).toEqual([0.1000000001, 2]);
    expect(numeric(json, 'y').exact).toBeUndefined();
    const arrow = tableToIPC(tableFromArrays({
      d: Float64Array.from([0.1000000001, 0.1]), f: Float32Array.from([0.1, 0.5]), i: BigInt64Array.from([2n ** 40n + 1n, 3n]),
    }), 'file');
    const a = await loadTable('a.arrow', arrow);
    expect(numbers(numeric(a, 'd'))).toEqual([0.1000000001, 0.1]);
    // A float32 in a binary file is the number itself: 0.100000001490116…, not 0.1.
    expect(numbers(numeric(a, 'f'))).toEqual([Math.fround(0.1), 0.5]);
    expect(numbers(numeric(a, 'i'))).toEqual([2 ** 40 + 1, 3]);
    const back = await loadTable('p.parquet', writeParquet(json, { doubles: true }));
    expect(numbers(numeric(back, 'x'))).toEqual([0.1000000001, 2]);
    expect(numbers(numeric(back, 'y'))).toEqual([0.5, 0.25]);
    expect(numeric(back, 'y').exact).toBeUndefined();
  });

  it('CSV writing and the wire codec carry the exact numbers', async () => {
    const t = await loadTable('a.csv', bytes('a,b\n0.1,0.1000000001\n,123456789.123\n'));
    const again = await loadTable('b.csv', bytes(tableToCsv(t)));
    expect(numbers(numeric(again, 'a'))).toEqual([0.1, NaN]);
    expect(numbers(numeric(again, 'b'))).toEqual([0.1000000001, 123456789.123]);
    const wired = decode<Table>(encode(t));
    const b = numeric(wired, 'b');
    expect(b.exact).toBeInstanceOf(Float64Array);
    expect(Array.from(b.exact!)).toEqual([0.1000000001, 123456789.123]);
    expect(numeric(wired, 'a').exact).toBeUndefined();
  });
});
