/**
 * Lasso and box geometry on the map's n×2 layout, and selection set algebra. Positions not laid
 * out (NaN) are never inside anything. The geometry itself is ml/embed/lasso.ts.
 */
import { pointsInPolygon, pointsInRect } from '../../ml/embed/lasso.ts';

/** Lasso: even–odd membership of every point in a data-space polygon (flat x,y pairs). */
export const polygonMask = (xy: Float32Array, polygon: Float32Array): Uint8Array => pointsInPolygon(xy, polygon);

/** Box: points inside the rectangle with corners (x0, y0), (x1, y1). */
export const rectMask = (xy: Float32Array, x0: number, y0: number, x1: number, y1: number): Uint8Array => pointsInRect(xy, x0, y0, x1, y1);

export type SelectOp = 'replace' | 'add' | 'subtract';

/** Combines the current selection with a gesture's mask; returns sorted row indices. */
export function combineSelection(current: Uint32Array, mask: Uint8Array, op: SelectOp): Uint32Array {
  const n = mask.length;
  const next = op === 'replace' ? mask : new Uint8Array(n);
  if (op !== 'replace') {
    for (let j = 0; j < current.length; j++) if (current[j] < n) next[current[j]] = 1;
    for (let i = 0; i < n; i++) if (mask[i]) next[i] = op === 'add' ? 1 : 0;
  }
  return maskToRows(next);
}

export function maskToRows(mask: Uint8Array): Uint32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i] ? 1 : 0;
  const out = new Uint32Array(count);
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) out[j++] = i;
  return out;
}

export function rowsToMask(rows: Uint32Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let j = 0; j < rows.length; j++) if (rows[j] < n) out[rows[j]] = 1;
  return out;
}
