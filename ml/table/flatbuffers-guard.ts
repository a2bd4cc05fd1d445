/**
 * Arrow IPC metadata is FlatBuffers, and the FlatBuffers JavaScript runtime (which
 * apache-arrow uses) has no verifier: a vector length read from a damaged file is trusted, so
 * a 1 KB file claiming 15 million schema fields sends apache-arrow into a loop of that many
 * steps (found by the property tests). A vector of n elements needs at least n bytes, so a
 * length beyond the buffer is refused here, once, for every reader in this process.
 */
import { ByteBuffer } from 'flatbuffers';

const GUARDED = Symbol.for('machine-teacher.flatbuffers-guard');
type Guarded = typeof ByteBuffer.prototype & { [GUARDED]?: true };

const proto = ByteBuffer.prototype as Guarded;
if (!proto[GUARDED]) {
  const vectorLength = proto.__vector_len;
  proto.__vector_len = function guardedVectorLength(this: ByteBuffer, offset: number): number {
    const n = vectorLength.call(this, offset);
    if (n < 0 || n > this.capacity()) throw new RangeError(`corrupt Arrow metadata: a list of ${n} entries in ${this.capacity()} bytes`);
    return n;
  };
  proto[GUARDED] = true;
}
