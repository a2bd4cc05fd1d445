/** The density compositor against the formula it implements, per pixel, for one, two and four groups. */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../ml/random.ts';
import { compositeDensity, type Rgb } from '../../../renderer/rules/composite.ts';

/** The documented formula, with no tables: per group alpha = aMin·min(1, 2v) + k·log(1 + v), "over" in order. */
function reference(acc: Float64Array[], colours: Rgb[], order: number[], aMin: number, aMax: number, p: number, maxes: number[]): [number, number, number, number] {
  let R = 0, G = 0, B = 0, Al = 0;
  for (const g of order) {
    const v = acc[g][p];
    if (v < 0.02 || maxes[g] < 0.02) continue;
    const a = Math.min(1, aMin * Math.min(1, v * 2) + ((aMax - aMin) / Math.log1p(maxes[g])) * Math.log1p(v));
    R = colours[g][0] * a + R * (1 - a);
    G = colours[g][1] * a + G * (1 - a);
    B = colours[g][2] * a + B * (1 - a);
    Al = a + Al * (1 - a);
  }
  return Al === 0 ? [0, 0, 0, 0] : [R / Al, G / Al, B / Al, Al * 255];
}

describe('compositeDensity', () => {
  const W = 120, H = 50;
  const colours: Rgb[] = [[59, 91, 219], [232, 89, 12], [43, 138, 62], [174, 62, 201]];
  for (const nGroups of [1, 2, 4]) {
    it(`matches the formula within two levels per channel (${nGroups} group${nGroups > 1 ? 's' : ''}), and leaves pixels outside the window alone`, () => {
      const rnd = mulberry32(nGroups);
      // Smooth blobs of very different densities (a single row … a million rows per pixel) and empty space.
      const one = 256;
      const rows = Array.from({ length: nGroups }, (_, g) => Float64Array.from({ length: W * H }, (_, p) => {
        const x = p % W, y = (p / W) | 0;
        const d = Math.hypot(x - 30 - 25 * g, y - 25);
        return d > 20 ? 0 : Math.exp((20 - d) * (g === 0 ? 0.7 : 0.25)) * rnd();
      }));
      const acc = rows.map((R) => Int32Array.from(R, (v) => Math.round(v * one)));
      const order = Array.from({ length: nGroups }, (_, g) => g);
      const out = new Uint8ClampedArray(W * H * 4).fill(7);
      const [x0, x1, y0, y1] = [5, 110, 3, 47];
      compositeDensity({ W, H, acc, one }, colours, order, 0.3, 0.95, out, x0, x1, y0, y1);
      const maxes = acc.map((A) => { let m = 0; for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) m = Math.max(m, A[y * W + x]); return m / one; });
      const inRows = acc.map((A) => Float64Array.from(A, (v) => v / one));
      let worst = 0, lit = 0;
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const p = y * W + x;
          const got = out.subarray(p * 4, p * 4 + 4);
          if (x < x0 || x >= x1 || y < y0 || y >= y1) { expect(Array.from(got)).toEqual([7, 7, 7, 7]); continue; }
          const want = reference(inRows, colours, order, 0.3, 0.95, p, maxes);
          if (want[3] === 0) { expect(got[3]).toBe(0); continue; }
          lit++;
          for (let c = 0; c < 4; c++) worst = Math.max(worst, Math.abs(got[c] - want[c]));
        }
      }
      expect(lit).toBeGreaterThan(500);
      expect(worst).toBeLessThanOrEqual(2);
    });
  }
});
