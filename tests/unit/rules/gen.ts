/**
 * Seeded random rule specs and tables for the property tests (not a test file itself).
 * Specs are generated in the parser's canonical shape: both open flags present (false on an
 * unbounded side), `negate` only when true, no single-child and/or, no same-operator nesting.
 */
import { mulberry32, type Random } from '../../../ml/random.ts';
import type { Condition, Rule, RuleSet } from '../../../ml/rules/spec.ts';
import type { Column, Table } from '../../../ml/table/types.ts';

export { mulberry32, type Random };

export const pick = <T>(rng: Random, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

export const NUMERIC_NAMES = ['V1', 'V14', 'Amount', 'my col', 'and', 'a`b', 'ünï', '1st', 'x.y', 'in'];
export const CATEGORICAL_NAMES = ['grade', 'home owner', 'Class', 'not'];
const STRINGS = ['A', 'B', 'C', 'D', '', 'very bad', 'quo"te', "it's", 'back\\slash', 'tab\there', '# hash', '{x}', 'ü✓', '1', '-1', 'and'];
const CLASSES = ['bad', 'good', '1', '0', 'very bad', 'quo"te', 'and', '-1', '1e5', 'x.y', '_', '#', '=>'];

/** Numbers of every flavour the text must carry exactly. */
export function randomNumber(rng: Random): number {
  return randomNumberRaw(rng) || 0; // no -0: the parser never produces it
}

function randomNumberRaw(rng: Random): number {
  switch (Math.floor(rng() * 6)) {
    case 0: return Math.round(rng() * 200 - 100);
    case 1: return Math.round(rng() * 20000 - 10000) / 100;
    case 2: return rng() * 200 - 100;
    case 3: return (rng() - 0.5) * 1e-30;
    case 4: return (rng() - 0.5) * 1e30;
    default: return Math.round(rng() * 40 - 20) / 4;
  }
}

export function randomCondition(rng: Random, depth = 0, parentOp: string | null = null): Condition {
  const r = rng();
  if (depth < 3 && r < 0.3) {
    const op = rng() < 0.5 ? 'and' : 'or';
    if (op !== parentOp) {
      const k = rng() < 0.05 ? 0 : 2 + Math.floor(rng() * 2);
      return { op, of: Array.from({ length: k }, () => randomCondition(rng, depth + 1, op)) };
    }
  }
  if (depth < 3 && r < 0.38) return { op: 'not', of: randomCondition(rng, depth + 1, 'not') };
  const leaf = rng();
  if (leaf < 0.5) {
    const column = pick(rng, NUMERIC_NAMES);
    let lo: number | null = rng() < 0.3 ? null : randomNumber(rng);
    let hi: number | null = rng() < 0.3 ? null : randomNumber(rng);
    if (lo !== null && hi !== null && lo > hi) [lo, hi] = [hi, lo];
    return { op: 'range', column, lo, hi, loOpen: lo !== null && rng() < 0.5, hiOpen: hi !== null && rng() < 0.5 };
  }
  if (leaf < 0.85) {
    const values = Array.from({ length: Math.floor(rng() * 4) }, () => pick(rng, STRINGS));
    return rng() < 0.3 ? { op: 'in', column: pick(rng, CATEGORICAL_NAMES), values, negate: true } : { op: 'in', column: pick(rng, CATEGORICAL_NAMES), values };
  }
  return { op: 'missing', column: pick(rng, [...NUMERIC_NAMES, ...CATEGORICAL_NAMES]) };
}

export function randomRuleSet(rng: Random, k = 1 + Math.floor(rng() * 5)): RuleSet {
  const rules: Rule[] = Array.from({ length: k }, (_, i) => ({
    id: `r${i + 1}`,
    name: rng() < 0.5 ? '' : pick(rng, ['low V14', 'quo"te', 'a: b', 'ü']),
    target: pick(rng, CLASSES),
    when: randomCondition(rng),
    enabled: rng() < 0.8,
  }));
  return { rules, defaultClass: rng() < 0.5 ? null : pick(rng, CLASSES) };
}

/**
 * A table whose numeric values sit on a 0.25 grid (stored as float32) so rule bounds drawn from
 * the same grid land exactly on values: the open/closed edge cases are hit all the time.
 */
export function randomTable(rng: Random, n: number): Table {
  const columns: Column[] = NUMERIC_NAMES.map((name) => ({
    name,
    type: 'numeric' as const,
    values: Float32Array.from({ length: n }, () => (rng() < 0.1 ? NaN : rng() < 0.5 ? Math.round(rng() * 160 - 80) / 4 : rng() * 40 - 20)),
  }));
  for (const name of CATEGORICAL_NAMES) {
    const dictionary = ['A', 'B', 'C', 'very bad', ''];
    columns.push({ name, type: 'categorical', dictionary, codes: Int32Array.from({ length: n }, () => (rng() < 0.1 ? -1 : Math.floor(rng() * dictionary.length))) });
  }
  columns.push({ name: 'note', type: 'text', values: Array.from({ length: n }, () => (rng() < 0.1 ? null : pick(rng, ['A', 'B', 'x', '']))) });
  return { n, columns };
}

/** Bounds on the table's grid (and a few off-grid) for evaluation tests. */
export function gridNumber(rng: Random): number {
  return rng() < 0.8 ? Math.round(rng() * 160 - 80) / 4 : rng() * 40 - 20;
}
