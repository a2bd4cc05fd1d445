import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseIdx, writeIdx } from '../../../ml/embed/models/idx.ts';
import { bagOfWords, fnv1a, words } from '../../../ml/embed/models/bow.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';

describe('IDX parsing', () => {
  it('reads shape and bytes from a hand-written header (big-endian sizes)', () => {
    const bytes = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 1, 0, ...Array.from({ length: 512 }, (_, i) => i & 255)]);
    const { shape, data } = parseIdx(bytes);
    expect(shape).toEqual([2, 1, 256]);
    expect(data.length).toBe(512);
    expect(data[300]).toBe(300 & 255);
    expect(parseIdx(writeIdx(shape, data))).toEqual({ shape, data });
  });

  it('gives located errors for bad magic, element type and truncation', () => {
    expect(() => parseIdx(new Uint8Array([1, 0, 8, 1, 0, 0, 0, 0]), 'x.idx')).toThrow(/x.idx: not an IDX file/);
    expect(() => parseIdx(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 0]), 'x.idx')).toThrow(/element type 0xd/);
    expect(() => parseIdx(writeIdx([4], new Uint8Array(4)).subarray(0, 10), 'x.idx')).toThrow(/header says 4 = 4 bytes of data, file has 2/);
  });

  it('reads the shipped Fashion-MNIST subset: 5,000 images of 28×28 and labels 0..9, 500 each', () => {
    const images = parseIdx(gunzipSync(readFileSync(join(DATASETS_DIR, 'fashion_mnist/images-idx3-ubyte.gz'))));
    const labels = parseIdx(gunzipSync(readFileSync(join(DATASETS_DIR, 'fashion_mnist/labels-idx1-ubyte.gz'))));
    expect(images.shape).toEqual([5000, 28, 28]);
    const counts = new Array(10).fill(0);
    for (const l of labels.data) counts[l]++;
    expect(counts).toEqual(new Array(10).fill(500));
  });
});

describe('hashed bag of words', () => {
  const texts = ['Buy cheap meds now!!! Cheap cheap', 'Meeting moved to Tuesday, see agenda', 'cheap meds, buy now', ''];

  it('is deterministic and L2-normalised (empty text → zero row)', () => {
    const a = bagOfWords(texts, { dim: 64 });
    const b = bagOfWords([...texts], { dim: 64 });
    expect(Array.from(a)).toEqual(Array.from(b));
    for (let i = 0; i < 3; i++) {
      const norm = Math.hypot(...a.subarray(i * 64, (i + 1) * 64));
      expect(norm).toBeCloseTo(1, 5);
    }
    expect(a.subarray(3 * 64).every((v) => v === 0)).toBe(true);
  });

  it('puts texts with the same words closer than unrelated ones', () => {
    const e = bagOfWords(texts, { dim: 1024 });
    const cos = (i: number, j: number) => e.subarray(i * 1024, (i + 1) * 1024).reduce((s, v, d) => s + v * e[j * 1024 + d], 0);
    expect(cos(0, 2)).toBeGreaterThan(0.5);
    expect(Math.abs(cos(0, 1))).toBeLessThan(0.2);
  });

  it('hashes with FNV-1a (known value) and splits words on non-letters', () => {
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(words('Hello, WORLD: x 42 café')).toEqual(['hello', 'world', '42', 'café']);
  });
});
