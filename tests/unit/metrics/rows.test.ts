import { describe, expect, it } from 'vitest';
import { allRows, heldOutRows, intersectRows, rowIndices, rowSetFromIndices, rowSetFromMask } from '../../../ml/metrics/index.ts';

describe('row sets', () => {
  it('say which rows and how many, in words', () => {
    const held = heldOutRows(2500, Uint32Array.from({ length: 500 }, (_, i) => i * 5));
    expect(held.count).toBe(2000);
    expect(held.description).toBe('2,000 held-out rows');
    expect(held.mask[0]).toBe(0);
    expect(held.mask[1]).toBe(1);
    const some = rowSetFromIndices(2500, [0, 1, 2, 2, 3], 'selected rows');
    expect(some.description).toBe('4 selected rows');
    expect(Array.from(rowIndices(intersectRows(some, held.mask, 'selected held-out rows')))).toEqual([1, 2, 3]);
    expect(allRows(3).description).toBe('3 rows');
    expect(rowSetFromMask(Uint8Array.of(0, 7, 1), 'x').count).toBe(2);
    expect(() => rowSetFromIndices(3, [3], 'x')).toThrow(/row index 3 is outside the table \(0\.\.2\)/);
    expect(() => heldOutRows(3, [5])).toThrow(/training row 5/);
  });
});
