/**
 * The one definition of the summary figures every benchmark prints. Percentiles are
 * nearest-rank: the smallest sample with at least p·n samples at or below it (p95 of 20
 * samples is the 19th smallest), so "p95 ≤ 16.7 ms" means 95 % of the frames were that fast.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const p50 = (samples: readonly number[]): number => percentile(samples, 0.5);
export const p95 = (samples: readonly number[]): number => percentile(samples, 0.95);
export const median = p50;
