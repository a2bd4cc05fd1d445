/**
 * NumPy .npy reader for embedding matrices, following numpy's format spec
 * (numpy.lib.format): the magic "\x93NUMPY", a version byte pair (1.0: u16 header length;
 * 2.0: u32; 3.0: u32 and a UTF-8 header), then a Python dict literal
 * {'descr': '<f4', 'fortran_order': False, 'shape': (n, d), } padded with spaces to a multiple of
 * 64 bytes and ended by '\n', then the raw array. We read 2-D float16/32/64 (either byte order;
 * integer dtypes too, as users do save those) and transpose Fortran-ordered arrays.
 * Errors are LoadErrors located by byte offset or by (1-based) row and column.
 */
import { LoadError } from '../../table/types.ts';
import type { ImportedEmbedding } from './types.ts';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

type Dtype = { kind: 'f' | 'i' | 'u'; size: number; little: boolean; name: string };

/** The header dict fields we need, from numpy's repr of a dict (either quote style). */
export function parseNpyHeader(header: string, file: string): { descr: string; fortran: boolean; shape: number[] } {
  const text = header.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) throw new LoadError(`the .npy header is not a dict literal: ${text.slice(0, 80)}`, { file, byte: 10 });
  const descr = text.match(/['"]descr['"]\s*:\s*['"]([^'"]*)['"]/);
  if (!descr) {
    if (/['"]descr['"]\s*:\s*\[/.test(text)) throw new LoadError('structured dtypes (records with named fields) are not supported: expected a plain float array', { file });
    throw new LoadError("the .npy header has no 'descr' (dtype) entry", { file });
  }
  const fortran = text.match(/['"]fortran_order['"]\s*:\s*(True|False)/);
  if (!fortran) throw new LoadError("the .npy header has no 'fortran_order' entry (True or False)", { file });
  const shape = text.match(/['"]shape['"]\s*:\s*\(([^)]*)\)/);
  if (!shape) throw new LoadError("the .npy header has no 'shape' tuple", { file });
  const dims = shape[1].split(',').map((s) => s.trim()).filter((s) => s.length > 0).map((s) => {
    const v = Number(s.replace(/L$/, '')); // Python 2 wrote longs as 10L
    if (!Number.isInteger(v) || v < 0) throw new LoadError(`the .npy shape has a bad dimension "${s}"`, { file });
    return v;
  });
  return { descr: descr[1], fortran: fortran[1] === 'True', shape: dims };
}

function parseDtype(descr: string, file: string): Dtype {
  const m = descr.match(/^([<>|=]?)([fiu])(\d+)$/);
  const size = m ? Number(m[3]) : 0;
  const ok = m && (m[2] === 'f' ? [2, 4, 8].includes(size) : [1, 2, 4, 8].includes(size));
  if (!m || !ok) throw new LoadError(`unsupported dtype '${descr}': expected float16, float32 or float64 ('<f2', '<f4', '<f8'; integer dtypes also work)`, { file });
  // '=' is native order, which is little-endian on every machine numpy users have today.
  return { kind: m[2] as Dtype['kind'], size, little: m[1] !== '>', name: descr };
}

/** IEEE 754 half → number. */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1, e = (h >> 10) & 0x1f, f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

function reader(view: DataView, t: Dtype): (byte: number) => number {
  const le = t.little;
  switch (`${t.kind}${t.size}`) {
    case 'f2': return (o) => halfToFloat(view.getUint16(o, le));
    case 'f4': return (o) => view.getFloat32(o, le);
    case 'f8': return (o) => view.getFloat64(o, le);
    case 'i1': return (o) => view.getInt8(o);
    case 'u1': return (o) => view.getUint8(o);
    case 'i2': return (o) => view.getInt16(o, le);
    case 'u2': return (o) => view.getUint16(o, le);
    case 'i4': return (o) => view.getInt32(o, le);
    case 'u4': return (o) => view.getUint32(o, le);
    case 'i8': return (o) => Number(view.getBigInt64(o, le));
    default: return (o) => Number(view.getBigUint64(o, le));
  }
}

export function parseNpy(file: string, bytes: Uint8Array): ImportedEmbedding {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new LoadError('not a .npy file: expected the magic bytes \\x93NUMPY at the start', { file, byte: 0 });
  const major = bytes[6], minor = bytes[7];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number, headerStart: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new LoadError('the .npy file ends inside its header length', { file, byte: bytes.length });
    headerLen = view.getUint32(8, true);
    headerStart = 12;
  } else throw new LoadError(`unsupported .npy format version ${major}.${minor} (known: 1.0, 2.0, 3.0)`, { file, byte: 6 });
  const dataStart = headerStart + headerLen;
  if (dataStart > bytes.length) throw new LoadError(`the .npy header says it is ${headerLen} bytes but the file ends at byte ${bytes.length} (truncated?)`, { file, byte: bytes.length });
  const headerBytes = bytes.subarray(headerStart, dataStart);
  // 1.0 and 2.0 headers are latin-1; 3.0 is UTF-8.
  const header = major === 3 ? new TextDecoder().decode(headerBytes) : String.fromCharCode(...headerBytes);
  const { descr, fortran, shape } = parseNpyHeader(header, file);
  const dtype = parseDtype(descr, file);
  if (shape.length !== 2) {
    const hint = shape.length === 1 ? ' (a single vector: reshape it to (1, d) or save the whole matrix)' : '';
    throw new LoadError(`expected a 2-D array (rows × dimensions), found shape (${shape.join(', ')})${hint}`, { file });
  }
  const [n, dim] = shape;
  if (dim === 0) throw new LoadError('the array has 0 dimensions per row', { file });
  const need = n * dim * dtype.size;
  if (bytes.length - dataStart < need) {
    throw new LoadError(`the file is truncated: shape (${n}, ${dim}) of ${descr} needs ${need} data bytes, found ${bytes.length - dataStart}`, { file, byte: bytes.length });
  }
  const data = new Float32Array(n * dim);
  const at = bytes.byteOffset + dataStart;
  if (dtype.kind === 'f' && dtype.size === 4 && dtype.little && at % 4 === 0 && !fortran) {
    data.set(new Float32Array(bytes.buffer, at, n * dim)); // the common case: one copy
  } else {
    const read = reader(view, dtype);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < dim; j++) {
        // Fortran order stores column j contiguously: element (i, j) is the (j·n + i)-th.
        const k = fortran ? j * n + i : i * dim + j;
        data[i * dim + j] = read(dataStart + k * dtype.size);
      }
    }
  }
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      throw new LoadError(`value is ${data[k]}: embeddings must be finite numbers`, { file, row: Math.floor(k / dim) + 1, column: (k % dim) + 1 });
    }
  }
  // float64 values beyond float32's range become Infinity above; the check catches them too.
  return { n, dim, data, source: `${descr}${fortran ? ', Fortran order (transposed)' : ''}, .npy v${major}.${minor}` };
}
