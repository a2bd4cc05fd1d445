/** Pure helpers of the parallel coordinates: scales, quantisation, brush masks, brush geometry, density. */
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../ml/table/types.ts';
import { conditionMask } from '../../../ml/rules/compile.ts';
import { brushesToCondition, type Brush } from '../../../ml/rules/brushes.ts';
import { mulberry32 } from '../../../ml/random.ts';
import { computeScale } from '../../../renderer/rules/scales.ts';
import { MISSING, quantizeColumn } from '../../../renderer/rules/quantize.ts';
import { brushMask } from '../../../renderer/rules/mask.ts';
import { plotLayout } from '../../../renderer/rules/geometry.ts';
import { categoriesIn, dragToRange, mergeRanges, pxToRange, rangeToPx, withBrush } from '../../../renderer/rules/brush-edit.ts';
import { accumulateDensity, compositeDensity, makeBuffers } from '../../../renderer/rules/density.ts';
import { DragCounts } from '../../../renderer/rules/drag-counts.ts';

function randomTable(n: number, seed: number): Table {
  const rnd = mulberry32(seed);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rnd() < 0.05 ? NaN : (rnd() - 0.5) * 20;
    y[i] = Math.exp(rnd() * 6);
    codes[i] = rnd() < 0.03 ? -1 : Math.floor(rnd() * 4);
  }
  return { n, columns: [
    { name: 'x', type: 'numeric', values: x },
    { name: 'y', type: 'numeric', values: y },
    { name: 'grade', type: 'categorical', codes, dictionary: ['b', 'a', 'c10', 'c2'] },
  ] };
}

describe('scales and quantisation', () => {
  const t = randomTable(5000, 1);
  it('linear maps the extent to [0, 1] and inverts', () => {
    const s = computeScale(t.columns[0], 'linear');
    expect(s.toUnit(s.domain[0])).toBe(0);
    expect(s.toUnit(s.domain[1])).toBe(1);
    expect(s.fromUnit(s.toUnit(3.25))).toBeCloseTo(3.25, 5);
    expect(Number.isNaN(s.toUnit(NaN))).toBe(true);
  });
  it('quantile puts about the same number of rows in each half', () => {
    const s = computeScale(t.columns[1], 'quantile');
    const q = quantizeColumn(t.columns[1], s);
    let low = 0;
    for (const v of q) if (v < 127) low++;
    expect(Math.abs(low / t.n - 0.5)).toBeLessThan(0.02);
    expect(s.fromUnit(s.toUnit(50))).toBeCloseTo(50, 0);
  });
  it('log is monotone and its ticks are inside the axis', () => {
    const s = computeScale(t.columns[1], 'log');
    expect(s.toUnit(10)).toBeLessThan(s.toUnit(100));
    for (const tk of s.ticks(5)) expect(tk.p).toBeGreaterThanOrEqual(-1e-9);
    expect(s.note).toBeUndefined();
    expect(computeScale(t.columns[0], 'log').note).toMatch(/symmetric/);
  });
  it('categories are ordered naturally and missing codes go to the missing band', () => {
    const s = computeScale(t.columns[2], 'linear');
    expect(s.categories!.map((c) => c.name)).toEqual(['a', 'b', 'c2', 'c10']);
    const q = quantizeColumn(t.columns[2], s);
    const col = t.columns[2];
    if (col.type !== 'categorical') throw new Error();
    for (let i = 0; i < 200; i++) if (col.codes[i] < 0) expect(q[i]).toBe(MISSING);
    const x = quantizeColumn(t.columns[0], computeScale(t.columns[0], 'linear'));
    const xs = t.columns[0];
    if (xs.type !== 'numeric') throw new Error();
    for (let i = 0; i < 200; i++) expect(x[i] === MISSING).toBe(Number.isNaN(xs.values[i]));
  });
});

describe('brush mask agrees with the compiled rule condition', () => {
  const t = randomTable(20000, 7);
  const cases: Brush[][] = [
    [],
    [{ column: 'x', kind: 'numeric', ranges: [[-2, 3]] }],
    [{ column: 'x', kind: 'numeric', ranges: [[-9, -5], [1, 2], [4, 8]] }, { column: 'grade', kind: 'categorical', values: ['a', 'c10'] }],
    [{ column: 'y', kind: 'numeric', ranges: [[-Infinity, 20]], open: [[false, true]] }, { column: 'x', kind: 'numeric', ranges: [[0, Infinity]] }],
    [{ column: 'grade', kind: 'categorical', values: ['b'] }, { column: 'y', kind: 'numeric', ranges: [[3, 3.5], [100, 400]] }],
  ];
  cases.forEach((brushes, k) => it(`case ${k}`, () => {
    const mine = new Uint8Array(t.n);
    const count = brushMask(t, brushes, mine);
    const ref = conditionMask(t, brushesToCondition(brushes));
    let refCount = 0;
    for (let i = 0; i < t.n; i++) { refCount += ref[i]; expect(mine[i]).toBe(ref[i]); }
    expect(count).toBe(refCount);
  }));
});

describe('brush geometry', () => {
  const t = randomTable(2000, 3);
  const L = plotLayout(t, ['x', 'y', 'grade'], { y: { inverted: true } }, 900, 400);
  it('data range ↔ pixels round-trips on normal and inverted axes', () => {
    for (const a of L.axes.slice(0, 2)) {
      const r: [number, number] = [a.scale.fromUnit(0.2), a.scale.fromUnit(0.7)];
      const [top, bottom] = rangeToPx(L, a, r);
      expect(top).toBeLessThan(bottom);
      const back = pxToRange(L, a, top, bottom);
      expect(back[0]).toBeCloseTo(r[0], 3);
      expect(back[1]).toBeCloseTo(r[1], 3);
    }
  });
  it('a drag rounds its edges to a pixel and leaves a side open when it reaches the axis end', () => {
    for (const a of L.axes.slice(0, 2)) {
      const [top, bottom] = rangeToPx(L, a, [a.scale.fromUnit(0.3), a.scale.fromUnit(0.6)]);
      const [lo, hi] = dragToRange(L, a, top, bottom);
      const exact = pxToRange(L, a, top, bottom);
      const pixel = Math.abs(a.scale.fromUnit(0.5 + 1 / (L.bottom - L.top)) - a.scale.fromUnit(0.5));
      expect(Math.abs(lo - exact[0])).toBeLessThanOrEqual(pixel);
      expect(Math.abs(hi - exact[1])).toBeLessThanOrEqual(pixel);
      expect(String(lo).length).toBeLessThanOrEqual(String(exact[0]).length); // rounding never adds digits
      // Past either end of the axis: that side of the range is open.
      const open = dragToRange(L, a, L.top - 5, L.bottom + 5);
      expect(open).toEqual([-Infinity, Infinity]);
    }
  });
  it('categories under a span; a thin span picks the nearest', () => {
    const g = L.axes[2];
    expect(categoriesIn(L, g, L.top, L.bottom).sort()).toEqual(['a', 'b', 'c10', 'c2']);
    expect(categoriesIn(L, g, L.bottom - 1, L.bottom)).toEqual(['a']);
  });
  it('merges overlapping ranges and edits the brush list immutably', () => {
    expect(mergeRanges([[3, 5], [1, 2], [4, 8]])).toEqual([[1, 2], [3, 8]]);
    const b: Brush[] = [{ column: 'x', kind: 'numeric', ranges: [[0, 1]] }];
    expect(withBrush(b, 'x', null)).toEqual([]);
    expect(withBrush(b, 'y', { column: 'y', kind: 'numeric', ranges: [[1, 2]] })).toHaveLength(2);
    expect(b).toHaveLength(1);
  });
});

describe('line density', () => {
  it('puts weight on both axes, proportional to the rows drawn, and composites to opaque pixels where lines are', () => {
    const t = randomTable(3000, 5);
    const L = plotLayout(t, ['x', 'y'], {}, 300, 200);
    const W = 300, H = 200;
    const ys = L.axes.map(() => { const Y = new Float32Array(256); for (let q = 0; q < 255; q++) Y[q] = L.bottom - (q / 254) * (L.bottom - L.top); Y[255] = L.missingY; return Y; });
    const layout = { W, H, xs: L.axes.map((a) => a.x), yOfLevel: ys };
    const quant = L.axes.map((a) => a.quant);
    const buf = makeBuffers(W, H, 1);
    accumulateDensity(buf, layout, { quant, index: null, n: t.n, groups: null, nGroups: 1, shift: 1 });
    const colSum = (x: number) => { let s = 0; for (let y = 0; y < H; y++) s += buf.acc[0][y * W + x]; return s / buf.one; };
    const mid = Math.round((L.axes[0].x + L.axes[1].x) / 2);
    expect(colSum(mid)).toBeCloseTo(t.n, -1); // every row crosses the middle column once
    const half = makeBuffers(W, H, 1);
    accumulateDensity(half, layout, { quant, index: Uint32Array.from({ length: 1500 }, (_, i) => i * 2), n: t.n, groups: null, nGroups: 1, shift: 1 });
    let s2 = 0;
    for (let y = 0; y < H; y++) s2 += half.acc[0][y * W + mid];
    expect(s2 / half.one).toBeCloseTo(1500, -1);
    const out = new Uint8ClampedArray(W * H * 4);
    compositeDensity(buf, [[255, 0, 0]], [0], 0.2, 0.9, out);
    let lit = 0;
    for (let p = 0; p < W * H; p++) if (out[p * 4 + 3] > 0) { lit++; expect(out[p * 4]).toBe(255); }
    expect(lit).toBeGreaterThan(1000);
  });

  it('draws missing values in the missing band at every binning (255 bins too)', () => {
    const t = randomTable(2000, 8);
    const L = plotLayout(t, ['x', 'y'], {}, 300, 200);
    const W = 300, H = 200;
    const ys = L.axes.map(() => { const Y = new Float32Array(256); for (let q = 0; q < 255; q++) Y[q] = L.bottom - (q / 254) * (L.bottom - L.top); Y[255] = L.missingY; return Y; });
    const quant = L.axes.map((a) => a.quant);
    const x = t.columns[0];
    if (x.type !== 'numeric') throw new Error('numeric expected');
    const missing = Uint32Array.from({ length: t.n }, (_, i) => i).filter((i) => Number.isNaN(x.values[i]));
    expect(missing.length).toBeGreaterThan(20);
    for (const shift of [0, 1, 2]) {
      const buf = makeBuffers(W, H, 1);
      accumulateDensity(buf, { W, H, xs: L.axes.map((a) => a.x), yOfLevel: ys }, { quant, index: missing, n: t.n, groups: null, nGroups: 1, shift });
      // At the left axis every one of these rows starts in the missing band, none at the bottom.
      const at = (y: number) => buf.acc[0][Math.round(y) * W + Math.ceil(L.axes[0].x)] + buf.acc[0][(Math.round(y) + 1) * W + Math.ceil(L.axes[0].x)];
      expect(at(L.missingY) / buf.one).toBeGreaterThan(missing.length * 0.9);
      expect(at(L.bottom)).toBe(0);
    }
  });

  it('drag counts follow a changing selection exactly: the drawing equals counting from scratch', () => {
    const t = randomTable(3000, 6);
    const L = plotLayout(t, ['x', 'y', 'grade'], {}, 400, 200);
    const W = 400, H = 200;
    const ys = L.axes.map(() => { const Y = new Float32Array(256); for (let q = 0; q < 255; q++) Y[q] = L.bottom - (q / 254) * (L.bottom - L.top); Y[255] = L.missingY; return Y; });
    const layout = { W, H, xs: L.axes.map((a) => a.x), yOfLevel: ys };
    const quant = L.axes.map((a) => a.quant);
    const groups = Uint8Array.from({ length: t.n }, (_, i) => (i % 7 === 0 ? 255 : i % 3 === 0 ? 1 : 0));
    const random = mulberry32(3);
    const mask = Uint8Array.from({ length: t.n }, () => (random() < 0.4 ? 1 : 0));
    const drag = new DragCounts(quant, groups, 2, 1, t.n, mask);
    for (let step = 0; step < 5; step++) {
      // A drag step: some rows enter, some leave.
      for (let i = 0; i < t.n; i++) if (random() < 0.05) mask[i] ^= 1;
      drag.sync(mask);
      const index = Uint32Array.from({ length: t.n }, (_, i) => i).filter((i) => mask[i]);
      const fresh = makeBuffers(W, H, 2);
      accumulateDensity(fresh, layout, { quant, index, n: t.n, groups, nGroups: 2, shift: 1 });
      const incremental = makeBuffers(W, H, 2);
      accumulateDensity(incremental, layout, { quant, index: null, n: t.n, groups, nGroups: 2, shift: 1 }, drag);
      for (let g = 0; g < 2; g++) expect(incremental.acc[g]).toEqual(fresh.acc[g]);
    }
  });
});
