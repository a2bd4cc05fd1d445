/** The map's pure parts: view maths, layout normalisation, selection algebra, colourings, animation. */
import { describe, expect, it } from 'vitest';
import { combineSelection, maskToRows, polygonMask, rowsToMask } from '../../../renderer/map/geometry.ts';
import { fitView, nearestPoint, normaliseLayout, toData, toScreen, zoomAt } from '../../../renderer/map/viewport.ts';
import { categorical, ramp, RAMP_STEPS } from '../../../renderer/map/colours.ts';
import { interpolate } from '../../../renderer/map/animate.ts';
import { layoutRows, MAX_LAYOUT_ROWS, contentHash } from '../../../renderer/map/map-store.ts';
import { sampleOf } from '../../../renderer/map/SelectionPanel.tsx';

describe('viewport', () => {
  it('round-trips screen and data coordinates and zooms about the cursor', () => {
    const v = fitView(800, 600);
    const s = toScreen(v, 0.3, -0.7);
    const d = toData(v, s.sx, s.sy);
    expect(d.x).toBeCloseTo(0.3, 6);
    expect(d.y).toBeCloseTo(-0.7, 6);
    const z = zoomAt(v, v, 100, 200, 2);
    const before = toData(v, 100, 200), after = toData(z, 100, 200);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(z.scale).toBeCloseTo(2 * v.scale, 9);
  });

  it('normalises a layout into [-1, 1] keeping NaN rows, robust to one far outlier', () => {
    const n = 1000;
    const xy = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) { xy[2 * i] = 10 + (i % 100); xy[2 * i + 1] = 5 + Math.floor(i / 100); }
    xy[0] = 1e6; // one outlier
    xy[2] = NaN;
    const out = normaliseLayout(xy);
    expect(Number.isNaN(out[2])).toBe(true);
    let max = 0;
    for (let i = 2; i < n; i++) max = Math.max(max, Math.abs(out[2 * i]), Math.abs(out[2 * i + 1]));
    expect(max).toBeGreaterThan(0.95);
    expect(max).toBeLessThan(1.05);
  });

  it('finds the nearest point within a radius', () => {
    const xy = Float32Array.of(0, 0, 0.5, 0.5, NaN, NaN);
    const v = fitView(200, 200, 0);
    const s = toScreen(v, 0.5, 0.5);
    expect(nearestPoint(xy, v, s.sx + 2, s.sy, 5)).toBe(1);
    expect(nearestPoint(xy, v, s.sx + 20, s.sy, 5)).toBe(-1);
  });
});

describe('selection', () => {
  const xy = Float32Array.of(0, 0, 1, 1, 2, 2, 0.5, 0.2, NaN, NaN);
  const square = Float32Array.of(-0.5, -0.5, 1.5, -0.5, 1.5, 1.5, -0.5, 1.5);
  it('lasso selects inside points and never NaN rows', () => {
    expect(Array.from(maskToRows(polygonMask(xy, square)))).toEqual([0, 1, 3]);
  });
  it('shift adds, alt subtracts, plain replaces', () => {
    const mask = rowsToMask(Uint32Array.of(1, 2), 5);
    expect(Array.from(combineSelection(Uint32Array.of(0, 1), mask, 'add'))).toEqual([0, 1, 2]);
    expect(Array.from(combineSelection(Uint32Array.of(0, 1), mask, 'subtract'))).toEqual([0]);
    expect(Array.from(combineSelection(Uint32Array.of(0, 1), mask, 'replace'))).toEqual([1, 2]);
  });
  it('samples a selection reproducibly, and whole when small', () => {
    const sel = Uint32Array.from({ length: 500 }, (_, i) => i * 2);
    const a = sampleOf(sel, 48, 1), b = sampleOf(sel, 48, 1), c = sampleOf(sel, 48, 2);
    expect(a.length).toBe(48);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(Array.from(a).every((r) => r % 2 === 0)).toBe(true);
    expect(sampleOf(sel.subarray(0, 10), 48, 1).length).toBe(10);
  });
  it('lays out a seeded sample only above the row limit', () => {
    expect(layoutRows(1000)).toBeNull();
    const rows = layoutRows(284_807)!;
    expect(rows.length).toBe(MAX_LAYOUT_ROWS);
    expect(Array.from(rows.subarray(0, 5))).toEqual(Array.from(layoutRows(284_807)!.subarray(0, 5)));
    for (let j = 1; j < rows.length; j++) expect(rows[j]).toBeGreaterThan(rows[j - 1]);
  });
  it('keys cached layouts by content', () => {
    const e = { id: 'x', title: 'x', dim: 2, data: Float32Array.of(1, 2, 3, 4) };
    expect(contentHash(e)).toBe(contentHash({ ...e, data: e.data.slice() }));
    expect(contentHash(e)).not.toBe(contentHash({ ...e, data: Float32Array.of(1, 2, 3, 5) }));
  });
});

describe('colours', () => {
  it('categorical: counts, missing, and "other" beyond the palette', () => {
    const c = categorical('t', Int32Array.of(0, 1, 1, -1), ['a', 'b']);
    expect(c.legend.kind === 'categories' && c.legend.items.map((i) => [i.label, i.count])).toEqual([['a', 1], ['b', 2], ['none', 1]]);
    expect(c.codes[3]).toBe(c.css.length - 1);
    const names = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const many = categorical('t', Int32Array.from({ length: 300 }, (_, i) => i % 30), names);
    expect(many.css.length).toBeLessThanOrEqual(21);
    expect(Math.max(...many.codes)).toBeLessThan(many.css.length);
  });
  it('ramp: min → first step, max → last, NaN → missing', () => {
    const r = ramp('t', Float32Array.of(0, 1, 0.5, NaN));
    expect(Array.from(r.codes)).toEqual([0, RAMP_STEPS - 1, RAMP_STEPS / 2, RAMP_STEPS]);
  });
});

describe('animation', () => {
  it('eases from old to new positions; rows without an old position jump', () => {
    const from = Float32Array.of(0, 0, NaN, NaN), to = Float32Array.of(1, 2, 3, 4), out = new Float32Array(4);
    expect(Array.from(interpolate(from, to, 0, out))).toEqual([0, 0, 3, 4]);
    expect(Array.from(interpolate(from, to, 0.5, out))).toEqual([0.5, 1, 3, 4]);
    expect(Array.from(interpolate(from, to, 1, out))).toEqual([1, 2, 3, 4]);
  });
});

describe('normaliseLayout on a layout stored in a periodic order', () => {
  it('samples every cluster, so all of them land in the frame', () => {
    const n = 200_000;
    const xy = new Float32Array(2 * n);
    const centres = [[-3, -2], [3, -2], [0, 0], [-3, 2], [3, 2]];
    for (let i = 0; i < n; i++) { xy[2 * i] = centres[i % 5][0] + ((i * 7919) % 100) / 400; xy[2 * i + 1] = centres[i % 5][1] + ((i * 104729) % 100) / 400; }
    const out = normaliseLayout(xy);
    let minX = Infinity, maxX = -Infinity;
    for (let i = 0; i < n; i++) { minX = Math.min(minX, out[2 * i]); maxX = Math.max(maxX, out[2 * i]); }
    // Every cluster of the row order i mod 5 is inside (about) [-1, 1], not just one of them.
    expect(minX).toBeGreaterThan(-1.1);
    expect(maxX).toBeLessThan(1.1);
    expect(maxX - minX).toBeGreaterThan(1.5);
  });
});
