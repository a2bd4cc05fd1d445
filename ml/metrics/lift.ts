/**
 * Base rate and lift for a target class: "precision 40%" means little until you know that 2%
 * of all rows are that class (lift 20×) — or 38% (lift 1.05×, the rules barely beat guessing).
 * Read off the class report the metrics panel already has (confusion.ts), so the figures agree
 * with the precision shown next to them.
 */
import type { ClassReport } from './confusion.ts';

export type Lift = {
  /** The target class's name. */
  target: string;
  /** Share of labelled rows that are the target class (support / n); null with no labelled rows. */
  baseRate: number | null;
  /** Of the rows the classifier assigns to the target, the share that are it; null if it assigns none. */
  precision: number | null;
  /** precision / baseRate: how many times likelier a claimed row is the target than a random row; null when either is undefined or the base rate is 0. */
  lift: number | null;
  /** Labelled rows of the target class, and rows claimed for it. */
  support: number;
  predicted: number;
  /** Labelled rows the base rate is taken over. */
  n: number;
};

/** Base rate and lift of class `target` (an index into the report's classes). */
export function liftFor(report: ClassReport, target: number): Lift {
  const c = report.perClass[target];
  if (!c) throw new RangeError(`liftFor: class ${target} is not one of the ${report.perClass.length} classes`);
  const baseRate = report.n > 0 ? c.support / report.n : null;
  const lift = c.precision !== null && baseRate !== null && baseRate > 0 ? c.precision / baseRate : null;
  return { target: c.name, baseRate, precision: c.precision, lift, support: c.support, predicted: c.predicted, n: report.n };
}

/** "lift 20× (base rate 2.0%)", or why there is none. */
export function formatLift(l: Lift): string {
  if (l.baseRate === null) return 'no labelled rows';
  const base = `base rate ${(100 * l.baseRate).toFixed(l.baseRate < 0.1 ? 1 : 0)}%`;
  if (l.lift === null) return l.predicted === 0 ? `no rows claimed for ${l.target} (${base})` : `no ${l.target} rows labelled (${base})`;
  return `lift ${l.lift >= 10 ? l.lift.toFixed(0) : l.lift.toFixed(1)}× (${base})`;
}
