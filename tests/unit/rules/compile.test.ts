import { describe, expect, it } from 'vitest';
import { RuleError, checkRuleSet, conditionMask, conditionToSql, ruleSetAssign, ruleSetToSql, ruleToSql, ruleSetCaseSql } from '../../../ml/rules/compile.ts';
import { parseCondition, parseRules } from '../../../ml/rules/text.ts';
import { compileKernel } from '../../../ml/rules/kernels.ts';
import type { RuleSet } from '../../../ml/rules/spec.ts';
import type { Table } from '../../../ml/table/types.ts';
import { mulberry32, randomTable } from './gen.ts';
import { evalCondition, reference } from './reference.ts';

describe('conditionMask', () => {
  it('matches the row-at-a-time reference on random tables with missing values (property, seeded)', () => {
    const rng = mulberry32(2024);
    for (let t = 0; t < 40; t++) {
      const table = randomTable(rng, 300);
      for (let q = 0; q < 40; q++) {
        const c = evalCondition(rng);
        const mask = conditionMask(table, c);
        for (let i = 0; i < table.n; i++) {
          if (mask[i] !== (reference(table, c, i) ? 1 : 0)) throw new Error(`row ${i} differs for ${JSON.stringify(c)}`);
        }
      }
    }
  });

  it('select / refine / test paths agree with the mask (property, seeded)', () => {
    const rng = mulberry32(99);
    for (let t = 0; t < 20; t++) {
      const table = randomTable(rng, 250);
      for (let q = 0; q < 40; q++) {
        const c = evalCondition(rng);
        const k = compileKernel(table, c, null);
        const mask = conditionMask(table, c);
        const expected = [...mask.keys()].filter((i) => mask[i]);
        const idx = new Uint32Array(table.n);
        expect(Array.from(idx.subarray(0, k.select(idx)))).toEqual(expected);
        const subset = Uint32Array.from([...mask.keys()].filter(() => rng() < 0.5));
        const want = Array.from(subset).filter((i) => mask[i] === 1);
        expect(Array.from(subset.subarray(0, k.refine(subset, subset.length)))).toEqual(want);
        for (let i = 0; i < table.n; i++) expect(k.test(i)).toBe(mask[i] === 1);
      }
    }
  });

  it('compares bounds at float32 precision and treats open ends exactly', () => {
    const table: Table = { n: 5, columns: [{ name: 'v', type: 'numeric', values: new Float32Array([-4.2, -4.3, -4.1, NaN, 0.1]) }] };
    const m = (text: string) => Array.from(conditionMask(table, parseCondition(text).condition!));
    expect(m('v <= -4.2')).toEqual([1, 1, 0, 0, 0]);
    expect(m('v < -4.2')).toEqual([0, 1, 0, 0, 0]);
    expect(m('v >= -4.2')).toEqual([1, 0, 1, 0, 1]);
    expect(m('v > -4.2')).toEqual([0, 0, 1, 0, 1]);
    expect(m('v in [-4.2, 0.1]')).toEqual([1, 0, 1, 0, 1]);
    expect(m('v in (-4.2, 0.1)')).toEqual([0, 0, 1, 0, 0]);
    expect(m('v = 0.1')).toEqual([0, 0, 0, 0, 1]);
    expect(m('v is missing')).toEqual([0, 0, 0, 1, 0]);
    expect(m('not (v < 0)')).toEqual([0, 0, 0, 1, 1]);
    expect(m('v in [-inf, inf]')).toEqual([1, 1, 1, 0, 1]);
  });

  it('never matches missing with in / not in; not (…) is the exact complement', () => {
    const table: Table = { n: 4, columns: [{ name: 'g', type: 'categorical', dictionary: ['A', 'B'], codes: new Int32Array([0, 1, -1, 0]) }] };
    const m = (text: string) => Array.from(conditionMask(table, parseCondition(text).condition!));
    expect(m('g in {"A"}')).toEqual([1, 0, 0, 1]);
    expect(m('g not in {"A"}')).toEqual([0, 1, 0, 0]);
    expect(m('not (g in {"A"})')).toEqual([0, 1, 1, 0]);
    expect(m('g in {"Z"}')).toEqual([0, 0, 0, 0]);
    expect(m('g is missing or g = B')).toEqual([0, 1, 1, 0]);
    expect(m('true')).toEqual([1, 1, 1, 1]);
    expect(m('false')).toEqual([0, 0, 0, 0]);
  });

  it('writes into a given buffer and throws RuleError for unknown columns and wrong types', () => {
    const table: Table = { n: 3, columns: [{ name: 'v', type: 'numeric', values: new Float32Array([1, 2, 3]) }, { name: 'g', type: 'categorical', dictionary: ['A'], codes: new Int32Array([0, 0, 0]) }] };
    const out = new Uint8Array(3).fill(7);
    expect(conditionMask(table, parseCondition('v > 1').condition!, out)).toBe(out);
    expect(Array.from(out)).toEqual([0, 1, 1]);
    expect(() => conditionMask(table, parseCondition('w > 1').condition!)).toThrow(RuleError);
    expect(() => conditionMask(table, parseCondition('g > 1').condition!)).toThrow(/`g` is categorical/);
    expect(() => conditionMask(table, parseCondition('v in {"1"}').condition!)).toThrow(/`v` is numeric/);
    const set = parseRules('v > 1 => a\nw < 2 => b\ndisabled: g < 1 => c');
    const errors = checkRuleSet(table, { rules: set.rules, defaultClass: null });
    expect(errors.map((e) => [e.ruleId, e.column])).toEqual([['r2', 'w'], ['r3', 'g']]);
    expect(() => ruleSetAssign(table, { rules: set.rules, defaultClass: null })).toThrow(expect.objectContaining({ ruleId: 'r2' }));
  });
});

describe('ruleSetAssign', () => {
  it('first enabled match wins; uncovered rows are -1', () => {
    const table: Table = { n: 6, columns: [{ name: 'x', type: 'numeric', values: new Float32Array([0, 1, 2, 3, 4, NaN]) }] };
    const { rules } = parseRules('x >= 3 => hi\ndisabled: x >= 0 => never\nx >= 1 => mid\nx >= 2 => shadowed');
    expect(Array.from(ruleSetAssign(table, { rules, defaultClass: 'lo' }))).toEqual([-1, 2, 2, 0, 0, -1]);
  });

  it('agrees with the reference on random rule sets (property, seeded)', () => {
    const rng = mulberry32(77);
    for (let t = 0; t < 30; t++) {
      const table = randomTable(rng, 400);
      const rules = Array.from({ length: 1 + Math.floor(rng() * 6) }, (_, k) => ({ id: `r${k}`, name: '', target: 'c', when: evalCondition(rng), enabled: rng() < 0.8 }));
      const assign = ruleSetAssign(table, { rules, defaultClass: null });
      for (let i = 0; i < table.n; i++) {
        const expected = rules.findIndex((r) => r.enabled && reference(table, r.when, i));
        expect(assign[i]).toBe(expected);
      }
    }
  });
});

describe('SQL', () => {
  const set: RuleSet = {
    rules: parseRules([
      '"deep": V14 < -4.2 and V17 in [-9, -2] => fraud',
      "`home owner` not in {\"it's\", \"B\"} or \"we\"\"ird\" is missing => 'bad'",
      'disabled: V1 > 0 => off',
      'not (grade in {"A"}) and 0 < V1 <= 1 => "o\'k"',
    ].join('\n').replace(/"we""ird"/, '`we"ird`').replace("'bad'", 'bad')).rules,
    defaultClass: null,
  };

  it('writes conditions with quoted identifiers and escaped strings', () => {
    expect(conditionToSql(set.rules[0].when)).toBe('("V14" < -4.2 AND "V17" BETWEEN -9 AND -2)');
    expect(conditionToSql(set.rules[1].when)).toBe('("home owner" NOT IN (\'it\'\'s\', \'B\') OR "we""ird" IS NULL)');
    expect(conditionToSql(set.rules[3].when)).toBe('(NOT COALESCE("grade" IN (\'A\'), FALSE) AND ("V1" > 0 AND "V1" <= 1))');
    expect(conditionToSql({ op: 'and', of: [] })).toBe('TRUE');
    expect(conditionToSql({ op: 'in', column: 'g', values: [] })).toBe('FALSE');
  });

  it('writes a rule and a whole rule set as CASE WHEN … ELSE NULL END', () => {
    expect(ruleToSql(set.rules[0])).toBe(`CASE WHEN ("V14" < -4.2 AND "V17" BETWEEN -9 AND -2) THEN 'fraud' ELSE NULL END`);
    expect(ruleSetToSql(set, 'credit card')).toBe([
      'SELECT *,',
      'CASE',
      `  WHEN ("V14" < -4.2 AND "V17" BETWEEN -9 AND -2) THEN 'fraud' -- deep`,
      `  WHEN ("home owner" NOT IN ('it''s', 'B') OR "we""ird" IS NULL) THEN 'bad'`,
      `  WHEN (NOT COALESCE("grade" IN ('A'), FALSE) AND ("V1" > 0 AND "V1" <= 1)) THEN 'o''k'`,
      '  ELSE NULL',
      'END AS "predicted_class"',
      'FROM "credit card"',
    ].join('\n'));
    expect(ruleSetCaseSql({ rules: [], defaultClass: 'good' })).toBe("'good'");
  });
});
