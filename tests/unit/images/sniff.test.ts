/**
 * Header-only inspection of real image files (tests/fixtures/images, written by make.py with
 * Pillow) and of the bad files folders really contain: empty, truncated, other files wearing
 * an image extension, and headers of images too big to decode.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFromName, inspectImage, MAX_PIXELS, sniffFormat, TAIL_BYTES } from '../../../ml/images/sniff.ts';
import { hugePng, hugeJpeg } from './fixtures.ts';

const dir = join(import.meta.dirname, '../../fixtures/images');
const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
const inspect = (bytes: Uint8Array) => inspectImage(bytes, bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)), bytes.length);

describe('inspectImage on real files', () => {
  it.each([
    ['red.png', 'png', 48, 32],
    ['blue.jpg', 'jpeg', 40, 30],
    ['green.webp', 'webp', 36, 24],
    ['purple.bmp', 'bmp', 24, 16],
    ['yellow.gif', 'gif', 20, 20],
    ['rotated.jpg', 'jpeg', 30, 40], // stored 40×30 with EXIF orientation 6: shown upright
  ])('%s is %s, %i×%i, no problem', (file, format, width, height) => {
    const info = inspect(read(file));
    expect(info).toMatchObject({ format, width, height, problem: null, detail: null });
  });

  it('finds the format by content, not by name', () => {
    expect(sniffFormat(read('blue.jpg'))).toBe('jpeg');
    expect(formatFromName('holiday.JPG')).toBe('jpeg');
    expect(formatFromName('notes.txt')).toBeNull();
    expect(formatFromName('noext')).toBeNull();
  });
});

describe('inspectImage on bad files', () => {
  it('says a zero-byte file is empty', () => {
    expect(inspect(new Uint8Array(0))).toMatchObject({ problem: 'empty', detail: 'the file is empty (0 bytes)' });
  });

  it('says what a non-image with an image extension is', () => {
    expect(inspect(new TextEncoder().encode('hello, this is not a photo\n'))).toMatchObject({ problem: 'not an image', detail: 'not an image: a text file' });
    expect(inspect(new TextEncoder().encode('%PDF-1.7 ...'))).toMatchObject({ problem: 'not an image', detail: 'not an image: a PDF' });
    expect(inspect(Uint8Array.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]))).toMatchObject({ problem: 'not an image' });
  });

  it.each(['red.png', 'blue.jpg', 'green.webp', 'purple.bmp', 'yellow.gif'])('finds %s cut in half truncated', (file) => {
    const whole = read(file);
    const half = whole.subarray(0, Math.floor(whole.length / 2));
    const info = inspect(half);
    expect(info.problem).toBe('truncated');
    expect(info.detail).toMatch(/truncated/);
  });

  it('says a file cut inside its header cannot be read', () => {
    const info = inspect(read('blue.jpg').subarray(0, 30));
    expect(info.problem).toBe('truncated');
    expect(info.detail).toMatch(/JPEG header cannot be read/);
  });

  it('asks for more bytes when the JPEG size marker lies past the first read', () => {
    const whole = read('blue.jpg');
    const info = inspectImage(whole.subarray(0, 30), whole.subarray(whole.length - TAIL_BYTES), whole.length);
    expect(info.needMore).toBe(true);
  });

  it.each([['PNG', hugePng], ['JPEG', hugeJpeg]])('refuses a 20,000×20,000 %s from its header, before any decode', (_name, make) => {
    const bytes = make(20_000, 20_000);
    const info = inspect(bytes);
    expect(info.width * info.height).toBeGreaterThan(MAX_PIXELS);
    expect(info).toMatchObject({ width: 20_000, height: 20_000, problem: 'too large' });
    expect(info.detail).toMatch(/20,000×20,000 is more than 100 megapixels/);
  });
});
