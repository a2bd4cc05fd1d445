/** The map's grid index and density pyramid: they choose what to look at, never change an answer. */
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../../ml/random.ts';
import { buildScatterIndex, cellsInView, countInView, INDEX_G, nearestIndexed } from '../../../renderer/map/scatter-index.ts';
import { buildPyramid, densityScratch, drawDensityMap, levelFor, type DensityLevel } from '../../../renderer/map/density-map.ts';
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

  /** Reference cells of level `sub`: the point's index tile, then its cell inside the tile (as the map defines them). */
  function cellsFromScratch(sub: number, rows: number[]): Map<number, { count: number; last: number }> {
    const k = INDEX_G / ix.size, ks = (INDEX_G * sub) / ix.size;
    const out = new Map<number, { count: number; last: number }>();
    for (const i of rows) {
      const x = xy[2 * i], y = xy[2 * i + 1];
      if (Number.isNaN(x)) continue;
      const tx = Math.min(INDEX_G - 1, Math.floor((x - ix.x0) * k)), ty = Math.min(INDEX_G - 1, Math.floor((y - ix.y0) * k));
      const fx = Math.min(sub - 1, Math.max(0, Math.floor((x - ix.x0) * ks) - tx * sub)), fy = Math.min(sub - 1, Math.max(0, Math.floor((y - ix.y0) * ks) - ty * sub));
      const c = (ty * sub + fy) * INDEX_G * sub + tx * sub + fx;
      const e = out.get(c) ?? { count: 0, last: -1 };
      e.count++;
      e.last = Math.max(e.last, i);
      out.set(c, e);
    }
    return out;
  }

  /** The pyramid's cells of a level, with global cell numbers. */
  function cellsOf(L: DensityLevel): Map<number, { count: number; code: number }> {
    const out = new Map<number, { count: number; code: number }>();
    for (let t = 0; t < INDEX_G * INDEX_G; t++) {
      for (let j = L.tileStart[t]; j < L.tileStart[t + 1]; j++) {
        // Each entry lies in its tile.
        expect([Math.floor(L.gx[j] / L.sub), Math.floor(L.gy[j] / L.sub)]).toEqual([t % INDEX_G, Math.floor(t / INDEX_G)]);
        out.set(L.gy[j] * INDEX_G * L.sub + L.gx[j], { count: L.count[j], code: L.code[j] });
      }
    }
    return out;
  }

  for (const subset of [false, true]) {
    it(`every level counts every point${subset ? ' of a subset' : ''} once, and each cell shows the colour of its last row`, () => {
      const rows = Array.from({ length: n }, (_, i) => i).filter((i) => !subset || i % 3 === 0);
      const p = subset ? buildPyramid(ix, codes, Uint32Array.from(rows)) : pyr;
      const laidOut = rows.filter((i) => !Number.isNaN(xy[2 * i])).length;
      expect(p.levels.map((L) => L.sub)).toEqual([1, 2, 3, 4, 6, 8]);
      for (const L of p.levels) {
        expect(L.count.reduce((s, c) => s + c, 0)).toBe(laidOut);
        const want = cellsFromScratch(L.sub, rows);
        const got = cellsOf(L);
        expect(got.size).toBe(want.size);
        for (const [c, w] of want) expect(got.get(c)).toEqual({ count: w.count, code: codes[w.last] });
      }
    });
  }

  it('draws at the coarsest level whose cells fit a pixel, shading more points darker, only in view', () => {
    const W = 400, H = 300;
    const v = fitView(W, H);
    expect((ix.size / (INDEX_G * levelFor(pyr, v.scale).sub)) * v.scale).toBeLessThanOrEqual(1);
    const buf = new Uint32Array(W * H).fill(0xffffffff);
    const rgb = new Uint8Array(7 * 3); // every colour black: darkness = opacity
    const touched = drawDensityMap(buf, W, H, pyr, v, 1, rgb, 0.8, densityScratch(W, H), null);
    expect(touched).toBeGreaterThan(500);
    let drawn = 0, darkest = 255;
    for (let p = 0; p < W * H; p++) if (buf[p] !== 0xffffffff) { drawn++; darkest = Math.min(darkest, buf[p] & 255); }
    expect(drawn).toBe(touched);
    expect(darkest).toBe(Math.round(255 * 0.2)); // the densest pixel at full opacity
    // Panned away: nothing in view, nothing drawn.
    const away = new Uint32Array(W * H).fill(0xffffffff);
    expect(drawDensityMap(away, W, H, pyr, { ...v, tx: v.tx + 5000 }, 1, rgb, 0.8, densityScratch(W, H), null)).toBe(0);
    // Over a known background, the table path paints the same pixels as blending each one.
    const colours = Uint8Array.from({ length: 21 }, (_, j) => (j * 37) % 256);
    const a = new Uint32Array(W * H).fill(0xffffffff), b = new Uint32Array(W * H).fill(0xffffffff);
    drawDensityMap(a, W, H, pyr, zoomAt(v, v, 200, 150, 2), 1, colours, 0.8, densityScratch(W, H), null);
    drawDensityMap(b, W, H, pyr, zoomAt(v, v, 200, 150, 2), 1, colours, 0.8, densityScratch(W, H), 0xffffffff | 0);
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});
