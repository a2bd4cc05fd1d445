/**
 * Image vectors cached by the content of each image file, across datasets: a folder that
 * gains 100 images, the same photos in another folder, a run that was cancelled halfway —
 * each costs only the images never embedded before. Stored as append-only segments
 * (`seg-0.bin`, `seg-1.bin`, …) through any artefact store (the app's loadArtifact /
 * saveArtifact under one fixed key per model), each written when a batch of new vectors is
 * done, so a cancel or a crash keeps what was computed.
 *
 * Segment layout, little-endian: 'MTV1', u32 count, count × 16-byte content hashes, then the
 * vectors as an ml/embed/codec.ts float16 embedding (count × dim).
 */
import { decodeEmbedding, encodeEmbedding } from '../embed/codec.ts';

/** Where segments are kept (the app: api.loadArtifact/saveArtifact with CACHE_KEY). */
export type ArtifactStore = {
  load(name: string): Promise<Uint8Array | null>;
  save(name: string, bytes: Uint8Array): Promise<void>;
};

/** The artefact key the app keeps a model's image vectors under (not a dataset: shared by all). */
export const cacheKey = (model: string): string => `image-vectors:${model}`;

const MAGIC = [0x4d, 0x54, 0x56, 0x31]; // 'MTV1'
const HASH_BYTES = 16;
/** Stop reading segments after this many (a guard against a store that never says null). */
const MAX_SEGMENTS = 100_000;

const toHex = (b: Uint8Array) => Array.from(b, (v) => v.toString(16).padStart(2, '0')).join('');
const fromHex = (s: string) => Uint8Array.from({ length: s.length / 2 }, (_, i) => parseInt(s.slice(2 * i, 2 * i + 2), 16));

/**
 * The content hash the cache is keyed by: the first 128 bits of SHA-256 of the file's bytes
 * (Web Crypto: native in browsers, workers and Node ≥ 20), as 32 hex digits.
 */
export async function contentHash(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest, 0, HASH_BYTES));
}

export function encodeSegment(hashes: readonly string[], vectors: Float32Array, dim: number): Uint8Array {
  if (vectors.length !== hashes.length * dim) throw new Error(`encodeSegment: ${vectors.length} values for ${hashes.length} vectors of ${dim}`);
  const body = encodeEmbedding(vectors, hashes.length, dim, 'float16');
  const out = new Uint8Array(8 + HASH_BYTES * hashes.length + body.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, hashes.length, true);
  hashes.forEach((h, i) => {
    if (!/^[0-9a-f]{32}$/.test(h)) throw new Error(`encodeSegment: "${h}" is not a 128-bit hex content hash`);
    out.set(fromHex(h), 8 + HASH_BYTES * i);
  });
  out.set(body, 8 + HASH_BYTES * hashes.length);
  return out;
}

export function decodeSegment(bytes: Uint8Array): { hashes: string[]; vectors: Float32Array; dim: number } {
  if (bytes.length < 8 || MAGIC.some((m, i) => bytes[i] !== m)) throw new Error('not an image-vector segment (bad magic; expected MTV1)');
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  const start = 8 + HASH_BYTES * count;
  if (bytes.length < start) throw new Error(`image-vector segment cut off: ${count} hashes need ${start} bytes, it has ${bytes.length}`);
  const hashes = Array.from({ length: count }, (_, i) => toHex(bytes.subarray(8 + HASH_BYTES * i, 8 + HASH_BYTES * (i + 1))));
  const { n, dim, data } = decodeEmbedding(bytes.subarray(start));
  if (n !== count) throw new Error(`image-vector segment has ${count} hashes but ${n} vectors`);
  return { hashes, vectors: data, dim };
}

/** The vectors of one model by content hash, with the segments it was read from and the new ones not yet saved. */
export class VectorCache {
  private readonly vectors = new Map<string, Float32Array>();
  private pendingHashes: string[] = [];
  private pendingVectors: Float32Array[] = [];
  private segments = 0;

  constructor(readonly dim: number, private readonly store: ArtifactStore) {}

  /** Reads every segment in the store. A damaged segment is skipped (recomputed later), never fatal. */
  static async load(dim: number, store: ArtifactStore): Promise<VectorCache> {
    const cache = new VectorCache(dim, store);
    for (; cache.segments < MAX_SEGMENTS; cache.segments++) {
      const bytes = await store.load(`seg-${cache.segments}.bin`);
      if (!bytes) break;
      try {
        const seg = decodeSegment(bytes);
        if (seg.dim !== dim) continue;
        seg.hashes.forEach((h, i) => cache.vectors.set(h, seg.vectors.subarray(i * dim, (i + 1) * dim)));
      } catch {
        // Damaged: its images are embedded again and land in a new segment.
      }
    }
    return cache;
  }

  get size(): number {
    return this.vectors.size;
  }

  get(hash: string): Float32Array | undefined {
    return this.vectors.get(hash);
  }

  /** Adds a new vector (copied); it is saved with the next `flush`. */
  add(hash: string, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new Error(`VectorCache.add: a ${vector.length}-d vector in a ${this.dim}-d cache`);
    if (this.vectors.has(hash)) return;
    const copy = Float32Array.from(vector);
    this.vectors.set(hash, copy);
    this.pendingHashes.push(hash);
    this.pendingVectors.push(copy);
  }

  get pending(): number {
    return this.pendingHashes.length;
  }

  /** Saves the vectors added since the last flush as one new segment (nothing to do: no write). */
  async flush(): Promise<void> {
    if (this.pendingHashes.length === 0) return;
    const hashes = this.pendingHashes;
    const data = new Float32Array(hashes.length * this.dim);
    this.pendingVectors.forEach((v, i) => data.set(v, i * this.dim));
    this.pendingHashes = [];
    this.pendingVectors = [];
    // The next free name: another window may have written segments since this one loaded.
    while (await this.store.load(`seg-${this.segments}.bin`)) this.segments++;
    await this.store.save(`seg-${this.segments++}.bin`, encodeSegment(hashes, data, this.dim));
  }
}
