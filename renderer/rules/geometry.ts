/**
 * Where everything goes: axis x positions, the unit → pixel mapping of each axis (with
 * inversion and the missing band), and the per-table cache of scales and quantised columns.
 * Pure apart from the cache; shared by the draw functions, the SVG layer and picking.
 */
import type { Column, Table } from '../../ml/table/types.ts';
import { MISSING, quantizeColumn } from './quantize.ts';
import { computeScale, type AxisScale, type ScaleKind } from './scales.ts';
import type { AxisPref } from './store.ts';

/** `integer`: every value is a whole number, so brushes snap to whole numbers (`Seniority <= 2`, not `<= 2.4`). */
export type AxisData = { column: Column; scale: AxisScale; quant: Uint8Array; integer: boolean };

function isIntegerColumn(c: Column): boolean {
  if (c.type !== 'numeric') return false;
  for (const v of c.values) if (v === v && !Number.isInteger(v)) return false;
  return true;
}

const cache = new WeakMap<Table, Map<string, AxisData>>();

/** Scale + quantised column, computed once per (table, column, scale kind). */
export function axisData(table: Table, name: string, kind: ScaleKind = 'linear'): AxisData {
  let m = cache.get(table);
  if (!m) cache.set(table, (m = new Map()));
  const key = `${kind}\u0000${name}`;
  let d = m.get(key);
  if (!d) {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new Error(`No column ${name}`);
    const scale = computeScale(column, kind);
    d = { column, scale, quant: quantizeColumn(column, scale), integer: isIntegerColumn(column) };
    m.set(key, d);
  }
  return d;
}

export const MARGIN = { left: 52, right: 56, top: 52, bottom: 30 };
export const MISSING_GAP = 10;
export const MISSING_BAND = 12;
export const MIN_SPACING = 60;

export type PlotAxis = AxisData & { name: string; x: number; inverted: boolean };

export type PlotLayout = {
  width: number;
  height: number;
  /** Axis top and bottom (CSS px). */
  top: number;
  bottom: number;
  /** Centre of the missing-values band. */
  missingY: number;
  axes: PlotAxis[];
  /** Every axis column in display order, hidden ones included (reordering keeps their places). */
  order: string[];
};

export function plotLayout(table: Table, order: string[], prefs: Record<string, AxisPref>, containerWidth: number, height: number): PlotLayout {
  const names = order.filter((c) => !prefs[c]?.hidden);
  const k = names.length;
  const inner = Math.max(containerWidth - MARGIN.left - MARGIN.right, 0);
  const spacing = k > 1 ? Math.max(MIN_SPACING, inner / (k - 1)) : 0;
  const width = k > 1 ? MARGIN.left + MARGIN.right + spacing * (k - 1) : containerWidth;
  const bottom = height - MARGIN.bottom - MISSING_GAP - MISSING_BAND;
  const axes = names.map((name, i) => ({
    ...axisData(table, name, prefs[name]?.scale ?? 'linear'),
    name,
    x: k > 1 ? MARGIN.left + i * spacing : width / 2,
    inverted: !!prefs[name]?.inverted,
  }));
  return { width, height, top: MARGIN.top, bottom, missingY: bottom + MISSING_GAP + MISSING_BAND / 2, axes, order };
}

/** Unit position (0 bottom … 1 top, before inversion) → CSS y. NaN → the missing band. */
export function unitToY(L: PlotLayout, axis: PlotAxis, p: number): number {
  if (Number.isNaN(p)) return L.missingY;
  const u = axis.inverted ? 1 - p : p;
  return L.bottom - u * (L.bottom - L.top);
}

/** CSS y → unit position on the axis (clamped to [0, 1]). */
export function yToUnit(L: PlotLayout, axis: PlotAxis, y: number): number {
  const u = Math.max(0, Math.min(1, (L.bottom - y) / (L.bottom - L.top)));
  return axis.inverted ? 1 - u : u;
}

/** Device-pixel y of every quantised level of each axis, for the density rasteriser. */
export function levelYs(L: PlotLayout, dpr: number): Float32Array[] {
  return L.axes.map((a) => {
    const Y = new Float32Array(256);
    for (let q = 0; q < 255; q++) Y[q] = unitToY(L, a, q / 254) * dpr;
    Y[MISSING] = L.missingY * dpr;
    return Y;
  });
}
