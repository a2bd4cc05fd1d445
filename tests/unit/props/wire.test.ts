/**
 * Properties (fast-check, seeded) of the wire codec (ml/wire.ts): any value it accepts — JSON
 * data with typed arrays of every kind (also views into larger buffers) and numbers JSON
 * cannot say (NaN, ±Infinity, -0) anywhere — decodes to an equal value, typed arrays as typed
 * arrays of the same kind, also from a misaligned buffer; values it cannot round-trip are
 * refused when encoding; and any damaged message decodes or throws a WireError, never a view
 * that reaches outside the message.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decode, encode, WireError } from '../../../ml/wire.ts';

const RUNS = 2000;
const SEED = 909;

const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, Number.MAX_VALUE, Number.MIN_VALUE));

/** Typed arrays of every kind the codec moves, sometimes as a view into a larger buffer. */
const typed = fc.oneof(
  fc.float32Array({ maxLength: 20 }),
  fc.float64Array({ maxLength: 20 }),
  fc.int32Array({ maxLength: 20 }),
  fc.uint32Array({ maxLength: 20 }),
  fc.uint8Array({ maxLength: 20 }),
  fc.int8Array({ maxLength: 20 }),
  fc.uint16Array({ maxLength: 20 }),
  fc.int16Array({ maxLength: 20 }),
  fc.uint8ClampedArray({ maxLength: 20 }),
).chain((a) => fc.tuple(fc.nat(a.length), fc.nat(a.length)).map(([i, j]) => (i === 0 && j === 0 ? a : a.subarray(Math.min(i, j), Math.max(i, j)))));

const key = fc.string({ maxLength: 8 }).filter((k) => k !== '$ta' && k !== '$num' && k !== '__proto__');
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, number, fc.string(), fc.boolean(), fc.constant(null), typed,
    fc.array(tie('v'), { maxLength: 5 }), fc.dictionary(key, tie('v'), { maxKeys: 5 })),
})).v;

/** Deep equality that tells -0 from 0, NaN from everything but NaN, and kinds of typed arrays apart. */
function same(a: unknown, b: unknown): boolean {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    return x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
  }
  if (typeof a === 'number') return Object.is(a, b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (a && typeof a === 'object') {
    if (!b || typeof b !== 'object' || Array.isArray(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

describe('wire codec (property)', () => {
  it(`decode(encode(v)) equals v for any value it accepts, also from a misaligned buffer (${RUNS} values)`, () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 7 }), (v, shift) => {
        const bytes = encode(v);
        expect(same(decode(bytes), v)).toBe(true);
        const moved = new Uint8Array(bytes.length + shift);
        moved.set(bytes, shift);
        expect(same(decode(moved.subarray(shift)), v)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('refuses to encode objects that use its own markers', () => {
    fc.assert(
      fc.property(fc.constantFrom('$ta', '$num'), value, (marker, v) => {
        expect(() => encode({ nested: [{ [marker]: v }] })).toThrow(/reserved by the wire format/);
      }),
      { seed: SEED + 1, numRuns: 200 },
    );
  });

  it(`damaged messages decode to something or throw a WireError; arrays never reach past the message (${RUNS} runs)`, () => {
    const damaged = fc.tuple(value, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 6 }), fc.nat()).map(([v, at, junk, cut]) => {
      const b = encode(v).slice();
      const i = at % b.length;
      b.set(junk.subarray(0, b.length - i), i);
      return b.subarray(0, Math.max(0, b.length - (cut % 3 === 0 ? cut % b.length : 0)));
    });
    const hostile = fc.oneof(damaged, fc.uint8Array({ maxLength: 64 }), fc.constantFrom(
      // Hand-made descriptors: out of range, negative, unknown kinds, prototype names.
      ...[{ $ta: 'Float32Array', o: 8, n: 1e9 }, { $ta: 'Float64Array', o: -8, n: 1 }, { $ta: 'constructor', o: 8, n: 0 }, { $ta: 'Uint8Array', o: 1.5, n: 1 }, { $num: 'nope' }, { $num: 7 }]
        .map((d) => { const json = new TextEncoder().encode(JSON.stringify([d])); const b = new Uint8Array(4 + json.length + 16); new DataView(b.buffer).setUint32(0, json.length, true); b.set(json, 4); return b; }),
    ));
    fc.assert(
      fc.property(hostile, (bytes) => {
        // Inside a larger buffer with a canary after it: a view reaching past the message would see it.
        const host = new Uint8Array(bytes.length + 64).fill(0xee);
        host.set(bytes);
        const message = host.subarray(0, bytes.length);
        let out: unknown;
        try {
          out = decode(message);
        } catch (err) {
          expect(err).toBeInstanceOf(WireError);
          return;
        }
        const check = (v: unknown): void => {
          if (ArrayBuffer.isView(v)) {
            const inHost = v.buffer === host.buffer;
            if (inHost) expect(v.byteOffset + v.byteLength).toBeLessThanOrEqual(message.byteOffset + message.byteLength);
          } else if (v && typeof v === 'object') Object.values(v).forEach(check);
        };
        check(out);
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });
});
