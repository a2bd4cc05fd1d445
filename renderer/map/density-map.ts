/**
 * The map zoomed out: a density image instead of a million discs. For each tile of the layout's
 * grid index (scatter-index.ts, 256 × 256 tiles) a pyramid keeps its non-empty cells at 1, 2, 3,
 * 4, 6 and 8 cells per tile side (256² … 2048² over the layout): how many points each holds and the
 * colour of the last of them (the one a disc drawing shows on top). A frame picks the coarsest
 * level whose cells are at most a device pixel, walks the tiles in view, adds each cell's count
 * into the pixel under its centre, and shades each touched pixel by its colour with an opacity
 * growing with log(mean count of its cells) — O(non-empty cells in view), whatever the number
 * of points.
 * Built once per layout and colouring (one pass over the points). Pure.
 */
import { cellsInView, INDEX_G, type ScatterIndex } from './scatter-index.ts';
import type { View } from './viewport.ts';

export type DensityLevel = {
  /** Cells per tile side (1, 2, 3, 4, 6, 8); the level has INDEX_G · sub cells per side. */
  sub: number;
  /** Cells of tile t are entries tileStart[t] … tileStart[t + 1]. */
  tileStart: Int32Array;
  /** Per entry: the cell's column and row in the level's grid, its point count and colour code. */
  gx: Uint16Array;
  gy: Uint16Array;
  count: Uint32Array;
  code: Uint8Array;
};
export type DensityPyramid = { index: ScatterIndex; levels: DensityLevel[] };

/** Tile of a laid-out point, as the index computes it. */
const tileOf = (ix: ScatterIndex, x: number, y: number) => {
  const k = INDEX_G / ix.size;
  return Math.min(INDEX_G - 1, ((y - ix.y0) * k) | 0) * INDEX_G + Math.min(INDEX_G - 1, ((x - ix.x0) * k) | 0);
};

/** `rows` (ascending) grouped by tile, like the index's own order. */
function byTile(ix: ScatterIndex, rows: Uint32Array): { start: Int32Array; order: Uint32Array } {
  const T = INDEX_G * INDEX_G;
  const start = new Int32Array(T + 1);
  const tile = new Int32Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j], x = ix.xy[2 * i], y = ix.xy[2 * i + 1];
    tile[j] = x === x && y === y ? tileOf(ix, x, y) : -1;
    if (tile[j] >= 0) start[tile[j] + 1]++;
  }
  for (let t = 0; t < T; t++) start[t + 1] += start[t];
  const at = start.slice(0, T);
  const order = new Uint32Array(start[T]);
  for (let j = 0; j < rows.length; j++) if (tile[j] >= 0) order[at[tile[j]]++] = rows[j];
  return { start, order };
}

/**
 * Levels, coarsest first, as chains that nest (each level a 2 × 2 coarsening of the one before
 * it in its chain): 8 → 4 → 2 → 1 and 6 → 3 cells per tile side. With the 3 and 6 between, the
 * level a frame picks has at most 2.25 cells per device pixel instead of 4 — it was the cost of
 * a frame zoomed just past a level (640k cells in view at a million points, where 6 has 350k).
 */
const CHAINS = [[8, 4, 2, 1], [6, 3]];
const SUBS = CHAINS.flat().sort((a, b) => a - b);

/** The pyramid of `ix`'s points (or of `rows` only) coloured by palette `codes`. */
export function buildPyramid(ix: ScatterIndex, codes: Uint8Array, rows?: Uint32Array): DensityPyramid {
  const { xy, x0, y0, size } = ix;
  const { start, order } = rows ? byTile(ix, rows) : ix;
  const T = INDEX_G * INDEX_G;
  const m = order.length;
  const out = new Map(SUBS.map((sub) => {
    const cap = Math.min(m, T * sub * sub);
    return [sub, { sub, fill: 0, tileStart: new Int32Array(T + 1), gx: new Uint16Array(cap), gy: new Uint16Array(cap), count: new Uint32Array(cap), code: new Uint8Array(cap) }];
  }));
  const cnt = new Map(SUBS.map((s) => [s, new Uint32Array(s * s)]));
  const last = new Map(SUBS.map((s) => [s, new Int32Array(s * s).fill(-1)]));
  for (let t = 0; t < T; t++) {
    const a = start[t], b = start[t + 1];
    if (a !== b) {
      const gx0 = t % INDEX_G, gy0 = (t / INDEX_G) | 0;
      for (const chain of CHAINS) {
        // The chain's finest level from the points (rows ascend within a tile: the last one stays on top)…
        const f = chain[0], cf = cnt.get(f)!, lf = last.get(f)!;
        const k = (INDEX_G * f) / size;
        for (let j = a; j < b; j++) {
          const i = order[j];
          const sx = Math.min(f - 1, Math.max(0, (((xy[2 * i] - x0) * k) | 0) - gx0 * f));
          const sy = Math.min(f - 1, Math.max(0, (((xy[2 * i + 1] - y0) * k) | 0) - gy0 * f));
          cf[sy * f + sx]++;
          lf[sy * f + sx] = i;
        }
        // …then each coarser one from 2 × 2 blocks of the one before.
        for (let L = 1; L < chain.length; L++) {
          const s = chain[L], fs = chain[L - 1], cs = cnt.get(s)!, ls = last.get(s)!, cfs = cnt.get(fs)!, lfs = last.get(fs)!;
          for (let q = 0; q < fs * fs; q++) {
            const p = ((q / fs) >> 1) * s + ((q % fs) >> 1);
            cs[p] += cfs[q];
            if (lfs[q] > ls[p]) ls[p] = lfs[q];
          }
        }
      }
      for (const o of out.values()) {
        const s = o.sub, c = cnt.get(s)!, l = last.get(s)!;
        for (let q = 0; q < c.length; q++) {
          if (c[q] === 0) continue;
          o.gx[o.fill] = gx0 * s + (q % s);
          o.gy[o.fill] = gy0 * s + ((q / s) | 0);
          o.count[o.fill] = c[q];
          o.code[o.fill++] = codes[l[q]];
          c[q] = 0;
          l[q] = -1;
        }
      }
    }
    for (const o of out.values()) o.tileStart[t + 1] = o.fill;
  }
  const levels = SUBS.map((sub) => {
    const o = out.get(sub)!;
    return { sub, tileStart: o.tileStart, gx: o.gx.slice(0, o.fill), gy: o.gy.slice(0, o.fill), count: o.count.slice(0, o.fill), code: o.code.slice(0, o.fill) };
  });
  return { index: ix, levels };
}

/** The coarsest level whose cells are at most `px` device pixels at scale `s` (device px per data unit). */
export function levelFor(pyr: DensityPyramid, s: number, px = 1): DensityLevel {
  for (const L of pyr.levels) if ((pyr.index.size / (INDEX_G * L.sub)) * s <= px) return L;
  return pyr.levels[pyr.levels.length - 1];
}

export type DensityScratch = { count: Uint32Array; cells: Uint8Array; code: Uint8Array; touched: Int32Array; colPx: Int32Array; rowAt: Int32Array };

/** Counts below this come from per-frame colour tables. */
const LUT_COUNTS = 1024;

/**
 * Shades the density of `pyr` at view `v` (CSS) × dpr into `buf` (W×H packed RGBA over what is
 * already there): alpha = opacity · (½ + ½ · log(1 + count) / log(1 + max count)), count being
 * the mean of the cells that fell in the pixel. With
 * `background` (the packed colour every pixel of `buf` still has), a pixel is one read of a
 * per-frame table of (colour, count) over that background. Returns the number of pixels shaded.
 */
export function drawDensityMap(buf: Uint32Array, W: number, H: number, pyr: DensityPyramid, v: View, dpr: number, rgb: Uint8Array, opacity: number, scratch: DensityScratch, background: number | null): number {
  const s = v.scale * dpr, ox = v.tx * dpr, oy = v.ty * dpr;
  const L = levelFor(pyr, s);
  const { x0, y0, size } = pyr.index;
  const cw = size / (INDEX_G * L.sub);
  const { count, cells, code, touched } = scratch;
  const [tx0, tx1, ty0, ty1] = cellsInView(pyr.index, v, W / dpr, H / dpr, 1);
  const { tileStart, gx, gy, count: cc, code: cd } = L;
  // Cell centre → device pixel is affine (px = gx · a + bx): per frame, a table of the pixel
  // column of each cell column in view and of the pixel offset of each cell row (-1 outside),
  // so a cell is two small-table reads instead of float arithmetic and four comparisons.
  const a = cw * s, bx = (x0 + 0.5 * cw) * s + ox, by = (y0 + 0.5 * cw) * s + oy;
  const { colPx, rowAt } = scratch;
  for (let g = tx0 * L.sub; g < (tx1 + 1) * L.sub; g++) { const px = g * a + bx; colPx[g] = px >= 0 && px < W ? px | 0 : -1; }
  for (let g = ty0 * L.sub; g < (ty1 + 1) * L.sub; g++) { const py = g * a + by; rowAt[g] = py >= 0 && py < H ? (py | 0) * W : -1; }
  let n = 0, max = 0;
  for (let ty = ty0; ty <= ty1; ty++) {
    // The tiles of one row of the index are consecutive, so their cells are one run of entries.
    for (let j = tileStart[ty * INDEX_G + tx0], e = tileStart[ty * INDEX_G + tx1 + 1]; j < e; j++) {
      const c = colPx[gx[j]], r = rowAt[gy[j]];
      if ((c | r) < 0) continue;
      const p = r + c;
      if (count[p] === 0) touched[n++] = p;
      count[p] += cc[j];
      if (cells[p] < 255) cells[p]++;
      code[p] = cd[j];
    }
  }
  // A pixel shows the mean count of the cells that fell in it: with cells a little under a pixel,
  // some pixels get one cell and their neighbours two, and sums would draw that as a grid.
  for (let j = 0; j < n; j++) {
    const p = touched[j];
    const m = Math.round(count[p] / cells[p]);
    count[p] = m;
    cells[p] = 0;
    if (m > max) max = m;
  }
  const k = 0.5 / Math.log1p(max || 1);
  const alphaOf = (c: number) => opacity * Math.min(1, 0.5 + k * Math.log1p(c));
  const lut = new Float32Array(LUT_COUNTS);
  for (let c = 1; c < LUT_COUNTS; c++) lut[c] = alphaOf(c);
  if (background !== null) {
    // Over one known colour: (palette colour, count) → packed pixel, filled on first use.
    const colours = rgb.length / 3;
    const packed = new Int32Array(colours * LUT_COUNTS);
    for (let j = 0; j < n; j++) {
      const p = touched[j];
      const c = count[p];
      const q = code[p] * LUT_COUNTS + c;
      if (c < LUT_COUNTS && packed[q] !== 0) { buf[p] = packed[q]; count[p] = 0; continue; }
      const px = blend(background, rgb, code[p] * 3, c < LUT_COUNTS ? lut[c] : alphaOf(c));
      if (c < LUT_COUNTS) packed[q] = px;
      buf[p] = px;
      count[p] = 0;
    }
    return n;
  }
  for (let j = 0; j < n; j++) {
    const p = touched[j];
    const c = count[p];
    buf[p] = blend(buf[p], rgb, code[p] * 3, c < LUT_COUNTS ? lut[c] : alphaOf(c));
    count[p] = 0;
  }
  return n;
}

/** Palette colour rgb[o…o+2] with alpha a over packed pixel d (opaque). */
function blend(d: number, rgb: Uint8Array, o: number, a: number): number {
  const dr = d & 255, dg = (d >> 8) & 255, db = (d >> 16) & 255;
  return 0xff000000 | (Math.round(db + (rgb[o + 2] - db) * a) << 16) | (Math.round(dg + (rgb[o + 1] - dg) * a) << 8) | Math.round(dr + (rgb[o] - dr) * a);
}

/** Scratch for W×H pixels (reused across frames; drawDensityMap leaves its counts at 0). */
export function densityScratch(W: number, H: number, prev?: DensityScratch): DensityScratch {
  if (prev && prev.count.length === W * H) return prev;
  const G = INDEX_G * Math.max(...SUBS);
  return { count: new Uint32Array(W * H), cells: new Uint8Array(W * H), code: new Uint8Array(W * H), touched: new Int32Array(W * H), colPx: new Int32Array(G), rowAt: new Int32Array(G) };
}
