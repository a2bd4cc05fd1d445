/**
 * The big arrays a drag's preparation writes (the cube's counts, the candidates' order, their
 * cube rows, an axis' row bins), kept for the next preparation instead of being freed.
 *
 * Why: a fresh typed array's memory is mapped page by page as it is first written. Measured in
 * Chromium here, the first fill of a fresh 20 MB array takes ~60 ms, a reused one ~1 ms — at
 * 1M rows that was a third of the first preparation. So the chart, once settled, sets one of
 * each aside and writes it through (`reserveSteps`, in slices), and a preparation hands its
 * arrays on when the next one replaces it (`giveBack`).
 *
 * Memory stays bounded: one spare per use, the largest kept — at 1M rows 2 + 4 + 2 bytes per
 * row and one cube (≤ CUBE_BUDGET), ~25 MB with the credit-card table. Pure but for that
 * state; no DOM.
 */
import { CHUNK, type Steps } from './steps.ts';

export type Use = 'cube' | 'order' | 'rowK' | 'bins';

const spares = new Map<Use, ArrayBuffer>();

type Ctor<T> = { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number };

/** A zeroed array of `length`, in the spare of `use` when it is big enough, else new. */
export function take<T extends Uint16Array | Uint32Array>(use: Use, C: Ctor<T>, length: number): T {
  const bytes = length * C.BYTES_PER_ELEMENT;
  const spare = spares.get(use);
  if (!spare || spare.byteLength < bytes) return new C(new ArrayBuffer(bytes), 0, length);
  spares.delete(use);
  const a = new C(spare, 0, length);
  a.fill(0);
  return a;
}

/** `array` is not used any longer: its memory is the spare of `use` (if larger than the one kept). */
export function giveBack(use: Use, array: Uint16Array | Uint32Array): void {
  const spare = spares.get(use);
  if (!spare || spare.byteLength < array.buffer.byteLength) spares.set(use, array.buffer as ArrayBuffer);
}

/** Makes sure a spare of `bytes` for `use` exists, written through (mapped) in chunks. */
export function* reserveSteps(use: Use, bytes: number): Steps<void> {
  if ((spares.get(use)?.byteLength ?? 0) >= bytes) return;
  const words = new Uint32Array(Math.ceil(bytes / 4));
  for (let i = 0; i < words.length; i += CHUNK) {
    words.fill(0, i, i + CHUNK);
    yield;
  }
  spares.set(use, words.buffer);
}

/** Lets every spare go (the chart is gone). */
export function dropSpares(): void {
  spares.clear();
}

/** Bytes held in spares, of one use or all (tests). */
export const spareBytes = (use?: Use): number => (use ? spares.get(use)?.byteLength ?? 0 : [...spares.values()].reduce((s, b) => s + b.byteLength, 0));
