/**
 * Does a float32 stand for this number? A numeric column stores float32 `values` and keeps the
 * exact doubles only when, for some cell, the float32's shortest decimal (`f32Decimal`) is not
 * the file's number (see NumericColumn). Loaders ask this of every cell, so the answer must be
 * cheap: ≤ 6 significant digits always survive below 2^24 (checked exhaustively), integers
 * survive when float32 holds them exactly, and 7–9 digits are decided with a few float
 * operations on the decimal's digits, with the slow definition only for near-ties, powers of
 * two and tiny numbers. `decimalSurvivesF32` equals `f32Decimal(Math.fround(x)) === x`
 * (tests/unit/table/exact.test.ts compares them on 650,000 numbers, near ties included).
 */

/** Shortest text that reads back as the same Float32 (so "13.99" stays "13.99"); integers as they are. */
export function formatFloat32(v: number): string {
  if (Number.isInteger(v)) return String(v);
  for (let p = 6; p < 10; p++) {
    const t = v.toPrecision(p);
    if (Math.fround(Number(t)) === v) return String(Number(t));
  }
  return String(v);
}

/**
 * The number a float32 value stands for when nothing more exact was kept: its shortest
 * decimal (integers as they are), read back as a double. f32Decimal(Math.fround(0.1)) = 0.1.
 */
export function f32Decimal(v: number): number {
  return v === v ? Number(formatFloat32(v)) : v;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** Far enough from a tie (in units of the decimal grid) that double rounding cannot matter. */
const MARGIN = 1e-6;

/** The definition, for the rare cases the fast test leaves open. */
const slow = (x: number) => f32Decimal(Math.fround(x)) === x;

const POW2 = Array.from({ length: 256 }, (_, e) => 2 ** (e - 151)); // half a float32 ulp, by exponent field

/**
 * Whether f32Decimal(fround(x)) === x, where x is the double of the decimal mant × 10^exp
 * (mant a non-negative integer below 10^15, as fastDecimal read it; any sign is x's).
 * Written for speed (it runs once per cell of every numeric column): no loops in the usual case.
 */
export function decimalSurvivesF32(x: number, mant: number, exp: number): boolean {
  if (x !== x || mant === 0) return true;
  if (mant % 10 === 0) { do { mant /= 10; exp++; } while (mant % 10 === 0); }
  if (exp >= 0) return Math.fround(x) === x; // an integer: f32Decimal gives float32 integers back as they are
  if (mant < 1e6) return (x < 16_777_216 && x > -16_777_216) || slow(x);
  if (mant >= 1e9) return false; // f32Decimal has at most 9 significant digits
  if (exp < -22) return slow(x);
  const g = Math.fround(x);
  f32[0] = g;
  const bits = u32[0];
  const e8 = (bits >>> 23) & 255;
  if (e8 === 0 || (bits & 0x7fffff) === 0) return slow(x); // subnormal, or a power of two (uneven gaps)
  const ag = g < 0 ? -g : g;
  if (ag === Math.floor(ag)) return false; // f32Decimal(g) is that integer, and x is not one
  const k = -exp;
  // (1) D must be the decimal of its digit count nearest g (what toPrecision gives)…
  const xp = ag * POW10[k];
  const r = Math.round(xp);
  const dr = xp - r;
  if (dr > 0.5 - MARGIN || dr < MARGIN - 0.5) return slow(x);
  if (r !== mant) return false;
  // (2) …and no decimal of one digit less (nor, so, of any fewer) may round to g: f32Decimal would stop there.
  const y = xp / 10;
  const half = POW2[e8] * POW10[k - 1];
  const fl = Math.floor(y);
  const below = y - fl - half, above = fl + 1 - y - half;
  if ((below < MARGIN && below > -MARGIN) || (above < MARGIN && above > -MARGIN)) return slow(x);
  return below > 0 && above > 0;
}

/** Whether a float32 column can stand for the double `x` (missing counts: NaN stays NaN). */
export function survivesF32(x: number): boolean {
  if (x !== x) return true;
  if (Number.isInteger(x)) return Math.fround(x) === x;
  // The shortest decimal of the double has the same digits as any decimal that reads as it.
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(String(x));
  if (!m) return slow(x);
  const frac = m[2] ?? '';
  const digitsText = (m[1] + frac).replace(/^0+/, '');
  if (digitsText.length > 15) return slow(x);
  return decimalSurvivesF32(x, Number(digitsText), -frac.length);
}
