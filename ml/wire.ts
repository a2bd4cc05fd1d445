/**
 * Binary wire format for the HTTP transport: JSON for structure, typed arrays moved as raw
 * bytes (a 285k x 31 table is 35 MB of Float32 — far too big to send as JSON numbers).
 * Layout: [u32 jsonLength][json][padding to 8][array bytes, each padded to 8]...; in the JSON
 * a typed array becomes {"$ta": kind, "o": byteOffset, "n": length}. Non-finite numbers and
 * -0 become {"$num": "NaN"}. Electron IPC does not need this: structured clone moves typed
 * arrays natively. `decode` reads bytes from the network: every offset and length is checked
 * against the message (a view never reaches past it), and a bad message is a WireError.
 */

const KINDS = {
  Float32Array, Float64Array, Int32Array, Uint32Array, Uint8Array, Int8Array, Uint16Array, Int16Array, Uint8ClampedArray,
} as const;
type Kind = keyof typeof KINDS;
type AnyTypedArray = InstanceType<(typeof KINDS)[Kind]>;
type Descriptor = { $ta: Kind; o: number; n: number };

function kindOf(v: unknown): Kind | null {
  if (!ArrayBuffer.isView(v) || v instanceof DataView) return null;
  const name = v.constructor.name;
  return name in KINDS ? (name as Kind) : null;
}

const pad8 = (n: number) => (n + 7) & ~7;

/** A message that is not what `encode` writes. */
export class WireError extends Error {
  constructor(message: string) {
    super(`bad message: ${message}`);
    this.name = 'WireError';
  }
}

const SPECIAL = new Map<string, number>([['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['-0', -0]]);
const special = (v: number): { $num: string } | null => (Number.isFinite(v) && !Object.is(v, -0) ? null : { $num: Object.is(v, -0) ? '-0' : String(v) });

/** Plain data that happens to use our markers would decode as something else: refused. */
function checkKeys(v: object): void {
  if (Object.prototype.hasOwnProperty.call(v, '$ta') || Object.prototype.hasOwnProperty.call(v, '$num')) {
    throw new TypeError('cannot encode an object with a "$ta" or "$num" key (reserved by the wire format)');
  }
}

export function encode(value: unknown): Uint8Array {
  const arrays: AnyTypedArray[] = [];
  const descriptors: Descriptor[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) => {
    const kind = kindOf(v);
    if (kind) {
      const d: Descriptor = { $ta: kind, o: 0, n: (v as AnyTypedArray).length };
      arrays.push(v as AnyTypedArray);
      descriptors.push(d);
      return d;
    }
    if (typeof v === 'number') return special(v) ?? v;
    if (v && typeof v === 'object' && !Array.isArray(v)) checkKeys(v);
    return v;
  });
  // Offsets are only known once the JSON length is: lay out, then re-serialise with them.
  // Offsets take at most 12 digits each, so reserve that room up front.
  const reserve = descriptors.length * 12;
  let at = pad8(4 + new TextEncoder().encode(json).length + reserve);
  for (let i = 0; i < arrays.length; i++) {
    descriptors[i].o = at;
    at = pad8(at + arrays[i].byteLength);
  }
  let k = 0;
  const finalJson = JSON.stringify(value, (_key, v: unknown) => {
    if (kindOf(v)) return descriptors[k++];
    if (typeof v === 'number') return special(v) ?? v;
    return v;
  });
  const jsonBytes = new TextEncoder().encode(finalJson);
  const out = new Uint8Array(at);
  new DataView(out.buffer).setUint32(0, jsonBytes.length, true);
  out.set(jsonBytes, 4);
  arrays.forEach((a, i) => out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), descriptors[i].o));
  return out;
}

export function decode<T>(bytes: Uint8Array): T {
  if (bytes.length < 4) throw new WireError(`${bytes.length} bytes is too short`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(0, true);
  if (jsonLength > bytes.length - 4) throw new WireError(`its JSON part (${jsonLength} bytes) is longer than the message`);
  const json = new TextDecoder().decode(bytes.subarray(4, 4 + jsonLength));
  const dataStart = 4 + jsonLength;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json, (_key, v: unknown) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        if ('$num' in v) return specialOf((v as { $num: unknown }).$num);
        if ('$ta' in v) return arrayOf(bytes, v as Descriptor, dataStart);
      }
      return v;
    });
  } catch (err) {
    if (err instanceof WireError) throw err;
    throw new WireError(`its JSON part does not parse (${err instanceof Error ? err.message : String(err)})`);
  }
  return parsed as T;
}

function specialOf(text: unknown): number {
  const v = typeof text === 'string' ? SPECIAL.get(text) : undefined;
  if (v === undefined) throw new WireError(`unknown number ${JSON.stringify(text)?.slice(0, 20)}`);
  return v;
}

/** A typed array from its descriptor, after checking it lies inside the data part of the message. */
function arrayOf(bytes: Uint8Array, d: Descriptor, dataStart: number): AnyTypedArray {
  if (typeof d.$ta !== 'string' || !Object.prototype.hasOwnProperty.call(KINDS, d.$ta)) throw new WireError(`unknown array kind ${JSON.stringify(d.$ta)?.slice(0, 30)}`);
  const Ctor = KINDS[d.$ta];
  const size = Ctor.BYTES_PER_ELEMENT;
  if (!Number.isSafeInteger(d.o) || !Number.isSafeInteger(d.n) || d.o < dataStart || d.n < 0 || d.o + d.n * size > bytes.length) {
    throw new WireError(`an array (${d.$ta} of ${d.n} at byte ${d.o}) lies outside the message`);
  }
  const start = bytes.byteOffset + d.o;
  // Views need element alignment; copy when the incoming buffer is not aligned.
  if (start % size === 0) return new Ctor(bytes.buffer as ArrayBuffer, start, d.n);
  return new Ctor(bytes.slice(d.o, d.o + d.n * size).buffer);
}
