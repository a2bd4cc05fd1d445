import { describe, expect, it } from 'vitest';
import { HybridClassifier, SOURCE_MODEL, SOURCE_NONE, SOURCE_RULES, combinePredictions } from '../../../ml/classify/hybrid.ts';
import { RuleClassifier } from '../../../ml/classify/rule-classifier.ts';
import { small, smallRules } from '../rules/fixture.ts';

describe('hybrid: rules first, model where rules abstain', () => {
  it('matches classes by name and records who decided', () => {
    const h = combinePredictions(Int32Array.from([0, -1, 1, -1]), ['bad', 'good'], Int32Array.from([0, 0, 0, -1]), ['good', 'ugly']);
    expect(h.classes).toEqual(['bad', 'good', 'ugly']);
    expect(Array.from(h.pred)).toEqual([0, 1, 1, -1]);
    expect(Array.from(h.source)).toEqual([SOURCE_RULES, SOURCE_MODEL, SOURCE_RULES, SOURCE_NONE]);
    expect(() => combinePredictions(new Int32Array(2), [], new Int32Array(3), [])).toThrow(RangeError);
  });

  it('fills the rule classifier’s abstentions with a model’s predictions', () => {
    const model = { classes: ['good', 'bad'], predict: (t: typeof small) => new Int32Array(t.n) }; // always "good"
    const h = new HybridClassifier(new RuleClassifier(smallRules).fit(small, 'label'), model);
    expect(h.classes).toEqual(['bad', 'good']);
    const p = h.predictWithSource(small);
    expect(Array.from(p.pred)).toEqual([0, 0, 0, 1, 1, 1, 1, 0]);
    expect(p.source[3]).toBe(SOURCE_MODEL);
    expect(Array.from(h.predict(small))).toEqual(Array.from(p.pred));
  });
});
