/**
 * Binned line density for parallel coordinates (datashader-style, in plain typed arrays):
 * per adjacent axis pair, count rows per (bin on left axis, bin on right axis) cell, then
 * rasterise one anti-aliased line per non-empty cell into a per-colour-group accumulation
 * buffer weighted by its count, and composite the groups with alpha ∝ log count.
 * Cost is rows × pairs (byte reads) + non-empty cells × axis spacing — independent of how many
 * rows a line stands for, which is what keeps a brush drag on 285k rows under a frame.
 * Pure (no DOM): the component hands the result to putImageData.
 */
import { MISSING } from './quantize.ts';

export type DensityLayout = {
  /** Device pixels of the target canvas. */
  W: number;
  H: number;
  /** Device x of each drawn axis, left to right. */
  xs: number[];
  /** Per drawn axis: device y of each of the 256 levels (MISSING = the missing band). */
  yOfLevel: Float32Array[];
  /** Device-x window to draw (default: all). A drag redraws only what the scroller shows. */
  x0?: number;
  x1?: number;
};

export type DensityInput = {
  /** Per drawn axis (same order as layout.xs): quantised column. */
  quant: Uint8Array[];
  /** Rows to draw; null = all `n` rows. */
  index: Uint32Array | null;
  n: number;
  /** Per row colour group (0..nGroups-1), 255 = not drawn; null = everything group 0. */
  groups: Uint8Array | null;
  nGroups: number;
  /** Binning: level >> shift (0 → 255 bins, 1 → 128, 2 → 64), plus one bin for missing. */
  shift: number;
};

export type DensityBuffers = { W: number; H: number; acc: Float32Array[]; counts: Uint32Array; image?: unknown };

export function makeBuffers(W: number, H: number, nGroups: number, prev?: DensityBuffers): DensityBuffers {
  if (prev && prev.W === W && prev.H === H && prev.acc.length >= nGroups) {
    for (let g = 0; g < nGroups; g++) prev.acc[g].fill(0);
    return prev;
  }
  return { W, H, acc: Array.from({ length: nGroups }, () => new Float32Array(W * H)), counts: prev?.counts ?? new Uint32Array(0) };
}

/** Adds `w` along the segment (x0,y0)→(x1,y1), x0 < x1, splitting each step between two pixels. */
function rasterLine(A: Float32Array, W: number, H: number, x0: number, y0: number, x1: number, y1: number, w: number): void {
  const dx = x1 - x0;
  const dy = y1 - y0;
  if (Math.abs(dy) <= dx) {
    const xa = Math.max(0, Math.ceil(x0));
    const xb = Math.min(W - 1, Math.floor(x1));
    const k = dy / dx;
    for (let x = xa; x <= xb; x++) {
      const y = y0 + (x - x0) * k;
      const yi = Math.floor(y);
      if (yi < 0 || yi >= H - 1) continue;
      const f = y - yi;
      const o = yi * W + x;
      A[o] += w * (1 - f);
      A[o + W] += w * f;
    }
  } else {
    const ya = Math.max(0, Math.ceil(Math.min(y0, y1)));
    const yb = Math.min(H - 1, Math.floor(Math.max(y0, y1)));
    const k = dx / dy;
    // Steep lines step in y so they stay continuous; their weight per pixel matches shallow ones.
    for (let y = ya; y <= yb; y++) {
      const x = x0 + (y - y0) * k;
      const xi = Math.floor(x);
      if (xi < 0 || xi >= W - 1) continue;
      const f = x - xi;
      const o = y * W + xi;
      A[o] += w * (1 - f);
      A[o + 1] += w * f;
    }
  }
}

/** Bins of one axis: level >> shift, plus a last bin for missing values. */
export type Binning = { NB: number; MB: number; cells: number; binOf: Uint8Array; shift: number };

export function binning(shift: number): Binning {
  const NB = (255 >> shift) + 1 + 1; // regular bins + the missing bin
  const MB = NB - 1;
  const binOf = new Uint8Array(256);
  for (let q = 0; q < 256; q++) binOf[q] = q === MISSING ? MB : q >> shift;
  return { NB, MB, cells: NB * NB, binOf, shift };
}

/** Centre of each bin of axis `a` in device y: mean of its levels' positions. */
function binCentres(layout: DensityLayout, a: number, bn: Binning): Float32Array {
  const Y = new Float32Array(bn.NB);
  const yl = layout.yOfLevel[a];
  const span = 1 << bn.shift;
  for (let b = 0; b < bn.MB; b++) {
    let s = 0;
    let m = 0;
    for (let q = b * span; q < Math.min(255, (b + 1) * span); q++) { s += yl[q]; m++; }
    Y[b] = m ? s / m : yl[254];
  }
  Y[bn.MB] = yl[MISSING];
  return Y;
}

/** Adds the rows of `input` to the (group, left bin, right bin) counts of axis pair (a, a+1) at `cnt[off…]`. */
export function countPair(cnt: Uint32Array, off: number, bn: Binning, input: DensityInput, a: number): void {
  const { groups, index, n } = input;
  const { NB, cells, binOf } = bn;
  const QA = input.quant[a];
  const QB = input.quant[a + 1];
  const m = index ? index.length : n;
  if (groups) {
    for (let k = 0; k < m; k++) {
      const i = index ? index[k] : k;
      const g = groups[i];
      if (g === 255) continue;
      cnt[off + g * cells + binOf[QA[i]] * NB + binOf[QB[i]]]++;
    }
  } else {
    for (let k = 0; k < m; k++) {
      const i = index ? index[k] : k;
      cnt[off + binOf[QA[i]] * NB + binOf[QB[i]]]++;
    }
  }
}

/** Rasterises the non-empty cells of pair (a, a+1), counted at `cnt[off…]`, into the group buffers. */
function rasterPair(buf: DensityBuffers, layout: DensityLayout, a: number, cnt: Uint32Array, off: number, bn: Binning, nGroups: number, YA: Float32Array, YB: Float32Array): number {
  const { NB, cells } = bn;
  const xa = layout.xs[a];
  const xb = layout.xs[a + 1];
  let drawn = 0;
  for (let g = 0; g < nGroups; g++) {
    const A = buf.acc[g];
    const base = off + g * cells;
    for (let c = 0; c < cells; c++) {
      const w = cnt[base + c];
      if (w === 0) continue;
      const ba = (c / NB) | 0;
      rasterLine(A, buf.W, buf.H, xa, YA[ba], xb, YB[c - ba * NB], w);
      drawn++;
    }
  }
  return drawn;
}

const inWindow = (layout: DensityLayout, a: number) => !(layout.xs[a + 1] < (layout.x0 ?? -Infinity) || layout.xs[a] > (layout.x1 ?? Infinity));

/**
 * Accumulates the density of `input` into `buf.acc[group]`; returns the number of cells drawn.
 * With `counts` (kept up to date by DragCounts), the rows are not counted again: only drawn.
 */
export function accumulateDensity(buf: DensityBuffers, layout: DensityLayout, input: DensityInput, counts?: { cnt: Uint32Array; pairStride: number }): number {
  const { shift, nGroups } = input;
  const bn = binning(shift);
  const stride = bn.cells * nGroups;
  if (!counts && buf.counts.length < stride) buf.counts = new Uint32Array(stride);
  const Ys = layout.xs.map((_, a) => binCentres(layout, a, bn));
  let drawn = 0;
  for (let a = 0; a + 1 < layout.xs.length; a++) {
    if (!inWindow(layout, a)) continue;
    if (counts) {
      drawn += rasterPair(buf, layout, a, counts.cnt, a * counts.pairStride, bn, nGroups, Ys[a], Ys[a + 1]);
    } else {
      buf.counts.fill(0, 0, stride);
      countPair(buf.counts, 0, bn, input, a);
      drawn += rasterPair(buf, layout, a, buf.counts, 0, bn, nGroups, Ys[a], Ys[a + 1]);
    }
  }
  return drawn;
}

export type Rgb = [number, number, number];

/** Steps per unit of accumulated weight in the alpha lookup table, and its range. */
const LUT_STEPS = 32;
const LUT_MAX = 256;

/**
 * Composites the groups (in `order`, later on top) into RGBA bytes, for device columns
 * [x0, x1) (default: all; pixels outside are left as they are). Per group, a pixel's alpha is
 * aMin + (aMax - aMin) · log(1 + acc) / log(1 + max acc of that group): a single row stays
 * visible, and a small class (fraud) is as legible as a large one. The log comes from a lookup
 * table below LUT_MAX (a log per pixel per group was most of the cost of a brush frame).
 */
export function compositeDensity(buf: DensityBuffers, colours: Rgb[], order: number[], aMin: number, aMax: number, out: Uint8ClampedArray, x0 = 0, x1 = buf.W): void {
  const { W, H } = buf;
  const xa = Math.max(0, Math.floor(x0));
  const xb = Math.min(W, Math.ceil(x1));
  // Per drawn group: its buffer, colour and alpha table (groups with nothing in view are skipped).
  const layers: { A: Float32Array; lut: Float32Array; alpha: (v: number) => number; r: number; g: number; b: number }[] = [];
  for (const g of order) {
    const A = buf.acc[g];
    let max = 0;
    for (let y = 0; y < H; y++) for (let p = y * W + xa, e = y * W + xb; p < e; p++) if (A[p] > max) max = A[p];
    if (max === 0) continue;
    const k = (aMax - aMin) / Math.log1p(max);
    const alpha = (v: number) => Math.min(1, aMin * Math.min(1, v * 2) + k * Math.log1p(v));
    const lut = new Float32Array(LUT_MAX * LUT_STEPS);
    for (let j = 0; j < lut.length; j++) lut[j] = alpha((j + 0.5) / LUT_STEPS);
    const [r, gg, b] = colours[g];
    layers.push({ A, lut, alpha, r, g: gg, b });
  }
  const LUT_N = LUT_MAX * LUT_STEPS;
  // One pass over the pixels, "over" compositing the groups in order straight into the bytes.
  for (let y = 0; y < H; y++) {
    for (let p = y * W + xa, e = y * W + xb, o = p * 4; p < e; p++, o += 4) {
      let R = 0, G = 0, B = 0, Al = 0;
      for (let l = 0; l < layers.length; l++) {
        const L = layers[l];
        const v = L.A[p];
        if (v < 0.02) continue;
        const j = (v * LUT_STEPS) | 0;
        const a = j < LUT_N ? L.lut[j] : L.alpha(v);
        const ia = 1 - a;
        R = L.r * a + R * ia;
        G = L.g * a + G * ia;
        B = L.b * a + B * ia;
        Al = a + Al * ia;
      }
      if (Al === 0) { out[o + 3] = 0; continue; }
      out[o] = R / Al;
      out[o + 1] = G / Al;
      out[o + 2] = B / Al;
      out[o + 3] = Al * 255;
    }
  }
}
