/**
 * Hashed bag of words: a cheap, deterministic text embedding that needs no model. Each
 * lower-cased word (letters/digits, 2–32 characters) is hashed (FNV-1a, 32-bit) into one
 * of `dim` buckets with a hashed ±1 sign (so collisions cancel instead of piling up);
 * weights are sublinear tf (1 + ln count) × smoothed idf over the given corpus; rows are
 * L2-normalised. Same texts → same bytes, in Node and in a browser.
 */

export type BowOptions = { dim?: number };

export const BOW_DIM = 1024;
const WORD = /[\p{L}\p{N}]+/gu;

/** FNV-1a over UTF-16 code units; >>> 0 keeps it an unsigned 32-bit integer. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    if (m[0].length >= 2 && m[0].length <= 32) out.push(m[0]);
  }
  return out;
}

/** n×dim row-major embedding of the texts. */
export function bagOfWords(texts: readonly string[], opts: BowOptions = {}): Float32Array {
  const dim = opts.dim ?? BOW_DIM;
  const n = texts.length;
  const out = new Float32Array(n * dim);
  const df = new Float64Array(dim);
  const idf = new Float32Array(dim);
  const seen = new Uint32Array(dim); // row+1 that last counted the bucket, for df
  for (let i = 0; i < n; i++) {
    const row = out.subarray(i * dim, (i + 1) * dim);
    const counts = new Map<number, number>();
    for (const w of words(texts[i])) {
      const h = fnv1a(w);
      const key = (h % dim) * 2 + (h >>> 31);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    row.fill(0);
    for (const [key, count] of counts) {
      const bucket = key >>> 1;
      row[bucket] += (key & 1 ? -1 : 1) * (1 + Math.log(count));
      if (seen[bucket] !== i + 1) { seen[bucket] = i + 1; df[bucket]++; }
    }
  }
  for (let d = 0; d < dim; d++) idf[d] = Math.log((1 + n) / (1 + df[d])) + 1;
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0, k = i * dim; d < dim; d++, k++) { out[k] *= idf[d]; norm += out[k] * out[k]; }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let k = i * dim; k < (i + 1) * dim; k++) out[k] *= inv;
    }
  }
  return out;
}
