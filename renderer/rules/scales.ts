/**
 * Axis scales of the parallel coordinates, in *unit space*: 0 = bottom of the axis, 1 = top
 * (inversion and pixels are applied later, so a scale is computed once per column and kind).
 * Pure: no DOM, unit-tested in Node.
 */
import { scaleLinear, scaleLog, scaleSymlog } from 'd3';
import type { Column } from '../../ml/table/types.ts';

export type ScaleKind = 'linear' | 'log' | 'quantile';

export type Tick = { p: number; label: string };

export type AxisScale = {
  column: string;
  type: 'numeric' | 'categorical';
  kind: ScaleKind;
  /** Numeric value (or category code) → unit position; NaN for missing. */
  toUnit(v: number): number;
  /** Unit position → value (numeric axes; categorical axes return the code at p). */
  fromUnit(p: number): number;
  ticks(count: number): Tick[];
  /** Non-missing [min, max] of the column (codes for categorical). */
  domain: [number, number];
  /** Categorical: categories in axis order, bottom → top, with their unit positions. */
  categories?: { code: number; name: string; p: number }[];
  /** log on a column with values ≤ 0 falls back to a symmetric log; said in the axis menu. */
  note?: string;
};

export const fmtValue = (v: number): string => {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
  return String(+v.toPrecision(a >= 1000 ? 6 : 4));
};

/** A typed brush bound: blank means unbounded (±Infinity), in the rule form and the bounds popover alike. */
export const boundText = (v: number): string => (Number.isFinite(v) ? fmtValue(v) : '');
export const parseBound = (s: string, unbounded: number): number => (s.trim() === '' ? unbounded : Number(s));

/** Range of the finite values (±Infinity, e.g. numpy's inf, sit at the axis ends). */
function extent(values: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo && v !== -Infinity) lo = v;
    if (v > hi && v !== Infinity) hi = v;
  }
  if (lo === Infinity) return [0, 1];
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

const clamp01 = (p: number) => (p < 0 ? 0 : p > 1 ? 1 : p);

/** Categories sorted naturally ("emp_2" before "emp_10"), evenly spaced with band centres. */
function categoricalScale(name: string, dictionary: string[]): AxisScale {
  const order = dictionary.map((n, code) => ({ code, name: n })).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const k = Math.max(1, order.length);
  const pos = new Float64Array(dictionary.length);
  const categories = order.map((c, j) => {
    const p = (j + 0.5) / k;
    pos[c.code] = p;
    return { ...c, p };
  });
  return {
    column: name, type: 'categorical', kind: 'linear', categories, domain: [0, Math.max(0, dictionary.length - 1)],
    toUnit: (code) => (code >= 0 && code < pos.length ? pos[code] : NaN),
    fromUnit: (p) => order[Math.min(k - 1, Math.max(0, Math.floor(p * k)))]?.code ?? -1,
    ticks: (count) => {
      const step = Math.max(1, Math.ceil(k / Math.max(1, count)));
      return categories.filter((_, j) => j % step === 0).map((c) => ({ p: c.p, label: c.name }));
    },
  };
}

/** Equal-frequency axis: 255 quantile thresholds, piecewise linear between them. */
function quantileScale(name: string, values: Float32Array, dom: [number, number]): AxisScale {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  const m = sorted.length;
  const K = 254;
  const th = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) th[k] = m ? sorted[Math.round((k / K) * (m - 1))] : k / K;
  const toUnit = (v: number) => {
    if (Number.isNaN(v)) return NaN;
    if (v <= th[0]) return 0;
    if (v >= th[K]) return 1;
    let lo = 0;
    let hi = K;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (th[mid] <= v) lo = mid; else hi = mid;
    }
    // Ties (many equal thresholds) land on the upper end of their run: stable and monotone.
    const span = th[hi] - th[lo];
    return (lo + (span > 0 ? (v - th[lo]) / span : 0)) / K;
  };
  const fromUnit = (p: number) => {
    const x = clamp01(p) * K;
    const k = Math.min(K - 1, Math.floor(x));
    return th[k] + (th[k + 1] - th[k]) * (x - k);
  };
  return {
    column: name, type: 'numeric', kind: 'quantile', domain: dom, toUnit, fromUnit,
    ticks: (count) => Array.from({ length: count + 1 }, (_, j) => j / count).map((p) => ({ p, label: fmtValue(fromUnit(p)) })),
  };
}

export function computeScale(column: Column, kind: ScaleKind): AxisScale {
  if (column.type === 'categorical') return categoricalScale(column.name, column.dictionary);
  if (column.type !== 'numeric') throw new Error(`Column ${column.name} is text: it has no axis.`);
  const dom = extent(column.values);
  if (kind === 'quantile') return quantileScale(column.name, column.values, dom);
  if (kind === 'log') {
    const positive = dom[0] > 0;
    const s = positive ? scaleLog().domain(dom).range([0, 1]) : scaleSymlog().domain(dom).range([0, 1]);
    return {
      column: column.name, type: 'numeric', kind, domain: dom, note: positive ? undefined : 'values ≤ 0: symmetric log',
      toUnit: (v) => (Number.isNaN(v) ? NaN : clamp01(s(v))),
      fromUnit: (p) => s.invert(clamp01(p)),
      ticks: (count) => {
        const ts = positive ? (s as ReturnType<typeof scaleLog>).ticks(count) : scaleLinear().domain(dom).ticks(count);
        // Log ticks are dense (1,2,…,9 per decade); keep about `count` of them.
        const step = Math.max(1, Math.ceil(ts.length / (count + 1)));
        return ts.filter((_, j) => j % step === 0).map((t) => ({ p: s(t), label: fmtValue(t) }));
      },
    };
  }
  const [lo, hi] = dom;
  const inv = 1 / (hi - lo);
  return {
    column: column.name, type: 'numeric', kind: 'linear', domain: dom,
    toUnit: (v) => (Number.isNaN(v) ? NaN : clamp01((v - lo) * inv)),
    fromUnit: (p) => lo + clamp01(p) * (hi - lo),
    ticks: (count) => scaleLinear().domain(dom).ticks(count).map((t) => ({ p: (t - lo) * inv, label: fmtValue(t) })),
  };
}
