/**
 * The map zoomed out: a density image instead of a million discs. For each tile of the layout's
 * grid index (scatter-index.ts, 256 × 256 tiles) a pyramid keeps its non-empty cells at 1, 2, 4
 * and 8 cells per tile side (256² … 2048² over the layout): how many points each holds and the
 * colour of the last of them (the one a disc drawing shows on top). A frame picks the coarsest
 * level whose cells are at most a device pixel, walks the tiles in view, adds each cell's count
 * into the pixel under its centre, and shades each touched pixel by its colour with an opacity
 * growing with log(mean count of its cells) — O(non-empty cells in view), whatever the number
 * of points.
 * Built once per layout and colouring (one pass over the points). Pure.
 */
import { cellsInView, INDEX_G, type ScatterIndex } from './scatter-index.ts';
import type { View } from './viewport.ts';

/** Cells per tile side of the finest level (2048 cells over the layout). */
const SUB = 8;

export type DensityLevel = {
  /** Cells per tile side (1, 2, 4, 8); the level has INDEX_G · sub cells per side. */
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

/** The pyramid of `ix`'s points (or of `rows` only) coloured by palette `codes`. */
export function buildPyramid(ix: ScatterIndex, codes: Uint8Array, rows?: Uint32Array): DensityPyramid {
  const { xy, x0, y0, size } = ix;
  const { start, order } = rows ? byTile(ix, rows) : ix;
  const T = INDEX_G * INDEX_G;
  const m = order.length;
  const subs = [1, 2, 4, 8];
  const out = subs.map((sub) => {
    const cap = Math.min(m, T * sub * sub);
    return { sub, tileStart: new Int32Array(T + 1), gx: new Uint16Array(cap), gy: new Uint16Array(cap), count: new Uint32Array(cap), code: new Uint8Array(cap) };
  });
  const fill = subs.map(() => 0);
  const cnt = subs.map((s) => new Uint32Array(s * s));
  const last = subs.map((s) => new Int32Array(s * s).fill(-1));
  const k = (INDEX_G * SUB) / size;
  for (let t = 0; t < T; t++) {
    const a = start[t], b = start[t + 1];
    if (a !== b) {
      const tx = (t % INDEX_G) * SUB, ty = ((t / INDEX_G) | 0) * SUB;
      const c8 = cnt[3], l8 = last[3];
      for (let j = a; j < b; j++) {
        const i = order[j];
        const sx = Math.min(SUB - 1, Math.max(0, (((xy[2 * i] - x0) * k) | 0) - tx));
        const sy = Math.min(SUB - 1, Math.max(0, (((xy[2 * i + 1] - y0) * k) | 0) - ty));
        c8[sy * SUB + sx]++;
        l8[sy * SUB + sx] = i; // rows ascend within a tile: the last one stays
      }
      // Coarser levels: 2 × 2 blocks of the finer one.
      for (let L = 2; L >= 0; L--) {
        const s = subs[L], f = subs[L + 1];
        for (let q = 0; q < f * f; q++) {
          const p = ((q / f) >> 1) * s + ((q % f) >> 1);
          cnt[L][p] += cnt[L + 1][q];
          if (last[L + 1][q] > last[L][p]) last[L][p] = last[L + 1][q];
        }
      }
      for (let L = 0; L < 4; L++) {
        const o = out[L], s = subs[L];
        for (let q = 0; q < cnt[L].length; q++) {
          if (cnt[L][q] === 0) continue;
          o.gx[fill[L]] = (tx / SUB) * s + (q % s);
          o.gy[fill[L]] = (ty / SUB) * s + ((q / s) | 0);
          o.count[fill[L]] = cnt[L][q];
          o.code[fill[L]++] = codes[last[L][q]];
          cnt[L][q] = 0;
          last[L][q] = -1;
        }
      }
    }
    for (let L = 0; L < 4; L++) out[L].tileStart[t + 1] = fill[L];
  }
  const levels = out.map((o, L) => ({ sub: o.sub, tileStart: o.tileStart, gx: o.gx.slice(0, fill[L]), gy: o.gy.slice(0, fill[L]), count: o.count.slice(0, fill[L]), code: o.code.slice(0, fill[L]) }));
  return { index: ix, levels };
}

/** The coarsest level whose cells are at most `px` device pixels at scale `s` (device px per data unit). */
export function levelFor(pyr: DensityPyramid, s: number, px = 1): DensityLevel {
  for (const L of pyr.levels) if ((pyr.index.size / (INDEX_G * L.sub)) * s <= px) return L;
  return pyr.levels[pyr.levels.length - 1];
}

export type DensityScratch = { count: Uint32Array; cells: Uint8Array; code: Uint8Array; touched: Int32Array };

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
  // Cell centre → device pixel is affine: px = gx · a + bx.
  const a = cw * s, bx = (x0 + 0.5 * cw) * s + ox, by = (y0 + 0.5 * cw) * s + oy;
  let n = 0, max = 0;
  for (let ty = ty0; ty <= ty1; ty++) {
    // The tiles of one row of the index are consecutive, so their cells are one run of entries.
    for (let j = tileStart[ty * INDEX_G + tx0], e = tileStart[ty * INDEX_G + tx1 + 1]; j < e; j++) {
      const px = gx[j] * a + bx, py = gy[j] * a + by;
      if (!(px >= 0 && py >= 0 && px < W && py < H)) continue;
      const p = (py | 0) * W + (px | 0);
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
  return { count: new Uint32Array(W * H), cells: new Uint8Array(W * H), code: new Uint8Array(W * H), touched: new Int32Array(W * H) };
}
