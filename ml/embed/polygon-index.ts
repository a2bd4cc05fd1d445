/**
 * Indexes of a polygon for fast exact even-odd membership (ml/embed/lasso.ts):
 *
 * - `bandEdges`: the polygon's y-range cut into bands, each listing the edges that can cross a
 *   horizontal ray at that height, so a point tests a handful of edges instead of all of them
 *   (with exactly the crossing predicate of classic ray casting, so answers are the reference's);
 * - `polygonGrid`: a grid over the bounding box whose cells no edge comes near are wholly inside
 *   or wholly outside, so most points are answered by one table read. Only points in cells an
 *   edge touches go through the edge tests.
 *
 * Why the grid is exact: a cell that no edge comes within `eps` of is a connected region the
 * boundary does not cross, so every point in it has the parity of its centre, and those points
 * are far (≫ rounding) from every edge, where the floating-point predicate agrees with the
 * exact one. A point whose float cell index is off by rounding lands in a neighbour that is
 * either marked too (an edge near the shared side marks both) or has the same parity.
 */

/** A polygon as m×2 interleaved vertices (closed implicitly: last vertex joins the first). */
export type Polygon = Float32Array | Float64Array;

export type Bands = {
  y0: number;
  y1: number;
  bands: number;
  /** bands / (y1 - y0). */
  scale: number;
  /** Edges of band b are edges[counts[b]·4 … counts[b + 1]·4) as (xi, yi, xj, yj). */
  counts: Int32Array;
  edges: Float64Array;
};

/**
 * An edge can change the parity of a point at height y only if min(yi,yj) ≤ y < max(yi,yj)
 * (the half-open predicate), so it is listed in the bands its closed y-range touches;
 * horizontal edges never cross and are dropped.
 */
export function bandEdges(polygon: Polygon, y0: number, y1: number): Bands {
  const m = polygon.length >> 1;
  const bands = Math.max(1, Math.min(4096, m * 2));
  const scale = bands / (y1 - y0);
  const bandOf = (y: number) => Math.min(bands - 1, Math.max(0, Math.floor((y - y0) * scale)));
  const counts = new Int32Array(bands + 1);
  for (let i = 0, j = m - 1; i < m; j = i++) {
    const yi = polygon[2 * i + 1], yj = polygon[2 * j + 1];
    if (yi === yj) continue;
    const b0 = bandOf(Math.min(yi, yj)), b1 = bandOf(Math.max(yi, yj));
    for (let b = b0; b <= b1; b++) counts[b + 1]++;
  }
  for (let b = 0; b < bands; b++) counts[b + 1] += counts[b];
  const start = counts.slice();
  const edges = new Float64Array(counts[bands] * 4);
  for (let i = 0, j = m - 1; i < m; j = i++) {
    const xi = polygon[2 * i], yi = polygon[2 * i + 1], xj = polygon[2 * j], yj = polygon[2 * j + 1];
    if (yi === yj) continue;
    const b0 = bandOf(Math.min(yi, yj)), b1 = bandOf(Math.max(yi, yj));
    for (let b = b0; b <= b1; b++) {
      const o = start[b]++ * 4;
      edges[o] = xi;
      edges[o + 1] = yi;
      edges[o + 2] = xj;
      edges[o + 3] = yj;
    }
  }
  return { y0, y1, bands, scale, counts, edges };
}

/** Even-odd parity of (x, y), y in [y0, y1], by the reference crossing predicate over its band's edges. */
export function bandParity(B: Bands, x: number, y: number): number {
  const b = Math.min(B.bands - 1, Math.floor((y - B.y0) * B.scale));
  const { edges } = B;
  let inside = 0;
  for (let e = B.counts[b] * 4, end = B.counts[b + 1] * 4; e < end; e += 4) {
    const xi = edges[e], yi = edges[e + 1], xj = edges[e + 2], yj = edges[e + 3];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside ^= 1;
  }
  return inside;
}

/** Cell states of a polygon grid. */
export const OUT = 0, IN = 1, EDGE = 2;

export type Grid = { G: number; x0: number; y0: number; sx: number; sy: number; cells: Uint8Array };

/**
 * A G×G grid over [x0, x1]×[y0, y1]: cells an edge comes within eps of are EDGE, the others IN
 * or OUT by the parity of their centre (one test per run of unmarked cells in a row: a run is
 * not crossed by the boundary, so it shares one parity).
 */
export function polygonGrid(polygon: Polygon, B: Bands, x0: number, x1: number, y0: number, y1: number, G: number): Grid {
  const sx = G / (x1 - x0 || 1), sy = G / (y1 - y0 || 1);
  const cells = new Uint8Array(G * G);
  const eps = 1e-9 * Math.max(1, Math.abs(x0), Math.abs(x1), Math.abs(y0), Math.abs(y1));
  const m = polygon.length >> 1;
  const clampCell = (v: number) => Math.min(G - 1, Math.max(0, Math.floor(v)));
  for (let i = 0, j = m - 1; i < m; j = i++) {
    const ax = polygon[2 * j], ay = polygon[2 * j + 1], bx = polygon[2 * i], by = polygon[2 * i + 1];
    // Pieces of at most half a cell, each marking the cells its eps-grown box overlaps.
    const steps = Math.max(1, Math.ceil(2 * Math.max(Math.abs(bx - ax) * sx, Math.abs(by - ay) * sy)));
    for (let s = 0; s < steps; s++) {
      const pxa = ax + ((bx - ax) * s) / steps, pya = ay + ((by - ay) * s) / steps;
      const pxb = ax + ((bx - ax) * (s + 1)) / steps, pyb = ay + ((by - ay) * (s + 1)) / steps;
      const cx0 = clampCell((Math.min(pxa, pxb) - eps - x0) * sx), cx1 = clampCell((Math.max(pxa, pxb) + eps - x0) * sx);
      const cy0 = clampCell((Math.min(pya, pyb) - eps - y0) * sy), cy1 = clampCell((Math.max(pya, pyb) + eps - y0) * sy);
      for (let cy = cy0; cy <= cy1; cy++) for (let cx = cx0; cx <= cx1; cx++) cells[cy * G + cx] = EDGE;
    }
  }
  for (let cy = 0; cy < G; cy++) {
    const y = y0 + (cy + 0.5) / sy;
    let run = -1;
    for (let cx = 0; cx < G; cx++) {
      const k = cy * G + cx;
      if (cells[k] === EDGE) { run = -1; continue; }
      if (run < 0) run = bandParity(B, x0 + (cx + 0.5) / sx, y);
      cells[k] = run;
    }
  }
  return { G, x0, y0, sx, sy, cells };
}
