import { describe, expect, it } from 'vitest';
import { loadTable } from '../../../ml/table/index.ts';
import { featureColumnNames, guessLabelColumn, resolveLabel } from '../../../ml/table/label.ts';
import { tableFeatures } from '../../../ml/train/features.ts';
import { excludedColumns } from '../../../ml/table/label.ts';
import { bytes } from './helpers.ts';

const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

describe('label inference (a guess the user can change)', () => {
  it('finds labels named like real tables name them', async () => {
    const cases: [string, string][] = [
      ['Status', 'good'], ['churn', 'yes'], ['default', '1'], ['fraud', '0'], ['spam', 'y'], ['CARAVAN', '1'],
      ['Survived', '1'], ['loan_status', 'paid'], ['isFraud', '1'], ['Churn Label', 'No'], ['default.payment.next.month', '0'],
    ];
    for (const [name, value] of cases) {
      const other = value === '1' || value === '0' ? (i: number) => String(i % 2) : (i: number) => (i % 3 ? value : 'other');
      const t = await loadTable('t.csv', bytes(`id,amount,${JSON.stringify(name)},note\n${rows(30, (i) => `${i},${i * 1.5},${other(i)},n${i % 4}`)}\n`));
      expect(guessLabelColumn(t).column, name).toBe(name);
    }
  });

  it('falls back to a last column with few classes, never to a measurement or an id', async () => {
    const last = await loadTable('l.csv', bytes(`a,b,grade\n${rows(40, (i) => `${i},${i / 3},${['x', 'y', 'z'][i % 3]}`)}\n`));
    expect(guessLabelColumn(last)).toEqual({ column: 'grade', reason: 'the last column, with 3 classes' });
    const measured = await loadTable('m.csv', bytes(`a,price\n${rows(40, (i) => `${i},${i / 7}`)}\n`));
    expect(guessLabelColumn(measured).column).toBeNull();
    const ids = await loadTable('i.csv', bytes(`a,id\n${rows(40, (i) => `${i % 3},${i}`)}\n`));
    expect(guessLabelColumn(ids).column).toBeNull();
  });

  it('resolves a choice: undefined = the guess, null = none, a name must exist and hold classes', async () => {
    const t = await loadTable('r.csv', bytes(`x,Status,note\n${rows(20, (i) => `${i / 2},${i % 2 ? 'good' : 'bad'},"some words ${i} here"`)}\n`));
    expect(resolveLabel(t, undefined)).toEqual({ column: 'Status', guessed: true });
    expect(resolveLabel(t, null)).toEqual({ column: null, guessed: false });
    expect(resolveLabel(t, 'Status')).toEqual({ column: 'Status', guessed: false });
    expect(() => resolveLabel(t, 'Nope', 'r.csv')).toThrow(/^r\.csv, column Nope: there is no column "Nope"/);
    expect(() => resolveLabel(t, 'x', 'r.csv')).toThrow(/non-integer numbers/);
  });

  it('the label and columns marked "not a feature" never become features', async () => {
    const t = await loadTable('f.csv', bytes(`id,a,b,Status\n${rows(30, (i) => `${i},${i % 5},${(i * 7) % 3},${i % 2 ? 'good' : 'bad'}`)}\n`));
    const roles = { label: 'Status', notFeatures: ['id'] };
    expect(featureColumnNames(t, roles)).toEqual(['a', 'b']);
    const f = tableFeatures(t, { exclude: excludedColumns(roles) });
    expect(f.names.some((n) => n.startsWith('Status') || n === 'id')).toBe(false);
  });
});
