/**
 * Anti-aliased lines into integer accumulation buffers, for the binned line density
 * (density.ts): one line per non-empty (left bin, right bin) cell of an axis pair, weighted by
 * its count. Weights are integers in units of 1/`one` row and may be negative (a cell whose
 * count went down during a drag is drawn again with the difference), so any sequence of
 * additions and removals leaves exactly what drawing the final counts would. Pure.
 */
import type { Binning, DensityBuffers, DensityLayout } from './density.ts';

/** Adds `w` rows along the segment (x0,y0)→(x1,y1), x0 < x1, splitting each step between two pixels. */
export function rasterLine(A: Int32Array, W: number, H: number, x0: number, y0: number, x1: number, y1: number, w: number, one: number): void {
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
      const f = ((y - yi) * one) | 0;
      const o = yi * W + x;
      A[o] += w * (one - f);
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
      const f = ((x - xi) * one) | 0;
      const o = y * W + xi;
      A[o] += w * (one - f);
      A[o + 1] += w * f;
    }
  }
}

/** Rasterises the non-empty cells of pair (a, a+1), counted at `cnt[off…]`, into the group buffers. */
export function rasterPair(buf: DensityBuffers, layout: DensityLayout, a: number, cnt: Uint32Array, off: number, bn: Binning, nGroups: number, YA: Float32Array, YB: Float32Array): number {
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
      rasterLine(A, buf.W, buf.H, xa, YA[ba], xb, YB[c - ba * NB], w, buf.one);
      drawn++;
    }
  }
  return drawn;
}

/** Draws the cells of pair (a, a+1) whose count in `cnt` differs from `drawn`, by the difference; updates `drawn`. */
export function rasterChanges(buf: DensityBuffers, layout: DensityLayout, a: number, cnt: Uint32Array, drawn: Uint32Array, off: number, bn: Binning, nGroups: number, YA: Float32Array, YB: Float32Array): number {
  const { NB, cells } = bn;
  const xa = layout.xs[a];
  const xb = layout.xs[a + 1];
  let changed = 0;
  for (let g = 0; g < nGroups; g++) {
    const A = buf.acc[g];
    const base = off + g * cells;
    for (let c = 0; c < cells; c++) {
      const now = cnt[base + c];
      const was = drawn[base + c];
      if (now === was) continue;
      drawn[base + c] = now;
      const ba = (c / NB) | 0;
      rasterLine(A, buf.W, buf.H, xa, YA[ba], xb, YB[c - ba * NB], now - was, buf.one);
      changed++;
    }
  }
  return changed;
}
