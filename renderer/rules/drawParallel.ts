/**
 * Pure draw functions of the parallel coordinates' canvas layers. The component decides
 * when (version counters) and which (binned density while dragging, exact polylines after);
 * these only draw.
 */
import type { ColourSource } from './colour.ts';
import { accumulateChanges, accumulateDensity, compositeDensity, makeBuffers, pairsInWindow, unitsPerRow, type DensityBuffers, type DensityInput, type PairCounts } from './density.ts';
import { levelYs, unitToY, type PlotLayout } from './geometry.ts';

export type DensityProps = {
  layout: PlotLayout;
  dpr: number;
  index: Uint32Array | null;
  n: number;
  colour: ColourSource;
  /** 0 → 255 bins per axis (pixel-exact), 1 → 128, 2 → 64. */
  shift: number;
  aMin: number;
  aMax: number;
  /** Grey context layer ignores the colour groups. */
  grey?: boolean;
  /** CSS-px x range to draw (default: the whole plot); the rest of the layer is left as it is. */
  window?: [number, number];
  /**
   * During a drag: the selection's pair counts (same axes, groups and shift), from the drag cube
   * or kept up to date incrementally; rows are not counted again. When `prev` holds the previous
   * frame of the same counts source and window, only the cells whose count changed are redrawn.
   */
  counts?: PairCounts;
  /** Told each pair's counts as they are counted (see DensityInput). */
  onPairCounts?: DensityInput['onPairCounts'];
  /** The rows not drawn, to count big selections as all rows minus these (see DensityInput). */
  complement?: DensityInput['complement'];
  /**
   * Second part of a density drawn in two (visible pairs first): `prev` already holds the pairs
   * `skip`; the others are added to it and the whole layer is composited again.
   */
  keep?: { skip: number[] };
};

/**
 * Brings the accumulation buffers for a W × H canvas to the density of `p` (without drawing):
 * incrementally when `prev` holds the previous frame of the same counts. A drag's buffers are
 * filled this way once its preparation is done, so its first frame is incremental too.
 */
export function accumulateFor(W: number, H: number, p: DensityProps, prev?: DensityBuffers): DensityBuffers {
  const grey = p.grey || !p.colour.groups;
  const nGroups = grey ? 1 : p.colour.nGroups;
  const L = p.layout;
  const [x0, x1] = windowOf(p, W);
  const layout = { W, H, xs: L.axes.map((a) => a.x * p.dpr), yOfLevel: levelYs(L, p.dpr), x0, x1, skip: p.keep?.skip };
  const input: DensityInput = { quant: L.axes.map((a) => a.quant), index: p.index, n: p.n, groups: grey ? null : p.colour.groups, nGroups, shift: p.shift, onPairCounts: p.onPairCounts, complement: p.complement };
  const one = unitsPerRow(p.n);
  let buf: DensityBuffers;
  // The window is in the key too: a frame scrolled sideways composites the part now shown.
  const pairs = p.counts ? `${pairsInWindow(layout).join(',')}:${x0}-${x1}:${W}x${H}:${p.shift}` : '';
  const compatible = prev !== undefined && prev.W === W && prev.H === H && prev.one === one && prev.acc.length >= nGroups;
  if (p.counts && compatible && prev.drawn?.source === p.counts.cnt && prev.drawn.pairs === pairs) {
    buf = prev;
    buf.changed = accumulateChanges(buf, layout, input, p.counts, prev.drawn.cnt);
  } else if (p.keep && compatible) {
    buf = prev;
    buf.drawn = undefined;
    accumulateDensity(buf, layout, input);
    buf.changed = -1;
  } else {
    buf = makeBuffers(W, H, nGroups, prev, one);
    accumulateDensity(buf, layout, input, p.counts);
    if (p.counts) buf.drawn = { source: p.counts.cnt, pairs, cnt: p.counts.cnt.slice() };
    buf.changed = -1;
  }
  if (buf.changed !== 0) buf.composited = false;
  return buf;
}

/**
 * The device pixels [x0, x1) × [y0, y1) of a W × H canvas that `p` draws: its window, and the
 * band from the axis tops to the missing band (lines never leave it: the rows above and below
 * stay transparent, so they are neither composited nor put).
 */
function bandOf(p: DensityProps, W: number, H: number): [number, number, number, number] {
  const [x0, x1] = windowOf(p, W);
  const y0 = Math.max(0, Math.floor(p.layout.top * p.dpr) - 2);
  const y1 = Math.min(H, Math.ceil((p.layout.missingY + 2) * p.dpr) + 2);
  return [x0, x1, y0, y1];
}

/** Composites the buffers of `p` into their image, over its band. */
function composite(buf: DensityBuffers, p: DensityProps): ImageData {
  let img = buf.image as ImageData | undefined;
  // One ImageData per buffer set: a 1400×380 RGBA allocation per pointer move is measurable.
  if (!img || img.width !== buf.W || img.height !== buf.H) buf.image = img = new ImageData(buf.W, buf.H);
  const grey = p.grey || !p.colour.groups;
  compositeDensity(buf, grey ? [p.grey ? [120, 128, 142] : p.colour.colours[0]] : p.colour.colours, grey ? [0] : p.colour.order, p.aMin, p.aMax, img.data, ...bandOf(p, buf.W, buf.H));
  buf.composited = true;
  return img;
}

/**
 * Draws the density of `index` rows; reuses and returns the typed-array buffers. With `shown`
 * (the canvas shows `prev` as composited last), a frame that changed no cell is not drawn again.
 */
export function drawDensity(ctx: CanvasRenderingContext2D, p: DensityProps, prev?: DensityBuffers, shown = false): DensityBuffers {
  const W = ctx.canvas.width;
  const H = ctx.canvas.height;
  const buf = accumulateFor(W, H, p, prev);
  if (shown && buf === prev && buf.composited) return buf;
  const img = buf.composited ? (buf.image as ImageData) : composite(buf, p);
  const [x0, x1, y0, y1] = bandOf(p, W, H);
  ctx.putImageData(img, 0, 0, x0, y0, x1 - x0, y1 - y0);
  return buf;
}

/**
 * Fills a drag's buffers for its next frame without drawing (the pointer is at rest): counts
 * accumulated and composited into their image, so the first frame only redraws its changes.
 */
export function warmDensity(W: number, H: number, p: DensityProps, prev?: DensityBuffers): DensityBuffers {
  const buf = accumulateFor(W, H, p, prev);
  if (!buf.composited) composite(buf, p);
  return buf;
}

/** Device-x window of `p` on a canvas W device pixels wide. */
const windowOf = (p: DensityProps, W: number): [number, number] => (p.window ? [Math.max(0, Math.floor(p.window[0] * p.dpr)), Math.min(W, Math.ceil(p.window[1] * p.dpr))] : [0, W]);

export type PolylineProps = { layout: PlotLayout; dpr: number; index: Uint32Array; colour: ColourSource; alpha: number };

/** Per axis: row → CSS y from the raw value (not the quantised one): the "exact" lines. */
function yGetters(L: PlotLayout): ((i: number) => number)[] {
  return L.axes.map((a) => {
    const c = a.column;
    if (c.type === 'categorical') return (i: number) => unitToY(L, a, c.codes[i] < 0 ? NaN : a.scale.toUnit(c.codes[i]));
    if (c.type === 'numeric') return (i: number) => unitToY(L, a, a.scale.toUnit(c.values[i]));
    return () => L.missingY;
  });
}

/** Strokes rows index[from..to) as exact polylines, one path per colour group. */
export function drawPolylines(ctx: CanvasRenderingContext2D, p: PolylineProps, from: number, to: number): void {
  const L = p.layout;
  const Y = yGetters(L);
  const X = L.axes.map((a) => a.x);
  const { groups, colours, order, nGroups } = p.colour;
  ctx.save();
  ctx.scale(p.dpr, p.dpr);
  ctx.lineWidth = 1;
  ctx.lineJoin = 'round';
  for (const g of groups ? order : [0]) {
    const [r, gg, b] = colours[Math.min(g, nGroups - 1)];
    ctx.strokeStyle = `rgba(${r},${gg},${b},${p.alpha})`;
    // Lines in one path do not blend with each other; short paths keep overlaps adding up.
    let inPath = 0;
    ctx.beginPath();
    for (let k = from; k < to; k++) {
      const i = p.index[k];
      if (groups && groups[i] !== g) continue;
      ctx.moveTo(X[0], Y[0](i));
      for (let a = 1; a < X.length; a++) ctx.lineTo(X[a], Y[a](i));
      if (++inPath === 48) { ctx.stroke(); ctx.beginPath(); inPath = 0; }
    }
    if (inPath) ctx.stroke();
  }
  ctx.restore();
}

/** Line opacity for n exact lines: dense selections fade so structure shows through. */
export const polylineAlpha = (n: number) => Math.max(0.06, Math.min(0.85, 40 / Math.sqrt(Math.max(1, n))));
