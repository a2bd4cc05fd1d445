import { describe, expect, it } from 'vitest';
import { RuleClassifier } from '../../../ml/classify/rule-classifier.ts';
import { RuleError } from '../../../ml/rules/compile.ts';
import { ABSTAIN } from '../../../ml/rules/spec.ts';
import { parseRules } from '../../../ml/rules/text.ts';
import { small, smallRules } from '../rules/fixture.ts';

const close = (a: ArrayLike<number>, b: number[]) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(a[i]).toBeCloseTo(b[i], 6);
};

describe('RuleClassifier', () => {
  it('learns classes from the label column and the rule targets', () => {
    const c = new RuleClassifier(smallRules);
    expect(c.classes).toEqual(['good', 'bad']); // before fit: rule targets in rule order
    c.fit(small, 'label');
    expect(c.classes).toEqual(['bad', 'good']); // after fit: label order first
    const extra = new RuleClassifier({ rules: parseRules('x < 1 => ugly').rules, defaultClass: null }).fit(small, 'label');
    expect(extra.classes).toEqual(['bad', 'good', 'ugly']);
  });

  it('abstains on uncovered rows — never a silent class 0 — and first match wins', () => {
    const c = new RuleClassifier(smallRules).fit(small, 'label');
    expect(Array.from(c.predict(small))).toEqual([0, 0, 0, ABSTAIN, 1, 1, 1, 0]);
    expect(c.predictLabels(small)).toEqual(['bad', 'bad', 'bad', null, 'good', 'good', 'good', 'bad']);
    expect(c.coverage(small)).toEqual({ covered: 7, n: 8, fraction: 7 / 8 });
    const none = new RuleClassifier({ rules: [], defaultClass: null }, { classes: ['bad', 'good'] });
    expect(Array.from(none.predict(small))).toEqual(new Array(8).fill(ABSTAIN));
  });

  it('uses the configured default class for uncovered rows (from options or the rule set)', () => {
    const c = new RuleClassifier(smallRules, { abstain: { defaultClass: 'good' } }).fit(small, 'label');
    expect(Array.from(c.predict(small))).toEqual([0, 0, 0, 1, 1, 1, 1, 0]);
    const d = new RuleClassifier({ ...smallRules, defaultClass: 'good' });
    expect(d.predictLabels(small)[3]).toBe('good');
    expect(d.coverage(small).covered).toBe(7); // the default is not coverage
    const e = new RuleClassifier({ ...smallRules, defaultClass: 'good' }, { abstain: 'abstain' });
    expect(e.predict(small)[3]).toBe(ABSTAIN);
  });

  it('gives each covered row its rule’s smoothed precision, abstained rows the class priors', () => {
    const c = new RuleClassifier(smallRules).fit(small, 'label');
    const p = c.predictProba(small);
    expect(p.length).toBe(16);
    // r2 fired on rows 0,2,7 (1 correct): (1+1)/(3+2) = 0.4; r3 on row 1: 2/3; r1 on rows 4,5,6 (2 correct): 0.6.
    close(p.subarray(0, 8), [0.4, 0.6, 2 / 3, 1 / 3, 0.4, 0.6, 0.5, 0.5]);
    close(p.subarray(8, 16), [0.4, 0.6, 0.4, 0.6, 0.4, 0.6, 0.4, 0.6]);
    const d = new RuleClassifier(smallRules, { abstain: { defaultClass: 'good' } }).fit(small, 'label');
    close(d.predictProba(small).subarray(6, 8), [2 / 3, 1 / 3]); // default fired on row 3 (bad): (0+1)/(1+2) on good
    const unfit = new RuleClassifier(smallRules, { classes: ['bad', 'good', 'ugly'] });
    close(unfit.predictProba(small).subarray(0, 12), [1, 0, 0, 1, 0, 0, 1, 0, 0, 1 / 3, 1 / 3, 1 / 3]);
  });

  it('maps a numeric 0/1 label onto string classes', () => {
    const { rules } = parseRules('x < 2 => 1\nx >= 4 => 0');
    const c = new RuleClassifier({ rules, defaultClass: null }).fit(small, 'num');
    expect(c.classes).toEqual(['0', '1']);
    expect(Array.from(c.predict(small))).toEqual([1, 1, -1, -1, 0, 0, 0, -1]);
  });

  it('rejects targets outside the given classes', () => {
    expect(() => new RuleClassifier(smallRules, { classes: ['bad'] })).toThrow(RuleError);
    expect(() => new RuleClassifier(smallRules, { classes: ['bad', 'good'], abstain: { defaultClass: 'meh' } })).toThrow(/default class "meh"/);
  });

  it('toJSON / fromJSON round-trip through JSON text with identical predictions', () => {
    const c = new RuleClassifier(smallRules, { abstain: { defaultClass: 'good' } }).fit(small, 'label');
    const json = JSON.parse(JSON.stringify(c.toJSON()));
    const back = RuleClassifier.fromJSON(json);
    expect(back.toJSON()).toEqual(c.toJSON());
    expect(back.classes).toEqual(c.classes);
    expect(Array.from(back.predict(small))).toEqual(Array.from(c.predict(small)));
    expect(Array.from(back.predictProba(small))).toEqual(Array.from(c.predictProba(small)));
    expect(() => RuleClassifier.fromJSON({ kind: 'Other' } as never)).toThrow(/not a RuleClassifier/);
  });

  it('keeps its own copy of the rule set', () => {
    const set = { rules: parseRules('x < 2 => bad').rules, defaultClass: null };
    const c = new RuleClassifier(set);
    set.rules[0].enabled = false;
    expect(c.coverage(small).covered).toBe(2);
  });
});
