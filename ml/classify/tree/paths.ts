/**
 * A leaf's path as one readable condition in the rule grammar. The tests on one column along
 * the path merge (two thresholds on V14 become `-5 < V14 <= -3.1`, sets intersect), columns
 * appear in the order the tree first split on them, and missing values are explicit:
 * a side that took the missing rows says `(x <= 2 or x is missing)`; a split that saw no
 * missing rows sent them nowhere, so neither side takes them (the row is not covered).
 */
import type { Condition, RangeCond } from '../../rules/spec.ts';
import type { MissingGoes } from './split.ts';

export type TreeTest =
  | { test: 'le'; column: string; threshold: number; missing: MissingGoes }
  | { test: 'in'; column: string; values: string[]; missing: MissingGoes }
  | { test: 'missing'; column: string };

/** What a path says about one column: a range or a set, and its missing values. */
type Constraint =
  | { kind: 'num'; column: string; lo: number | null; hi: number | null; missing: 'also' | 'no' | 'only' }
  | { kind: 'cat'; column: string; mode: 'all' | 'in' | 'notIn'; values: string[]; missing: 'also' | 'no' | 'only' };

export type PathStep = { test: TreeTest; left: boolean };

function step(c: Constraint | undefined, s: PathStep): Constraint {
  const t = s.test;
  const base: Constraint = c ?? (t.test === 'in' ? { kind: 'cat', column: t.column, mode: 'all', values: [], missing: 'also' } : { kind: 'num', column: t.column, lo: null, hi: null, missing: 'also' });
  if (t.test === 'missing') return { ...base, missing: s.left ? 'no' : 'only' };
  const keepsMissing = t.missing === (s.left ? 'left' : 'right');
  const missing = keepsMissing ? base.missing : 'no';
  if (t.test === 'le') {
    if (base.kind !== 'num') throw new Error(`column "${t.column}" is split as numeric and as categorical`);
    return s.left ? { ...base, hi: base.hi === null ? t.threshold : Math.min(base.hi, t.threshold), missing } : { ...base, lo: base.lo === null ? t.threshold : Math.max(base.lo, t.threshold), missing };
  }
  if (base.kind !== 'cat') throw new Error(`column "${t.column}" is split as numeric and as categorical`);
  const S = new Set(t.values);
  if (s.left) {
    const values = base.mode === 'all' ? [...t.values] : base.mode === 'in' ? base.values.filter((v) => S.has(v)) : t.values.filter((v) => !base.values.includes(v));
    return { ...base, mode: 'in', values, missing };
  }
  if (base.mode === 'in') return { ...base, values: base.values.filter((v) => !S.has(v)), missing };
  return { ...base, mode: 'notIn', values: [...base.values, ...t.values.filter((v) => !base.values.includes(v))], missing };
}

export type LeafCondition = {
  /** The whole condition (true = an empty `and`). */
  condition: Condition;
  /** The part brushes can show: ranges and `in` sets, without the missing-value clauses. */
  brushable: Condition;
  /** Readable pieces of the condition the brushes do not show ("V3 is missing", …). */
  notShown: string[];
};

const isMissing = (column: string): Condition => ({ op: 'missing', column });

/** The condition of the leaf reached by `path` (root first). `categories` complements `not in` sets for brushes. */
export function pathCondition(path: readonly PathStep[], categories: Readonly<Record<string, readonly string[]>>): LeafCondition {
  const byColumn = new Map<string, Constraint>();
  for (const s of path) byColumn.set(s.test.column, step(byColumn.get(s.test.column), s));
  const terms: Condition[] = [], shown: Condition[] = [], notShown: string[] = [];
  for (const c of byColumn.values()) {
    let part: Condition | null = null;
    if (c.kind === 'num' && (c.lo !== null || c.hi !== null)) {
      const r: RangeCond = { op: 'range', column: c.column, lo: c.lo, hi: c.hi, loOpen: c.lo !== null, hiOpen: false };
      part = r;
    } else if (c.kind === 'cat' && c.mode !== 'all') {
      part = c.mode === 'in' ? { op: 'in', column: c.column, values: c.values } : { op: 'in', column: c.column, values: c.values, negate: true };
    }
    if (c.missing === 'only') { terms.push(isMissing(c.column)); notShown.push(`${c.column} is missing`); continue; }
    if (part) {
      const brush: Condition = c.kind === 'cat' && part.op === 'in' && part.negate ? { op: 'in', column: c.column, values: (categories[c.column] ?? []).filter((v) => !c.values.includes(v)) } : part;
      shown.push(brush);
      if (c.missing === 'also') { terms.push({ op: 'or', of: [part, isMissing(c.column)] }); notShown.push(`or ${c.column} is missing`); } else terms.push(part);
    } else if (c.missing === 'no') {
      terms.push({ op: 'not', of: isMissing(c.column) });
      notShown.push(`${c.column} is not missing`);
    }
  }
  const one = (xs: Condition[]): Condition => (xs.length === 1 ? xs[0] : { op: 'and', of: xs });
  return { condition: one(terms), brushable: one(shown), notShown };
}
