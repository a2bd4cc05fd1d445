import { describe, expect, it } from 'vitest';
import { applyFeatures, tableFeatures } from '../../../ml/train/features.ts';
import type { Table } from '../../../ml/table/types.ts';

const table: Table = {
  n: 4,
  columns: [
    { name: 'amount', type: 'numeric', values: Float32Array.of(1, 2, 3, 6) },
    { name: 'age', type: 'numeric', values: Float32Array.of(10, NaN, 30, 20) },
    { name: 'grade', type: 'categorical', codes: Int32Array.of(0, 1, -1, 1), dictionary: ['A', 'B'] },
    { name: 'zip', type: 'categorical', codes: Int32Array.of(0, 1, 2, 3), dictionary: ['1', '2', '3', '4'] },
    { name: 'note', type: 'text', values: ['x', null, 'y', 'z'] },
    { name: 'Class', type: 'categorical', codes: Int32Array.of(0, 1, 0, 1), dictionary: ['bad', 'good'] },
  ],
};

describe('tableFeatures', () => {
  it('standardises numerics, adds missing indicators, one-hots small categoricals, drops label and text', () => {
    const f = tableFeatures(table, { exclude: ['Class'], maxLevels: 3 });
    expect(f.names).toEqual(['amount', 'age', 'age missing', 'grade=A', 'grade=B']);
    expect(f.dim).toBe(5);
    const col = (j: number) => Array.from({ length: 4 }, (_, i) => f.data[i * f.dim + j]);
    const amount = col(0);
    const mean = amount.reduce((a, b) => a + b) / 4;
    const variance = amount.reduce((a, b) => a + (b - mean) ** 2, 0) / 4;
    expect(mean).toBeCloseTo(0, 6);
    expect(variance).toBeCloseTo(1, 5);
    // age: mean 20 / std √(200/3) over non-missing; missing → 0 and indicator 1
    expect(col(1)[0]).toBeCloseTo(-10 / Math.sqrt(200 / 3), 5);
    expect(col(1)[1]).toBe(0);
    expect(col(2)).toEqual([0, 1, 0, 0]);
    expect(col(3)).toEqual([1, 0, 0, 0]);
    expect(col(4)).toEqual([0, 1, 0, 1]);
    expect(Array.from(f.data).every(Number.isFinite)).toBe(true);
  });

  it('re-applies a learned spec to another table, matching category levels by name', () => {
    const f = tableFeatures(table, { exclude: ['Class'], maxLevels: 3 });
    const other: Table = {
      n: 1,
      columns: [
        { name: 'amount', type: 'numeric', values: Float32Array.of(3) },
        { name: 'age', type: 'numeric', values: Float32Array.of(20) },
        { name: 'grade', type: 'categorical', codes: Int32Array.of(0), dictionary: ['B'] },
      ],
    };
    const g = applyFeatures(other, f.spec);
    expect(Array.from(g.data)).toEqual([0, 0, 0, 0, 1]);
    expect(() => applyFeatures({ n: 0, columns: [] }, f.spec)).toThrow(/"amount" is missing/);
  });

  it('says clearly when nothing is usable', () => {
    expect(() => tableFeatures(table, { exclude: ['amount', 'age', 'grade', 'zip', 'Class'] })).toThrow(/No usable feature columns/);
  });
});
