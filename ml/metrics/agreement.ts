/**
 * Where two predictors (rules vs model, two rule sets) agree. Either side may abstain (-1).
 * Index lists are Uint32Array row subsets, so the UI can highlight each group directly.
 */
export type Agreement = {
  agree: number;
  disagree: number;
  onlyA: number;
  onlyB: number;
  neither: number;
  agreeIdx: Uint32Array;
  disagreeIdx: Uint32Array;
  onlyAIdx: Uint32Array;
  onlyBIdx: Uint32Array;
  neitherIdx: Uint32Array;
};

export function agreement(predA: Int32Array, predB: Int32Array): Agreement {
  const n = predA.length;
  if (predB.length !== n) throw new RangeError(`predictions differ in length: ${n} vs ${predB.length}`);
  const group = new Uint8Array(n); // 0 agree, 1 disagree, 2 only A, 3 only B, 4 neither
  const counts = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const a = predA[i], b = predB[i];
    const g = a >= 0 ? (b >= 0 ? (a === b ? 0 : 1) : 2) : b >= 0 ? 3 : 4;
    group[i] = g;
    counts[g]++;
  }
  const idx = counts.map((c) => new Uint32Array(c));
  const fill = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) { const g = group[i]; idx[g][fill[g]++] = i; }
  return {
    agree: counts[0], disagree: counts[1], onlyA: counts[2], onlyB: counts[3], neither: counts[4],
    agreeIdx: idx[0], disagreeIdx: idx[1], onlyAIdx: idx[2], onlyBIdx: idx[3], neitherIdx: idx[4],
  };
}
