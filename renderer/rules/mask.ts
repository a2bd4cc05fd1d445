/**
 * The selection of the brushes as a Uint8Array mask, computed exactly on the raw columns
 * (not the quantised ones) so "selected n / N" is the true count of the rule the brushes
 * become. Ranges on one axis are OR-ed, axes are AND-ed; this is a specialised, allocation-free
 * version of compiling brushesToCondition, cheap enough to run on every pointer move.
 */
import type { Table } from '../../ml/table/types.ts';
import type { Brush } from '../../ml/rules/brushes.ts';

export type { Brush };

/** Writes the mask into `out` (length n) and returns the number of selected rows. */
export function brushMask(table: Table, brushes: readonly Brush[], out: Uint8Array): number {
  const n = table.n;
  const active = brushes.filter((b) => (b.kind === 'numeric' ? b.ranges.length > 0 : true));
  if (active.length === 0) {
    out.fill(1, 0, n);
    return n;
  }
  let first = true;
  for (const b of active) {
    const col = table.columns.find((c) => c.name === b.column);
    if (!col || col.type === 'text') continue;
    if (b.kind === 'numeric' && col.type === 'numeric') {
      const V = col.values;
      const R = b.ranges.map(([a, c]) => (a <= c ? [a, c] : [c, a]));
      if (b.open?.some(([x, y]) => x || y)) {
        // Strict ends (from text like `V14 < -4.2`): the general, slower loop.
        const O = b.open;
        for (let i = 0; i < n; i++) {
          if (!first && !out[i]) continue;
          const v = V[i];
          let hit = 0;
          for (let r = 0; r < R.length; r++) {
            const [lo, hi] = R[r];
            if ((O[r]?.[0] ? v > lo : v >= lo) && (O[r]?.[1] ? v < hi : v <= hi)) { hit = 1; break; }
          }
          out[i] = hit;
        }
      } else if (R.length === 1) {
        const lo = R[0][0];
        const hi = R[0][1];
        if (first) for (let i = 0; i < n; i++) out[i] = V[i] >= lo && V[i] <= hi ? 1 : 0;
        else for (let i = 0; i < n; i++) if (out[i] && !(V[i] >= lo && V[i] <= hi)) out[i] = 0;
      } else {
        for (let i = 0; i < n; i++) {
          if (!first && !out[i]) continue;
          const v = V[i];
          let hit = 0;
          for (let r = 0; r < R.length; r++) if (v >= R[r][0] && v <= R[r][1]) { hit = 1; break; }
          out[i] = hit;
        }
      }
    } else if (b.kind === 'categorical' && col.type === 'categorical') {
      const lut = new Uint8Array(col.dictionary.length);
      const want = new Set(b.values);
      col.dictionary.forEach((name, code) => { lut[code] = want.has(name) ? 1 : 0; });
      const C = col.codes;
      if (first) for (let i = 0; i < n; i++) out[i] = C[i] >= 0 ? lut[C[i]] : 0;
      else for (let i = 0; i < n; i++) if (out[i] && !(C[i] >= 0 && lut[C[i]])) out[i] = 0;
    } else {
      continue;
    }
    first = false;
  }
  if (first) out.fill(1, 0, n);
  let count = 0;
  for (let i = 0; i < n; i++) count += out[i];
  return count;
}

/** Row indices of a mask, in row order. */
export function maskToIndex(mask: Uint8Array, count: number, n = mask.length): Uint32Array {
  const I = new Uint32Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) if (mask[i]) I[k++] = i;
  return I;
}
