/**
 * What an image file is, from its first and last bytes only (never a decode): the format by
 * magic bytes, width/height from the header (image-size), and the problems a folder of real
 * files has — empty files, other files wearing an image extension, truncated files, images too
 * big to decode safely. Portable: the backend, the CLI and the page (picked folders) share it.
 */
import { BMP } from 'image-size/types/bmp';
import { GIF } from 'image-size/types/gif';
import { JPG } from 'image-size/types/jpg';
import { PNG } from 'image-size/types/png';
import { WEBP } from 'image-size/types/webp';
import type { IImage } from 'image-size/types/interface';

/** image-size's parser per format: we sniff the format ourselves (its detector tries every type, 20 µs a file). */
const SIZERS: Record<ImageFormat, IImage> = { jpeg: JPG, png: PNG, gif: GIF, webp: WEBP, bmp: BMP };

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp';

export const MIME: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp',
};

/** Extensions a folder listing treats as images (anything else is ignored, not an error). */
const EXTENSIONS: Record<string, ImageFormat> = {
  jpg: 'jpeg', jpeg: 'jpeg', jpe: 'jpeg', jfif: 'jpeg', png: 'png', gif: 'gif', webp: 'webp', bmp: 'bmp', dib: 'bmp',
};

/**
 * Images above this many pixels are refused before decoding: 100 MP of RGBA is 400 MB, and a
 * 20,000×20,000 file (1.6 GB decoded) would take the page or worker down. Thumbnails and
 * embeddings decode everything at or below it downscaled, so memory stays bounded.
 */
export const MAX_PIXELS = 100_000_000;

/** Bytes a header read takes first; JPEGs whose size marker lies further (big EXIF/XMP) get a second read of HEAD_MAX. */
export const HEAD_BYTES = 64 * 1024;
export const HEAD_MAX = 1024 * 1024;
/** Bytes of the end a truncation check reads. */
export const TAIL_BYTES = 64;

/** Why a row's image cannot be shown or embedded (or, for `truncated`, may show partly). */
export type ImageProblem = 'empty' | 'not an image' | 'truncated' | 'too large' | 'unreadable' | 'missing' | 'outside folder';

export type ImageInfo = {
  format: ImageFormat | null;
  /** As displayed (EXIF orientations 5–8 swap them); NaN when unknown. */
  width: number;
  height: number;
  problem: ImageProblem | null;
  /** A sentence for the user when there is a problem. */
  detail: string | null;
  /** The header did not fit in `head`; read up to HEAD_MAX bytes and ask again. */
  needMore?: boolean;
};

/** The image format an extension claims, or null when the file is not meant to be an image. */
export function formatFromName(name: string): ImageFormat | null {
  const m = /\.([a-z0-9]+)$/i.exec(name);
  return m ? (EXTENSIONS[m[1].toLowerCase()] ?? null) : null;
}

const at = (b: Uint8Array, text: string, offset = 0) => {
  if (b.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i++) if (b[offset + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** The format by magic bytes, or null (a text file, a TIFF, a HEIC…). */
export function sniffFormat(head: Uint8Array): ImageFormat | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 8 && head[0] === 0x89 && at(head, 'PNG\r\n\x1a\n', 1)) return 'png';
  if (at(head, 'GIF87a') || at(head, 'GIF89a')) return 'gif';
  if (at(head, 'RIFF') && at(head, 'WEBP', 8)) return 'webp';
  if (at(head, 'BM') && head.length >= 26) return 'bmp';
  return null;
}

/** What other files wearing an image extension usually are, to say so. */
function describeOther(head: Uint8Array): string {
  if (at(head, '%PDF')) return 'a PDF';
  if (at(head, 'PK\x03\x04')) return 'a zip archive';
  if (at(head, 'II*\0') || at(head, 'MM\0*')) return 'a TIFF image (not supported)';
  if (at(head, 'ftyp', 4)) return 'an HEIC/AVIF or video file (not supported)';
  if (at(head, '<svg') || at(head, '<?xml')) return 'an SVG/XML file (not supported)';
  let printable = 0;
  const n = Math.min(head.length, 512);
  for (let i = 0; i < n; i++) if ((head[i] >= 0x20 && head[i] < 0x7f) || head[i] === 9 || head[i] === 10 || head[i] === 13) printable++;
  return n > 0 && printable / n > 0.95 ? 'a text file' : 'not a JPEG, PNG, GIF, WebP or BMP file';
}

const u32le = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/** Whether the file's last bytes show it ends where its format says it does. */
function truncation(format: ImageFormat, head: Uint8Array, tail: Uint8Array, size: number): string | null {
  switch (format) {
    case 'png':
      return at(tail, 'IEND', tail.length - 8) ? null : 'the file ends before its IEND chunk (truncated)';
    case 'gif':
      return tail[tail.length - 1] === 0x3b ? null : 'the file ends before the GIF trailer (truncated)';
    case 'webp':
      return u32le(head, 4) + 8 > size ? `the RIFF header says ${u32le(head, 4) + 8} bytes but the file has ${size} (truncated)` : null;
    case 'bmp': {
      const declared = u32le(head, 2);
      const offset = u32le(head, 10);
      return (declared > size && declared < 2 ** 31) || offset >= size ? `the BMP header says ${Math.max(declared, offset)} bytes but the file has ${size} (truncated)` : null;
    }
    case 'jpeg': {
      // Some writers pad after the end marker; look for it among the last bytes.
      for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return null;
      return 'no JPEG end-of-image marker in its last bytes (truncated?)';
    }
  }
}

/**
 * Inspects a file from `head` (its first bytes), `tail` (its last TAIL_BYTES) and its size.
 * `head` may be the whole file. Never throws: every failure is a problem with a sentence.
 */
export function inspectImage(head: Uint8Array, tail: Uint8Array, size: number): ImageInfo {
  const none = { width: NaN, height: NaN };
  if (size === 0) return { format: null, ...none, problem: 'empty', detail: 'the file is empty (0 bytes)' };
  const format = sniffFormat(head);
  if (!format) return { format: null, ...none, problem: 'not an image', detail: `not an image: ${describeOther(head)}` };
  let width: number;
  let height: number;
  try {
    const s = SIZERS[format].calculate(head);
    const swap = (s.orientation ?? 1) >= 5;
    width = swap ? s.height : s.width;
    height = swap ? s.width : s.height;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (head.length < size && head.length < HEAD_MAX) return { format, ...none, problem: null, detail: null, needMore: true };
    return { format, ...none, problem: 'truncated', detail: `the ${format.toUpperCase()} header cannot be read (${message})` };
  }
  if (!(width > 0 && height > 0)) return { format, ...none, problem: 'unreadable', detail: `the header says the image is ${width}×${height}` };
  if (width * height > MAX_PIXELS) {
    return { format, width, height, problem: 'too large', detail: `${width.toLocaleString('en-US')}×${height.toLocaleString('en-US')} is more than ${MAX_PIXELS / 1e6} megapixels; refused so decoding it cannot run out of memory` };
  }
  const cut = truncation(format, head, tail, size);
  return { format, width, height, problem: cut ? 'truncated' : null, detail: cut };
}

/** Whether a row with this problem is still worth decoding (a truncated JPEG often shows most of itself). */
export const decodable = (problem: ImageProblem | null): boolean => problem === null || problem === 'truncated';
