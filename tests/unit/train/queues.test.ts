import { describe, expect, it } from 'vitest';
import { labelDisagreements, leastConfident, modelRuleDisagreements } from '../../../ml/train/queues.ts';

describe('leastConfident', () => {
  it('returns unlabelled rows by ascending margin, ties by row, NaN last, at most k', () => {
    const margin = Float32Array.of(0.5, 0.1, 0.9, 0.1, NaN, 0.05, 0.3);
    const labelled = Uint8Array.of(0, 0, 0, 0, 0, 1, 0);
    expect(Array.from(leastConfident(margin, labelled, 10))).toEqual([1, 3, 6, 0, 2, 4]);
    expect(Array.from(leastConfident(margin, labelled, 2))).toEqual([1, 3]);
    expect(Array.from(leastConfident(margin, null, 1))).toEqual([5]);
  });
  it('rejects a mask of another length', () => {
    expect(() => leastConfident(new Float32Array(3), new Uint8Array(2), 1)).toThrow(/mask of 2/);
  });
});

describe('labelDisagreements', () => {
  it('lists labelled rows the model predicts differently, most confident first when given', () => {
    const predicted = Int32Array.of(0, 1, 1, 0, 2, 2);
    const human = Int32Array.of(0, 0, -1, 1, 1, 2);
    expect(Array.from(labelDisagreements(predicted, human))).toEqual([1, 3, 4]);
    const conf = Float32Array.of(0.9, 0.2, 0.9, 0.8, 0.5, 0.1);
    expect(Array.from(labelDisagreements(predicted, human, conf))).toEqual([3, 4, 1]);
  });
});

describe('modelRuleDisagreements', () => {
  it('matches classes by name, skips abstentions, counts unknown rule classes as disagreement', () => {
    const classes = ['ham', 'spam'];
    const ruleClasses = ['spam', 'ham', 'phish'];
    const predicted = Int32Array.of(1, 1, 0, 0, 1);
    const rulePred = Int32Array.of(0, 1, -1, 0, 2);
    expect(Array.from(modelRuleDisagreements(predicted, classes, rulePred, ruleClasses))).toEqual([1, 3, 4]);
    const conf = Float32Array.of(0, 0.1, 0, 0.7, 0.4);
    expect(Array.from(modelRuleDisagreements(predicted, classes, rulePred, ruleClasses, conf))).toEqual([3, 4, 1]);
  });
  it('rejects a rule class index out of range', () => {
    expect(() => modelRuleDisagreements(Int32Array.of(0), ['a'], Int32Array.of(3), ['a'])).toThrow(/rule class 3/);
  });
});
