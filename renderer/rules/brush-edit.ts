/**
 * Brush geometry: data ranges ↔ pixel spans on an axis, categories under a span, and
 * immutable updates of the brush list. Pure, unit-tested.
 */
import { roundToResolution } from '../../ml/rules/numbers.ts';
import { unitToY, yToUnit, type PlotAxis, type PlotLayout } from './geometry.ts';
import type { Brush } from './mask.ts';

/** Data range → [top, bottom] CSS y on the axis. */
export function rangeToPx(L: PlotLayout, a: PlotAxis, [lo0, hi0]: [number, number]): [number, number] {
  // Unbounded sides (`V14 < -4.2` is [-inf, -4.2]) reach the end of the axis.
  const lo = Math.max(lo0, a.scale.domain[0]);
  const hi = Math.min(hi0, a.scale.domain[1]);
  const y1 = unitToY(L, a, a.scale.toUnit(lo));
  const y2 = unitToY(L, a, a.scale.toUnit(hi));
  return y1 < y2 ? [y1, y2] : [y2, y1];
}

/** Pixel span → data range [lo, hi] (whatever the inversion or scale). */
export function pxToRange(L: PlotLayout, a: PlotAxis, yA: number, yB: number): [number, number] {
  const v1 = a.scale.fromUnit(yToUnit(L, a, yA));
  const v2 = a.scale.fromUnit(yToUnit(L, a, yB));
  return v1 <= v2 ? [v1, v2] : [v2, v1];
}

/**
 * A dragged pixel span → the brush's data range. Each edge is rounded to what one pixel means
 * at that place of the axis, so rules read `V14 <= -4`, not `-3.9999998` (a drag cannot be
 * more precise than a pixel anyway). An edge dragged to the end of the axis leaves that side
 * open: "int_rate from 18 up" should still hold for a rate above this file's maximum.
 */
export function dragToRange(L: PlotLayout, a: PlotAxis, yA: number, yB: number): [number, number] {
  const px = 1 / Math.max(1, L.bottom - L.top);
  const edge = (y: number) => {
    const u = yToUnit(L, a, y);
    if (u <= 0) return -Infinity;
    if (u >= 1) return Infinity;
    // Local resolution: log and quantile scales stretch the data differently along the axis.
    const resolution = Math.abs(a.scale.fromUnit(Math.min(1, u + px)) - a.scale.fromUnit(Math.max(0, u - px))) / 2;
    return roundToResolution(a.scale.fromUnit(u), resolution);
  };
  const v1 = edge(yA);
  const v2 = edge(yB);
  const [lo, hi] = v1 <= v2 ? [v1, v2] : [v2, v1];
  if (!a.integer) return [lo, hi];
  // Whole numbers only: the brush holds the integers inside it; a sliver between two holds the nearer one.
  const ilo = Math.ceil(lo - 1e-9), ihi = Math.floor(hi + 1e-9);
  if (ilo <= ihi) return [ilo, ihi];
  const mid = Math.round((lo + hi) / 2);
  return [mid, mid];
}

/** Categories whose band centre lies in the span; the nearest one when the span is thinner than a band. */
export function categoriesIn(L: PlotLayout, a: PlotAxis, yA: number, yB: number): string[] {
  const cats = a.scale.categories ?? [];
  const top = Math.min(yA, yB);
  const bottom = Math.max(yA, yB);
  const inside = cats.filter((c) => {
    const y = unitToY(L, a, c.p);
    return y >= top && y <= bottom;
  });
  if (inside.length || !cats.length) return inside.map((c) => c.name);
  const mid = (top + bottom) / 2;
  let best = cats[0];
  for (const c of cats) if (Math.abs(unitToY(L, a, c.p) - mid) < Math.abs(unitToY(L, a, best.p) - mid)) best = c;
  return [best.name];
}

/** Half-height (px) of one category's band on the axis. */
export const categoryHalfBand = (L: PlotLayout, a: PlotAxis) => Math.max(2, (L.bottom - L.top) / (2 * Math.max(1, a.scale.categories?.length ?? 1)));

/** Replaces (or inserts, or with null removes) the brush on `column`, keeping the others' order. */
export function withBrush(brushes: readonly Brush[], column: string, next: Brush | null): Brush[] {
  const i = brushes.findIndex((b) => b.column === column);
  const empty = !next || (next.kind === 'numeric' ? next.ranges.length === 0 : next.values.length === 0);
  if (i < 0) return empty ? [...brushes] : [...brushes, next!];
  const out = [...brushes];
  if (empty) out.splice(i, 1);
  else out[i] = next!;
  return out;
}

/** Merges overlapping ranges of one axis so the brush stays a clean OR of disjoint intervals. */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = ranges.map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [number, number]).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
