/**
 * Number handling shared by the rule text, the compiler, the brushes and the SQL.
 *
 * What a numeric test means — the same in the app's masks, `loadClassifier`, the CLI and SQL:
 *   `x >= b` compares the number the data holds for x, as a double, with b as written (the
 *   double nearest the text), exactly as a database compares a DOUBLE column with a DOUBLE.
 * "The number the data holds" is the file's number: `column.exact[i]` when the loader kept
 * it (see NumericColumn), otherwise `f32Decimal(values[i])`, the shortest decimal of the
 * float32 value — which *is* the file's number whenever the loader kept no `exact` (it checks
 * every cell). So `x >= 0.1000000001` does not match a 0.1 in the file, and `x <= -4.2`
 * matches a -4.2 in the file although float32 stores it as -4.199999809…
 *
 * Evaluation stays on Float32Array where it can: f32Decimal is strictly increasing, so
 * `f32Decimal(v) >= b` ⇔ `v >= t` for one float32 threshold t (`f32Lower`/`f32Upper`), and
 * the hot loop does plain float32 comparisons. Missing (NaN) fails every comparison.
 * Text prints the shortest decimal that reads back as the exact same double (so text ↔ spec
 * round-trips exactly); bounds that come from float32 data (brush edges snapped to values,
 * column min/max) go through `snapF32` first, so specs hold -4.2 and never -4.199999809.
 */
import { f32Decimal } from '../table/f32-exact.ts';
import type { NumericColumn } from '../table/types.ts';

export { f32Decimal };

/** Shortest decimal text that parses back to exactly `x` ("inf"/"-inf" for infinities). */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) throw new Error('cannot format NaN as a rule bound');
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x); // JS prints the shortest round-tripping decimal; -0 prints as "0"
}

/**
 * The number a float32 rendering of `x` stands for: Math.fround(-4.2) becomes -4.2 again.
 * Lossless for rule evaluation on columns without `exact`, which compare exactly that number.
 */
export function snapF32(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.fround(x);
  if (!Number.isFinite(f)) return x; // beyond float32 range: keep as is
  const d = f32Decimal(f);
  return d === 0 ? 0 : d;
}

/**
 * `x` rounded to the fewest decimals that stay within `resolution / 2` of it — for brush edges
 * dragged with the mouse, where one pixel is `resolution` data units.
 */
export function roundToResolution(x: number, resolution: number): number {
  if (!Number.isFinite(x) || !(resolution > 0)) return x;
  const half = resolution / 2;
  const top = Math.floor(Math.log10(half)) + 1; // 10^top may be too coarse, 10^(top-1) ≤ half never is
  for (let k = top; k >= top - 1; k--) {
    const step = 10 ** k;
    const r = Number((Math.round(x / step) * step).toPrecision(15)); // toPrecision drops 0.1-step noise
    if (Math.abs(r - x) <= half) return r === 0 ? 0 : r;
  }
  return x;
}

const scratch = new DataView(new ArrayBuffer(8));

/** The next float32 above a float32 value `x` (x finite or -Infinity). */
export function nextUpF32(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === -Infinity) return -3.4028234663852886e38;
  if (x === 0) return 1.401298464324817e-45;
  scratch.setFloat32(0, x);
  const bits = scratch.getInt32(0);
  scratch.setInt32(0, x > 0 ? bits + 1 : bits - 1);
  return scratch.getFloat32(0);
}

/** The next float32 below a float32 value `x`. */
export function nextDownF32(x: number): number {
  return -nextUpF32(-x);
}

/** The next double above `x` (Math.nextUp). */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  scratch.setFloat64(0, x);
  const bits = scratch.getBigInt64(0);
  scratch.setBigInt64(0, x > 0 ? bits + 1n : bits - 1n);
  return scratch.getFloat64(0);
}

/** The next double below `x`. */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/**
 * The smallest float32 v with f32Decimal(v) ≥ b (or > b when `open`). b rounds to f = fround(b),
 * so the neighbours of f stand for numbers strictly below and above b: the answer is f or nextUp(f).
 */
export function f32Lower(b: number, open: boolean): number {
  const f = Math.fround(b);
  const d = f32Decimal(f);
  return (open ? d > b : d >= b) ? f : nextUpF32(f);
}

/** The largest float32 v with f32Decimal(v) ≤ b (or < b when `open`). */
export function f32Upper(b: number, open: boolean): number {
  const f = Math.fround(b);
  const d = f32Decimal(f);
  return (open ? d < b : d <= b) ? f : nextDownF32(f);
}

/** What a range test reads (X) and the closed interval [L, H] it keeps there (L > H: empty). */
export type NumericTest = { X: Float32Array | Float64Array; L: number; H: number };

/**
 * A range `lo (<|<=) x (<|<=) hi` (null = unbounded) on a column, as two inclusive comparisons
 * with the semantics above: on `exact` at double precision, else on `values` at float32
 * thresholds. NaN (missing) fails both either way.
 */
export function numericTest(col: NumericColumn, lo: number | null, hi: number | null, loOpen: boolean, hiOpen: boolean): NumericTest {
  if (col.exact) {
    const L = lo === null ? -Infinity : loOpen ? nextUp(lo) : lo;
    const H = hi === null ? Infinity : hiOpen ? nextDown(hi) : hi;
    return { X: col.exact, L, H };
  }
  const L = lo === null ? -Infinity : f32Lower(lo, loOpen);
  const H = hi === null ? Infinity : f32Upper(hi, hiOpen);
  return { X: col.values, L, H };
}

/** The number row i of a numeric column holds (NaN when missing), by the semantics above. */
export function numberAt(col: NumericColumn, i: number): number {
  return col.exact ? col.exact[i] : f32Decimal(col.values[i]);
}
