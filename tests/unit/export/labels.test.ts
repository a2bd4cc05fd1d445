/**
 * Labels and results out (ml/export/labels.ts): CSV, JSON lines and Parquet carry every
 * original column unchanged (read back by the app's own loader) plus the user's label, the
 * rule prediction and rule, the model's prediction and confidence.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadTable } from '../../../ml/table/index.ts';
import { encodeLabels, LABELS_FORMATS } from '../../../ml/export/labels.ts';
import { parseRules } from '../../../ml/rules/text.ts';
import { ruleSetAssign } from '../../../ml/rules/compile.ts';
import { numberAt } from '../../../ml/rules/numbers.ts';
import { mulberry32 } from '../../../ml/random.ts';
import type { Column, Table } from '../../../ml/table/types.ts';

const cells = (c: Column, n: number) => Array.from({ length: n }, (_, i) =>
  c.type === 'numeric' ? numberAt(c, i) + 0 : c.type === 'categorical' ? (c.codes[i] < 0 ? null : c.dictionary[c.codes[i]]) : c.values[i]);

describe('labels export', () => {
  it('every original column comes back unchanged, with label, rule and model columns, in all three formats', async () => {
    const bytes = new Uint8Array(readFileSync('datasets/lending_club.csv'));
    const loans = await loadTable('lending_club.csv', bytes);
    // An exact-number column too, so the file's numbers (not float32) must travel.
    const table: Table = { n: loans.n, columns: [...loans.columns, { name: 'ratio', type: 'numeric', values: new Float32Array(loans.n).map((_, i) => i / 3), exact: Float64Array.from({ length: loans.n }, (_, i) => i / 3) }] };
    const rng = mulberry32(4);
    const assigned: [number, number][] = [[0, 1], [5, 0], [17, 1]];
    const set = { rules: parseRules('"high": int_rate > 20 => bad\nannual_inc < 20000 => bad').rules, defaultClass: null };
    const proba = Float32Array.from({ length: loans.n * 2 }, () => rng());
    for (const format of LABELS_FORMATS) {
      const out = encodeLabels({ table, labels: { classes: ['bad', 'good'], assigned }, ruleSet: set, model: { classes: ['bad', 'good'], proba } }, format);
      const back = await loadTable(`labels.${format}`, out);
      expect(back.n).toBe(table.n);
      expect(back.columns.map((c) => c.name)).toEqual([...table.columns.map((c) => c.name), 'user_label', 'rule_prediction', 'rule', 'model_prediction', 'model_confidence']);
      for (const c of table.columns) expect(cells(back.columns.find((b) => b.name === c.name)!, back.n), `${format} ${c.name}`).toEqual(cells(c, table.n));
      const col = (name: string) => cells(back.columns.find((b) => b.name === name)!, back.n);
      const user = col('user_label');
      expect([user[0], user[5], user[17], user[1]]).toEqual(['good', 'bad', 'good', null]);
      const assign = ruleSetAssign(table, set);
      expect(col('rule_prediction')).toEqual(Array.from(assign, (k) => (k < 0 ? null : 'bad')));
      expect(col('rule')).toEqual(Array.from(assign, (k) => (k < 0 ? null : k === 0 ? 'high' : 'rule 2')));
      const model = col('model_prediction');
      const conf = col('model_confidence') as number[];
      for (let i = 0; i < 50; i++) {
        const c = proba[2 * i + 1] > proba[2 * i] ? 1 : 0;
        expect(model[i]).toBe(['bad', 'good'][c]);
        expect(conf[i]).toBeCloseTo(proba[2 * i + c], 6);
      }
    }
  });
});
