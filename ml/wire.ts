/**
 * Binary wire format for the HTTP transport: JSON for structure, typed arrays moved as raw
 * bytes (a 285k x 31 table is 35 MB of Float32 — far too big to send as JSON numbers).
 * Layout: [u32 jsonLength][json][padding to 8][array bytes, each padded to 8]...; in the JSON
 * a typed array becomes {"$ta": kind, "o": byteOffset, "n": length}. Non-finite numbers
 * become {"$num": "NaN"}. Electron IPC does not need this: structured clone moves typed
 * arrays natively.
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
    if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
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
    if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
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
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(0, true);
  const json = new TextDecoder().decode(bytes.subarray(4, 4 + jsonLength));
  return JSON.parse(json, (_key, v: unknown) => {
    if (v && typeof v === 'object') {
      if ('$num' in v) return Number((v as { $num: string }).$num);
      if ('$ta' in v) {
        const d = v as Descriptor;
        const Ctor = KINDS[d.$ta];
        const start = bytes.byteOffset + d.o;
        // Views need element alignment; copy when the incoming buffer is not aligned.
        if (start % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(bytes.buffer as ArrayBuffer, start, d.n);
        return new Ctor(bytes.slice(d.o, d.o + d.n * Ctor.BYTES_PER_ELEMENT).buffer);
      }
    }
    return v;
  }) as T;
}
