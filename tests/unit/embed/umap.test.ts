import { describe, expect, it } from 'vitest';
import { runUmap, normalizeLayout } from '../../../ml/embed/umap.ts';
import { fuzzySimplicialSet } from '../../../ml/embed/fuzzy.ts';
import { findAB } from '../../../ml/embed/layout.ts';
import { exactCoefficients, tableCoefficients } from '../../../ml/embed/gradient-table.ts';
import { knnExact } from '../../../ml/embed/knn.ts';
import { trustworthiness } from '../../../ml/embed/quality.ts';
import { CancelledError, directContext } from '../../../ml/jobs/job.ts';
import { gaussian, mulberry32 } from '../../../ml/random.ts';

/** Two Gaussian blobs in `dim` dimensions, far apart along the first axis. */
function blobs(n: number, dim: number, seed: number): { data: Float32Array; label: Uint8Array } {
  const random = mulberry32(seed);
  const data = new Float32Array(n * dim), label = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    label[i] = i % 2;
    for (let d = 0; d < dim; d++) data[i * dim + d] = gaussian(random) + (d === 0 ? label[i] * 20 : 0);
  }
  return { data, label };
}

describe('runUmap', () => {
  it('same seed → identical layout; another seed → a different one', async () => {
    const { data } = blobs(200, 10, 1);
    const input = { data, n: 200, dim: 10, seed: 7, nEpochs: 40 };
    const a = await runUmap(input, directContext());
    const b = await runUmap(input, directContext());
    const c = await runUmap({ ...input, seed: 8 }, directContext());
    expect(a).toBeInstanceOf(Float32Array);
    expect(a.length).toBe(400);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('keeps two well-separated blobs apart in 2-D (through PCA, previews and progress)', async () => {
    const n = 300, dim = 80;
    const { data, label } = blobs(n, dim, 2);
    const previews: Float32Array[] = [];
    const phases = new Set<string>();
    const xy = await runUmap({ data, n, dim, seed: 3, nEpochs: 60, previewEvery: 10 }, directContext({
      onPreview: (p) => previews.push(p),
      onProgress: (p) => phases.add((p.message ?? '').replace(/:.*/, '')),
    }));
    expect(previews.length).toBe(5);
    expect(previews[0].length).toBe(n * 2);
    expect(phases.has('kNN')).toBe(true);
    expect(phases.has('epochs')).toBe(true);
    // Normalised to [-1, 1] on the longer side.
    let mx = 0;
    for (const v of xy) mx = Math.max(mx, Math.abs(v));
    expect(mx).toBeCloseTo(1, 5);
    // Every point is nearer its own blob's centroid than the other's.
    const c = [[0, 0], [0, 0]], cnt = [0, 0];
    for (let i = 0; i < n; i++) {
      c[label[i]][0] += xy[2 * i];
      c[label[i]][1] += xy[2 * i + 1];
      cnt[label[i]]++;
    }
    for (const l of [0, 1]) c[l] = [c[l][0] / cnt[l], c[l][1] / cnt[l]];
    let wrong = 0;
    for (let i = 0; i < n; i++) {
      const d = (l: number) => (xy[2 * i] - c[l][0]) ** 2 + (xy[2 * i + 1] - c[l][1]) ** 2;
      if (d(label[i]) >= d(1 - label[i])) wrong++;
    }
    expect(wrong).toBe(0);
    expect(trustworthiness(data, dim, xy, n, 10)).toBeGreaterThan(0.8);
  });

  it('the umap-js engine runs on our graph too (same contract)', async () => {
    const { data } = blobs(120, 5, 4);
    const xy = await runUmap({ data, n: 120, dim: 5, seed: 1, nEpochs: 30, engine: 'umap-js' }, directContext());
    expect(xy.length).toBe(240);
    expect(xy.every(Number.isFinite)).toBe(true);
  });

  it('stops with CancelledError when the signal fires, and rejects bad input with a location', async () => {
    const { data } = blobs(200, 10, 1);
    const ctrl = new AbortController();
    const run = runUmap({ data, n: 200, dim: 10, seed: 1, nEpochs: 500 }, directContext({
      signal: ctrl.signal,
      onProgress: (p) => { if (p.message === 'epochs') ctrl.abort(); },
    }));
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    const bad = data.slice();
    bad[10 * 17 + 3] = NaN;
    await expect(runUmap({ data: bad, n: 200, dim: 10, seed: 1 }, directContext())).rejects.toThrow(/row 17, column 3/);
    await expect(runUmap({ data, n: 201, dim: 10, seed: 1 }, directContext())).rejects.toThrow(/expected n×dim/);
    await expect(runUmap({ data: data.subarray(0, 100), n: 10, dim: 10, seed: 1, nNeighbors: 15 }, directContext())).rejects.toThrow(/more points/);
    await expect(runUmap({ data: data.subarray(0, 20), n: 2, dim: 10, seed: 1 }, directContext())).rejects.toThrow(/at least 3 points/);
    // Fewer rows than the default 15 neighbours: n − 1 of them, and every point placed.
    const small = await runUmap({ data: data.subarray(0, 100), n: 10, dim: 10, seed: 1 }, directContext());
    expect(small.length).toBe(20);
    expect(small.every(Number.isFinite)).toBe(true);
  });
});

describe('UMAP internals', () => {
  it('findAB matches the reference curve fit (min_dist 0.1 → a≈1.577, b≈0.895)', () => {
    const { a, b } = findAB(1, 0.1);
    expect(a).toBeCloseTo(1.577, 2);
    expect(b).toBeCloseTo(0.895, 2);
  });

  it('tabulated gradient coefficients agree with Math.pow to 3e-5 relative', () => {
    const exact = exactCoefficients(1.577, 0.895, 1), table = tableCoefficients(1.577, 0.895, 1);
    const r = mulberry32(3);
    for (let i = 0; i < 2000; i++) {
      const d2 = Math.exp((r() - 0.5) * 60);
      expect(Math.abs(table.attract(d2) / exact.attract(d2) - 1)).toBeLessThan(3e-5);
      expect(Math.abs(table.repel(d2) / exact.repel(d2) - 1)).toBeLessThan(3e-5);
    }
  });

  it('the fuzzy graph is symmetric, in (0, 1], with the fuzzy-union weights', () => {
    const { data } = blobs(150, 4, 9);
    const g = knnExact(data, 150, 4, 8);
    const f = fuzzySimplicialSet(g);
    const w = new Map<string, number>();
    for (let e = 0; e < f.vals.length; e++) w.set(`${f.rows[e]},${f.cols[e]}`, f.vals[e]);
    for (let e = 0; e < f.vals.length; e++) {
      expect(f.vals[e]).toBeGreaterThan(0);
      expect(f.vals[e]).toBeLessThanOrEqual(1);
      expect(w.get(`${f.cols[e]},${f.rows[e]}`)).toBe(f.vals[e]);
      expect(f.rows[e]).not.toBe(f.cols[e]);
    }
    // Each row's nearest neighbour (at distance ρ) has membership 1, so its union weight is 1.
    for (let r = 0; r < 150; r++) expect(w.get(`${r},${g.indices[r * 8 + 1]}`)).toBe(1);
  });

  it('normalizeLayout centres the box and keeps the aspect ratio', () => {
    const out = normalizeLayout(new Float32Array([0, 0, 4, 2, 2, 1]));
    expect(Array.from(out)).toEqual([-1, -0.5, 1, 0.5, 0, 0]);
  });
});
