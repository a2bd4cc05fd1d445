/**
 * A small PNG decoder to RGBA, for Node (precomputing the colour demo's features, tests), where
 * no browser decoder exists. Non-interlaced PNGs of every colour type (grey, RGB, palette,
 * grey+alpha, RGBA) at 1–16 bits, with tRNS transparency; 16-bit samples keep their high byte,
 * as browsers do. Interlaced (Adam7) files are refused with a message. The page decodes with
 * the browser's own decoder (createImageBitmap); both then share the same resize and model code.
 */
import { unzlibSync } from 'fflate';
import { downscale, fitWithin, type RgbaImage } from './rgba.ts';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export class PngError extends Error {}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the per-row filters in place; `bpp` is bytes per complete pixel (at least 1). */
function unfilter(raw: Uint8Array, height: number, stride: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    const up = dst - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[dst + x - bpp] : 0;
      const b = y > 0 ? out[up + x] : 0;
      const c = y > 0 && x >= bpp ? out[up + x - bpp] : 0;
      const v = raw[src + x];
      switch (type) {
        case 0: out[dst + x] = v; break;
        case 1: out[dst + x] = v + a; break;
        case 2: out[dst + x] = v + b; break;
        case 3: out[dst + x] = v + ((a + b) >> 1); break;
        case 4: out[dst + x] = v + paeth(a, b, c); break;
        default: throw new PngError(`row ${y} has an unknown filter type ${type}`);
      }
    }
  }
  return out;
}

/** Decodes a PNG file's bytes to RGBA (straight alpha). Throws PngError with what is wrong. */
export function decodePng(bytes: Uint8Array): RgbaImage {
  if (bytes.length < 8 || SIGNATURE.some((v, i) => bytes[i] !== v)) throw new PngError('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0, height = 0, depth = 0, colour = -1, interlace = 0;
  let palette: Uint8Array | null = null;
  let trns: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  let pos = 8;
  let ended = false;
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    if (data.length < length) throw new PngError(`the ${type} chunk is cut off (truncated file)`);
    if (type === 'IHDR') {
      width = view.getUint32(pos + 8); height = view.getUint32(pos + 12);
      depth = bytes[pos + 16]; colour = bytes[pos + 17]; interlace = bytes[pos + 20];
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') { ended = true; break; }
    pos += 12 + length;
  }
  if (!(colour in CHANNELS) || width === 0 || height === 0) throw new PngError('missing or invalid IHDR header');
  if (interlace !== 0) throw new PngError('interlaced (Adam7) PNGs are not supported by the Node decoder');
  if (!ended) throw new PngError('the file ends before its IEND chunk (truncated)');
  if (colour === 3 && !palette) throw new PngError('a palette image without a PLTE chunk');
  const channels = CHANNELS[colour];
  const bitsPerPixel = channels * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  let raw: Uint8Array;
  try {
    raw = unzlibSync(concat(idat));
  } catch (err) {
    throw new PngError(`its image data does not inflate (${err instanceof Error ? err.message : String(err)})`);
  }
  if (raw.length < height * (stride + 1)) throw new PngError(`its image data has ${raw.length} bytes, ${height * (stride + 1)} expected (truncated)`);
  const px = unfilter(raw, height, stride, Math.max(1, bitsPerPixel >> 3));
  const out = new Uint8ClampedArray(width * height * 4);
  // Sample c of pixel x in row y as stored (1–16 bits), and scaled to 0..255 (16-bit: the high byte).
  const rawSample = (y: number, x: number, c: number): number => {
    const i = x * channels + c;
    if (depth === 8) return px[y * stride + i];
    if (depth === 16) return (px[y * stride + 2 * i] << 8) | px[y * stride + 2 * i + 1];
    const bit = i * depth;
    return (px[y * stride + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
  };
  const sample = (y: number, x: number, c: number): number => {
    const v = rawSample(y, x, c);
    return depth === 8 ? v : depth === 16 ? v >> 8 : Math.round((v * 255) / ((1 << depth) - 1));
  };
  // tRNS for grey/RGB: one colour (as stored) that is fully transparent.
  const key = trns && colour !== 3 && trns.length >= 2 ? Array.from({ length: colour === 2 ? 3 : 1 }, (_, c) => (trns![2 * c] << 8) | trns![2 * c + 1]) : null;
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o += 4) {
      let r: number, g: number, b: number, a = 255;
      if (colour === 3) {
        const i = rawSample(y, x, 0);
        r = palette![3 * i]; g = palette![3 * i + 1]; b = palette![3 * i + 2];
        if (trns && i < trns.length) a = trns[i];
      } else if (colour === 0 || colour === 4) {
        r = g = b = sample(y, x, 0);
        if (colour === 4) a = sample(y, x, 1);
        else if (key && rawSample(y, x, 0) === key[0]) a = 0;
      } else {
        r = sample(y, x, 0); g = sample(y, x, 1); b = sample(y, x, 2);
        if (colour === 6) a = sample(y, x, 3);
        else if (key && rawSample(y, x, 0) === key[0] && rawSample(y, x, 1) === key[1] && rawSample(y, x, 2) === key[2]) a = 0;
      }
      out[o] = r; out[o + 1] = g; out[o + 2] = b; out[o + 3] = a;
    }
  }
  return { width, height, data: out };
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** The job decoder for Node (tests, benchmarks, precompute): PNG files only, downscaled to fit `maxEdge`. */
export async function decodePngWithin(bytes: Uint8Array, _mime: string, maxEdge: number): Promise<RgbaImage> {
  const img = decodePng(bytes);
  const fit = fitWithin(img.width, img.height, maxEdge);
  return downscale(img, fit.width, fit.height);
}
