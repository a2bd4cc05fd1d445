/**
 * Embedding image files: the PNG decoder on Pillow's files, the content-keyed vector cache
 * (segments, damaged segments, two writers), and the embed job with the real MobileNetV2 on
 * wasm — bad files are errors in their slots, and the job's vectors for shipped emoji match
 * the demo's precomputed features (the app and the precompute script share one preprocessing).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePng, PngError } from '../../../ml/images/png.ts';
import { flattenOnWhite, downscale } from '../../../ml/images/rgba.ts';
import { contentHash, decodeSegment, encodeSegment, VectorCache, type ArtifactStore } from '../../../ml/images/vector-cache.ts';
import { embedImageFilesJob } from '../../../ml/embed/models/embed-jobs.ts';
import { decodePngWithin } from '../../../ml/images/png.ts';
import { MOBILENET_DIM } from '../../../ml/embed/models/mobilenet.ts';
import { decodeEmbedding } from '../../../ml/embed/codec.ts';
import { directContext } from '../../../ml/jobs/job.ts';
import { initBackend } from '../../../ml/train/backend.node.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';
import { fixture, hugePng, makePng } from './fixtures.ts';

const pixel = (img: ReturnType<typeof decodePng>, x: number, y: number) => Array.from(img.data.subarray(4 * (y * img.width + x), 4 * (y * img.width + x) + 4));

describe('decodePng', () => {
  it.each([
    ['red.png', [0, 0, 0, 0], [220, 30, 40, 255]],
    ['rgb.png', [255, 0, 255, 255], [10, 200, 30, 255]],
    ['palette.png', [255, 0, 255, 255], [10, 200, 30, 255]],
    ['grey.png', [255, 255, 255, 255], [100, 100, 100, 255]],
    ['grey-alpha.png', [255, 255, 255, 255], [100, 100, 100, 128]],
    ['grey16.png', [156, 156, 156, 255], [156, 156, 156, 255]], // 40000 → high byte
  ])('%s: the corner and the body have the colours Pillow wrote', (file, corner, body) => {
    const img = decodePng(fixture(file));
    expect(pixel(img, 0, 0)).toEqual(corner);
    expect(pixel(img, 6, 5)).toEqual(body);
  });

  it('says why it cannot decode a truncated or foreign file', () => {
    const png = fixture('red.png');
    expect(() => decodePng(png.subarray(0, 60))).toThrow(PngError);
    expect(() => decodePng(png.subarray(0, 60))).toThrow(/truncated|cut off/);
    expect(() => decodePng(fixture('blue.jpg'))).toThrow('not a PNG file');
  });

  it('puts transparent pixels on white and downscales by area', () => {
    const img = decodePng(fixture('red.png'));
    const rgb = flattenOnWhite(img);
    expect(Array.from(rgb.subarray(0, 3))).toEqual([255, 255, 255]);
    expect(Array.from(rgb.subarray(3 * 10, 3 * 10 + 3))).toEqual([220, 30, 40]);
    const half = downscale(makePng2x2(), 1, 1);
    expect(Array.from(half.data)).toEqual([128, 128, 128, 255]); // 127.5 rounds to even in a Uint8ClampedArray
  });
});

function makePng2x2() {
  return decodePng(makePng(2, 2, (x, y) => ((x + y) % 2 ? [255, 255, 255, 255] : [0, 0, 0, 255])));
}

function memoryStore(): ArtifactStore & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return { files, load: async (name) => files.get(name) ?? null, save: async (name, bytes) => { files.set(name, bytes); } };
}

describe('the image vector cache', () => {
  const vec = (seed: number, dim = 4) => Float32Array.from({ length: dim }, (_, i) => seed + i / 8);

  it('hashes content, not names: the same bytes give the same key', async () => {
    const a = await contentHash(fixture('red.png'));
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(await contentHash(Uint8Array.from(fixture('red.png')))).toBe(a);
    expect(await contentHash(fixture('rgb.png'))).not.toBe(a);
  });

  it('round-trips segments, keeps what was flushed, and skips a damaged segment', async () => {
    const store = memoryStore();
    const cache = await VectorCache.load(4, store);
    const h = (i: number) => i.toString(16).padStart(32, '0');
    cache.add(h(1), vec(1));
    cache.add(h(2), vec(2));
    await cache.flush();
    cache.add(h(3), vec(3));
    await cache.flush();
    await cache.flush(); // nothing pending: no empty segment
    expect([...store.files.keys()]).toEqual(['seg-0.bin', 'seg-1.bin']);
    const seg = decodeSegment(store.files.get('seg-0.bin')!);
    expect(seg.hashes).toEqual([h(1), h(2)]);
    expect(Array.from(seg.vectors)).toEqual([...vec(1), ...vec(2)]);
    store.files.set('seg-1.bin', store.files.get('seg-1.bin')!.subarray(0, 30)); // damaged
    const again = await VectorCache.load(4, store);
    expect(again.size).toBe(2);
    expect(Array.from(again.get(h(2))!)).toEqual(Array.from(vec(2)));
    expect(again.get(h(3))).toBeUndefined();
    // A second window wrote seg-2 meanwhile: this one's flush takes the next free name.
    store.files.set('seg-2.bin', encodeSegment([h(9)], vec(9), 4));
    again.add(h(3), vec(3));
    await again.flush();
    expect(store.files.has('seg-3.bin')).toBe(true);
    expect((await VectorCache.load(4, store)).size).toBe(4);
  });

  it('refuses a vector of the wrong size and a hash that is not one', () => {
    const cache = new VectorCache(4, memoryStore());
    expect(() => cache.add('x', new Float32Array(3))).toThrow(/3-d vector in a 4-d cache/);
    expect(() => encodeSegment(['nothex'], vec(1), 4)).toThrow(/not a 128-bit hex content hash/);
  });
});

describe('the embed-image-files job (real MobileNetV2, wasm)', () => {
  beforeAll(async () => { await initBackend('wasm'); }, 60_000);

  it('embeds good files, gives bad ones an error in their slot, and matches the demo\'s precomputed features', async () => {
    const meta = JSON.parse(readFileSync(`${DATASETS_DIR}/emoji/meta.json`, 'utf8')) as { paths: string[] };
    const shipped = decodeEmbedding(new Uint8Array(gunzipSync(readFileSync(`${DATASETS_DIR}/emoji/mobilenet_v2.emb.gz`))));
    const rows = [0, 200, 400];
    const files = rows.map((r) => new Uint8Array(readFileSync(`${DATASETS_DIR}/emoji/images/${meta.paths[r]}`)));
    const job = embedImageFilesJob(decodePngWithin);
    const images = [
      ...files.map((bytes) => ({ bytes, mime: 'image/png' })),
      { bytes: new Uint8Array(0), mime: 'image/png' },
      { bytes: new TextEncoder().encode('not an image'), mime: 'image/png' },
      { bytes: hugePng(20_000, 20_000), mime: 'image/png' },
      { bytes: fixture('red.png').subarray(0, 70), mime: 'image/png' },
    ];
    const { vectors, errors } = await job({ images }, directContext());
    expect(errors.slice(0, 3)).toEqual([null, null, null]);
    expect(errors[3]).toBe('the file is empty (0 bytes)');
    expect(errors[4]).toBe('not an image: a text file');
    expect(errors[5]).toMatch(/20,000×20,000 is more than 100 megapixels; refused/);
    expect(errors[6]).toMatch(/^cannot be decoded: .*truncated/);
    expect(vectors.length).toBe(images.length * MOBILENET_DIM);
    for (let k = 3; k < images.length; k++) expect(vectors.subarray(k * MOBILENET_DIM, (k + 1) * MOBILENET_DIM).every((v) => v === 0)).toBe(true);
    // Same rows of the shipped (uint8-quantised) features: nearly identical directions.
    rows.forEach((r, k) => {
      const a = vectors.subarray(k * MOBILENET_DIM, (k + 1) * MOBILENET_DIM);
      const b = shipped.data.subarray(r * MOBILENET_DIM, (r + 1) * MOBILENET_DIM);
      let ab = 0, aa = 0, bb = 0;
      for (let d = 0; d < MOBILENET_DIM; d++) { ab += a[d] * b[d]; aa += a[d] * a[d]; bb += b[d] * b[d]; }
      expect(ab / Math.sqrt(aa * bb)).toBeGreaterThan(0.99);
    });
  }, 120_000);
});
