/**
 * Seeded random numbers for the table generators: mulberry32 (from ml/random.ts) plus the few
 * distributions the generators draw from.
 */

/** Uniform [0, 1) stream from a 32-bit seed (one implementation for the whole domain). */
export { mulberry32 } from '../random.ts';

/** Standard normal draws by Box–Muller, caching the second value of each pair. */
export function normalSource(rand: () => number): () => number {
  let spare = NaN;
  return () => {
    if (spare === spare) {
      const s = spare;
      spare = NaN;
      return s;
    }
    // 1 - rand() is in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - rand()));
    const theta = 2 * Math.PI * rand();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/** Laplace(0, 1) draw: heavier tails than a normal at the same cost. */
export function laplace(rand: () => number): number {
  const u = rand() - 0.5;
  // rand() can return exactly 0; clamp so the draw stays finite.
  return u < 0 ? Math.log(Math.max(1 + 2 * u, 1e-12)) : -Math.log(1 - 2 * u);
}
