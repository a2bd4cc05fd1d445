import { describe, expect, it } from 'vitest';
import { agreement, cell, classReport, confusionMatrix, labelCodes, labelValues } from '../../../ml/metrics/index.ts';
import { RuleClassifier } from '../../../ml/classify/rule-classifier.ts';
import { small, smallRules } from '../rules/fixture.ts';

describe('metrics', () => {
  it('confusion matrix has an abstain column and skips unlabeled rows', () => {
    const m = confusionMatrix(Int32Array.from([0, 0, 1, 1, -1, 2]), Int32Array.from([0, -1, 0, 1, 1, 2]), 3);
    expect(Array.from(m.counts)).toEqual([1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0]);
    expect(m.unlabeled).toBe(1);
    expect(cell(m, 0, -1)).toBe(1);
    expect(cell(m, 2, 2)).toBe(1);
  });

  it('class report on the rule set (hand-computed)', () => {
    const c = new RuleClassifier(smallRules).fit(small, 'label');
    const truth = labelCodes(small, 'label', c.classes);
    const r = classReport(truth, c.predict(small), c.classes);
    expect(Array.from(r.confusion.counts)).toEqual([2, 1, 1, 2, 2, 0]);
    expect(r.perClass[0]).toEqual({ name: 'bad', precision: 0.5, recall: 0.5, f1: 0.5, support: 4, predicted: 4 });
    expect(r.perClass[1].precision).toBeCloseTo(2 / 3);
    expect(r.perClass[1].recall).toBe(0.5);
    expect(r.perClass[1].f1).toBeCloseTo(4 / 7);
    expect(r).toMatchObject({ n: 8, covered: 7, coverage: 7 / 8 });
    expect(r.accuracy).toBeCloseTo(4 / 7);
    expect(r.macroF1).toBeCloseTo((0.5 + 4 / 7) / 2);
  });

  it('reports null (not NaN) for undefined precision and handles a class nobody has', () => {
    const r = classReport(Int32Array.from([0, 0]), Int32Array.from([-1, -1]), ['a', 'b']);
    expect(r.perClass[0]).toEqual({ name: 'a', precision: null, recall: 0, f1: null, support: 2, predicted: 0 });
    expect(r.perClass[1]).toEqual({ name: 'b', precision: null, recall: null, f1: null, support: 0, predicted: 0 });
    expect(r.accuracy).toBeNull();
    expect(r.coverage).toBe(0);
    expect(r.macroF1).toBe(0);
  });

  it('labelCodes maps categorical, numeric and text labels; labelValues lists them', () => {
    expect(Array.from(labelCodes(small, 'label', ['good', 'bad']))).toEqual([1, 1, 0, 1, 0, 0, 1, 0]);
    expect(Array.from(labelCodes(small, 'num', ['1.0', '0']))).toEqual([0, 0, 1, 0, 1, 1, 0, 1]);
    expect(Array.from(labelCodes(small, 'g', ['A']))).toEqual([0, -1, 0, -1, 0, -1, -1, 0]);
    const text = { n: 3, columns: [{ name: 't', type: 'text' as const, values: ['b', null, 'a'] }] };
    expect(Array.from(labelCodes(text, 't', ['a', 'b']))).toEqual([1, -1, 0]);
    expect(labelValues(text, 't')).toEqual(['a', 'b']);
    expect(labelValues(small, 'num')).toEqual(['0', '1']);
    expect(() => labelCodes(small, 'nope', ['a'])).toThrow(/unknown label column/);
    expect(() => labelValues(small, 'x')).not.toThrow();
    const wide = { n: 300, columns: [{ name: 'v', type: 'numeric' as const, values: Float32Array.from({ length: 300 }, (_, i) => i) }] };
    expect(() => labelValues(wide, 'v')).toThrow(/not a class label/);
  });

  it('agreement splits rows into agree / disagree / only A / only B / neither', () => {
    const a = agreement(Int32Array.from([0, 1, -1, 1, -1, 2]), Int32Array.from([0, 0, 1, -1, -1, 2]));
    expect([a.agree, a.disagree, a.onlyA, a.onlyB, a.neither]).toEqual([2, 1, 1, 1, 1]);
    expect(Array.from(a.agreeIdx)).toEqual([0, 5]);
    expect(Array.from(a.disagreeIdx)).toEqual([1]);
    expect(Array.from(a.onlyAIdx)).toEqual([3]);
    expect(Array.from(a.onlyBIdx)).toEqual([2]);
    expect(a.neitherIdx).toBeInstanceOf(Uint32Array);
  });
});
