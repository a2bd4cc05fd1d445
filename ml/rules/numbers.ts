/**
 * Number handling shared by the rule text, the compiler and the brushes.
 *
 * Numeric columns are Float32Array, so a threshold is compared at float32 precision: the
 * compiler rounds every bound with Math.fround. That makes `V14 <= -4.2` match a stored
 * -4.2f (which is -4.199999809… as a double) — what the user sees is what the rule means.
 * For the same reason a bound that is exactly a float32 value (e.g. taken from a column by a
 * brush) is printed as the shortest decimal that rounds to the same float32 ("-4.2", not
 * "-4.199999809265137"); every other number prints as JS's shortest exact double.
 */

/** Shortest decimal text for `x`, exact for doubles and float32-exact for float32 values. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) throw new Error('cannot format NaN as a rule bound');
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '0';
  const exact = String(x);
  if (Math.fround(x) !== x) return exact;
  // Float32-exact: the shortest decimal (≤ 9 significant digits) with the same float32.
  for (let digits = 1; digits <= 9; digits++) {
    const s = String(Number(x.toPrecision(digits)));
    if (s.length >= exact.length) return exact;
    if (Math.fround(Number(s)) === x) return s;
  }
  return exact;
}

/** The float32 bound the compiler compares against (null = unbounded). */
export function f32(x: number | null): number {
  return x === null ? NaN : Math.fround(x);
}

const scratch = new DataView(new ArrayBuffer(4));

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

/**
 * A range with optional open ends as a closed float32 interval [L, H] (L > H means empty):
 * `v > lo` over float32 values is exactly `v >= nextUp(fround(lo))`, so the hot loop only
 * ever does two inclusive comparisons, and NaN (missing) fails both.
 */
export function closedF32Bounds(lo: number | null, hi: number | null, loOpen: boolean, hiOpen: boolean): [number, number] {
  let L = lo === null ? -Infinity : Math.fround(lo);
  let H = hi === null ? Infinity : Math.fround(hi);
  if (lo !== null && loOpen) L = nextUpF32(L);
  if (hi !== null && hiOpen) H = nextDownF32(H);
  return [L, H];
}
