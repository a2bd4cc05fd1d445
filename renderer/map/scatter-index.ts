/**
 * A grid index of a finished layout (n×2 data positions), for a map of a million points:
 * the points sorted by the cell of a 256 × 256 grid over their bounding square, so a view
 * visits only the points of the cells it shows, counts them without visiting them, and the
 * hovered point is found among the cells around the pointer. Exact: it only decides which
 * points to look at; every answer is computed from the points themselves. Pure.
 */
import { nearestPoint, type View } from './viewport.ts';

export const INDEX_G = 256;

export type ScatterIndex = {
  /** The layout indexed (identity): an index is valid for exactly this array's contents. */
  xy: Float32Array;
  /** Bounding square of the laid-out points: [x0, x0 + size] × [y0, y0 + size]. */
  x0: number;
  y0: number;
  size: number;
  /** Points of cell c (row-major, cy · G + cx) are order[start[c] … start[c + 1]), ascending rows. */
  start: Int32Array;
  order: Uint32Array;
};

const indexes = new WeakMap<Float32Array, ScatterIndex>();

/** The index of a finished layout (built on first use, kept while the layout lives). */
export function ensureScatterIndex(xy: Float32Array): ScatterIndex {
  let ix = indexes.get(xy);
  if (!ix) indexes.set(xy, (ix = buildScatterIndex(xy)));
  return ix;
}

/** The index of `xy` if one was built (the map indexes layouts of 50,000 points and more). */
export const scatterIndexOf = (xy: Float32Array): ScatterIndex | undefined => indexes.get(xy);

/** Counting sort of the laid-out (finite) points by cell. */
export function buildScatterIndex(xy: Float32Array): ScatterIndex {
  const n = xy.length >> 1;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    if (!(x === x && y === y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x0 === Infinity) { x0 = y0 = 0; x1 = y1 = 1; }
  const size = Math.max(x1 - x0, y1 - y0, 1e-9) * (1 + 1e-6);
  const G = INDEX_G;
  const k = G / size;
  const cell = new Int32Array(n);
  const start = new Int32Array(G * G + 1);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    if (!(x === x && y === y)) { cell[i] = -1; continue; }
    const c = Math.min(G - 1, ((y - y0) * k) | 0) * G + Math.min(G - 1, ((x - x0) * k) | 0);
    cell[i] = c;
    start[c + 1]++;
  }
  for (let c = 0; c < G * G; c++) start[c + 1] += start[c];
  const at = start.slice(0, G * G);
  const order = new Uint32Array(start[G * G]);
  for (let i = 0; i < n; i++) if (cell[i] >= 0) order[at[cell[i]]++] = i;
  return { xy, x0, y0, size, start, order };
}

/** Inclusive cell range [cx0, cx1] × [cy0, cy1] covering the screen rectangle (CSS px), grown by `pad` px. */
export function cellsInView(ix: ScatterIndex, v: View, width: number, height: number, pad: number): [number, number, number, number] {
  const k = INDEX_G / ix.size;
  const clamp = (c: number) => Math.min(INDEX_G - 1, Math.max(0, Math.floor(c)));
  const dx0 = (-pad - v.tx) / v.scale, dx1 = (width + pad - v.tx) / v.scale;
  const dy0 = (-pad - v.ty) / v.scale, dy1 = (height + pad - v.ty) / v.scale;
  return [clamp((dx0 - ix.x0) * k), clamp((dx1 - ix.x0) * k), clamp((dy0 - ix.y0) * k), clamp((dy1 - ix.y0) * k)];
}

/** How many points the cells in view hold (a bound on the points drawn), in O(cells in view). */
export function countInView(ix: ScatterIndex, v: View, width: number, height: number, pad: number): number {
  const [cx0, cx1, cy0, cy1] = cellsInView(ix, v, width, height, pad);
  let m = 0;
  for (let cy = cy0; cy <= cy1; cy++) m += ix.start[cy * INDEX_G + cx1 + 1] - ix.start[cy * INDEX_G + cx0];
  return m;
}

/**
 * Row nearest to a screen point within `radius` px, or -1 — the same answer as a scan over every
 * point (viewport.ts nearestPoint: the lowest row wins a tie), looking only at the cells the
 * radius reaches.
 */
export function nearestIndexed(ix: ScatterIndex, v: View, sx: number, sy: number, radius: number): number {
  const { xy, start, order } = ix;
  const x = (sx - v.tx) / v.scale, y = (sy - v.ty) / v.scale;
  const r = radius / v.scale;
  const k = INDEX_G / ix.size;
  const clamp = (c: number) => Math.min(INDEX_G - 1, Math.max(0, Math.floor(c)));
  const cx0 = clamp((x - r - ix.x0) * k), cx1 = clamp((x + r - ix.x0) * k);
  const cy0 = clamp((y - r - ix.y0) * k), cy1 = clamp((y + r - ix.y0) * k);
  let best = -1, bestD = r * r;
  for (let cy = cy0; cy <= cy1; cy++) {
    for (let j = start[cy * INDEX_G + cx0], e = start[cy * INDEX_G + cx1 + 1]; j < e; j++) {
      const i = order[j];
      const dx = xy[2 * i] - x, dy = xy[2 * i + 1] - y;
      const dd = dx * dx + dy * dy;
      if (dd < bestD || (dd === bestD && best >= 0 && i < best)) { bestD = dd; best = i; }
    }
  }
  return best;
}

/** nearestPoint, through the layout's index when it has one (hover on a million points stays a few cells' work). */
export function hoverPoint(xy: Float32Array, v: View, sx: number, sy: number, radius: number): number {
  const ix = indexes.get(xy);
  return ix ? nearestIndexed(ix, v, sx, sy, radius) : nearestPoint(xy, v, sx, sy, radius);
}
