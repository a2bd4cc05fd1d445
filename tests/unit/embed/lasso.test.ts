import { describe, expect, it } from 'vitest';
import { indicesToMask, maskCount, maskIntersect, maskSubtract, maskToIndices, maskUnion, pointInPolygonNaive, pointsInPolygon, pointsInRect } from '../../../ml/embed/lasso.ts';
import { mulberry32, type Random } from '../../../ml/random.ts';

function randomPoints(n: number, random: Random, spread = 2): Float32Array {
  const xy = new Float32Array(n * 2);
  for (let i = 0; i < xy.length; i++) xy[i] = (random() - 0.5) * spread;
  return xy;
}

/** A star-shaped (concave) polygon: random radius per angle. */
function starPolygon(m: number, random: Random): Float64Array {
  const p = new Float64Array(m * 2);
  for (let i = 0; i < m; i++) {
    const t = (2 * Math.PI * i) / m, r = 0.2 + 0.8 * random();
    p[2 * i] = r * Math.cos(t);
    p[2 * i + 1] = r * Math.sin(t);
  }
  return p;
}

/** Vertices in random order: self-intersecting almost surely. */
function scribble(m: number, random: Random): Float32Array {
  const p = new Float32Array(m * 2);
  for (let i = 0; i < p.length; i++) p[i] = Math.round((random() - 0.5) * 40) / 20; // on a grid: ties and collinear edges
  return p;
}

function reference(xy: Float32Array, poly: Float32Array | Float64Array): Uint8Array {
  const out = new Uint8Array(xy.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = pointInPolygonNaive(xy[2 * i], xy[2 * i + 1], poly) ? 1 : 0;
  return out;
}

describe('pointsInPolygon (even-odd, banded edges)', () => {
  it('matches naive ray casting on a unit square, with the half-open edge rule', () => {
    const square = new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]);
    const xy = new Float32Array([0.5, 0.5, 1.5, 0.5, 0, 0, 1, 1, 0, 0.5, 1, 0.5, 0.5, 0, 0.5, 1, -0.1, 0.5, NaN, 0.5]);
    const got = pointsInPolygon(xy, square);
    expect(Array.from(got)).toEqual(Array.from(reference(xy, square)));
    expect(got[0]).toBe(1);
    expect(got[1]).toBe(0);
    expect(got[9]).toBe(0); // NaN point is never selected
  });

  it('agrees exactly with the reference on random concave and self-intersecting polygons (seeded property test)', () => {
    const random = mulberry32(1234);
    for (let trial = 0; trial < 60; trial++) {
      const m = 3 + Math.floor(random() * 80);
      const poly = trial % 2 === 0 ? starPolygon(m, random) : scribble(m, random);
      const pts = randomPoints(3000, random, 2.4);
      // Include every vertex and every edge midpoint as a query point (boundary cases).
      const extra = new Float32Array(poly.length * 2);
      for (let i = 0; i < m; i++) {
        const j = (i + 1) % m;
        extra[4 * i] = poly[2 * i];
        extra[4 * i + 1] = poly[2 * i + 1];
        extra[4 * i + 2] = (poly[2 * i] + poly[2 * j]) / 2;
        extra[4 * i + 3] = (poly[2 * i + 1] + poly[2 * j + 1]) / 2;
      }
      const xy = new Float32Array(pts.length + extra.length);
      xy.set(pts);
      xy.set(extra, pts.length);
      const got = pointsInPolygon(xy, poly);
      const want = reference(xy, poly);
      let diff = 0;
      for (let i = 0; i < got.length; i++) diff += got[i] !== want[i] ? 1 : 0;
      expect(diff, `trial ${trial}, m=${m}`).toBe(0);
    }
  });

  it('agrees exactly with the reference with a fine grid: many points, a third of them a hair from an edge', () => {
    const random = mulberry32(99);
    for (let trial = 0; trial < 6; trial++) {
      const m = 3 + Math.floor(random() * 300);
      const poly = trial % 2 === 0 ? starPolygon(m, random) : scribble(m, random);
      const n = 80_000;
      const xy = randomPoints(n, random, 2.2);
      // A third of the points just beside an edge: at its point t, nudged by 1e-3 … 1e-7.
      for (let k = 0; k < n / 3; k++) {
        const i = Math.floor(random() * m), j = (i + 1) % m, t = random();
        const d = 10 ** -(3 + Math.floor(random() * 5)) * (random() < 0.5 ? -1 : 1);
        xy[2 * k] = poly[2 * i] + (poly[2 * j] - poly[2 * i]) * t + d;
        xy[2 * k + 1] = poly[2 * i + 1] + (poly[2 * j + 1] - poly[2 * i + 1]) * t - d;
      }
      const got = pointsInPolygon(xy, poly);
      const want = reference(xy, poly);
      let diff = 0;
      for (let i = 0; i < n; i++) diff += got[i] !== want[i] ? 1 : 0;
      expect(diff, `trial ${trial}, m=${m}`).toBe(0);
    }
  });

  it('a concave C-shape excludes its notch; degenerate polygons select nothing', () => {
    const c = new Float32Array([0, 0, 3, 0, 3, 1, 1, 1, 1, 2, 3, 2, 3, 3, 0, 3]);
    const xy = new Float32Array([0.5, 1.5, 2, 1.5, 2, 0.5, 2, 2.5]);
    expect(Array.from(pointsInPolygon(xy, c))).toEqual([1, 0, 1, 1]);
    expect(maskCount(pointsInPolygon(xy, new Float32Array([0, 0, 1, 1])))).toBe(0);
    expect(maskCount(pointsInPolygon(xy, new Float32Array([0, 1, 2, 1, 3, 1])))).toBe(0);
  });

  it('reuses an output mask and rejects one of the wrong length', () => {
    const xy = new Float32Array([0.5, 0.5, 5, 5]);
    const out = new Uint8Array([1, 1]);
    pointsInPolygon(xy, new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]), out);
    expect(Array.from(out)).toEqual([1, 0]);
    expect(() => pointsInPolygon(xy, new Float32Array([0, 0, 1, 0, 1, 1]), new Uint8Array(3))).toThrow(/expected 2/);
  });
});

describe('rectangles and selection algebra', () => {
  it('selects a box regardless of corner order, borders included', () => {
    const xy = new Float32Array([0, 0, 1, 1, 2, 2, 0.5, 1.5]);
    expect(Array.from(pointsInRect(xy, 1, 1, 0, 0))).toEqual([1, 1, 0, 0]);
    expect(Array.from(pointsInRect(xy, 0, 0, 2, 1.5))).toEqual([1, 1, 0, 1]);
  });

  it('union, subtract, intersect, indices round trip', () => {
    const a = indicesToMask([0, 2, 4], 6), b = indicesToMask([2, 3], 6);
    expect(Array.from(maskToIndices(maskUnion(a, b)))).toEqual([0, 2, 3, 4]);
    expect(Array.from(maskToIndices(maskSubtract(a, b)))).toEqual([0, 4]);
    expect(Array.from(maskToIndices(maskIntersect(a, b)))).toEqual([2]);
    expect(maskToIndices(a)).toBeInstanceOf(Uint32Array);
    expect(() => maskUnion(a, new Uint8Array(3))).toThrow(/differ in length/);
    const inPlace = maskUnion(a, b, a);
    expect(inPlace).toBe(a);
    expect(maskCount(a)).toBe(4);
  });
});
