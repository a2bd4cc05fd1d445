/**
 * The selection of the brushes as a Uint8Array mask, computed exactly on the raw columns
 * (not the quantised ones) so "selected n / N" is the true count of the rule the brushes
 * become. Ranges on one axis are OR-ed, axes are AND-ed; this is a specialised, allocation-free
 * version of compiling brushesToCondition, cheap enough to run on every pointer move.
 */
import type { Table } from '../../ml/table/types.ts';
import type { Brush } from '../../ml/rules/brushes.ts';
import { numericTest } from '../../ml/rules/numbers.ts';

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
      // Bounds become closed intervals on the array the rules compare (ml/rules/numbers.ts), so
      // the selection is exactly what the rule made of these brushes matches, open ends included.
      const tests = b.ranges.map(([a, c], r) => {
        const [lo, hi] = a <= c ? [a, c] : [c, a];
        return numericTest(col, lo === -Infinity ? null : lo, hi === Infinity ? null : hi, !!b.open?.[r]?.[0], !!b.open?.[r]?.[1]);
      });
      const V = tests[0].X;
      const R = tests.map((t) => [t.L, t.H]);
      if (R.length === 1) {
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
