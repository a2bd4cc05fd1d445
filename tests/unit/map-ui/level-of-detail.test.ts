/** The map's grid index and density pyramid: they choose what to look at, never change an answer. */
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../../ml/random.ts';
import { buildScatterIndex, cellsInView, countInView, INDEX_G, nearestIndexed } from '../../../renderer/map/scatter-index.ts';
import { buildPyramid, densityScratch, drawDensityMap, levelFor } from '../../../renderer/map/density-map.ts';
import { fitView, nearestPoint, toScreen, zoomAt, type View } from '../../../renderer/map/viewport.ts';

/** Clusters, some points not laid out (NaN) and some exact duplicates (ties for hover). */
function layout(n: number, seed: number): Float32Array {
  const rnd = mulberry32(seed);
  const xy = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    if (i % 97 === 0) { xy[2 * i] = xy[2 * i + 1] = NaN; continue; }
    if (i % 31 === 0 && i > 0) { xy[2 * i] = xy[2 * i - 2]; xy[2 * i + 1] = xy[2 * i - 1]; continue; }
    const c = i % 5;
    xy[2 * i] = -0.6 + 0.3 * c + 0.08 * gaussian(rnd);
    xy[2 * i + 1] = 0.5 * Math.sin(c) + 0.08 * gaussian(rnd);
  }
  return xy;
}

describe('scatter index', () => {
  const xy = layout(20_000, 1);
  const ix = buildScatterIndex(xy);
  const base = fitView(800, 600);
  const views: View[] = [base, zoomAt(base, base, 400, 300, 6), zoomAt(base, base, 120, 500, 40), { ...base, tx: base.tx - 500 }];

  it('hover finds exactly the point a scan over every point finds (ties to the lowest row)', () => {
    const rnd = mulberry32(2);
    let hits = 0;
    for (const v of views) {
      for (let q = 0; q < 300; q++) {
        // Half the queries right on a point (some are duplicated points), half anywhere.
        const i = Math.floor(rnd() * 20_000);
        const at = toScreen(v, xy[2 * i], xy[2 * i + 1]);
        const [sx, sy] = q % 2 && Number.isFinite(at.sx) ? [at.sx, at.sy] : [rnd() * 800, rnd() * 600];
        const want = nearestPoint(xy, v, sx, sy, 8);
        expect(nearestIndexed(ix, v, sx, sy, 8)).toBe(want);
        if (want >= 0) hits++;
      }
    }
    expect(hits).toBeGreaterThan(400);
  });

  it('the cells in view hold every point drawn in view, and count them without a scan', () => {
    for (const v of views) {
      const [cx0, cx1, cy0, cy1] = cellsInView(ix, v, 800, 600, 3);
      let inCells = 0, onScreen = 0;
      const cellOf = (x: number, lo: number) => Math.min(INDEX_G - 1, Math.floor(((x - lo) * INDEX_G) / ix.size));
      for (let i = 0; i < 20_000; i++) {
        const x = xy[2 * i], y = xy[2 * i + 1];
        if (Number.isNaN(x)) continue;
        const s = toScreen(v, x, y);
        const cx = cellOf(x, ix.x0), cy = cellOf(y, ix.y0);
        const inside = cx >= cx0 && cx <= cx1 && cy >= cy0 && cy <= cy1;
        if (inside) inCells++;
        if (s.sx >= -3 && s.sy >= -3 && s.sx < 803 && s.sy < 603) { onScreen++; expect(inside).toBe(true); }
      }
      expect(countInView(ix, v, 800, 600, 3)).toBe(inCells);
      expect(inCells).toBeGreaterThanOrEqual(onScreen);
    }
  });
});

describe('density pyramid', () => {
  const n = 30_000;
  const xy = layout(n, 3);
  const codes = Uint8Array.from({ length: n }, (_, i) => i % 7);
  const ix = buildScatterIndex(xy);
  const pyr = buildPyramid(ix, codes);

  it('every level counts every laid-out point once, and each cell shows the colour of its last row', () => {
    const laidOut = Array.from({ length: n }, (_, i) => i).filter((i) => !Number.isNaN(xy[2 * i])).length;
    expect(pyr.levels.map((L) => L.G)).toEqual([256, 512, 1024, 2048]);
    for (const L of pyr.levels) {
      expect(L.count.reduce((s, c) => s + c, 0)).toBe(laidOut);
      // From scratch at this resolution.
      const k = L.G / pyr.size;
      const count = new Map<number, number>(), last = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const x = xy[2 * i], y = xy[2 * i + 1];
        if (Number.isNaN(x)) continue;
        const c = Math.min(L.G - 1, Math.floor((y - pyr.y0) * k)) * L.G + Math.min(L.G - 1, Math.floor((x - pyr.x0) * k));
        count.set(c, (count.get(c) ?? 0) + 1);
        last.set(c, i);
      }
      expect(L.cells.length).toBe(count.size);
      for (let j = 0; j < L.cells.length; j++) {
        expect(L.count[j]).toBe(count.get(L.cells[j]));
        expect(L.code[j]).toBe(codes[last.get(L.cells[j])!]);
      }
    }
  });

  it('draws at the coarsest level whose cells fit a pixel, shading more points darker, only in view', () => {
    const W = 400, H = 300;
    const v = fitView(W, H);
    expect((pyr.size / levelFor(pyr, v.scale).G) * v.scale).toBeLessThanOrEqual(1);
    const buf = new Uint32Array(W * H).fill(0xffffffff);
    const rgb = new Uint8Array(7 * 3); // every colour black: darkness = opacity
    const touched = drawDensityMap(buf, W, H, pyr, v, 1, rgb, 0.8, densityScratch(W, H));
    expect(touched).toBeGreaterThan(500);
    let drawn = 0, darkest = 255;
    for (let p = 0; p < W * H; p++) if (buf[p] !== 0xffffffff) { drawn++; darkest = Math.min(darkest, buf[p] & 255); }
    expect(drawn).toBe(touched);
    expect(darkest).toBe(Math.round(255 * 0.2)); // the densest pixel at full opacity
    // Panned away: nothing in view, nothing drawn.
    const away = new Uint32Array(W * H).fill(0xffffffff);
    expect(drawDensityMap(away, W, H, pyr, { ...v, tx: v.tx + 5000 }, 1, rgb, 0.8, densityScratch(W, H))).toBe(0);
  });
});
