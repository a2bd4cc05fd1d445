/**
 * The map's static layer: every point, coloured, in one pass per draw. Pure: everything it
 * needs comes in `ScatterProps`. Small points (the common case) are stamped straight into
 * an ImageData with integer alpha blending — no path or fillStyle per point, ~10× faster than
 * arcs for 100k points. Big points fall back to one path per colour. Points not laid out
 * (NaN, e.g. outside a sample) are skipped. Draw order: plain points, then labelled ones
 * (with a dark ring, in the same space), then the selection on top; with a selection the
 * rest is dimmed.
 *
 * Level of detail, for maps of a million points: a finished layout is indexed (scatter-index.ts);
 * a view stamps only the points of the cells it shows, and when those are more than
 * EXACT_MAX the plain points become a density image (density-map.ts) — labelled and selected
 * points are still drawn one by one on top.
 */
import type { View } from './viewport.ts';
import { recordMapDraw } from '../perf/timings.ts';
import { countInView, ensureScatterIndex, INDEX_G, cellsInView, type ScatterIndex } from './scatter-index.ts';
import { buildPyramid, densityScratch, drawDensityMap, type DensityPyramid, type DensityScratch } from './density-map.ts';

export type ScatterProps = {
  width: number;
  height: number;
  dpr: number;
  /** n×2 normalised positions. */
  xy: Float32Array;
  view: View;
  /** Per row palette index, and the palette as packed RGB and CSS. */
  codes: Uint8Array;
  rgb: Uint8Array;
  css: string[];
  /** Point radius in CSS px. */
  radius: number;
  opacity: number;
  /** Dense human labels (-1 none): labelled points get a ring. */
  labelled: Int32Array | null;
  /** Selection mask, or null when nothing is selected. */
  selected: Uint8Array | null;
  background: string;
  /** `xy` is a finished layout (not a frame of an animation): it may be indexed for level of detail. */
  stable?: boolean;
};

/** Layouts with fewer points are drawn whole (indexing would not pay). */
const INDEX_MIN = 50_000;
/** Above this many points in view, the plain points are drawn as a density image. */
export const EXACT_MAX = 60_000;
/** In a density view, labelled or selected points beyond this many are a density too (one by one they cost a frame). */
const SPECIAL_EXACT_MAX = 10_000;
/** Per index, colouring and subset (null = every point; else the plan's row list): its density pyramid. */
const pyramids = new WeakMap<ScatterIndex, WeakMap<Uint8Array, WeakMap<object, DensityPyramid>>>();
const ALL = {};

function pyramidFor(ix: ScatterIndex, codes: Uint8Array, rows: Uint32Array | null): DensityPyramid {
  let byCodes = pyramids.get(ix);
  if (!byCodes) pyramids.set(ix, (byCodes = new WeakMap()));
  let byRows = byCodes.get(codes);
  if (!byRows) byCodes.set(codes, (byRows = new WeakMap()));
  let pyr = byRows.get(rows ?? ALL);
  if (!pyr) byRows.set(rows ?? ALL, (pyr = buildPyramid(ix, codes, rows ?? undefined)));
  return pyr;
}
const scratches = new WeakMap<CanvasRenderingContext2D, DensityScratch>();

const RING = [29, 36, 48];
const DIMMED = 0.18;
/** Above this radius (device px) discs are drawn as paths: stamping cost grows with r². */
const STAMP_MAX_RADIUS = 6;

type Stamp = { disc: Int32Array; ring: Int32Array; r: number };
const stamps = new Map<string, Stamp>();
const images = new WeakMap<CanvasRenderingContext2D, ImageData>();

/** Pixel offsets (dy·stride + dx) of a disc of radius r and the ring around it. */
function stampFor(r: number, stride: number): Stamp {
  const key = `${r}:${stride}`;
  let s = stamps.get(key);
  if (s) return s;
  const disc: number[] = [], ring: number[] = [];
  const R = Math.ceil(r + 1.2);
  for (let dy = -R; dy <= R; dy++) {
    for (let dx = -R; dx <= R; dx++) {
      const d = Math.hypot(dx, dy);
      if (d <= r) disc.push(dy * stride + dx);
      else if (d <= r + 1.2) ring.push(dy * stride + dx);
    }
  }
  if (disc.length === 0) disc.push(0);
  s = { disc: Int32Array.from(disc), ring: Int32Array.from(ring), r: R };
  stamps.set(key, s);
  if (stamps.size > 64) stamps.delete(stamps.keys().next().value as string);
  return s;
}

function parseBackground(css: string): number {
  const v = parseInt(css.replace('#', '').slice(0, 6), 16) || 0xffffff;
  return (0xff << 24) | ((v & 255) << 16) | (v & 0xff00) | ((v >> 16) & 255);
}

/** Which points a pass draws: 0 plain, 1 labelled, 2 selected. */
function passOf(i: number, p: ScatterProps): number {
  if (p.selected && p.selected[i]) return 2;
  return p.labelled && p.labelled[i] >= 0 ? 1 : 0;
}

/**
 * Draw order, computed once per (labels, selection) rather than per frame: which rows wait for
 * a later pass, and the rows of passes 1 (labelled) and 2 (selected), so a pan redraw scans
 * all rows once and then only the few special ones.
 */
type Plan = { later: Uint8Array | null; passes: [Uint32Array, Uint32Array] };
const plans = new WeakMap<object, WeakMap<object, Plan>>();
const NONE = {};

function planFor(p: ScatterProps, n: number): Plan {
  const a = p.labelled ?? NONE, b = p.selected ?? NONE;
  let inner = plans.get(a);
  if (!inner) plans.set(a, (inner = new WeakMap()));
  let plan = inner.get(b);
  if (plan) return plan;
  if (!p.labelled && !p.selected) plan = { later: null, passes: [new Uint32Array(0), new Uint32Array(0)] };
  else {
    const later = new Uint8Array(n);
    const lists: number[][] = [[], []];
    for (let i = 0; i < n; i++) {
      const k = passOf(i, p);
      if (k > 0) { later[i] = 1; lists[k - 1].push(i); }
    }
    plan = { later, passes: [Uint32Array.from(lists[0]), Uint32Array.from(lists[1])] };
  }
  inner.set(b, plan);
  return plan;
}

function imageFor(ctx: CanvasRenderingContext2D, W: number, H: number): ImageData {
  let img = images.get(ctx);
  if (!img || img.width !== W || img.height !== H) {
    img = ctx.createImageData(W, H);
    images.set(ctx, img);
  }
  return img;
}

function stampAll(ctx: CanvasRenderingContext2D, p: ScatterProps, ix: ScatterIndex | null, density: boolean): void {
  const W = Math.round(p.width * p.dpr), H = Math.round(p.height * p.dpr);
  const img = imageFor(ctx, W, H);
  const buf = new Uint32Array(img.data.buffer);
  const bg = parseBackground(p.background);
  buf.fill(bg);
  const r = Math.max(0.5, p.radius * p.dpr - 0.5);
  const { disc, ring, r: R } = stampFor(Math.round(r * 2) / 2, W);
  const s = p.view.scale * p.dpr, tx = p.view.tx * p.dpr, ty = p.view.ty * p.dpr;
  const { xy, codes, rgb, labelled } = p;
  const n = xy.length / 2;
  const hasSel = p.selected !== null;
  const plan = planFor(p, n);

  const stamp = (i: number, alpha: number, withRing: boolean) => {
    const fx = xy[2 * i] * s + tx + 0.5, fy = xy[2 * i + 1] * s + ty + 0.5;
    if (!(fx >= R && fy >= R && fx < W - R && fy < H - R)) return; // also drops NaN
    const at = (fy | 0) * W + (fx | 0);
    const c = codes[i] * 3;
    const cr = rgb[c], cg = rgb[c + 1], cb = rgb[c + 2];
    if (withRing) {
      // A ring in a dark shade of the point's own colour: visible, without blackening dense clusters.
      const ringColour = 0xff000000 | (((cb * 3) >> 3) << 16) | (((cg * 3) >> 3) << 8) | ((cr * 3) >> 3);
      for (let k = 0; k < ring.length; k++) buf[at + ring[k]] = ringColour;
    }
    if (alpha >= 256) {
      const packed = 0xff000000 | (cb << 16) | (cg << 8) | cr;
      for (let k = 0; k < disc.length; k++) buf[at + disc[k]] = packed;
      return;
    }
    for (let k = 0; k < disc.length; k++) {
      const j = at + disc[k];
      const d = buf[j];
      const dr = d & 255, dg = (d >> 8) & 255, db = (d >> 16) & 255;
      buf[j] = 0xff000000 | ((db + (((cb - db) * alpha) >> 8)) << 16) | ((dg + (((cg - dg) * alpha) >> 8)) << 8) | (dr + (((cr - dr) * alpha) >> 8));
    }
  };

  const dim = Math.round(256 * (hasSel ? p.opacity * DIMMED : p.opacity));
  const full = Math.round(256 * p.opacity);
  const later = plan.later;
  const [labelledRows, selectedRows] = plan.passes;
  const scratch = density && ix ? densityScratch(W, H, scratches.get(ctx)) : null;
  if (scratch) scratches.set(ctx, scratch);
  if (density && ix && scratch) {
    drawDensityMap(buf, W, H, pyramidFor(ix, codes, null), p.view, p.dpr, rgb, dim / 256, scratch, bg);
  } else if (ix) {
    // Only the cells in view (with a point radius of margin), cell row by cell row.
    const [cx0, cx1, cy0, cy1] = cellsInView(ix, p.view, p.width, p.height, p.radius + 2);
    const { start, order } = ix;
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let j = start[cy * INDEX_G + cx0], e = start[cy * INDEX_G + cx1 + 1]; j < e; j++) {
        const i = order[j];
        if (!later || !later[i]) stamp(i, dim, false);
      }
    }
  } else {
    for (let i = 0; i < n; i++) if (!later || !later[i]) stamp(i, dim, false);
  }
  // Labelled and selected points on top, one by one — or, when there are very many of them in a
  // density view, as a density of their own (built once per labels / selection).
  if (scratch && ix && labelledRows.length > SPECIAL_EXACT_MAX) drawDensityMap(buf, W, H, pyramidFor(ix, codes, labelledRows), p.view, p.dpr, rgb, dim / 256, scratch, null);
  else for (let j = 0; j < labelledRows.length; j++) stamp(labelledRows[j], dim, !hasSel);
  if (scratch && ix && selectedRows.length > SPECIAL_EXACT_MAX) drawDensityMap(buf, W, H, pyramidFor(ix, codes, selectedRows), p.view, p.dpr, rgb, full / 256, scratch, null);
  else for (let j = 0; j < selectedRows.length; j++) { const i = selectedRows[j]; stamp(i, full, labelled !== null && labelled[i] >= 0); }
  ctx.putImageData(img, 0, 0);
}

/** Big points: for each pass and colour, one path of arcs and one fill. */
function pathAll(ctx: CanvasRenderingContext2D, p: ScatterProps): void {
  ctx.save();
  ctx.setTransform(p.dpr, 0, 0, p.dpr, 0, 0);
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, p.width, p.height);
  const { xy, codes, css, view } = p;
  const n = xy.length / 2;
  const r = p.radius;
  const byColour: number[][] = css.map(() => []);
  for (let pass = 0; pass < 3; pass++) {
    byColour.forEach((a) => (a.length = 0));
    const rings: number[] = [];
    for (let i = 0; i < n; i++) {
      if (passOf(i, p) !== pass) continue;
      const x = xy[2 * i] * view.scale + view.tx, y = xy[2 * i + 1] * view.scale + view.ty;
      if (!(x > -r && y > -r && x < p.width + r && y < p.height + r)) continue;
      byColour[codes[i]].push(x, y);
      if (pass > 0 && p.labelled && p.labelled[i] >= 0) rings.push(x, y);
    }
    ctx.globalAlpha = p.selected && pass < 2 ? p.opacity * DIMMED : p.opacity;
    if (rings.length) {
      ctx.beginPath();
      for (let k = 0; k < rings.length; k += 2) { ctx.moveTo(rings[k] + r + 1.5, rings[k + 1]); ctx.arc(rings[k], rings[k + 1], r + 1.5, 0, 2 * Math.PI); }
      ctx.fillStyle = `rgb(${RING.join(',')})`;
      ctx.fill();
    }
    byColour.forEach((pts, k) => {
      if (pts.length === 0) return;
      ctx.beginPath();
      for (let j = 0; j < pts.length; j += 2) { ctx.moveTo(pts[j] + r, pts[j + 1]); ctx.arc(pts[j], pts[j + 1], r, 0, 2 * Math.PI); }
      ctx.fillStyle = css[k];
      ctx.fill();
    });
  }
  ctx.restore();
}

export function drawScatter(ctx: CanvasRenderingContext2D, p: ScatterProps): number {
  const t0 = performance.now();
  const ix = p.stable && p.xy.length / 2 >= INDEX_MIN ? ensureScatterIndex(p.xy) : null;
  const many = ix !== null && countInView(ix, p.view, p.width, p.height, p.radius + 2) > EXACT_MAX;
  if (p.radius * p.dpr <= STAMP_MAX_RADIUS || many) stampAll(ctx, p, ix, many);
  else pathAll(ctx, p);
  const ms = performance.now() - t0;
  recordMapDraw(ms);
  return ms;
}
