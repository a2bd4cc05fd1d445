/**
 * Seeded random numbers for generators and tests: mulberry32 (32-bit state, fast, good enough
 * for synthetic data) plus the few distributions the generators draw from.
 */

/** Uniform [0, 1) stream from a 32-bit seed; same seed, same stream, on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
