/**
 * Compositing of the per-group density buffers into RGBA pixels. Per group, a pixel's alpha is
 * aMin + (aMax - aMin) · log(1 + acc) / log(1 + max acc of that group): a single row stays
 * visible, and a small class (fraud) is as legible as a large one. Groups are laid "over" each
 * other in `order` (later on top).
 *
 * This runs on every brush frame over the whole visible plot (~0.5 M pixels), so per pixel it
 * does as little as it can: the alpha comes from a lookup table keyed by the value's leading
 * bit and the 8 bits after it (1/256 relative steps, so dense pixels of a million-row table are
 * table hits too — a log per pixel was most of a frame), a pixel covered by one group is one
 * packed 32-bit store, and an empty pixel is a store of 0. Pure (no DOM).
 */

export type Rgb = [number, number, number];

/** Below this accumulated weight (rows) a pixel counts as empty (anti-aliasing dust). */
const EMPTY = 0.02;

/** Lookup key of a positive integer: position of its leading bit, then the next 8 bits. */
function keyOf(v: number): number {
  const e = 31 - Math.clz32(v);
  return (e << 8) | (e >= 8 ? (v >>> (e - 8)) & 255 : (v << (8 - e)) & 255);
}

/** The middle of the integers with key k. */
function valueOf(k: number): number {
  const e = k >> 8, m = k & 255;
  if (e < 8) return (256 + m) >> (8 - e);
  const lo = (256 + m) * 2 ** (e - 8);
  return lo + (2 ** (e - 8) - 1) / 2;
}

type Layer = {
  A: Int32Array;
  /** Alpha per key (from key0), and the same as a packed little-endian RGBA pixel. */
  alpha: Float32Array;
  packed: Int32Array;
  key0: number;
  r: number;
  g: number;
  b: number;
};

const pack = (r: number, g: number, b: number, a: number) => (Math.round(a * 255) << 24) | (b << 16) | (g << 8) | r;

function maxIn(A: Int32Array, W: number, ya: number, yb: number, xa: number, xb: number): number {
  let max = 0;
  for (let y = ya; y < yb; y++) for (let p = y * W + xa, e = y * W + xb; p < e; p++) if (A[p] > max) max = A[p];
  return max;
}

/** The maxima of two buffers in one pass (the common two-group case: half the reads of two passes). */
function maxIn2(A: Int32Array, B: Int32Array, W: number, ya: number, yb: number, xa: number, xb: number): [number, number] {
  let ma = 0, mb = 0;
  for (let y = ya; y < yb; y++) {
    for (let p = y * W + xa, e = y * W + xb; p < e; p++) {
      if (A[p] > ma) ma = A[p];
      if (B[p] > mb) mb = B[p];
    }
  }
  return [ma, mb];
}

/** Per key (see keyOf), for `one` units per row: log(1 + rows) and min(1, 2 · rows). Every frame needs them; they depend on `one` only. */
type KeyTables = { log: Float64Array; low: Float64Array };
const keyTables = new Map<number, KeyTables>();
const KEYS = 32 << 8;

function keyTablesFor(one: number): KeyTables {
  let t = keyTables.get(one);
  if (!t) {
    t = { log: new Float64Array(KEYS), low: new Float64Array(KEYS) };
    for (let k = 0; k < KEYS; k++) {
      const v = valueOf(k) / one;
      t.log[k] = Math.log1p(v);
      t.low[k] = Math.min(1, v * 2);
    }
    keyTables.set(one, t);
  }
  return t;
}

/** The tables of one group: keys from the smallest non-empty value up to its max. */
function layerOf(A: Int32Array, max: number, one: number, empty: number, [r, g, b]: Rgb, aMin: number, aMax: number): Layer {
  const k = (aMax - aMin) / Math.log1p(max / one);
  const key0 = keyOf(empty);
  const size = keyOf(max) - key0 + 1;
  const alpha = new Float32Array(size);
  const packed = new Int32Array(size);
  const { log, low } = keyTablesFor(one);
  for (let j = 0; j < size; j++) {
    alpha[j] = Math.min(1, aMin * low[key0 + j] + k * log[key0 + j]);
    packed[j] = pack(r, g, b, alpha[j]);
  }
  return { A, alpha, packed, key0, r, g, b };
}

/**
 * Composites the groups (in `order`, later on top) into RGBA bytes `out` (W·H·4), for device
 * columns [x0, x1) and rows [y0, y1) (default: all; pixels outside are left as they are).
 */
export function compositeDensity(buf: { W: number; H: number; acc: Int32Array[]; one: number }, colours: Rgb[], order: number[], aMin: number, aMax: number, out: Uint8ClampedArray, x0 = 0, x1 = buf.W, y0 = 0, y1 = buf.H): void {
  const { W } = buf;
  const xa = Math.max(0, Math.floor(x0));
  const xb = Math.min(W, Math.ceil(x1));
  const ya = Math.max(0, Math.floor(y0));
  const yb = Math.min(buf.H, Math.ceil(y1));
  const out32 = new Int32Array(out.buffer, out.byteOffset, out.length >> 2);
  // Integers at or above `empty` are drawn (EMPTY rows in units of 1/one).
  const empty = Math.max(1, Math.ceil(EMPTY * buf.one));
  const layers: Layer[] = [];
  const maxima = order.length === 2 ? maxIn2(buf.acc[order[0]], buf.acc[order[1]], W, ya, yb, xa, xb) : order.map((g) => maxIn(buf.acc[g], W, ya, yb, xa, xb));
  order.forEach((g, j) => {
    if (maxima[j] >= empty) layers.push(layerOf(buf.acc[g], maxima[j], buf.one, empty, colours[g], aMin, aMax));
  });
  if (layers.length === 0) {
    for (let y = ya; y < yb; y++) out32.fill(0, y * W + xa, y * W + xb);
  } else if (layers.length === 1) {
    const { A, packed, key0 } = layers[0];
    for (let y = ya; y < yb; y++) {
      for (let p = y * W + xa, e = y * W + xb; p < e; p++) {
        const v = A[p];
        out32[p] = v < empty ? 0 : packed[keyOf(v) - key0];
      }
    }
  } else if (layers.length === 2) {
    compositeTwo(layers[0], layers[1], empty, W, ya, yb, xa, xb, out32);
  } else {
    compositeMany(layers, empty, W, ya, yb, xa, xb, out32);
  }
}

/** Alpha levels of the two-group blend table: 1/127 steps (under one 8-bit step of colour in 2). */
const AQ = 128;

/** Blend tables by colour pair: a blend depends on the two colours and alphas only, so it outlives a frame. */
const blends = new Map<string, Int32Array>();

function blendTable(L0: Layer, L1: Layer): Int32Array {
  const key = `${L0.r},${L0.g},${L0.b}|${L1.r},${L1.g},${L1.b}`;
  let t = blends.get(key);
  if (!t) {
    if (blends.size > 16) blends.clear();
    blends.set(key, (t = new Int32Array(AQ * AQ)));
  }
  return t;
}

/**
 * Two groups (a label with two classes, the common case), both layers in locals. Where both
 * cover a pixel, the blend comes from a table over (bottom alpha, top alpha) in 1/127 steps,
 * filled lazily and kept: an exact "over" with its divisions per pixel was half the frame.
 */
function compositeTwo(L0: Layer, L1: Layer, empty: number, W: number, ya: number, yb: number, xa: number, xb: number, out32: Int32Array): void {
  const A0 = L0.A, A1 = L1.A, P0 = L0.packed, P1 = L1.packed, k0 = L0.key0, k1 = L1.key0;
  const Q0 = quantAlpha(L0.alpha), Q1 = quantAlpha(L1.alpha);
  const blend = blendTable(L0, L1);
  for (let y = ya; y < yb; y++) {
    for (let p = y * W + xa, e = y * W + xb; p < e; p++) {
      const v0 = A0[p];
      const v1 = A1[p];
      if (v1 < empty) { out32[p] = v0 < empty ? 0 : P0[keyOf(v0) - k0]; continue; }
      if (v0 < empty) { out32[p] = P1[keyOf(v1) - k1]; continue; }
      const q = Q1[keyOf(v1) - k1] * AQ + Q0[keyOf(v0) - k0];
      let c = blend[q];
      if (c === 0) blend[q] = c = over(L0, (q % AQ) / (AQ - 1), L1, ((q / AQ) | 0) / (AQ - 1));
      out32[p] = c;
    }
  }
}

function quantAlpha(alpha: Float32Array): Uint8Array {
  const q = new Uint8Array(alpha.length);
  for (let j = 0; j < alpha.length; j++) q[j] = Math.max(1, Math.round(alpha[j] * (AQ - 1)));
  return q;
}

/** `top` with alpha a1 over `bottom` with alpha a0, un-premultiplied, packed. */
function over(bottom: Layer, a0: number, top: Layer, a1: number): number {
  const k = a0 * (1 - a1);
  const Al = a1 + k;
  return pack(Math.round((top.r * a1 + bottom.r * k) / Al), Math.round((top.g * a1 + bottom.g * k) / Al), Math.round((top.b * a1 + bottom.b * k) / Al), Al);
}

function compositeMany(layers: Layer[], empty: number, W: number, ya: number, yb: number, xa: number, xb: number, out32: Int32Array): void {
  for (let y = ya; y < yb; y++) {
    for (let p = y * W + xa, e = y * W + xb; p < e; p++) {
      let R = 0, G = 0, B = 0, Al = 0;
      for (let l = 0; l < layers.length; l++) {
        const L = layers[l];
        const v = L.A[p];
        if (v < empty) continue;
        const a = L.alpha[keyOf(v) - L.key0];
        const ia = 1 - a;
        R = L.r * a + R * ia;
        G = L.g * a + G * ia;
        B = L.b * a + B * ia;
        Al = a + Al * ia;
      }
      out32[p] = Al === 0 ? 0 : pack(Math.round(R / Al), Math.round(G / Al), Math.round(B / Al), Al);
    }
  }
}
