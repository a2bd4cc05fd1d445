import { describe, expect, it } from 'vitest';
import { pca, symmetricEigen } from '../../../ml/embed/pca.ts';
import { graphRecall, knnApprox, knnExact } from '../../../ml/embed/knn.ts';
import { gemmNT } from '../../../ml/embed/gemm.ts';
import { clusteredEmbedding } from '../../../ml/embed/synthetic.ts';
import { gaussian, mulberry32 } from '../../../ml/random.ts';

describe('PCA', () => {
  it('recovers the variances of axis-scaled Gaussian data, with orthonormal components', () => {
    const random = mulberry32(5);
    const n = 4000, dim = 8, scales = [5, 3, 2, 1, 0.5, 0.3, 0.2, 0.1];
    const data = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) data[i * dim + d] = 7 + scales[d] * gaussian(random);
    const p = pca(data, n, dim, 3, { seed: 1 });
    for (let j = 0; j < 3; j++) {
      expect(p.explainedVariance[j] / (scales[j] * scales[j])).toBeGreaterThan(0.93);
      expect(p.explainedVariance[j] / (scales[j] * scales[j])).toBeLessThan(1.07);
      expect(Math.abs(p.components[j * dim + j])).toBeGreaterThan(0.99); // axis j
    }
    const total = scales.reduce((s, x) => s + x * x, 0);
    expect(p.explainedVarianceRatio[0]).toBeCloseTo(25 / total, 1);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let s = 0;
        for (let d = 0; d < dim; d++) s += p.components[a * dim + d] * p.components[b * dim + d];
        expect(s).toBeCloseTo(a === b ? 1 : 0, 5);
      }
    }
    // Projected data is centred with the component variances.
    let m0 = 0, v0 = 0;
    for (let i = 0; i < n; i++) m0 += p.data[i * 3];
    m0 /= n;
    for (let i = 0; i < n; i++) v0 += (p.data[i * 3] - m0) ** 2;
    expect(Math.abs(m0)).toBeLessThan(0.05);
    expect(v0 / (n - 1)).toBeCloseTo(p.explainedVariance[0], 0);
  });

  it('is deterministic under a seed and fits on a row sample when n is large', () => {
    const { data, n, dim } = clusteredEmbedding(1500, 64, { seed: 3 });
    const a = pca(data, n, dim, 10, { seed: 9, fitSample: 600 });
    const b = pca(data, n, dim, 10, { seed: 9, fitSample: 600 });
    expect(a.data).toEqual(b.data);
    const full = pca(data, n, dim, 10, { seed: 9 });
    const ra = a.explainedVarianceRatio.reduce((s, x) => s + x, 0), rf = full.explainedVarianceRatio.reduce((s, x) => s + x, 0);
    expect(Math.abs(ra - rf)).toBeLessThan(0.03);
    for (let j = 1; j < 10; j++) expect(full.explainedVariance[j]).toBeLessThanOrEqual(full.explainedVariance[j - 1] + 1e-9);
  });

  it('symmetricEigen diagonalises a small matrix', () => {
    const A = new Float64Array([4, 1, 0, 1, 3, 1, 0, 1, 2]);
    const { values, vectors } = symmetricEigen(A, 3);
    for (let e = 0; e < 3; e++) {
      for (let r = 0; r < 3; r++) {
        let s = 0;
        for (let c = 0; c < 3; c++) s += A[r * 3 + c] * vectors[c * 3 + e];
        expect(s).toBeCloseTo(values[e] * vectors[r * 3 + e], 9);
      }
    }
    expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(9, 9);
  });

  it('gemmNT equals naive A·Bᵀ including remainder columns', () => {
    const r = mulberry32(2);
    const A = Float32Array.from({ length: 5 * 7 }, r), B = Float32Array.from({ length: 6 * 7 }, r);
    const out = gemmNT(A, 5, B, 6, 7);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 6; j++) {
      let s = 0;
      for (let c = 0; c < 7; c++) s += A[i * 7 + c] * B[j * 7 + c];
      expect(out[i * 6 + j]).toBeCloseTo(s, 5);
    }
  });
});

describe('kNN graphs', () => {
  it('exact kNN: self first, ascending distances, matches a naive search', () => {
    const { data, n, dim } = clusteredEmbedding(300, 10, { seed: 4 });
    const g = knnExact(data, n, dim, 6);
    for (const r of [0, 17, 299]) {
      expect(g.indices[r * 6]).toBe(r);
      expect(g.distances[r * 6]).toBe(0);
      const d = Array.from({ length: n }, (_, j) => {
        let s = 0;
        for (let c = 0; c < dim; c++) s += (data[r * dim + c] - data[j * dim + c]) ** 2;
        return [Math.sqrt(s), j] as const;
      }).filter(([, j]) => j !== r).sort((a, b) => a[0] - b[0]);
      for (let s = 1; s < 6; s++) {
        expect(g.distances[r * 6 + s]).toBeCloseTo(d[s - 1][0], 3);
        expect(g.distances[r * 6 + s]).toBeGreaterThanOrEqual(g.distances[r * 6 + s - 1]);
      }
    }
  });

  it('RP-forest + NN-descent reaches high recall, deterministically', async () => {
    const { data, n, dim } = clusteredEmbedding(3000, 20, { seed: 6 });
    const exact = knnExact(data, n, dim, 15);
    const a = await knnApprox(data, n, dim, 15, { seed: 1 });
    const b = await knnApprox(data, n, dim, 15, { seed: 1 });
    expect(a.indices).toEqual(b.indices);
    expect(graphRecall(a, exact)).toBeGreaterThan(0.97);
    for (let r = 0; r < n; r++) expect(a.indices[r * 15]).toBe(r);
  });

  it('rejects impossible k', () => {
    expect(() => knnExact(new Float32Array(6), 3, 2, 5)).toThrow(/k ≤ n/);
  });
});
