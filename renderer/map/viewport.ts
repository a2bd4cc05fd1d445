/**
 * Data ↔ screen for the map. Layouts are normalised into [-1, 1] (aspect kept) when they
 * arrive, so every embedding's map shares one data space: switching embeddings animates
 * points without moving the camera, and zoom/pan survive the switch.
 * screen = data · scale + (tx, ty), in CSS pixels of the canvas.
 */
export type View = { scale: number; tx: number; ty: number };

/** Branded so screen and data coordinates are never mixed up. */
export type ScreenPoint = { sx: number; sy: number; readonly __space: 'screen' };
export type DataPoint = { x: number; y: number; readonly __space: 'data' };

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 200;

/** The view that shows [-1, 1]² centred in a width×height canvas with a margin. */
export function fitView(width: number, height: number, margin = 24): View {
  const scale = Math.max(1, (Math.min(width, height) - 2 * margin) / 2);
  return { scale, tx: width / 2, ty: height / 2 };
}

export const toScreen = (v: View, x: number, y: number): ScreenPoint => ({ sx: x * v.scale + v.tx, sy: y * v.scale + v.ty } as ScreenPoint);
export const toData = (v: View, sx: number, sy: number): DataPoint => ({ x: (sx - v.tx) / v.scale, y: (sy - v.ty) / v.scale } as DataPoint);

/** Zoom by `factor` keeping the point under the cursor fixed; zoom is clamped relative to `base`. */
export function zoomAt(v: View, base: View, sx: number, sy: number, factor: number): View {
  const scale = Math.max(base.scale * MIN_ZOOM, Math.min(base.scale * MAX_ZOOM, v.scale * factor));
  const f = scale / v.scale;
  return { scale, tx: sx - (sx - v.tx) * f, ty: sy - (sy - v.ty) * f };
}

export const panBy = (v: View, dx: number, dy: number): View => ({ ...v, tx: v.tx + dx, ty: v.ty + dy });

/**
 * Scales an n×2 layout into [-1, 1]² (aspect kept, centred), using the 0.5–99.5 % range so a
 * few far outliers do not squash the map; outliers land just outside the frame. NaN rows
 * (not laid out, e.g. outside a sample) stay NaN.
 */
export function normaliseLayout(xy: Float32Array): Float32Array {
  const n = xy.length / 2;
  const xs: number[] = [], ys: number[] = [];
  const stride = Math.max(1, Math.floor(n / 20000));
  for (let i = 0; i < n; i += stride) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    if (Number.isFinite(x) && Number.isFinite(y)) { xs.push(x); ys.push(y); }
  }
  const out = new Float32Array(xy.length).fill(NaN);
  if (xs.length === 0) return out;
  xs.sort((a, b) => a - b);
  ys.sort((a, b) => a - b);
  const q = (a: number[], p: number) => a[Math.min(a.length - 1, Math.max(0, Math.round(p * (a.length - 1))))];
  const x0 = q(xs, 0.005), x1 = q(xs, 0.995), y0 = q(ys, 0.005), y1 = q(ys, 0.995);
  const half = Math.max(x1 - x0, y1 - y0, 1e-9) / 2;
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    out[2 * i] = (x - cx) / half;
    out[2 * i + 1] = (y - cy) / half;
  }
  return out;
}

/** Row nearest to a screen point within `radius` px, or -1. Linear scan: ~0.5 ms per 100k. */
export function nearestPoint(xy: Float32Array, v: View, sx: number, sy: number, radius: number): number {
  const d = toData(v, sx, sy);
  const r = radius / v.scale;
  let best = -1, bestD = r * r;
  for (let i = 0, n = xy.length / 2; i < n; i++) {
    const dx = xy[2 * i] - d.x, dy = xy[2 * i + 1] - d.y;
    const dd = dx * dx + dy * dy;
    if (dd < bestD) { bestD = dd; best = i; }
  }
  return best;
}

/** The view that fits the given rows (their bounding box, a margin around it), zoom clamped relative to `base`. */
export function viewOfRows(xy: Float32Array, rows: Uint32Array, width: number, height: number, base: View, margin = 40): View | null {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const i of rows) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
  }
  if (!(x0 <= x1)) return null;
  const span = Math.max(x1 - x0, y1 - y0, 1e-6);
  const want = Math.min(width - 2 * margin, height - 2 * margin) / span;
  const scale = Math.max(base.scale * MIN_ZOOM, Math.min(base.scale * MAX_ZOOM, want));
  return { scale, tx: width / 2 - ((x0 + x1) / 2) * scale, ty: height / 2 - ((y0 + y1) / 2) * scale };
}
