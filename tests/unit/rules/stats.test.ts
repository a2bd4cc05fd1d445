import { describe, expect, it } from 'vitest';
import { ruleStats } from '../../../ml/rules/stats.ts';
import { parseRules } from '../../../ml/rules/text.ts';
import { small, smallRules } from './fixture.ts';

describe('ruleStats', () => {
  it('counts coverage, overlaps, conflicts, wins, precision and recall (hand-computed)', () => {
    const s = ruleStats(small, smallRules, 'label');
    expect(s.map(({ id, coverage, overlaps, conflicts, wins, correct }) => ({ id, coverage, overlaps, conflicts, wins, correct }))).toEqual([
      { id: 'r1', coverage: 3, overlaps: 1, conflicts: 1, wins: 3, correct: 2 },
      { id: 'r2', coverage: 4, overlaps: 2, conflicts: 1, wins: 3, correct: 1 },
      { id: 'r3', coverage: 2, overlaps: 1, conflicts: 0, wins: 1, correct: 2 },
      { id: 'r4', coverage: 7, overlaps: 6, conflicts: 4, wins: 0, correct: 3 },
    ]);
    expect(s.map((x) => [x.precision, x.recall])).toEqual([[2 / 3, 0.5], [0.25, 0.25], [1, 0.5], [3 / 7, 0.75]]);
    expect(s[0].coverageFrac).toBe(3 / 8);
  });

  it('works without a label column and with a numeric 0/1 label', () => {
    const s = ruleStats(small, smallRules, null);
    expect(s[0]).toEqual({ id: 'r1', coverage: 3, coverageFrac: 3 / 8, overlaps: 1, conflicts: 1, wins: 3 });
    const { rules } = parseRules('x < 2 => 1\nx >= 4 => 0');
    const n = ruleStats(small, { rules, defaultClass: null }, 'num');
    expect(n.map((x) => [x.correct, x.precision, x.recall])).toEqual([[2, 1, 0.5], [2, 2 / 3, 0.5]]);
  });

  it('reports a rule that cannot run instead of throwing, and still scores the others', () => {
    const { rules } = parseRules('nope < 1 => bad\nx < 2 => bad\ng < 1 => bad');
    const s = ruleStats(small, { rules, defaultClass: null }, 'label');
    expect(s[0]).toMatchObject({ id: 'r1', coverage: 0, error: 'unknown column `nope`', precision: null });
    expect(s[1]).toMatchObject({ id: 'r2', coverage: 2, wins: 2, precision: 1 });
    expect(s[2].error).toMatch(/categorical/);
  });
});
