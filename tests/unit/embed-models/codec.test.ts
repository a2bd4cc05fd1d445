import { describe, expect, it } from 'vitest';
import { decodeEmbedding, encodeEmbedding, fromHalf, toHalf } from '../../../ml/embed/codec.ts';
import { mulberry32 } from '../../../ml/random.ts';
import { meanAccuracy } from '../../../scripts/precompute/nearest-centroid.ts';

const random = mulberry32(7);
const n = 300;
const dim = 40;
const data = Float32Array.from({ length: n * dim }, (_, k) => (k % dim === 3 ? 2.5 : (random() - 0.5) * (1 + (k % dim))));

describe('embedding codec', () => {
  it('float32 round-trips exactly and keeps the header', () => {
    const out = decodeEmbedding(encodeEmbedding(data, n, dim, 'float32'));
    expect(out).toMatchObject({ n, dim, scheme: 'float32' });
    expect(out.data).toEqual(data);
  });

  it('uint8 error stays within half a step of each dimension (range/255/2), constant dimensions exact', () => {
    const bytes = encodeEmbedding(data, n, dim, 'uint8');
    expect(bytes.length).toBe(16 + 8 * dim + n * dim);
    const out = decodeEmbedding(bytes).data;
    for (let d = 0; d < dim; d++) {
      let lo = Infinity, hi = -Infinity, worst = 0;
      for (let i = 0; i < n; i++) { lo = Math.min(lo, data[i * dim + d]); hi = Math.max(hi, data[i * dim + d]); }
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(out[i * dim + d] - data[i * dim + d]));
      expect(worst).toBeLessThanOrEqual((hi - lo) / 255 / 2 + 1e-5 * Math.max(1, Math.abs(hi)));
      if (d === 3) expect(worst).toBe(0);
    }
  });

  it('float16 keeps ~3 significant digits and handles subnormals, zero and overflow', () => {
    const out = decodeEmbedding(encodeEmbedding(data, n, dim, 'float16')).data;
    for (let k = 0; k < data.length; k++) expect(Math.abs(out[k] - data[k])).toBeLessThanOrEqual(Math.abs(data[k]) / 1024 + 1e-7);
    expect(fromHalf(toHalf(0))).toBe(0);
    expect(Math.abs(fromHalf(toHalf(1e-6)) - 1e-6)).toBeLessThanOrEqual(2 ** -25); // subnormal: half a step of 2^-24
    expect(fromHalf(toHalf(1e9))).toBe(65504);
    expect(fromHalf(toHalf(-1.5))).toBe(-1.5);
  });

  it('nearest-centroid accuracy is unchanged by uint8 quantisation (to 0.01)', () => {
    // Two noisy Gaussian-ish classes whose means differ in a few dimensions.
    const labels = Int32Array.from({ length: n }, (_, i) => i % 2);
    const x = Float32Array.from({ length: n * dim }, (_, k) => (random() - 0.5) * 2 + (labels[Math.floor(k / dim)] && k % dim < 5 ? 0.6 : 0));
    const raw = meanAccuracy(x, dim, labels, 2);
    const decoded = meanAccuracy(decodeEmbedding(encodeEmbedding(x, n, dim, 'uint8')).data, dim, labels, 2);
    expect(raw).toBeGreaterThan(0.6);
    expect(Math.abs(raw - decoded)).toBeLessThanOrEqual(0.01);
  });

  it('refuses NaN, wrong sizes, foreign and truncated bytes with a clear message', () => {
    expect(() => encodeEmbedding(new Float32Array([1, NaN]), 1, 2)).toThrow(/row 0, dimension 1 is NaN/);
    expect(() => encodeEmbedding(new Float32Array(5), 2, 3)).toThrow(/expected n×dim = 2×3/);
    expect(() => decodeEmbedding(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]))).toThrow(/bad magic/);
    const bytes = encodeEmbedding(data, n, dim, 'uint8');
    expect(() => decodeEmbedding(bytes.subarray(0, bytes.length - 1))).toThrow(/expected/);
  });

  it('decodes from an unaligned view (as a Buffer slice from zlib may be)', () => {
    const bytes = encodeEmbedding(data.subarray(0, 2 * dim), 2, dim, 'float32');
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(decodeEmbedding(shifted.subarray(1)).data).toEqual(data.subarray(0, 2 * dim));
  });
});
