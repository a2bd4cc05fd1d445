/**
 * The one binary record format of a project folder: journal entries, the label snapshot and
 * the row fingerprints are all frames of it. Its own codec (not ml/wire.ts, a transport that
 * may change) so files written today stay readable.
 *
 * Frame, little-endian, every part a multiple of 8 bytes so typed arrays are read in place:
 *   0  u32 magic (which kind of record)     4  u32 payload length (multiple of 8)
 *   8  u32 CRC-32 of the payload            12 u32 CRC-32 of bytes 0..11 (a torn header is caught early)
 *   16 payload: u32 JSON length, JSON (UTF-8), zero padding to 8, then each array, padded to 8.
 * The JSON's "$arrays" lists the arrays' kinds and lengths in order.
 */
import { crc32 } from './crc32.ts';

export const HEADER_BYTES = 16;

const KINDS = { u32: Uint32Array, i32: Int32Array, f64: Float64Array } as const;
type ArrayKind = keyof typeof KINDS;
export type RecordArray = Uint32Array<ArrayBufferLike> | Int32Array<ArrayBufferLike> | Float64Array<ArrayBufferLike>;

/** A decoded record: its JSON fields and its arrays, in the order they were written. */
export type RecordBody = { json: Record<string, unknown>; arrays: RecordArray[] };

const pad8 = (n: number) => (n + 7) & ~7;

function kindOf(a: RecordArray): ArrayKind {
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  return 'f64';
}

export function encodeRecord(magic: number, json: Record<string, unknown>, arrays: RecordArray[] = []): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify({ ...json, $arrays: arrays.map((a) => [kindOf(a), a.length]) }));
  let size = pad8(4 + text.length);
  const offsets = arrays.map((a) => { const at = size; size = pad8(size + a.byteLength); return at; });
  const out = new Uint8Array(HEADER_BYTES + size);
  const view = new DataView(out.buffer);
  view.setUint32(HEADER_BYTES, text.length, true);
  out.set(text, HEADER_BYTES + 4);
  arrays.forEach((a, i) => out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), HEADER_BYTES + offsets[i]));
  view.setUint32(0, magic, true);
  view.setUint32(4, size, true);
  view.setUint32(8, crc32(out, HEADER_BYTES), true);
  view.setUint32(12, crc32(out, 0, 12), true);
  return out;
}

/**
 * Length of the valid frame of this magic at `pos`, or 0 when there is none (wrong magic,
 * header or payload checksum mismatch, or cut short).
 */
export function frameAt(bytes: Uint8Array, pos: number, magic: number): number {
  if (pos + HEADER_BYTES > bytes.length) return 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(pos, true) !== magic) return 0;
  if (view.getUint32(pos + 12, true) !== crc32(bytes, pos, pos + 12)) return 0;
  const size = view.getUint32(pos + 4, true);
  if (size % 8 !== 0 || pos + HEADER_BYTES + size > bytes.length) return 0;
  if (view.getUint32(pos + 8, true) !== crc32(bytes, pos + HEADER_BYTES, pos + HEADER_BYTES + size)) return 0;
  return HEADER_BYTES + size;
}

/** Decodes the payload of a frame that `frameAt` accepted. Arrays are views when aligned, else copies. */
export function decodeRecord(bytes: Uint8Array, pos: number): RecordBody {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = pos + HEADER_BYTES;
  const jsonLength = view.getUint32(start, true);
  const json = JSON.parse(new TextDecoder().decode(bytes.subarray(start + 4, start + 4 + jsonLength))) as Record<string, unknown>;
  const specs = json.$arrays as [ArrayKind, number][];
  delete json.$arrays;
  let at = start + pad8(4 + jsonLength);
  const arrays = specs.map(([kind, n]) => {
    const Ctor = KINDS[kind];
    const byteStart = bytes.byteOffset + at;
    const a = byteStart % Ctor.BYTES_PER_ELEMENT === 0
      ? new Ctor(bytes.buffer as ArrayBuffer, byteStart, n)
      : new Ctor(bytes.slice(at, at + n * Ctor.BYTES_PER_ELEMENT).buffer);
    at = pad8(at + n * Ctor.BYTES_PER_ELEMENT);
    return a;
  });
  return { json, arrays };
}

/** Reads a file that holds one frame (a snapshot), or says why it is damaged. */
export function readSingleRecord(bytes: Uint8Array, magic: number): RecordBody | { damaged: string } {
  const length = frameAt(bytes, 0, magic);
  if (length === 0) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < HEADER_BYTES || view.getUint32(0, true) !== magic) return { damaged: bytes.length === 0 ? 'it is empty' : 'it is not a file of this kind (truncated or overwritten?)' };
    return { damaged: 'its checksum does not match (truncated or corrupted)' };
  }
  return decodeRecord(bytes, 0);
}

/** Four ASCII letters as a little-endian u32, so a magic reads as text in a hex dump. */
export const magic = (tag: string): number =>
  (tag.charCodeAt(0) | (tag.charCodeAt(1) << 8) | (tag.charCodeAt(2) << 16) | (tag.charCodeAt(3) << 24)) >>> 0;
