/**
 * The sorted per-column index that makes repeated rule evaluation cheap: it sorts like a
 * comparison sort (missing last, exact doubles by their exact value), and a table evaluated
 * again (index in use) gives exactly what the first, scanning evaluation gave.
 */
import { describe, expect, it } from 'vitest';
import { buildIndex, indexRange, INDEX_MIN_ROWS, nextEvaluation, sortedIndexFor } from '../../../ml/rules/sorted-index.ts';
import { compileKernel } from '../../../ml/rules/kernels.ts';
import { conditionMask, ruleSetAssign } from '../../../ml/rules/compile.ts';
import type { Table } from '../../../ml/table/types.ts';
import { mulberry32, randomTable } from './gen.ts';
import { evalCondition } from './reference.ts';

describe('sorted index', () => {
  it('orders float32 and float64 columns by value, ties by row, missing last', () => {
    const rng = mulberry32(3);
    const f32 = Float32Array.from({ length: 5000 }, () => (rng() < 0.1 ? NaN : Math.round(rng() * 40 - 20) / 4 + (rng() < 0.3 ? -0 : 0)));
    // Doubles that share a float32 must still come out in exact order.
    const f64 = Float64Array.from({ length: 5000 }, () => (rng() < 0.1 ? NaN : 1 + Math.floor(rng() * 8) * 2 ** -30 + Math.floor(rng() * 3)));
    for (const X of [f32, f64]) {
      const { perm, present } = buildIndex(X);
      const want = Array.from(X.keys()).filter((i) => X[i] === X[i]).sort((a, b) => X[a] - X[b] || a - b);
      expect(present).toBe(want.length);
      expect(Array.from(perm.subarray(0, present)).map((i) => X[i] + 0)).toEqual(want.map((i) => X[i] + 0)); // -0 and 0 are one value
      expect(new Set(perm).size).toBe(X.length);
      expect(Array.from(perm.subarray(present)).every((i) => Number.isNaN(X[i]))).toBe(true);
      const [s, e] = indexRange({ perm, present }, X, 1.5, 2.25);
      expect(e - s).toBe(Array.from(X).filter((v) => v >= 1.5 && v <= 2.25).length);
    }
  });

  it('is built on the second evaluation of a big enough column, never for a one-off or a small table', () => {
    const big = new Float32Array(INDEX_MIN_ROWS).map((_, i) => i % 97);
    nextEvaluation();
    expect(sortedIndexFor(big, big.length)).toBeNull();
    expect(sortedIndexFor(big, big.length)).toBeNull(); // two rules on one column: still one evaluation
    nextEvaluation();
    expect(sortedIndexFor(big, big.length)).not.toBeNull();
    const small = new Float32Array(1000);
    for (let k = 0; k < 3; k++) { nextEvaluation(); expect(sortedIndexFor(small, 1000)).toBeNull(); }
  });

  it('evaluating again with the index gives what the scans gave: gather, select, masks and assignment (seeded)', () => {
    const rng = mulberry32(2025);
    const base = randomTable(rng, 40_000);
    // One column keeps exact doubles, so the Float64 path is indexed too.
    const exact = Float64Array.from({ length: base.n }, () => (rng() < 0.1 ? NaN : Math.round(rng() * 160 - 80) / 4 + (rng() < 0.5 ? 1e-9 : 0)));
    const table: Table = { n: base.n, columns: [...base.columns, { name: 'exact', type: 'numeric', values: Float32Array.from(exact), exact }] };
    const conds = Array.from({ length: 60 }, () => (rng() < 0.3 ? { op: 'range' as const, column: 'exact', lo: Math.round(rng() * 40 - 30) / 4, hi: null, loOpen: rng() < 0.5 } : evalCondition(rng)));
    const rules = conds.map((when, k) => ({ id: `r${k}`, name: '', target: 'c', when, enabled: true }));
    const first = ruleSetAssign(table, { rules, defaultClass: null }).slice();
    const masks = conds.map((c) => conditionMask(table, c));
    // Each evaluation sorts a few more columns; all of them are indexed after six.
    for (let k = 0; k < 6; k++) expect(Array.from(ruleSetAssign(table, { rules, defaultClass: null }))).toEqual(Array.from(first));
    const idx = new Uint32Array(table.n * 2);
    conds.forEach((c, q) => {
      const k = compileKernel(table, c, null);
      const want = Array.from(masks[q].keys()).filter((i) => masks[q][i]);
      expect(Array.from(idx.subarray(0, k.select(idx)))).toEqual(want);
      const end = k.gather(idx, 7);
      expect(Array.from(idx.subarray(7, end)).sort((a, b) => a - b)).toEqual(want);
      if (k.count !== null) expect(k.count).toBe(want.length);
      expect(Array.from(conditionMask(table, c))).toEqual(Array.from(masks[q]));
    });
  });
});
