/**
 * Snorkel-style labeling-function statistics for a rule set. Each rule is measured on its own
 * mask (as if it were alone: coverage, precision, recall) and against the other *enabled*
 * rules (overlaps, conflicts); `wins` is how many rows it actually decides under
 * first-match-wins. One selection pass per rule; everything after touches only covered rows.
 */
import type { RuleSet } from './spec.ts';
import { RuleError, ruleIndices } from './compile.ts';
import { labelCodes } from '../metrics/labels.ts';
import type { Table } from '../table/types.ts';

export type RuleStat = {
  id: string;
  /** Rows the rule's condition matches (whether or not it is enabled). */
  coverage: number;
  coverageFrac: number;
  /** Covered rows also covered by another enabled rule. */
  overlaps: number;
  /** Covered rows also covered by an enabled rule with a different target. */
  conflicts: number;
  /** Rows this rule decides: it is enabled and the first enabled rule that matches. */
  wins: number;
  /** With a label column: covered rows whose label is the rule's target. */
  correct?: number;
  /** correct / coverage (null when the rule covers nothing). */
  precision?: number | null;
  /** correct / rows labelled with the target (null when there are none). */
  recall?: number | null;
  /** Set when the rule cannot run on this table (unknown column, wrong type); counts are 0. */
  error?: string;
};

export function ruleStats(table: Table, set: RuleSet, labelColumn: string | null): RuleStat[] {
  const n = table.n;
  const R = set.rules.length;
  const covers: (Uint32Array | null)[] = [];
  const errors: (string | undefined)[] = [];
  for (const r of set.rules) {
    try { covers.push(ruleIndices(table, r)); errors.push(undefined); } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      covers.push(null);
      errors.push(e.message);
    }
  }
  // Targets as small ints; per row: how many enabled rules cover it, and how many per target.
  const targets = [...new Set(set.rules.map((r) => r.target))];
  const tIndex = set.rules.map((r) => targets.indexOf(r.target));
  const total = new Uint16Array(n);
  const perTarget = targets.map(() => new Uint16Array(n));
  const winner = new Int32Array(n).fill(-1);
  for (let r = 0; r < R; r++) {
    const I = covers[r];
    if (!I || !set.rules[r].enabled) continue;
    const T = perTarget[tIndex[r]];
    for (let j = 0; j < I.length; j++) { const i = I[j]; total[i]++; T[i]++; if (winner[i] < 0) winner[i] = r; }
  }
  const truth = labelColumn ? labelCodes(table, labelColumn, targets) : null;
  const targetCount = new Float64Array(targets.length);
  if (truth) for (let i = 0; i < n; i++) if (truth[i] >= 0) targetCount[truth[i]]++;

  return set.rules.map((rule, r) => {
    const I = covers[r];
    const stat: RuleStat = { id: rule.id, coverage: 0, coverageFrac: 0, overlaps: 0, conflicts: 0, wins: 0 };
    if (errors[r]) stat.error = errors[r];
    if (I) {
      const self = rule.enabled ? 1 : 0; // a rule does not overlap itself
      const t = tIndex[r], T = perTarget[t];
      const coverage = I.length;
      let overlaps = 0, conflicts = 0, wins = 0, correct = 0;
      for (let j = 0; j < I.length; j++) {
        const i = I[j];
        const tot = total[i];
        if (tot > self) overlaps++;
        if (tot > T[i]) conflicts++;
        if (winner[i] === r) wins++;
        if (truth && truth[i] === t) correct++;
      }
      Object.assign(stat, { coverage, coverageFrac: n ? coverage / n : 0, overlaps, conflicts, wins });
      if (truth) {
        stat.correct = correct;
        stat.precision = coverage ? correct / coverage : null;
        stat.recall = targetCount[t] ? correct / targetCount[t] : null;
      }
    } else if (truth) {
      Object.assign(stat, { correct: 0, precision: null, recall: null });
    }
    return stat;
  });
}
