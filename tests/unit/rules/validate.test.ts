import { describe, expect, it } from 'vitest';
import { validateCondition, validateRuleSet } from '../../../ml/rules/validate.ts';
import { mulberry32, randomRuleSet } from './gen.ts';

describe('validateRuleSet', () => {
  it('accepts every spec the generator makes, unchanged after a JSON round trip', () => {
    const rng = mulberry32(11);
    for (let t = 0; t < 300; t++) {
      const set = randomRuleSet(rng);
      const r = validateRuleSet(JSON.parse(JSON.stringify(set)));
      expect(r).toEqual({ ok: true, value: set });
    }
  });

  it('names the path of the first problem', () => {
    const base = { rules: [{ id: 'a', name: '', target: 'x', enabled: true, when: { op: 'and', of: [{ op: 'range', column: 'V1', lo: 1, hi: null }] } }], defaultClass: null };
    const broken = (f: (s: typeof base & Record<string, unknown>) => void) => {
      const s = JSON.parse(JSON.stringify(base));
      f(s);
      const r = validateRuleSet(s);
      return r.ok ? 'ok' : r.error;
    };
    expect(broken(() => {})).toBe('ok');
    expect(broken((s) => { (s.rules[0].when.of[0] as Record<string, unknown>).lo = '1'; })).toBe('rules.rules[0].when.of[0].lo: expected a finite number or null, found "1"');
    expect(broken((s) => { (s.rules[0].when.of[0] as Record<string, unknown>).op = 'between'; })).toBe("rules.rules[0].when.of[0].op: expected one of 'range', 'in', 'missing', 'not', 'and', 'or', found \"between\"");
    expect(broken((s) => { delete (s.rules[0] as Record<string, unknown>).enabled; })).toBe('rules.rules[0].enabled: expected true or false, found nothing');
    expect(broken((s) => { s.rules.push({ ...s.rules[0] }); })).toBe('rules.rules[1].id: expected an id no other rule has, found "a"');
    expect(broken((s) => { s.defaultClass = 3 as never; })).toBe('rules.defaultClass: expected a string, found 3');
    expect(validateRuleSet(null)).toEqual({ ok: false, error: 'rules: expected a rule set object, found null' });
    expect(validateCondition({ op: 'in', column: 'g', values: ['a', 2] })).toEqual({ ok: false, error: 'when.values[1]: expected a string, found 2' });
  });
});
