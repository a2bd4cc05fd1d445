/**
 * The rule set and each single rule as points on the precision–recall plane of the positive
 * class, on the same rows as the model's curve. A single rule is measured alone (every row its
 * condition matches, as the rules panel does), the rule set under first-match-wins.
 * RuleIndexCache keeps each rule's matched rows by condition, so after an edit only the
 * edited rule is evaluated again.
 */
import type { Rule } from '../rules/spec.ts';
import { RuleError, ruleIndices } from '../rules/compile.ts';
import { formatCondition } from '../rules/format.ts';
import type { Table } from '../table/types.ts';

export type PrPoint = {
  /** Rule id, or "rules" for the whole rule set. */
  id: string;
  /** What the point stands for: the rule's name or its condition text, or "the rule set". */
  label: string;
  tp: number;
  predicted: number;
  positives: number;
  precision: number | null;
  recall: number | null;
};

export function prPoint(id: string, label: string, tp: number, predicted: number, positives: number): PrPoint {
  return { id, label, tp, predicted, positives, precision: predicted ? tp / predicted : null, recall: positives ? tp / positives : null };
}

/** Remembers the rows each rule condition matches on one table; forgets conditions no longer asked for. */
export class RuleIndexCache {
  private table: Table | null = null;
  private cache = new Map<string, Uint32Array | RuleError>();

  /** Matched rows per rule (an error for a rule that cannot run on this table). */
  indices(table: Table, rules: readonly Rule[]): (Uint32Array | RuleError)[] {
    if (table !== this.table) { this.cache.clear(); this.table = table; }
    const next = new Map<string, Uint32Array | RuleError>();
    const out = rules.map((r) => {
      const key = JSON.stringify(r.when);
      let v = next.get(key) ?? this.cache.get(key);
      if (!v) {
        try { v = ruleIndices(table, r); } catch (e) { if (e instanceof RuleError) v = e; else throw e; }
      }
      next.set(key, v);
      return v;
    });
    this.cache = next;
    return out;
  }
}

/**
 * Points for the enabled rules that predict `positive`, each over the rows in `mask` with a
 * reference label (`positives` of them are positive). `truth`/`positive` index one class list.
 */
export function singleRulePoints(rules: readonly Rule[], matched: readonly (Uint32Array | RuleError)[], ruleClass: (target: string) => number, truth: Int32Array, positive: number, mask: Uint8Array, positives: number): PrPoint[] {
  const out: PrPoint[] = [];
  rules.forEach((r, j) => {
    const I = matched[j];
    if (!r.enabled || I instanceof RuleError || ruleClass(r.target) !== positive) return;
    let tp = 0, predicted = 0;
    for (let q = 0; q < I.length; q++) {
      const i = I[q];
      if (!mask[i] || truth[i] < 0) continue;
      predicted++;
      if (truth[i] === positive) tp++;
    }
    out.push(prPoint(r.id, r.name || formatCondition(r.when), tp, predicted, positives));
  });
  return out;
}
