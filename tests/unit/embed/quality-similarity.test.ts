import { describe, expect, it } from 'vitest';
import { knnRecall, trustworthiness, trustworthinessMany } from '../../../ml/embed/quality.ts';
import { cosineToRow, cosineToRows, cosineToVector, rowNorms } from '../../../ml/embed/similarity.ts';
import { mulberry32 } from '../../../ml/random.ts';

describe('trustworthiness and kNN recall', () => {
  const r = mulberry32(11);
  const n = 400;
  const xy = Float32Array.from({ length: n * 2 }, r);

  it('an identity embedding scores 1.0 exactly; a random one scores far lower', () => {
    expect(trustworthiness(xy, 2, xy, n, 15)).toBe(1);
    expect(knnRecall(xy, 2, xy, n, 15)).toBe(1);
    const shuffled = Float32Array.from({ length: n * 2 }, r);
    const t = trustworthiness(xy, 2, shuffled, n, 15);
    expect(t).toBeLessThan(0.65);
    expect(t).toBeGreaterThan(0.35); // random layouts sit near 0.5
    expect(knnRecall(xy, 2, shuffled, n, 15)).toBeLessThan(0.15);
  });

  it('an isometry keeps 1.0; sampling estimates the full value; many() equals one-by-one', () => {
    const rotated = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      rotated[2 * i] = 3 * xy[2 * i + 1] + 5;
      rotated[2 * i + 1] = -3 * xy[2 * i];
    }
    expect(trustworthiness(xy, 2, rotated, n, 10)).toBeCloseTo(1, 6);
    const noisy = xy.map((v) => v + (r() - 0.5) * 0.1);
    const full = trustworthiness(xy, 2, noisy, n, 10);
    const sampled = trustworthiness(xy, 2, noisy, n, 10, 150, 3);
    expect(full).toBeLessThan(1);
    expect(Math.abs(full - sampled)).toBeLessThan(0.02);
    const [a, b] = trustworthinessMany(xy, 2, [noisy, rotated], n, 10);
    expect(a).toBe(full);
    expect(b).toBeCloseTo(1, 6);
  });

  it('rejects mismatched shapes', () => {
    expect(() => trustworthiness(xy, 2, new Float32Array(10), n)).toThrow(/expected 400×2/);
  });
});

describe('cosine similarity', () => {
  const data = new Float32Array([1, 0, 0, 1, 1, 1, -2, 0, 0, 0]);
  it('to one row, to a vector and to a group centroid', () => {
    const norms = rowNorms(data, 5, 2);
    const s = cosineToRow(data, 5, 2, 0, norms);
    expect(s[0]).toBeCloseTo(1, 6);
    expect(s[1]).toBeCloseTo(0, 6);
    expect(s[2]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(s[3]).toBeCloseTo(-1, 6);
    expect(s[4]).toBe(0); // zero vector: defined as 0, not NaN
    // Centroid of unit vectors of rows 0 and 1 points along (1,1).
    const g = cosineToRows(data, 5, 2, Uint32Array.from([0, 1]), norms);
    expect(g[2]).toBeCloseTo(1, 6);
    expect(cosineToVector(data, 5, 2, [0, 3])[1]).toBeCloseTo(1, 6);
    expect(() => cosineToRow(data, 5, 2, 9)).toThrow(/outside/);
    expect(() => cosineToRows(data, 5, 2, [])).toThrow(/empty/);
  });
});
