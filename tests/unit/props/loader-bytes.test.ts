/**
 * Properties (fast-check, seeded) of the loaders on hostile bytes: random bytes under every
 * name, and valid files of every format with bytes flipped, cut, inserted or spliced, give a
 * table or a LoadError naming the file — never another exception, never a hang. The same for
 * the embedding importer and for .npy headers fuzzed field by field.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { loadTable, LoadError, TableLoader } from '../../../ml/table/index.ts';
import { importEmbeddings } from '../../../ml/embed/import.ts';
import { parseNpy } from '../../../ml/embed/import/npy.ts';
import { tableToCsv } from '../../../ml/table/csv-write.ts';
import { arrow, npy, parquet, smallTable, text } from '../../fixtures/bad/bytes.ts';

const RUNS = 2000;
const SEED = 1412;

const NAMES = ['t.csv', 't.tsv', 't.json', 't.jsonl', 't.parquet', 't.arrow', 't.arrows', 't.csv.gz', 't.txt', 't', 't.npy', 't.png'];

/** Resolves (value ignored) or rejects with a LoadError for `file`; anything else fails the property. */
async function onlyLoadErrors(work: () => Promise<unknown>, file: string): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!(err instanceof LoadError)) throw new Error(`${file}: not a LoadError: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    expect(err.location.file).toBe(file);
    expect(err.message.startsWith(file)).toBe(true);
  }
}

const csvText = tableToCsv(smallTable(30));
const VALID: Record<string, Uint8Array> = {
  't.csv': text(csvText),
  't.tsv': text(csvText.replace(/,/g, '\t')),
  't.json': text(JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ a: i, b: `x${i % 3}`, c: [i], d: { e: i } })))),
  't.jsonl': text(Array.from({ length: 20 }, (_, i) => JSON.stringify({ a: i, b: `x${i % 3}` })).join('\n')),
  't.parquet': parquet(),
  't.arrow': arrow('file'),
  't.arrows': arrow('stream'),
  't.csv.gz': gzipSync(text(csvText)),
  't.npy': npy("{'descr': '<f4', 'fortran_order': False, 'shape': (6, 4), }", new Uint8Array(96)),
};

/** A valid file with one of: bytes overwritten, a cut, an insertion or a splice from elsewhere in it. */
const mutated = fc.constantFrom(...Object.keys(VALID)).chain((file) => {
  const bytes = VALID[file];
  const at = fc.integer({ min: 0, max: bytes.length });
  return fc.oneof(
    fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([i, b]) => { const o = bytes.slice(); o.set(b.subarray(0, Math.max(0, o.length - i)), Math.min(i, o.length)); return o; }),
    at.map((i) => bytes.subarray(0, i)),
    fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([i, b]) => new Uint8Array([...bytes.subarray(0, i), ...b, ...bytes.subarray(i)])),
    fc.tuple(at, at, fc.integer({ min: 1, max: 64 })).map(([i, j, k]) => { const o = bytes.slice(); o.set(bytes.subarray(j, j + k).subarray(0, Math.max(0, o.length - i)), Math.min(i, o.length)); return o; }),
  ).map((b) => ({ file, bytes: b }));
});

describe('loaders on hostile bytes (property)', () => {
  it(`random bytes under every name: a table or a LoadError (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.uint8Array({ maxLength: 3000 }), async (file, bytes) => {
        await onlyLoadErrors(() => loadTable(file, bytes), file);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`valid files of every format, mutated: a table or a LoadError (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async ({ file, bytes }) => {
        await onlyLoadErrors(() => loadTable(file, bytes), file);
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it('random bytes fed in random chunks: the same outcome as all at once', async () => {
    const outcome = async (work: () => Promise<unknown>) => work().then(() => 'ok', (e: unknown) => (e instanceof LoadError ? e.message : `other: ${String(e)}`));
    await fc.assert(
      fc.asyncProperty(mutated, fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }), async ({ file, bytes }, sizes) => {
        const whole = await outcome(() => loadTable(file, bytes));
        const chunked = await outcome(async () => {
          const loader = new TableLoader(file, { totalBytes: bytes.length });
          for (let at = 0, k = 0; at < bytes.length; at += sizes[k++ % sizes.length]) loader.push(bytes.subarray(at, at + sizes[k % sizes.length]));
          return loader.finish();
        });
        expect(chunked).toBe(whole);
      }),
      { seed: SEED + 2, numRuns: 1000 },
    );
  });

  it(`the embedding importer, on random and mutated bytes: vectors or a LoadError (${RUNS} runs)`, async () => {
    const input = fc.oneof(
      fc.tuple(fc.constantFrom('e.npy', 'e.csv', 'e.parquet', 'e.arrow', 'e'), fc.uint8Array({ maxLength: 2000 })).map(([file, bytes]) => ({ file, bytes })),
      mutated.map(({ file, bytes }) => ({ file: file.replace(/^t/, 'e'), bytes })),
    );
    await fc.assert(
      fc.asyncProperty(input, async ({ file, bytes }) => {
        await onlyLoadErrors(async () => {
          const e = await importEmbeddings(file, bytes);
          expect(e.data.length).toBe(e.n * e.dim);
          for (const v of e.data) expect(Number.isFinite(v)).toBe(true);
        }, file);
      }),
      { seed: SEED + 3, numRuns: RUNS },
    );
  });
});

const DTYPES = ['<f4', '>f4', '<f8', '>f8', '<f2', '|u1', '|i1', '<i2', '<i4', '<u4', '<i8', '=f4'] as const;
const SIZE: Record<string, number> = { f2: 2, f4: 4, f8: 8, u1: 1, i1: 1, i2: 2, i4: 4, u4: 4, i8: 8 };

/** Bytes of `values` in a numpy dtype (C order). */
function encode(values: number[], dtype: string): Uint8Array {
  const kind = dtype.slice(1);
  const size = SIZE[kind];
  const little = dtype[0] !== '>';
  const out = new DataView(new ArrayBuffer(values.length * size));
  values.forEach((v, k) => {
    const o = k * size;
    if (kind === 'f4') out.setFloat32(o, v, little);
    else if (kind === 'f8') out.setFloat64(o, v, little);
    else if (kind === 'f2') out.setUint16(o, v === 0 ? 0 : 0x3c00, little); // 0 or 1.0
    else if (kind === 'u1') out.setUint8(o, v);
    else if (kind === 'i1') out.setInt8(o, v);
    else if (kind === 'i2') out.setInt16(o, v, little);
    else if (kind === 'i4') out.setInt32(o, v, little);
    else if (kind === 'u4') out.setUint32(o, v, little);
    else out.setBigInt64(o, BigInt(v), little);
  });
  return new Uint8Array(out.buffer);
}

describe('.npy headers (property)', () => {
  it('any dtype, shape, order, version and quoting numpy writes: the values come back in C order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DTYPES), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.constantFrom<[number, number]>([1, 0], [2, 0], [3, 0]), fc.boolean(), fc.boolean(),
        (dtype, n, dim, fortran, version, doubleQuotes, spaces) => {
          const values = Array.from({ length: n * dim }, (_, k) => (dtype.endsWith('f2') ? k % 2 : (k % 7) + (dtype.includes('f') ? 0.5 : 0)));
          const stored = fortran ? Array.from({ length: n * dim }, (_, k) => values[(k % n) * dim + Math.floor(k / n)]) : values;
          const q = doubleQuotes ? '"' : "'";
          const sp = spaces ? ' ' : '';
          const header = `{${q}descr${q}:${sp}${q}${dtype}${q},${sp}${q}fortran_order${q}:${sp}${fortran ? 'True' : 'False'},${sp}${q}shape${q}:${sp}(${n},${sp}${dim}),${sp}}`;
          const e = parseNpy('x.npy', npy(header, encode(stored, dtype), version));
          expect([e.n, e.dim]).toEqual([n, dim]);
          expect(Array.from(e.data)).toEqual(values.map((v) => Math.fround(v)));
        },
      ),
      { seed: SEED + 4, numRuns: 1500 },
    );
  });

  it('fuzzed header text and header length: an embedding or a located LoadError, never another exception', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("'descr': '<f4'", "'descr': '|O'", "'descr': [('a', '<f4')]", "'fortran_order': True", "'fortran_order': maybe", "'shape': (3, 4)", "'shape': (-1, 4)", "'shape': (1e3, 2)", "'shape': (99999999999999999999, 1)", "'shape': ()", "'shape': (3,)", "'shape': (2, 2, 2)", '{', '}', ',', "'shape': (3, 4L)"),
    );
    fc.assert(
      fc.property(fc.array(field, { maxLength: 6 }), fc.uint8Array({ maxLength: 128 }), fc.option(fc.integer({ min: 0, max: 70000 })), fc.constantFrom<[number, number]>([1, 0], [2, 0], [3, 0], [4, 1]), (parts, data, lengthLie, version) => {
        const bytes = npy(`{${parts.join(', ')}}`, data, version);
        if (lengthLie !== null) new DataView(bytes.buffer).setUint16(8, lengthLie, true);
        try {
          const e = parseNpy('x.npy', bytes);
          expect(e.data.length).toBe(e.n * e.dim);
        } catch (err) {
          if (!(err instanceof LoadError)) throw err;
          expect(err.location.file).toBe('x.npy');
        }
      }),
      { seed: SEED + 5, numRuns: RUNS },
    );
  });
});
