/**
 * Tree leaves as rules in the rule grammar: one rule per leaf predicting a wanted class, its
 * condition the leaf's path (paths.ts), its text one line that the rule parser reads back
 * unchanged, with a trailing `# precision …, recall …, coverage …` comment measured on the
 * rows of the tree's last `measure` (rows it did not fit, when the caller held some out).
 * Also what the UI needs to draw the suggestion as ghost brushes.
 */
import type { Rule } from '../../rules/spec.ts';
import { formatRule } from '../../rules/format.ts';
import { conditionToBrushes, type Brush } from '../../rules/brushes.ts';
import { pathCondition, type PathStep } from './paths.ts';
import type { DecisionTree } from './tree.ts';

export type RuleStats = {
  /** Measuring rows the rule covers, and of those, rows of its class. */
  covered: number;
  correct: number;
  precision: number | null;
  recall: number | null;
  coverage: number | null;
  /** "85,443 held-out rows" */
  rows: string;
};

export type SuggestedRule = {
  rule: Rule;
  /** The rule and its figures on one line: `V14 <= -3.1 and V12 <= -2.5 => 1  # precision …`. */
  text: string;
  /** Leaf node index in the tree. */
  leaf: number;
  /** On the tree's measuring rows; null when the tree was never measured. */
  stats: RuleStats | null;
  /** Rows of the fit set in the leaf, and of its class. */
  fit: { rows: number; correct: number };
  /** Ghost brushes for the ranges and sets (null only if the condition had no brushable shape). */
  brushes: Brush[] | null;
  /** Pieces of the condition the brushes cannot show ("or V3 is missing"). */
  notShown: string[];
};

export type ToRulesOptions = {
  /** Only leaves predicting these classes (default every class), in this order. */
  targets?: readonly string[];
  /** Rule ids are `${idPrefix}${k}`, k from 1. Default "s". */
  idPrefix?: string;
};

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(x > 0 && x < 0.01 ? 2 : 1)}%`);

/** The trailing comment of a suggestion: its measured precision, recall and coverage. */
export function statsComment(s: RuleStats | null, fit: { rows: number; correct: number }): string {
  if (!s) return `# fit: ${fit.correct.toLocaleString('en-US')} of ${fit.rows.toLocaleString('en-US')} rows (not measured on other rows)`;
  return `# precision ${pct(s.precision)} (${s.correct.toLocaleString('en-US')} of ${s.covered.toLocaleString('en-US')}), recall ${pct(s.recall)}, coverage ${pct(s.coverage)} of ${s.rows}`;
}

function leaves(tree: DecisionTree): { leaf: number; path: PathStep[] }[] {
  const out: { leaf: number; path: PathStep[] }[] = [];
  const walk = (i: number, path: PathStep[]) => {
    const nd = tree.nodes[i];
    if (!nd.split) { out.push({ leaf: i, path }); return; }
    walk(nd.left, [...path, { test: nd.split, left: true }]);
    walk(nd.right, [...path, { test: nd.split, left: false }]);
  };
  walk(0, []);
  return out;
}

export function treeToRules(tree: DecisionTree, opts: ToRulesOptions = {}): SuggestedRule[] {
  const targets = opts.targets ?? tree.classes;
  const prefix = opts.idPrefix ?? 's';
  const m = tree.measured;
  const found = leaves(tree).flatMap(({ leaf, path }) => {
    const nd = tree.nodes[leaf];
    const target = tree.classes[nd.klass];
    const rank = targets.indexOf(target);
    if (rank < 0) return [];
    const { condition, brushable, notShown } = pathCondition(path, tree.categories);
    const stats: RuleStats | null = m && {
      covered: m.covered[leaf], correct: m.correct[leaf],
      precision: m.covered[leaf] ? m.correct[leaf] / m.covered[leaf] : null,
      recall: m.support[nd.klass] ? m.correct[leaf] / m.support[nd.klass] : null,
      coverage: m.rows ? m.covered[leaf] / m.rows : null,
      rows: m.description,
    };
    return [{ leaf, rank, target, condition, brushable, notShown, stats, fit: { rows: nd.counts.reduce((a, b) => a + b, 0), correct: nd.counts[nd.klass] } }];
  });
  // Per class in `targets` order; within a class, the rule that finds the most rows first.
  found.sort((a, b) => a.rank - b.rank || (b.stats?.correct ?? b.fit.correct) - (a.stats?.correct ?? a.fit.correct) || a.leaf - b.leaf);
  return found.map((f, k) => {
    const rule: Rule = { id: `${prefix}${k + 1}`, name: '', target: f.target, when: f.condition, enabled: true };
    return { rule, text: `${formatRule(rule)}  ${statsComment(f.stats, f.fit)}`, leaf: f.leaf, stats: f.stats, fit: f.fit, brushes: conditionToBrushes(f.brushable), notShown: f.notShown };
  });
}
