import { describe, expect, it } from 'vitest';
import { brushesToCondition, conditionToBrushes, type Brush } from '../../../ml/rules/brushes.ts';
import { parseCondition, formatCondition } from '../../../ml/rules/text.ts';
import { conditionMask } from '../../../ml/rules/compile.ts';
import { mulberry32, randomTable, NUMERIC_NAMES, CATEGORICAL_NAMES } from './gen.ts';

const text = (brushes: Brush[]) => formatCondition(brushesToCondition(brushes));

describe('brushes ↔ conditions', () => {
  it('ORs ranges on one axis and ANDs across axes', () => {
    expect(text([{ column: 'V14', kind: 'numeric', ranges: [[-10, -4.2]] }, { column: 'V17', kind: 'numeric', ranges: [[-9, -2], [1, 3]] }]))
      .toBe('V14 in [-10, -4.2] and (V17 in [-9, -2] or V17 in [1, 3])');
    expect(text([{ column: 'grade', kind: 'categorical', values: ['A', 'B'] }])).toBe('grade in {"A", "B"}');
    expect(text([])).toBe('true');
    expect(text([{ column: 'V1', kind: 'numeric', ranges: [] }, { column: 'g', kind: 'categorical', values: [] }])).toBe('true');
  });

  it('normalises upside-down drags, infinite ends and float32 edges', () => {
    expect(text([{ column: 'V1', kind: 'numeric', ranges: [[5, Math.fround(-4.2)]] }])).toBe('V1 in [-4.2, 5]');
    expect(text([{ column: 'V1', kind: 'numeric', ranges: [[-Infinity, 3]] }])).toBe('V1 <= 3');
    expect(text([{ column: 'V1', kind: 'numeric', ranges: [[-Infinity, 3]], open: [[false, true]] }])).toBe('V1 < 3');
  });

  it('shows typed rules as brushes where it can, null where it cannot', () => {
    const b = (t: string) => conditionToBrushes(parseCondition(t).condition!);
    expect(b('V14 < -4.2 and V17 in [-9, -2]')).toEqual([
      { column: 'V14', kind: 'numeric', ranges: [[-Infinity, -4.2]], open: [[false, true]] },
      { column: 'V17', kind: 'numeric', ranges: [[-9, -2]] },
    ]);
    expect(b('g in {"A"} or g in {"B", "A"}')).toEqual([{ column: 'g', kind: 'categorical', values: ['A', 'B'] }]);
    expect(b('true')).toEqual([]);
    expect(b('not (V1 < 2)')).toBeNull();
    expect(b('g not in {"A"}')).toBeNull();
    expect(b('V1 is missing')).toBeNull();
    expect(b('V1 < 2 or V2 < 3')).toBeNull();
    expect(b('V1 > 0 and V1 < 2')).toBeNull();
    expect(b('false')).toBeNull();
  });

  it('round-trips random brushes exactly, and the condition selects what the brushes select (seeded)', () => {
    const rng = mulberry32(5);
    const table = randomTable(rng, 500);
    for (let t = 0; t < 500; t++) {
      const cols = [...NUMERIC_NAMES, ...CATEGORICAL_NAMES].filter(() => rng() < 0.3);
      const brushes: Brush[] = cols.map((column) => {
        if (CATEGORICAL_NAMES.includes(column)) return { column, kind: 'categorical', values: ['A', 'B', 'C', 'very bad'].filter(() => rng() < 0.5).concat('A') };
        const ranges = Array.from({ length: 1 + Math.floor(rng() * 3) }, (): [number, number] => {
          const a = rng() < 0.1 ? -Infinity : Math.round(rng() * 80 - 40) / 4 || 0;
          return [a, a + Math.round(rng() * 40) / 4];
        });
        return { column, kind: 'numeric', ranges };
      });
      const cond = brushesToCondition(brushes);
      const back = conditionToBrushes(cond);
      expect(back).toEqual(brushes.map((b) => (b.kind === 'categorical' ? { ...b, values: [...new Set(b.values)] } : b)));
      // Reference selection straight from the brushes.
      const mask = conditionMask(table, cond);
      for (let i = 0; i < table.n; i += 7) {
        const sel = brushes.every((b) => {
          const col = table.columns.find((c) => c.name === b.column)!;
          if (b.kind === 'numeric' && col.type === 'numeric') return b.ranges.some(([lo, hi]) => col.values[i] >= lo && col.values[i] <= hi);
          if (b.kind === 'categorical' && col.type === 'categorical') return col.codes[i] >= 0 && b.values.includes(col.dictionary[col.codes[i]]);
          throw new Error('type');
        });
        expect(mask[i]).toBe(sel ? 1 : 0);
      }
    }
  });
});
