/**
 * Property (fast-check, seeded): any table → CSV writer (ml/table/csv-write.ts) → loader gives
 * back exactly the same table: the same names, the same column types and the same value in
 * every cell (Float32 bit for bit: NaN as missing, ±Infinity, -0; strings with quotes,
 * separators, line breaks and any Unicode). The domain is what CSV can say: a string column
 * holds at least one value and no value that reads as a number or as "missing" (NA, null, …),
 * which a CSV cannot tell from the real thing, and names are one trimmed line each.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tableToCsv, csvChunks } from '../../../ml/table/csv-write.ts';
import { loadTable, labelAsCategorical, type Column, type Table } from '../../../ml/table/index.ts';
import { CsvParser } from '../../../ml/table/csv.ts';
import { MISSING_TOKENS, TEXT_LONG_CHARS } from '../../../ml/table/builders.ts';

const RUNS = 2000;
const SEED = 20261201;

/** Characters that stress quoting and decoding, plus any printable Unicode. */
const tricky = fc.constantFrom(',', '"', ';', '|', '\t', '\n', '\r\n', ' ', "'", '#', '=', 'é', '✓', '😀', '中', '\u202e');
const piece = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), tricky);
const textOf = (min: number, max: number) => fc.array(piece, { minLength: min, maxLength: max }).map((p) => p.join(''));

const readsAsNumberOrMissing = (s: string) =>
  s.trim() === '' || !Number.isNaN(Number(s)) || MISSING_TOKENS.has(s) || /^[+-]?inf(inity)?$/i.test(s.trim());
/** Control characters other than tab and line ends are binary noise to the loader, by design. */
const printable = (s: string) => ![...s].some((ch) => { const c = ch.charCodeAt(0); return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f; });

const value = textOf(1, 5).filter((s) => printable(s) && !readsAsNumberOrMissing(s));
const name = textOf(1, 4).map((s) => s.replace(/[\r\n]+/g, ' ').trim()).filter((s) => s !== '' && printable(s) && !s.startsWith('\uFEFF'));

const float32 = fc.oneof(fc.float({ noDefaultInfinity: false }), fc.constantFrom(NaN, -0, Infinity, -Infinity, 1.401298464324817e-45, 3.4028234663852886e38));

type Spec = { kind: 'numeric' | 'categorical' | 'text'; name: string; seed: number };

function column(spec: Spec, n: number, pickNum: number[], pickCat: (string | null)[], pickText: (string | null)[]): Column {
  if (spec.kind === 'numeric') return { name: spec.name, type: 'numeric', values: Float32Array.from(pickNum) };
  if (spec.kind === 'categorical') {
    const dictionary = [...new Set(pickCat.filter((v): v is string => v !== null))];
    return { name: spec.name, type: 'categorical', dictionary, codes: Int32Array.from(pickCat, (v) => (v === null ? -1 : dictionary.indexOf(v))) };
  }
  return { name: spec.name, type: 'text', values: pickText.slice(0, n) };
}

/** Random tables: 1–6 columns, 1–40 rows (text columns 25+ distinct long values so they stay text). */
const table: fc.Arbitrary<Table> = fc
  .record({
    n: fc.integer({ min: 1, max: 40 }),
    names: fc.uniqueArray(name, { minLength: 1, maxLength: 6, selector: (s) => s.toLowerCase() }),
    kinds: fc.array(fc.constantFrom('numeric', 'categorical', 'text'), { minLength: 6, maxLength: 6 }),
  })
  .chain(({ n, names, kinds }) => {
    const rows = kinds.some((k, j) => j < names.length && k === 'text') ? Math.max(n, 25) : n;
    return fc.tuple(...names.map((nm, j) => {
      const kind = kinds[j] as Spec['kind'];
      if (kind === 'numeric') return fc.array(float32, { minLength: rows, maxLength: rows }).map((v) => column({ kind, name: nm, seed: 0 }, rows, v, [], []));
      if (kind === 'categorical') {
        // A few categories, at least one present.
        return fc.tuple(fc.uniqueArray(value, { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: -1, max: 4 }), { minLength: rows, maxLength: rows }))
          .map(([cats, picks]) => {
            const cells: (string | null)[] = picks.map((k) => (k < 0 ? null : cats[k % cats.length]));
            if (!cells.some((c) => c !== null)) cells[0] = cats[0];
            return column({ kind, name: nm, seed: 0 }, rows, [], cells, []);
          });
      }
      // Free text: over 20 distinct values longer than the text threshold (what makes a column text), a few missing.
      return fc.tuple(fc.uniqueArray(value.map((v) => `${v} ${'lorem ipsum dolor '.repeat(Math.ceil(TEXT_LONG_CHARS / 18))}`), { minLength: rows, maxLength: rows }), fc.array(fc.boolean(), { minLength: rows, maxLength: rows }))
        .map(([texts, missing]) => column({ kind, name: nm, seed: 0 }, rows, [], [], texts.map((t, i) => (missing[i] && i % 8 === 7 ? null : t))));
    })).map((columns): Table => ({ n: rows, columns }));
  });

/** Every cell as a comparable value: Float32 bits for numbers (so NaN and -0 compare), strings or null. */
function cells(t: Table): unknown[] {
  return t.columns.map((c) => ({
    name: c.name,
    type: c.type,
    values: c.type === 'numeric' ? Array.from(new Uint32Array(new Float32Array(c.values).buffer))
      : c.type === 'categorical' ? Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]))
      : c.values,
  }));
}

describe('CSV writer → loader round trip (property)', () => {
  it(`gives back the same table, cell for cell (${RUNS} random tables)`, async () => {
    await fc.assert(
      fc.asyncProperty(table, async (t) => {
        const loaded = await loadTable('t.csv', new TextEncoder().encode(tableToCsv(t)));
        // Loading makes a numeric label column categorical (0/1 → classes); the original gets the same.
        expect(cells(loaded)).toEqual(cells(labelAsCategorical(t)));
        expect(loaded.n).toBe(t.n);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('gives the same table whatever the chunk boundaries of the bytes', async () => {
    await fc.assert(
      fc.property(table, fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }), (t, sizes) => {
        const bytes = new TextEncoder().encode([...csvChunks(t, 7)].join(''));
        const whole = new CsvParser('t.csv');
        whole.push(bytes);
        const expected = cells(whole.finish());
        const parser = new CsvParser('t.csv');
        for (let at = 0, k = 0; at < bytes.length; k++) {
          const size = sizes[k % sizes.length];
          parser.push(bytes.subarray(at, at + size));
          at += size;
        }
        expect(cells(parser.finish())).toEqual(expected);
      }),
      { seed: SEED + 1, numRuns: 500 },
    );
  });
});
