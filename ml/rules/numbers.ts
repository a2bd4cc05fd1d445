/**
 * Number handling shared by the rule text, the compiler and the brushes.
 *
 * Numeric columns are Float32Array, so a threshold is compared at float32 precision: the
 * compiler rounds every bound with Math.fround. That makes `V14 <= -4.2` match a stored
 * -4.2f (which is -4.199999809… as a double) — what the user sees is what the rule means.
 * Text prints the shortest decimal that reads back as the exact same double (so text ↔ spec
 * round-trips exactly); bounds that come from float32 data (brush edges snapped to values,
 * column min/max) go through `snapF32` first, so specs hold -4.2 and never -4.199999809.
 */

/** Shortest decimal text that parses back to exactly `x` ("inf"/"-inf" for infinities). */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) throw new Error('cannot format NaN as a rule bound');
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x); // JS prints the shortest round-tripping decimal; -0 prints as "0"
}

/**
 * The shortest decimal double with the same float32 value as `x`: Math.fround(-4.2) becomes
 * -4.2 again. Lossless for rule evaluation (the compiler compares at float32).
 */
export function snapF32(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.fround(x);
  if (!Number.isFinite(f)) return x; // beyond float32 range: keep as is
  for (let digits = 1; digits <= 9; digits++) {
    const d = Number(f.toPrecision(digits));
    if (Math.fround(d) === f) return d === 0 ? 0 : d;
  }
  return f;
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
