/**
 * Image test material: the real files from tests/fixtures/images (Pillow, make.py), headers of
 * images too big to decode (a valid PNG/JPEG header claiming 20,000×20,000 with almost no
 * data — what the app must refuse before decoding), and throwaway folders built from them.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zlibSync } from 'fflate';
import { concat, pngChunk } from '../../fixtures/bad/bytes.ts';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/images');
export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** A real RGBA PNG (filter 0 rows) of `width`×`height` from a pixel function. */
export function makePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const raw = new Uint8Array(height * (1 + 4 * width));
  for (let y = 0, o = 0; y < height; y++) {
    raw[o++] = 0;
    for (let x = 0; x < width; x++) for (const v of pixel(x, y)) raw[o++] = v;
  }
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return concat(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', zlibSync(raw)), pngChunk('IEND', new Uint8Array(0)));
}

/** A PNG whose header says width×height but whose data is one empty row: refused before decoding. */
export function hugePng(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return concat(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', zlibSync(new Uint8Array(1))), pngChunk('IEND', new Uint8Array(0)));
}

/** A baseline JPEG header (SOI, JFIF APP0, SOF0 for 3 components, EOI) claiming width×height. */
export function hugeJpeg(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    0xff, 0xd8,
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03,
    0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
    0xff, 0xd9,
  ]);
}

/** A fresh temporary folder with `files` (relative path → bytes) written into it. */
export function makeFolder(files: Record<string, Uint8Array | string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mt-images-'));
  for (const [rel, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), bytes);
  }
  return root;
}
