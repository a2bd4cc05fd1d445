/**
 * Compact storage for embeddings (n×dim row-major Float32). Demo embeddings ship in the
 * repo and cached ones go through saveArtifact, so they are stored quantised: per-dimension
 * affine uint8 (4× smaller than float32, error ≤ half a step of that dimension's range/255)
 * or float16 (2×, ~3 significant digits). Compression (gzip) is the caller's business so
 * this stays pure and portable (Node zlib in the backend, CompressionStream in a browser).
 *
 * Layout, little-endian:
 *   0  'MTE1' magic
 *   4  u8 scheme (0 float32, 1 float16, 2 uint8 affine per dimension), 3 bytes zero
 *   8  u32 n, 12 u32 dim
 *   16 payload — float32: n·dim f32 · float16: n·dim u16 ·
 *                uint8: dim f32 offsets, dim f32 steps, then n·dim u8 codes
 */

export type EmbeddingScheme = 'float32' | 'float16' | 'uint8';

export type DecodedEmbedding = { n: number; dim: number; scheme: EmbeddingScheme; data: Float32Array };

const MAGIC = [0x4d, 0x54, 0x45, 0x31]; // 'MTE1'
const SCHEMES: EmbeddingScheme[] = ['float32', 'float16', 'uint8'];
const HEADER = 16;

/** Encodes n×dim row-major vectors. Throws on NaN/Infinity: an embedding with holes is a bug upstream. */
export function encodeEmbedding(data: Float32Array, n: number, dim: number, scheme: EmbeddingScheme = 'uint8'): Uint8Array {
  if (!Number.isInteger(n) || !Number.isInteger(dim) || n < 0 || dim <= 0 || data.length !== n * dim) {
    throw new Error(`encodeEmbedding: data has ${data.length} values, expected n×dim = ${n}×${dim}`);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new Error(`encodeEmbedding: value at row ${Math.floor(i / dim)}, dimension ${i % dim} is ${data[i]}`);
  }
  const payload = scheme === 'float32' ? 4 * n * dim : scheme === 'float16' ? 2 * n * dim : 8 * dim + n * dim;
  const out = new Uint8Array(HEADER + payload);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  out[4] = SCHEMES.indexOf(scheme);
  view.setUint32(8, n, true);
  view.setUint32(12, dim, true);
  if (scheme === 'float32') {
    for (let i = 0; i < data.length; i++) view.setFloat32(HEADER + 4 * i, data[i], true);
  } else if (scheme === 'float16') {
    for (let i = 0; i < data.length; i++) view.setUint16(HEADER + 2 * i, toHalf(data[i]), true);
  } else {
    const { offset, step } = affineRanges(data, n, dim);
    for (let d = 0; d < dim; d++) {
      view.setFloat32(HEADER + 4 * d, offset[d], true);
      view.setFloat32(HEADER + 4 * (dim + d), step[d], true);
    }
    const codes = out.subarray(HEADER + 8 * dim);
    for (let i = 0, k = 0; i < n; i++) {
      for (let d = 0; d < dim; d++, k++) {
        codes[k] = step[d] > 0 ? Math.min(255, Math.max(0, Math.round((data[k] - offset[d]) / step[d]))) : 0;
      }
    }
  }
  return out;
}

/** Decodes what encodeEmbedding wrote; a truncated or foreign file gives a clear error. */
export function decodeEmbedding(bytes: Uint8Array): DecodedEmbedding {
  if (bytes.length < HEADER || MAGIC.some((m, i) => bytes[i] !== m)) throw new Error('Not an embedding file (bad magic; expected MTE1)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const scheme = SCHEMES[bytes[4]];
  if (!scheme) throw new Error(`Embedding file uses unknown scheme ${bytes[4]}`);
  const n = view.getUint32(8, true);
  const dim = view.getUint32(12, true);
  const expected = HEADER + (scheme === 'float32' ? 4 * n * dim : scheme === 'float16' ? 2 * n * dim : 8 * dim + n * dim);
  if (dim === 0 || bytes.length !== expected) throw new Error(`Embedding file is ${bytes.length} bytes, expected ${expected} for ${n}×${dim} ${scheme}`);
  const data = new Float32Array(n * dim);
  if (scheme === 'float32') {
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(HEADER + 4 * i, true);
  } else if (scheme === 'float16') {
    for (let i = 0; i < data.length; i++) data[i] = fromHalf(view.getUint16(HEADER + 2 * i, true));
  } else {
    const offset = new Float32Array(dim);
    const step = new Float32Array(dim);
    for (let d = 0; d < dim; d++) {
      offset[d] = view.getFloat32(HEADER + 4 * d, true);
      step[d] = view.getFloat32(HEADER + 4 * (dim + d), true);
    }
    const codes = bytes.subarray(HEADER + 8 * dim);
    for (let i = 0, k = 0; i < n; i++) {
      for (let d = 0; d < dim; d++, k++) data[k] = offset[d] + codes[k] * step[d];
    }
  }
  return { n, dim, scheme, data };
}

/** Per-dimension min and step (range/255), so every code 0..255 is used for every dimension. */
function affineRanges(data: Float32Array, n: number, dim: number): { offset: Float32Array; step: Float32Array } {
  const lo = new Float32Array(dim).fill(Infinity);
  const hi = new Float32Array(dim).fill(-Infinity);
  for (let i = 0, k = 0; i < n; i++) {
    for (let d = 0; d < dim; d++, k++) {
      const v = data[k];
      if (v < lo[d]) lo[d] = v;
      if (v > hi[d]) hi[d] = v;
    }
  }
  const offset = new Float32Array(dim);
  const step = new Float32Array(dim);
  for (let d = 0; d < dim; d++) {
    offset[d] = n > 0 ? lo[d] : 0;
    step[d] = n > 0 ? (hi[d] - lo[d]) / 255 : 0;
  }
  return { offset, step };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 → IEEE half bits, round to nearest even; overflow saturates to ±65504 (no Infinity). */
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7bff; // clamp to the largest finite half (65504)
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && (half & 1))) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1))) half++;
  if ((half & 0x7c00) === 0x7c00) half = 0x7bff;
  return sign | half;
}

export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
