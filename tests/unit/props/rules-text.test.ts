/**
 * Properties (fast-check, seeded) of the rule text format (ml/rules/text.ts):
 *  - any rule set in the parser's canonical shape → formatRules → parseRules gives it back
 *    exactly (any column name or class, with quotes, backticks, keywords, emoji, any double);
 *  - any text at all (random characters, random token soup, fragments of valid rules) parses
 *    to rules plus located errors, never a throw: every error's line and column point into the
 *    text, and the same text always gives the same result.
 * Canonical shape (what the parser builds): both open flags on a range (false on an unbounded
 * side), `negate` only when true, no and/or with one child, no and/or directly inside the same
 * operator, no -0 bound. Column names are one line (the loaders make them so).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatRules, parseCondition, parseRule, parseRules } from '../../../ml/rules/text.ts';
import { validateRuleSet } from '../../../ml/rules/validate.ts';
import type { Condition, Rule, RuleSet } from '../../../ml/rules/spec.ts';

const RUNS = 3000;
const SEED = 77;

const anyName = fc.oneof(
  fc.constantFrom('V14', 'Amount', 'and', 'not', 'in', 'is', 'missing', 'else', 'true', 'inf', 'my col', 'a`b', '``', '1st', 'x.y', 'ünï', '#x', '=>', 'a"b', "it's", 'emoji 😀', '\t'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
).filter((s) => !/[\r\n]/.test(s));
const anyString = fc.oneof(fc.constantFrom('', 'A', 'very bad', 'quo"te', "it's", 'back\\slash', 'tab\there', 'line\nbreak', '# hash', '{x}', '\u2028', '\u0000', '1', '-1', 'and'), fc.string({ unit: 'binary', maxLength: 10 }));
const bound = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, 0.1, -4.2, 1e-300, 1.7976931348623157e308, 5e-324)).map((x) => (Object.is(x, -0) ? 0 : x));

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.tuple(anyName, fc.option(bound), fc.option(bound), fc.boolean(), fc.boolean()).map(([column, a, b, loOpen, hiOpen]): Condition => {
    let [lo, hi] = [a, b];
    if (lo !== null && hi !== null && lo > hi) [lo, hi] = [hi, lo];
    return { op: 'range', column, lo, hi, loOpen: lo !== null && loOpen, hiOpen: hi !== null && hiOpen };
  }),
  fc.tuple(anyName, fc.array(anyString, { maxLength: 4 }), fc.boolean()).map(([column, values, negate]): Condition => (negate ? { op: 'in', column, values, negate: true } : { op: 'in', column, values })),
  anyName.map((column): Condition => ({ op: 'missing', column })),
);

/** Conditions up to depth 4, canonical: groups of 0 or 2+ children, never the parent's own operator. */
const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition; and: Condition; or: Condition }>((tie) => ({
  c: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('and'), tie('or'), tie('c').map((of): Condition => ({ op: 'not', of }))),
  and: fc.oneof(fc.constant<Condition>({ op: 'and', of: [] }), fc.array(tie('c').filter((k) => k.op !== 'and'), { minLength: 2, maxLength: 3 }).map((of): Condition => ({ op: 'and', of }))),
  or: fc.oneof(fc.constant<Condition>({ op: 'or', of: [] }), fc.array(tie('c').filter((k) => k.op !== 'or'), { minLength: 2, maxLength: 3 }).map((of): Condition => ({ op: 'or', of }))),
})).c;

const ruleSet: fc.Arbitrary<RuleSet> = fc.record({
  rules: fc.array(fc.record({ name: fc.oneof(fc.constant(''), anyString), target: anyString.filter((s) => s !== ''), when: condition, enabled: fc.boolean() }), { maxLength: 5 })
    .map((rs) => rs.map((r, i): Rule => ({ id: `r${i + 1}`, ...r }))),
  defaultClass: fc.option(anyString.filter((s) => s !== '')),
});

describe('rule text round trip (property)', () => {
  it(`parse(format(set)) is set, and format is a fixed point (${RUNS} rule sets)`, () => {
    fc.assert(
      fc.property(ruleSet, (set) => {
        const text = formatRules(set);
        const back = parseRules(text);
        expect(back.errors, text).toEqual([]);
        expect({ rules: back.rules, defaultClass: back.defaultClass }, text).toEqual(set);
        expect(formatRules({ rules: back.rules, defaultClass: back.defaultClass })).toBe(text);
        // What the parser makes is what the project file validator accepts.
        expect(validateRuleSet(JSON.parse(JSON.stringify(set))).ok).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

/** Pieces of the rule language, to reach deep parser states that random characters rarely do. */
const token = fc.oneof(
  fc.constantFrom('V14', '`odd name`', '`unclosed', '"str"', "'s'", '"unclosed', '-4.2', '1e309', '.5', '-inf', 'inf', '1st', '<', '<=', '>', '>=', '=', '==', '!=', '=>', '≤', '≠',
    'and', 'or', 'not', 'in', 'is', 'missing', 'else', 'disabled', 'true', 'false', '(', ')', '[', ']', '{', '}', ',', ':', '#', ' ', '\t', '\n', '\r\n', '\\', '"\\q"', '"\\u12"', '😀', '\u0000'),
  fc.string({ maxLength: 3 }),
);
const soup = fc.array(token, { maxLength: 30 }).map((t) => t.join(' '));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), soup, ruleSet.map(formatRules).chain((t) => fc.tuple(fc.nat(t.length), fc.nat(t.length), soup).map(([a, b, s]) => t.slice(0, Math.min(a, b)) + s + t.slice(Math.max(a, b)))));

function expectLocated(text: string, errors: { line: number; column: number; length: number; message: string }[]): void {
  const lines = text.split(/\r?\n/);
  for (const e of errors) {
    expect(e.line, text).toBeGreaterThanOrEqual(1);
    expect(e.line, text).toBeLessThanOrEqual(Math.max(1, lines.length));
    expect(e.column, text).toBeGreaterThanOrEqual(1);
    expect(e.column, text).toBeLessThanOrEqual((lines[e.line - 1] ?? text).length + 1);
    expect(e.length, text).toBeGreaterThanOrEqual(0);
    expect(e.message.length, text).toBeGreaterThan(0);
  }
}

describe('rule text on any input (property)', () => {
  it(`parseRules: rules plus located errors, never a throw, the same every time (${RUNS} texts)`, () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = parseRules(text);
        expectLocated(text, r.errors);
        expect(parseRules(text)).toEqual(r);
        // Every rule it did read formats back to text that reads as the same rule.
        for (const rule of r.rules) expect(parseRule(formatRules({ rules: [rule], defaultClass: null }).trimEnd(), undefined, rule.id).rule).toEqual(rule);
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it('parseRule and parseCondition: a value or located errors, never a throw', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const one = parseRule(text);
        expect(one.rule === null ? one.errors.length > 0 : true).toBe(true);
        expectLocated(text, one.errors);
        const c = parseCondition(text.split(/\r?\n/)[0]);
        expect(c.condition === null ? c.errors.length > 0 : true).toBe(true);
        expectLocated(text.split(/\r?\n/)[0], c.errors);
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });
});
