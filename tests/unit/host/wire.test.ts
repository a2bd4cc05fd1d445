import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../../ml/wire.ts';

describe('wire codec', () => {
  it('round-trips nested typed arrays, non-finite numbers and plain JSON', () => {
    const value = {
      a: new Float32Array([1.5, NaN, -Infinity]),
      nested: [{ codes: new Int32Array([3, -1, 7]) }, 'text', null],
      idx: new Uint32Array([4_000_000_000]),
      bytes: new Uint8Array([0, 255]),
      wide: new Float64Array([Math.PI]),
      n: Infinity,
      s: 'ünïcode ✓',
    };
    const out = decode<typeof value>(encode(value));
    expect(out.a).toBeInstanceOf(Float32Array);
    expect(Array.from(out.a)).toEqual([1.5, NaN, -Infinity]);
    expect(out.nested[0]).toEqual({ codes: new Int32Array([3, -1, 7]) });
    expect(out.nested.slice(1)).toEqual(['text', null]);
    expect(out.idx[0]).toBe(4_000_000_000);
    expect(Array.from(out.bytes)).toEqual([0, 255]);
    expect(out.wide[0]).toBe(Math.PI);
    expect(out.n).toBe(Infinity);
    expect(out.s).toBe('ünïcode ✓');
  });

  it('keeps arrays aligned and copies when the incoming buffer is misaligned', () => {
    const value = { x: new Uint8Array([1, 2, 3]), y: new Float64Array([1, 2]), z: new Float32Array(1000).fill(0.25) };
    const bytes = encode(value);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const out = decode<typeof value>(shifted.subarray(1));
    expect(Array.from(out.y)).toEqual([1, 2]);
    expect(out.z.every((v) => v === 0.25)).toBe(true);
  });

  it('encodes subarray views with their own offset, not the whole buffer', () => {
    const base = new Float32Array([9, 8, 7, 6]);
    const out = decode<{ v: Float32Array }>(encode({ v: base.subarray(1, 3) }));
    expect(Array.from(out.v)).toEqual([8, 7]);
  });
});
