/**
 * Binned line density for parallel coordinates (datashader-style, in plain typed arrays):
 * per adjacent axis pair, count rows per (bin on left axis, bin on right axis) cell, then
 * rasterise one anti-aliased line per non-empty cell into a per-colour-group accumulation
 * buffer weighted by its count, and composite the groups with alpha ∝ log count.
 * Cost is rows × pairs (byte reads) + non-empty cells × axis spacing — independent of how many
 * rows a line stands for. During a drag the counts come ready (drag-session.ts) and only the
 * cells whose count changed since the last frame are rasterised again, by their difference:
 * the buffers hold integers (`one` units per row), so adding and removing lines is exact and
 * a frame equals drawing its counts from scratch.
 * Pure (no DOM): the component hands the result to putImageData.
 */
import { MISSING } from './quantize.ts';
import { rasterChanges, rasterPair } from './raster.ts';

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
  /** Pairs already in the buffers (a density drawn in two parts): not drawn again. */
  skip?: number[];
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
  /** Told each pair's counts when they are counted here (a drag's preparation reuses them). */
  onPairCounts?: (a: number, cnt: Uint32Array, bn: Binning) => void;
  /**
   * The rows *not* in `index`, with the counts of all rows per pair where known: such a pair is
   * counted as all rows minus these (cheaper when they are the fewer).
   */
  complement?: { rows: Uint32Array; all: (a: number) => Uint32Array | undefined };
};

/** Pair counts in the layout of DragCounts: per pair, nGroups × cells, pairs one after another. */
export type PairCounts = { cnt: Uint32Array; pairStride: number };

export type DensityBuffers = {
  W: number;
  H: number;
  /** Per group, accumulated line weight in units of 1/`one` row. */
  acc: Int32Array[];
  one: number;
  /** Scratch counts of one pair. */
  counts: Uint32Array;
  image?: unknown;
  /**
   * For incremental frames (drawDensity sets and checks it): `acc` holds exactly the counts
   * `cnt`, copied from the counts array `source` for the window and binning `pairs`.
   */
  drawn?: { source: Uint32Array; pairs: string; cnt: Uint32Array };
  /** Pairs the last accumulateDensity added (a second part skips them). */
  pairs?: number[];
  /** Cells the last accumulation rasterised (-1: all of them, from scratch). */
  changed?: number;
  /** `image` holds the composite of `acc` as it is now. */
  composited?: boolean;
};

/**
 * Fixed-point units per row: 256 (1/256-row anti-aliasing steps) while a pixel's total fits in
 * an Int32 (two pairs meet at an axis column: 2 × rows × one < 2³¹), fewer for tables past 4M rows.
 */
export const unitsPerRow = (rows: number): number => (rows <= 4_000_000 ? 256 : Math.max(1, 2 ** Math.floor(Math.log2(2 ** 30 / rows))));

export function makeBuffers(W: number, H: number, nGroups: number, prev?: DensityBuffers, one = 256): DensityBuffers {
  if (prev && prev.W === W && prev.H === H && prev.acc.length >= nGroups && prev.one === one) {
    for (let g = 0; g < nGroups; g++) prev.acc[g].fill(0);
    prev.drawn = undefined;
    return prev;
  }
  return { W, H, one, acc: Array.from({ length: nGroups }, () => new Int32Array(W * H)), counts: prev?.counts ?? new Uint32Array(0) };
}

/** Bins of one axis: level >> shift, plus a last bin for missing values. */
export type Binning = { NB: number; MB: number; cells: number; binOf: Uint16Array; shift: number };

const binnings = new Map<number, Binning>();

export function binning(shift: number): Binning {
  let bn = binnings.get(shift);
  if (!bn) binnings.set(shift, (bn = makeBinning(shift)));
  return bn;
}

function makeBinning(shift: number): Binning {
  const NB = (255 >> shift) + 1 + 1; // regular bins + the missing bin
  const MB = NB - 1;
  // Uint16: at shift 0 the missing bin is 256 (a Uint8 table sent missing values to bin 0, the axis bottom).
  const binOf = new Uint16Array(256);
  for (let q = 0; q < 256; q++) binOf[q] = q === MISSING ? MB : q >> shift;
  return { NB, MB, cells: NB * NB, binOf, shift };
}

/** Centre of each bin of axis `a` in device y: mean of its levels' positions. */
export function binCentres(layout: DensityLayout, a: number, bn: Binning): Float32Array {
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

/** Adds (d = 1) or removes (d = -1) the rows of `input` in the (group, left bin, right bin) counts of axis pair (a, a+1) at `cnt[off…]`. */
export function countPair(cnt: Uint32Array, off: number, bn: Binning, input: DensityInput, a: number, d = 1): void {
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
      cnt[off + g * cells + binOf[QA[i]] * NB + binOf[QB[i]]] += d;
    }
  } else {
    for (let k = 0; k < m; k++) {
      const i = index ? index[k] : k;
      cnt[off + binOf[QA[i]] * NB + binOf[QB[i]]] += d;
    }
  }
}

const inWindow = (layout: DensityLayout, a: number) => !(layout.xs[a + 1] < (layout.x0 ?? -Infinity) || layout.xs[a] > (layout.x1 ?? Infinity));

/** Pairs of `layout` inside its x window. */
export const pairsInWindow = (layout: DensityLayout): number[] => layout.xs.slice(1).map((_, a) => a).filter((a) => inWindow(layout, a) && !layout.skip?.includes(a));

/**
 * Accumulates the density of `input` into `buf.acc[group]`; returns the number of cells drawn.
 * With `counts` (from the drag cube or DragCounts), the rows are not counted again: only drawn.
 */
export function accumulateDensity(buf: DensityBuffers, layout: DensityLayout, input: DensityInput, counts?: PairCounts): number {
  const { shift, nGroups } = input;
  const bn = binning(shift);
  const stride = bn.cells * nGroups;
  if (!counts && buf.counts.length < stride) buf.counts = new Uint32Array(stride);
  const Ys = layout.xs.map((_, a) => binCentres(layout, a, bn));
  let drawn = 0;
  buf.pairs = pairsInWindow(layout);
  for (const a of buf.pairs) {
    if (counts) {
      drawn += rasterPair(buf, layout, a, counts.cnt, a * counts.pairStride, bn, nGroups, Ys[a], Ys[a + 1]);
    } else {
      const all = input.complement?.all(a);
      if (all && input.complement) {
        buf.counts.set(all.subarray(0, stride));
        countPair(buf.counts, 0, bn, { ...input, index: input.complement.rows }, a, -1);
      } else {
        buf.counts.fill(0, 0, stride);
        countPair(buf.counts, 0, bn, input, a);
      }
      input.onPairCounts?.(a, buf.counts, bn);
      drawn += rasterPair(buf, layout, a, buf.counts, 0, bn, nGroups, Ys[a], Ys[a + 1]);
    }
  }
  return drawn;
}

/**
 * Brings `buf.acc`, which holds exactly the counts `drawn` (same layout, window, groups and
 * binning), to `counts`: each cell whose count changed is rasterised once more with the
 * difference. Returns the number of cells redrawn; `drawn` is updated.
 */
export function accumulateChanges(buf: DensityBuffers, layout: DensityLayout, input: DensityInput, counts: PairCounts, drawn: Uint32Array): number {
  const bn = binning(input.shift);
  let changed = 0;
  for (const a of pairsInWindow(layout)) {
    changed += rasterChanges(buf, layout, a, counts.cnt, drawn, a * counts.pairStride, bn, input.nGroups, binCentres(layout, a, bn), binCentres(layout, a + 1, bn));
  }
  return changed;
}

export { compositeDensity, type Rgb } from './composite.ts';
