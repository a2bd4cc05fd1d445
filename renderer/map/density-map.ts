/**
 * The map zoomed out: a density image instead of a million discs. A pyramid of grids over the
 * layout's bounding square (256² … 2048² cells) keeps, per non-empty cell, how many points it
 * holds and the colour of the last of them (the one a disc drawing would show on top). A frame
 * picks the coarsest level whose cells are at most a device pixel, adds each non-empty cell's
 * count into the pixel under its centre, and shades each touched pixel by its colour with an
 * opacity growing with log(count) — O(non-empty cells), whatever the number of points.
 * Built once per layout and colouring (~4 passes over the points). Pure.
 */
import type { ScatterIndex } from './scatter-index.ts';
import type { View } from './viewport.ts';

export type DensityLevel = { G: number; /** non-empty cells, ascending */ cells: Uint32Array; count: Uint32Array; code: Uint8Array };
export type DensityPyramid = { x0: number; y0: number; size: number; levels: DensityLevel[] };

type Counts = { G: number; cells: Uint32Array; count: Uint32Array; lastRow: Int32Array };

const FINEST = 2048;
const COARSEST = 256;

/** The pyramid of `ix`'s points coloured by palette `codes`. */
export function buildPyramid(ix: ScatterIndex, codes: Uint8Array): DensityPyramid {
  const { xy, x0, y0, size } = ix;
  const n = xy.length >> 1;
  const G = FINEST;
  const k = G / size;
  const count = new Uint32Array(G * G);
  const last = new Int32Array(G * G).fill(-1);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    if (!(x === x && y === y)) continue;
    const c = Math.min(G - 1, ((y - y0) * k) | 0) * G + Math.min(G - 1, ((x - x0) * k) | 0);
    count[c]++;
    last[c] = i;
  }
  let m = 0;
  for (let c = 0; c < G * G; c++) if (count[c]) m++;
  const cells = new Uint32Array(m), cnt = new Uint32Array(m), lastRow = new Int32Array(m);
  for (let c = 0, j = 0; c < G * G; c++) if (count[c]) { cells[j] = c; cnt[j] = count[c]; lastRow[j++] = last[c]; }
  const levels: DensityLevel[] = [];
  let level: Counts = { G, cells, count: cnt, lastRow };
  for (;;) {
    levels.unshift({ G: level.G, cells: level.cells, count: level.count, code: Uint8Array.from(level.lastRow, (i) => codes[i]) });
    if (level.G <= COARSEST) break;
    level = coarser(level);
  }
  return { x0, y0, size, levels };
}

/** The level at half the resolution: children merged, the last row of the four kept. */
function coarser(f: Counts): Counts {
  const G = f.G >> 1;
  const count = new Uint32Array(G * G);
  const last = new Int32Array(G * G).fill(-1);
  for (let j = 0; j < f.cells.length; j++) {
    const c = f.cells[j];
    const p = ((((c / f.G) | 0) >> 1) * G) + ((c % f.G) >> 1);
    count[p] += f.count[j];
    if (f.lastRow[j] > last[p]) last[p] = f.lastRow[j];
  }
  let m = 0;
  for (let c = 0; c < G * G; c++) if (count[c]) m++;
  const cells = new Uint32Array(m), cnt = new Uint32Array(m), lastRow = new Int32Array(m);
  for (let c = 0, j = 0; c < G * G; c++) if (count[c]) { cells[j] = c; cnt[j] = count[c]; lastRow[j++] = last[c]; }
  return { G, cells, count: cnt, lastRow };
}

/** The coarsest level whose cells are at most `px` device pixels at scale `s` (device px per data unit). */
export function levelFor(pyr: DensityPyramid, s: number, px = 1): DensityLevel {
  for (const L of pyr.levels) if ((pyr.size / L.G) * s <= px) return L;
  return pyr.levels[pyr.levels.length - 1];
}

export type DensityScratch = { count: Uint32Array; code: Uint8Array; touched: Int32Array };

/**
 * Shades the density of `pyr` at view `v` (CSS) × dpr into `buf` (W×H packed RGBA over the
 * background already there): alpha = opacity · (½ + ½ · log(1 + count) / log(1 + max count)).
 */
export function drawDensityMap(buf: Uint32Array, W: number, H: number, pyr: DensityPyramid, v: View, dpr: number, rgb: Uint8Array, opacity: number, scratch: DensityScratch): number {
  const s = v.scale * dpr, tx = v.tx * dpr, ty = v.ty * dpr;
  const L = levelFor(pyr, s);
  const cw = pyr.size / L.G;
  const { count, code, touched } = scratch;
  let t = 0, max = 0;
  const { cells, count: cc, code: cd, G } = L;
  for (let j = 0; j < cells.length; j++) {
    const c = cells[j];
    const cy = (c / G) | 0, cx = c - cy * G;
    const px = (pyr.x0 + (cx + 0.5) * cw) * s + tx, py = (pyr.y0 + (cy + 0.5) * cw) * s + ty;
    if (!(px >= 0 && py >= 0 && px < W && py < H)) continue;
    const p = (py | 0) * W + (px | 0);
    if (count[p] === 0) touched[t++] = p;
    const m = (count[p] += cc[j]);
    if (m > max) max = m;
    code[p] = cd[j];
  }
  const k = 0.5 / Math.log1p(max || 1);
  const lut = new Float32Array(1024);
  for (let c = 1; c < 1024; c++) lut[c] = opacity * Math.min(1, 0.5 + k * Math.log1p(c));
  for (let j = 0; j < t; j++) {
    const p = touched[j];
    const c = count[p];
    const a = c < 1024 ? lut[c] : opacity * Math.min(1, 0.5 + k * Math.log1p(c));
    const o = code[p] * 3;
    const d = buf[p];
    const dr = d & 255, dg = (d >> 8) & 255, db = (d >> 16) & 255;
    buf[p] = 0xff000000 | (Math.round(db + (rgb[o + 2] - db) * a) << 16) | (Math.round(dg + (rgb[o + 1] - dg) * a) << 8) | Math.round(dr + (rgb[o] - dr) * a);
    count[p] = 0;
  }
  return t;
}

/** Scratch for W×H pixels (reused across frames; drawDensityMap leaves its counts at 0). */
export function densityScratch(W: number, H: number, prev?: DensityScratch): DensityScratch {
  if (prev && prev.count.length === W * H) return prev;
  return { count: new Uint32Array(W * H), code: new Uint8Array(W * H), touched: new Int32Array(W * H) };
}
