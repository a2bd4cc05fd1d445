/**
 * Seeded randomness for every stochastic step (sampling, UMAP init, weight init), so a seed
 * reproduces a run exactly and tests can be deterministic. mulberry32: tiny, fast, good enough
 * for sampling and shuffling (not for cryptography).
 */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of 0..n-1 as row indices. */
export function permutation(n: number, random: Random): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/** k distinct indices from 0..n-1 (k ≤ n), in random order. */
export function sampleIndices(n: number, k: number, random: Random): Uint32Array {
  return permutation(n, random).subarray(0, Math.min(k, n));
}

/** Standard normal via Box–Muller. */
export function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
