import { describe, expect, it } from 'vitest';
import { searchRows } from '../../../ml/table/search.ts';
import type { Table } from '../../../ml/table/types.ts';

const table: Table = {
  n: 4,
  columns: [
    { name: 'subject', type: 'text', values: ['Cheap meds NOW', 'Meeting notes', null, 'cheap flights to Rome'] },
    { name: 'label', type: 'categorical', codes: Int32Array.of(0, 1, 1, 0), dictionary: ['spam', 'ham'] },
    { name: 'size', type: 'numeric', values: Float32Array.of(1.5, 2, 2, NaN) },
  ],
};

describe('searchRows', () => {
  it('finds rows containing every word, in any text or category', () => {
    expect(Array.from((searchRows(table, 'cheap') as { rows: Uint32Array }).rows)).toEqual([0, 3]);
    expect(Array.from((searchRows(table, 'cheap spam') as { rows: Uint32Array }).rows)).toEqual([0, 3]);
    expect(Array.from((searchRows(table, 'cheap rome') as { rows: Uint32Array }).rows)).toEqual([3]);
  });
  it('column:value matches one column (categories exactly, numbers by value, text by containment)', () => {
    expect(Array.from((searchRows(table, 'label:ham') as { rows: Uint32Array }).rows)).toEqual([1, 2]);
    expect(Array.from((searchRows(table, 'size = 2') as { rows: Uint32Array }).rows)).toEqual([1, 2]);
    expect(Array.from((searchRows(table, 'subject: notes') as { rows: Uint32Array }).rows)).toEqual([1]);
    expect(Array.from((searchRows(table, 'label:sp') as { rows: Uint32Array }).rows)).toEqual([]);
  });
});
