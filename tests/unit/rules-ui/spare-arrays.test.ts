/**
 * Spare arrays of the drag's preparation (spare-arrays.ts): memory handed back is what the
 * next take gets, always zeroed; a spare reserved at rest is used; one spare per use.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dropSpares, giveBack, reserveSteps, spareBytes, take } from '../../../renderer/rules/spare-arrays.ts';
import { runToEnd } from '../../../renderer/rules/steps.ts';

afterEach(dropSpares);

describe('spare arrays', () => {
  it('a take after giveBack reuses that memory, zeroed, also as another element type', () => {
    const a = take('order', Uint32Array, 1000);
    a.fill(7);
    giveBack('order', a);
    const b = take('order', Uint32Array, 600);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(600);
    expect(b.every((v) => v === 0)).toBe(true);
    // Taken: the spare is gone, so the next take is new memory.
    expect(take('order', Uint32Array, 10).buffer).not.toBe(a.buffer);
  });

  it('a spare too small, or of another use, is not taken', () => {
    const a = take('cube', Uint32Array, 100);
    giveBack('cube', a);
    expect(take('cube', Uint32Array, 101).buffer).not.toBe(a.buffer);
    expect(take('rowK', Uint16Array, 10).buffer).not.toBe(a.buffer);
    expect(take('cube', Uint32Array, 100).buffer).toBe(a.buffer);
  });

  it('keeps the larger of two spares of one use, and reserves only what is missing', () => {
    const small = take('rowK', Uint16Array, 100), big = take('rowK', Uint16Array, 5000);
    giveBack('rowK', big);
    giveBack('rowK', small);
    expect(spareBytes()).toBe(10_000);
    runToEnd(reserveSteps('rowK', 8000));
    expect(spareBytes()).toBe(10_000); // already there
    runToEnd(reserveSteps('bins', 3 * 2 ** 20 + 2));
    expect(spareBytes()).toBe(10_000 + 3 * 2 ** 20 + 4);
    const bins = take('bins', Uint16Array, 2 ** 20);
    expect(bins.buffer.byteLength).toBe(3 * 2 ** 20 + 4);
    expect(spareBytes()).toBe(10_000);
    dropSpares();
    expect(spareBytes()).toBe(0);
  });
});
