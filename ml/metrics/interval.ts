/**
 * Honest small-sample figures. "100% accuracy" on 15 validation items says little: the Wilson
 * score interval says how far the true rate may be from what was seen ("100% on 15 items, 95%
 * CI 80–100%"). Wilson rather than the textbook p ± z·√(p(1−p)/n): that one collapses to
 * 100–100% when every item is right, and leaves [0, 1] for rates near the ends.
 */

/** A proportion's confidence interval, both ends in [0, 1]. */
export type Interval = { low: number; high: number; level: number };

/**
 * The standard normal quantile Φ⁻¹(p), 0 < p < 1 (Acklam's rational approximation, relative
 * error below 1.2e-9: far below what a percentage shows).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Wilson score interval for `successes` out of `n` at a two-sided `level` (default 95%).
 * n = 0 tells nothing: [0, 1]. All successes give high = 1 exactly, none give low = 0.
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`wilsonInterval: n must be a whole number ≥ 0, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) throw new RangeError(`wilsonInterval: successes must be a whole number in 0..${n}, got ${successes}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`wilsonInterval: level must be in (0, 1), got ${level}`);
  if (n === 0) return { low: 0, high: 1, level };
  const z = normalQuantile(0.5 + level / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
    level,
  };
}

/**
 * A rate as a whole percentage that never claims more than was seen: 999 of 1,000 is
 * "99.9%", not "100%", and 1 of 1,000 is "0.1%", not "0%" (a decimal is added until it shows).
 */
export function percentOf(successes: number, n: number): string {
  if (n <= 0) return '–';
  if (successes === n) return '100%';
  if (successes === 0) return '0%';
  const p = (100 * successes) / n;
  for (let digits = 0; digits < 6; digits++) {
    const s = p.toFixed(digits);
    if (Number(s) > 0 && Number(s) < 100) return `${s}%`;
  }
  return `${p}%`;
}

/** An interval end as a whole percentage (rounded; its ends are estimates, not counts). */
const bound = (v: number) => `${Math.round(100 * v)}`;

/**
 * The sentence a small-sample figure deserves, e.g. accuracySentence(15, 15) →
 * "100% on 15 items, 95% CI 80–100%". `noun` is the plural of what was counted.
 */
export function accuracySentence(successes: number, n: number, opts: { level?: number; noun?: string } = {}): string {
  const noun = opts.noun ?? 'items';
  if (n === 0) return `no ${noun} to measure on`;
  const ci = wilsonInterval(successes, n, opts.level ?? 0.95);
  const label = `${Number((100 * ci.level).toFixed(1))}% CI`;
  const what = n === 1 ? noun.replace(/s$/, '') : noun;
  return `${percentOf(successes, n)} on ${n.toLocaleString('en-US')} ${what}, ${label} ${bound(ci.low)}–${bound(ci.high)}%`;
}
