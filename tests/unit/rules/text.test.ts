import { describe, expect, it } from 'vitest';
import { formatRule, formatRules, formatRuleTextError, parseCondition, parseRule, parseRules, formatNumber, type ColumnInfo } from '../../../ml/rules/text.ts';
import type { Condition, RangeCond } from '../../../ml/rules/spec.ts';
import { roundToResolution, snapF32 } from '../../../ml/rules/numbers.ts';
import { mulberry32, randomCondition, randomRuleSet } from './gen.ts';

const cond = (text: string, columns?: ColumnInfo[]): Condition => {
  const r = parseCondition(text, columns);
  expect(r.errors).toEqual([]);
  return r.condition!;
};
const range = (column: string, lo: number | null, hi: number | null, loOpen = false, hiOpen = false): RangeCond => ({ op: 'range', column, lo, hi, loOpen, hiOpen });
const firstError = (text: string, columns?: ColumnInfo[]) => {
  const r = parseRules(text, columns);
  expect(r.errors.length).toBeGreaterThan(0);
  return formatRuleTextError(r.errors[0]);
};

const COLUMNS: ColumnInfo[] = [
  { name: 'V14', type: 'numeric' },
  { name: 'V17', type: 'numeric' },
  { name: 'loan amount ($)', type: 'numeric' },
  { name: 'grade', type: 'categorical', categories: ['A', 'B', 'C'] },
  { name: 'title', type: 'text' },
];

describe('rule text: valid forms', () => {
  it('parses the example rule from the issue', () => {
    const { rules, errors } = parseRules('V14 < -4.2 and V17 in [-9, -2] => fraud');
    expect(errors).toEqual([]);
    expect(rules).toEqual([{ id: 'r1', name: '', target: 'fraud', enabled: true, when: { op: 'and', of: [range('V14', null, -4.2, false, true), range('V17', -9, -2)] } }]);
  });

  it('reads every comparison form', () => {
    expect(cond('V14 < 1')).toEqual(range('V14', null, 1, false, true));
    expect(cond('V14 <= 1')).toEqual(range('V14', null, 1));
    expect(cond('V14 ≤ 1')).toEqual(range('V14', null, 1));
    expect(cond('V14 > -1e-3')).toEqual(range('V14', -0.001, null, true));
    expect(cond('V14 >= .5')).toEqual(range('V14', 0.5, null));
    expect(cond('V14 in [1, 2]')).toEqual(range('V14', 1, 2));
    expect(cond('V14 in (1, 2]')).toEqual(range('V14', 1, 2, true, false));
    expect(cond('V14 in [1, 2)')).toEqual(range('V14', 1, 2, false, true));
    expect(cond('-9 <= V17 < -2')).toEqual(range('V17', -9, -2, false, true));
    expect(cond('-2 > V17 >= -9')).toEqual(range('V17', -9, -2, false, true));
    expect(cond('3 < V1')).toEqual(range('V1', 3, null, true));
    expect(cond('V1 in [-inf, 5]')).toEqual(range('V1', null, 5));
    expect(cond('V1 = 5')).toEqual(range('V1', 5, 5));
    expect(cond('grade in {"A", \'B\', C, 1}')).toEqual({ op: 'in', column: 'grade', values: ['A', 'B', 'C', '1'] });
    expect(cond('grade not in {"A"}')).toEqual({ op: 'in', column: 'grade', values: ['A'], negate: true });
    expect(cond('grade = "A"')).toEqual({ op: 'in', column: 'grade', values: ['A'] });
    expect(cond('grade != A')).toEqual({ op: 'in', column: 'grade', values: ['A'], negate: true });
    expect(cond('grade in {}')).toEqual({ op: 'in', column: 'grade', values: [] });
    expect(cond('grade is missing')).toEqual({ op: 'missing', column: 'grade' });
    expect(cond('grade IS NOT MISSING')).toEqual({ op: 'not', of: { op: 'missing', column: 'grade' } });
    expect(cond('true')).toEqual({ op: 'and', of: [] });
  });

  it('gives and precedence over or, honours parentheses and not, and flattens chains', () => {
    expect(cond('a < 1 or b < 2 and c < 3')).toEqual({ op: 'or', of: [range('a', null, 1, false, true), { op: 'and', of: [range('b', null, 2, false, true), range('c', null, 3, false, true)] }] });
    expect(cond('(a < 1 or b < 2) and c < 3')).toEqual({ op: 'and', of: [{ op: 'or', of: [range('a', null, 1, false, true), range('b', null, 2, false, true)] }, range('c', null, 3, false, true)] });
    expect(cond('a < 1 and (b < 2 and c < 3)')).toEqual({ op: 'and', of: [range('a', null, 1, false, true), range('b', null, 2, false, true), range('c', null, 3, false, true)] });
    expect(cond('not (a < 1) AND not b is missing')).toEqual({ op: 'and', of: [{ op: 'not', of: range('a', null, 1, false, true) }, { op: 'not', of: { op: 'missing', column: 'b' } }] });
  });

  it('skips comments and blank lines, keeps ids by position, reads names, disabled rules and else', () => {
    const text = [
      '# fraud rules',
      '',
      '"deep V14": V14 < -4.2 => 1   # trailing comment',
      '   ',
      'disabled: `loan amount ($)` > 30000 => "very bad"',
      'grade in {"C"} => bad # with # twice',
      'else => good',
    ].join('\n');
    const r = parseRules(text, COLUMNS, { ids: ['keep-me'] });
    expect(r.errors).toEqual([]);
    expect(r.defaultClass).toBe('good');
    expect(r.rules.map((x) => [x.id, x.name, x.target, x.enabled])).toEqual([
      ['keep-me', 'deep V14', '1', true],
      ['r2', '', 'very bad', false],
      ['r3', '', 'bad', true],
    ]);
    expect(r.rules[1].when).toEqual(range('loan amount ($)', 30000, null, true));
  });

  it('reads backticked names with spaces, symbols, keywords and doubled backticks', () => {
    expect(cond('`my col` < 1')).toEqual(range('my col', null, 1, false, true));
    expect(cond('`and` is missing')).toEqual({ op: 'missing', column: 'and' });
    expect(cond('`a``b` > 2')).toEqual(range('a`b', 2, null, true));
    expect(cond('`# not a comment` in {"#"}')).toEqual({ op: 'in', column: '# not a comment', values: ['#'] });
  });

  it('reads quoted classes and string escapes', () => {
    expect(parseRule('a < 1 => "very \\"bad\\""').rule!.target).toBe('very "bad"');
    expect(parseRule("a < 1 => 'it''s'").errors.length).toBe(1);
    expect(parseRule('a < 1 => -1').rule!.target).toBe('-1');
    expect(parseRule('a < 1 => 1.0').rule!.target).toBe('1.0');
  });
});

describe('rule text: located errors', () => {
  it('points at the token with a human message', () => {
    expect(firstError('# c\n\nV14 < => 1')).toBe("line 3, col 7: expected a number after '<', found '=>'");
    expect(firstError('V99 > 3 => 1', COLUMNS)).toBe('line 1, col 1: unknown column `V99`');
    expect(firstError('v14 > 3 => 1', COLUMNS)).toBe('line 1, col 1: unknown column `v14` (did you mean `V14`?)');
    expect(firstError('V14 in [3, 1] => 1')).toBe('line 1, col 8: `in [a, b]` needs a ≤ b (got 3 > 1)');
    expect(firstError('V14 < 3')).toBe('line 1, col 8: expected `=> class` at the end of the rule');
    expect(firstError('V14 < 3 =>')).toBe("line 1, col 11: expected a class after '=>' (e.g. `=> bad` or `=> \"very bad\"`)");
    expect(firstError('V14 < 3 => very bad')).toBe("line 1, col 17: unexpected 'bad' after the class; quote a class with spaces: `=> \"very bad\"`");
    expect(firstError('V14 < 3 V17 > 2 => x')).toBe("line 1, col 9: expected 'and', 'or' or '=> class', found 'V17'");
    expect(firstError('grade < 3 => x', COLUMNS)).toBe('line 1, col 1: `grade` is categorical: use `in {"a", "b"}` or `not in {…}`');
    expect(firstError('V14 in {"a"} => x', COLUMNS)).toBe('line 1, col 1: `V14` is numeric: use <, <=, >, >= or `in [a, b]`');
    expect(firstError('grade in {"A" "B"} => x')).toBe("line 1, col 15: expected ',' or '}' in the set, found '\"B\"'");
    expect(firstError('`open < 3 => x')).toBe('line 1, col 1: unterminated `column name`: missing closing backtick');
    expect(firstError('g in {"A} => x')).toBe('line 1, col 7: unterminated string: missing closing "');
    expect(firstError('V14 < 3 @ => x')).toBe("line 1, col 9: unexpected character '@'");
    expect(firstError('(V14 < 3 => x')).toBe("line 1, col 10: expected ')' to close the parenthesis, found '=>'");
    expect(firstError('1 < V14 > 3 => x')).toBe('line 1, col 9: a chained comparison goes one way: write `a < V14 < b` or `b > V14 > a`');
    expect(firstError('5 <= V14 <= 1 => x')).toMatch(/^line 1, col 1: .*the lower bound is above the upper bound$/);
    expect(firstError('V14 is there => x')).toBe("line 1, col 8: expected 'missing' after 'is', found 'there'");
    expect(firstError('and < 3 => x')).toMatch(/^line 1, col 1: expected a column name, found the keyword 'and'/);
    expect(firstError('=> x')).toBe("line 1, col 1: expected a condition before '=>'");
    expect(firstError('V14 < 3 => x\nelse => a\nelse => b')).toBe('line 3, col 1: a second `else` line; the default class is already set on line 2');
    expect(firstError('V14 not in [1, 2] => x')).toMatch(/^line 1, col 5: `not in` takes a set/);
    expect(firstError('V14 < 2abc => x')).toMatch(/^line 1, col 7: `2abc` is not a number/);
  });

  it('keeps the good lines when some lines are bad, and reports every bad line', () => {
    const r = parseRules('V14 < 1 => a\nV14 < => b\nV17 > 2 => c\ngrade in {A, => d');
    expect(r.rules.map((x) => x.target)).toEqual(['a', 'c']);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[2, 7], [4, 14]]);
    expect(r.errors[0].length).toBe(2);
  });

  it('warns (without dropping the rule) about values a categorical column does not have', () => {
    const r = parseRules('grade in {"A", "Z"} => bad', COLUMNS);
    expect(r.rules).toHaveLength(1);
    expect(r.errors).toEqual([{ line: 1, column: 16, length: 3, message: '`grade` has no value "Z"; this part of the set matches no row', severity: 'warning' }]);
  });

  it('warns about classes outside the known ones and numeric tests no value can pass', () => {
    const cols: ColumnInfo[] = [{ name: 'V14', type: 'numeric', min: -19.5, max: 10 }];
    const r = parseRules('V14 < -20 => 1\nV14 >= 10 => fraud\nV14 > 10 => 1\n-30 <= V14 <= -19.5 => 0\nelse => 2', cols, { classes: ['0', '1'] });
    expect(r.rules).toHaveLength(4);
    expect(r.defaultClass).toBe('2');
    expect(r.errors.map(formatRuleTextError)).toEqual([
      'line 1, col 5: warning: no value of `V14` passes this test (its values run from -19.5 to 10); it matches no row',
      'line 2, col 14: warning: "fraud" is not one of the known classes ("0", "1")',
      'line 3, col 5: warning: no value of `V14` passes this test (its values run from -19.5 to 10); it matches no row',
      'line 5, col 9: warning: "2" is not one of the known classes ("0", "1")',
    ]);
    expect(parseRule('V14 < 0 => 3', cols, 'x', ['0', '1']).errors[0].severity).toBe('warning');
  });

  it('never throws on arbitrary input', () => {
    const rng = mulberry32(7);
    const alphabet = ['V1', ' ', '<', '>=', 'in', '[', ']', '{', '}', '"', '`', '=>', 'and', 'or', 'not', '(', ')', '1', '-2.5', ',', '#', 'is', 'missing', 'x', ':', 'else', '\n'];
    for (let t = 0; t < 2000; t++) {
      const text = Array.from({ length: Math.floor(rng() * 12) }, () => alphabet[Math.floor(rng() * alphabet.length)]).join('');
      const r = parseRules(text);
      for (const e of r.errors) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.column).toBeGreaterThanOrEqual(1);
        expect(e.message.length).toBeGreaterThan(5);
      }
    }
  });
});

describe('rule text: formatting and round trip', () => {
  it('formats readable text', () => {
    const { rules } = parseRules('"deep": v < -4.2 AND `my col` IN {A} or x in [1,2] => "very bad"');
    expect(formatRule(rules[0])).toBe('"deep": (v < -4.2 and `my col` in {"A"}) or x in [1, 2] => "very bad"');
    expect(formatRule({ id: 'x', name: '', target: 'fraud', enabled: true, when: range('V17', -9, -2, false, true) })).toBe('-9 <= V17 < -2 => fraud');
    expect(formatRule({ id: 'x', name: '', target: '1', enabled: true, when: { op: 'not', of: range('V1', 0, null) } })).toBe('not (V1 >= 0) => 1');
  });

  it('prints numbers shortest-exact; snapF32 turns float32 data values back into short decimals', () => {
    expect(formatNumber(-4.2)).toBe('-4.2');
    expect(formatNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatNumber(1e21)).toBe('1e+21');
    expect(formatNumber(-Infinity)).toBe('-inf');
    expect(snapF32(Math.fround(-4.2))).toBe(-4.2);
    expect(snapF32(Math.fround(0.1))).toBe(0.1);
    expect(snapF32(Math.fround(13.99))).toBe(13.99);
    expect(formatRule({ id: 'x', name: '', target: '1', enabled: true, when: range('V14', null, snapF32(Math.fround(-4.2)), false, true) })).toBe('V14 < -4.2 => 1');
    expect(roundToResolution(-4.237192834719283, 0.05)).toBe(-4.24);
    expect(roundToResolution(12345.678, 30)).toBe(12350);
    expect(roundToResolution(0.000123456, 1e-6)).toBe(0.000123);
    expect(roundToResolution(0.000123456, 1e-7)).toBe(0.0001235);
    const rng = mulberry32(3);
    for (let i = 0; i < 5000; i++) {
      const x = Math.fround((rng() - 0.5) * 10 ** Math.floor(rng() * 20 - 10));
      const s = snapF32(x);
      expect(Math.fround(s)).toBe(x);
      expect(String(s).replace(/^-|e.*$|\./g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(9);
      const d = (rng() - 0.5) * 10 ** Math.floor(rng() * 40 - 20);
      expect(Number(formatNumber(d))).toBe(d);
      const res = 10 ** (rng() * 6 - 3);
      expect(Math.abs(roundToResolution(d, res) - d)).toBeLessThanOrEqual(res / 2 + Math.abs(d) * 1e-14);
    }
  });

  it('round-trips random specs: parse(format(x)) equals x (property, seeded)', () => {
    const rng = mulberry32(42);
    for (let t = 0; t < 1500; t++) {
      const set = randomRuleSet(rng);
      const text = formatRules(set);
      const back = parseRules(text);
      expect(back.errors, text).toEqual([]);
      expect({ rules: back.rules, defaultClass: back.defaultClass }, text).toEqual(set);
      // and the formatted text is a fixed point
      expect(formatRules({ rules: back.rules, defaultClass: back.defaultClass })).toBe(text);
    }
  });

  it('round-trips bare conditions', () => {
    const rng = mulberry32(9);
    for (let t = 0; t < 1500; t++) {
      const c = randomCondition(rng);
      const r = parseCondition(formatRule({ id: 'r', name: '', target: 'x', enabled: true, when: c }).replace(/ => x$/, ''));
      expect(r.errors).toEqual([]);
      expect(r.condition).toEqual(c);
    }
  });
});
