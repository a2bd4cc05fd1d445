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

export type DensityBuffers = { W: number; H: number; acc: Float32Array[]; counts: Uint32Array; scratch?: Float32Array[]; image?: unknown };

export function makeBuffers(W: number, H: number, nGroups: number, prev?: DensityBuffers): DensityBuffers {
  if (prev && prev.W === W && prev.H === H && prev.acc.length >= nGroups) {
    for (let g = 0; g < nGroups; g++) prev.acc[g].fill(0);
    return prev;
  }
  return { W, H, acc: Array.from({ length: nGroups }, () => new Float32Array(W * H)), counts: prev?.counts ?? new Uint32Array(0) };
}

function scratch(buf: DensityBuffers): Float32Array[] {
  const P = buf.W * buf.H;
  if (!buf.scratch || buf.scratch[0].length !== P) buf.scratch = [0, 1, 2, 3].map(() => new Float32Array(P));
  else buf.scratch.forEach((s) => s.fill(0));
  return buf.scratch;
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

/** Accumulates the density of `input` into `buf.acc[group]`; returns the number of cells drawn. */
export function accumulateDensity(buf: DensityBuffers, layout: DensityLayout, input: DensityInput): number {
  const { shift, nGroups, groups, index, n } = input;
  const NB = (255 >> shift) + 1 + 1; // regular bins + the missing bin
  const MB = NB - 1;
  const binOf = new Uint8Array(256);
  for (let q = 0; q < 256; q++) binOf[q] = q === MISSING ? MB : q >> shift;
  const cells = NB * NB;
  if (buf.counts.length < cells * nGroups) buf.counts = new Uint32Array(cells * nGroups);
  const cnt = buf.counts;
  const binY = (a: number) => {
    // Centre of each bin in device y: mean of its levels' positions.
    const Y = new Float32Array(NB);
    const yl = layout.yOfLevel[a];
    const span = 1 << shift;
    for (let b = 0; b < MB; b++) {
      let s = 0;
      let m = 0;
      for (let q = b * span; q < Math.min(255, (b + 1) * span); q++) { s += yl[q]; m++; }
      Y[b] = m ? s / m : yl[254];
    }
    Y[MB] = yl[MISSING];
    return Y;
  };
  const Ys = layout.xs.map((_, a) => binY(a));
  let drawn = 0;
  const m = index ? index.length : n;
  for (let a = 0; a + 1 < layout.xs.length; a++) {
    const QA = input.quant[a];
    const QB = input.quant[a + 1];
    cnt.fill(0, 0, cells * nGroups);
    if (groups) {
      for (let k = 0; k < m; k++) {
        const i = index ? index[k] : k;
        const g = groups[i];
        if (g === 255) continue;
        cnt[g * cells + binOf[QA[i]] * NB + binOf[QB[i]]]++;
      }
    } else {
      for (let k = 0; k < m; k++) {
        const i = index ? index[k] : k;
        cnt[binOf[QA[i]] * NB + binOf[QB[i]]]++;
      }
    }
    const xa = layout.xs[a];
    const xb = layout.xs[a + 1];
    const YA = Ys[a];
    const YB = Ys[a + 1];
    for (let g = 0; g < nGroups; g++) {
      const A = buf.acc[g];
      const base = g * cells;
      for (let c = 0; c < cells; c++) {
        const w = cnt[base + c];
        if (w === 0) continue;
        const ba = (c / NB) | 0;
        rasterLine(A, buf.W, buf.H, xa, YA[ba], xb, YB[c - ba * NB], w);
        drawn++;
      }
    }
  }
  return drawn;
}

export type Rgb = [number, number, number];

/**
 * Composites the groups (in `order`, later on top) into RGBA bytes. Per group, a pixel's alpha is
 * aMin + (aMax - aMin) · log(1 + acc) / log(1 + max acc of that group): a single row stays
 * visible, and a small class (fraud) is as legible as a large one.
 */
export function compositeDensity(buf: DensityBuffers, colours: Rgb[], order: number[], aMin: number, aMax: number, out: Uint8ClampedArray): void {
  const P = buf.W * buf.H;
  const [R, G, B, Al] = scratch(buf);
  for (const g of order) {
    const A = buf.acc[g];
    let max = 0;
    for (let p = 0; p < P; p++) if (A[p] > max) max = A[p];
    if (max === 0) continue;
    const k = (aMax - aMin) / Math.log1p(max);
    const [cr, cg, cb] = colours[g];
    for (let p = 0; p < P; p++) {
      const v = A[p];
      if (v < 0.02) continue;
      const a = Math.min(1, aMin * Math.min(1, v * 2) + k * Math.log1p(v));
      const ia = 1 - a;
      R[p] = cr * a + R[p] * ia;
      G[p] = cg * a + G[p] * ia;
      B[p] = cb * a + B[p] * ia;
      Al[p] = a + Al[p] * ia;
    }
  }
  for (let p = 0, o = 0; p < P; p++, o += 4) {
    const a = Al[p];
    if (a === 0) { out[o + 3] = 0; continue; }
    out[o] = R[p] / a;
    out[o + 1] = G[p] / a;
    out[o + 2] = B[p] / a;
    out[o + 3] = a * 255;
  }
}
