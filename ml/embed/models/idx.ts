/**
 * IDX files (the MNIST/Fashion-MNIST format): big-endian int32 magic whose low byte is the
 * number of dimensions and whose third byte is the element type (0x08 = unsigned byte),
 * then one big-endian int32 size per dimension, then the data.
 */
export type IdxArray = { shape: number[]; data: Uint8Array };

export function parseIdx(bytes: Uint8Array, file = 'idx'): IdxArray {
  if (bytes.length < 4) throw new Error(`${file}: ${bytes.length} bytes is too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new Error(`${file}: not an IDX file (magic ${view.getUint32(0).toString(16)})`);
  if (bytes[2] !== 0x08) throw new Error(`${file}: element type 0x${bytes[2].toString(16)} is not unsigned byte (0x08)`);
  const rank = bytes[3];
  const headerBytes = 4 + 4 * rank;
  if (rank === 0 || bytes.length < headerBytes) throw new Error(`${file}: truncated header for ${rank} dimensions`);
  const shape: number[] = [];
  for (let d = 0; d < rank; d++) shape.push(view.getUint32(4 + 4 * d, false));
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== headerBytes + count) {
    throw new Error(`${file}: header says ${shape.join('×')} = ${count} bytes of data, file has ${bytes.length - headerBytes}`);
  }
  return { shape, data: bytes.subarray(headerBytes) };
}

/** Writes an unsigned-byte IDX array (used by tests and to round-trip fixtures). */
export function writeIdx(shape: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * shape.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = shape.length;
  shape.forEach((s, d) => view.setUint32(4 + 4 * d, s, false));
  out.set(data, 4 + 4 * shape.length);
  return out;
}
