/**
 * Brushes ↔ conditions: the bridge between the parallel-coordinates UI and rule specs.
 * Brushes are just one way of editing a spec: several ranges on one axis are OR-ed, axes are
 * AND-ed. A condition that brushes cannot show (a `not`, `is missing`, an `or` across axes…)
 * maps to null and the UI falls back to text / form editing.
 */
import type { Condition, InCond, RangeCond } from './spec.ts';
import { snapF32 } from './numbers.ts';

export type NumericBrush = {
  column: string;
  kind: 'numeric';
  /**
   * Closed ranges [lo, hi] in data units; ±Infinity for an unbounded side. Bounds are stored
   * snapped to their shortest float32 decimal (lossless for evaluation, see numbers.ts); round
   * dragged edges to the pixel with `roundToResolution` first if you want short numbers.
   */
  ranges: [number, number][];
  /**
   * Optional, parallel to `ranges`: [loOpen, hiOpen] for strict ends (`V14 < -4.2` shows as a
   * brush from -inf to -4.2 with an open top). Absent = all closed, which is what dragging gives.
   */
  open?: [boolean, boolean][];
};
export type CategoricalBrush = { column: string; kind: 'categorical'; values: string[] };
export type Brush = NumericBrush | CategoricalBrush;

function rangeCond(column: string, [a, b]: [number, number], open: [boolean, boolean] | undefined): RangeCond {
  const lo = Math.min(a, b), hi = Math.max(a, b); // brushes may be dragged upside down
  const loNull = lo === -Infinity, hiNull = hi === Infinity;
  return {
    op: 'range',
    column,
    lo: loNull ? null : snapF32(lo),
    hi: hiNull ? null : snapF32(hi),
    loOpen: !loNull && !!open?.[0],
    hiOpen: !hiNull && !!open?.[1],
  };
}

/** One brush as a condition, or null when it constrains nothing (no ranges / no values). */
export function brushToCondition(b: Brush): Condition | null {
  if (b.kind === 'categorical') return b.values.length ? { op: 'in', column: b.column, values: [...new Set(b.values)] } : null;
  if (b.ranges.length === 0) return null;
  const parts = b.ranges.map((r, k) => rangeCond(b.column, r, b.open?.[k]));
  return parts.length === 1 ? parts[0] : { op: 'or', of: parts };
}

/** AND across brushes, OR within an axis. No active brush → `true` (an empty `and`: every row). */
export function brushesToCondition(brushes: Brush[]): Condition {
  const parts = brushes.map(brushToCondition).filter((c): c is Condition => c !== null);
  return parts.length === 1 ? parts[0] : { op: 'and', of: parts };
}

function asRange(c: Condition): RangeCond | null {
  return c.op === 'range' ? c : null;
}

/** The brush an axis shows for one AND-term, or null if the term is not brushable. */
function termToBrush(c: Condition): Brush | null {
  if (c.op === 'range') return numericBrush(c.column, [c]);
  if (c.op === 'in') return c.negate ? null : { column: c.column, kind: 'categorical', values: [...c.values] };
  if (c.op === 'or' && c.of.length >= 1) {
    const first = c.of[0];
    if (first.op === 'range') {
      const ranges = c.of.map(asRange);
      if (ranges.some((r) => r === null || r.column !== first.column)) return null;
      return numericBrush(first.column, ranges as RangeCond[]);
    }
    if (first.op === 'in' && !first.negate) {
      const ins = c.of as InCond[];
      if (!c.of.every((k) => k.op === 'in' && !k.negate && k.column === first.column)) return null;
      return { column: first.column, kind: 'categorical', values: [...new Set(ins.flatMap((k) => k.values))] };
    }
  }
  return null;
}

function numericBrush(column: string, rs: RangeCond[]): NumericBrush {
  const ranges = rs.map((r): [number, number] => [r.lo ?? -Infinity, r.hi ?? Infinity]);
  const open = rs.map((r): [boolean, boolean] => [r.lo !== null && !!r.loOpen, r.hi !== null && !!r.hiOpen]);
  return open.some(([a, b]) => a || b) ? { column, kind: 'numeric', ranges, open } : { column, kind: 'numeric', ranges };
}

/**
 * Brushes that show `cond`, or null when it cannot be shown as brushes (a `not`, `not in`,
 * `is missing`, an `or` mixing columns, an `and` with two terms on one axis, an empty `or`).
 * `true` (empty `and`) gives no brushes.
 */
export function conditionToBrushes(cond: Condition): Brush[] | null {
  const terms = cond.op === 'and' ? cond.of : [cond];
  const out: Brush[] = [];
  const seen = new Set<string>();
  for (const t of terms) {
    const b = termToBrush(t);
    if (!b || seen.has(b.column)) return null;
    seen.add(b.column);
    out.push(b);
  }
  return out;
}
