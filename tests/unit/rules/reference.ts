/** Reference semantics for the property tests: plain row-at-a-time code, independent of the compiler. */
import type { Condition } from '../../../ml/rules/spec.ts';
import { findColumn, type Table } from '../../../ml/table/types.ts';
import { CATEGORICAL_NAMES, NUMERIC_NAMES, gridNumber, pick, type Random } from './gen.ts';

/** The obvious row-at-a-time meaning of a condition, written independently of the compiler. */
export function reference(table: Table, c: Condition, i: number): boolean {
  switch (c.op) {
    case 'range': {
      const col = findColumn(table, c.column)!;
      if (col.type !== 'numeric') throw new Error('type');
      const v = col.values[i];
      if (Number.isNaN(v)) return false;
      if (c.lo !== null && !(c.loOpen ? v > Math.fround(c.lo) : v >= Math.fround(c.lo))) return false;
      if (c.hi !== null && !(c.hiOpen ? v < Math.fround(c.hi) : v <= Math.fround(c.hi))) return false;
      return true;
    }
    case 'in': {
      const col = findColumn(table, c.column)!;
      let s: string | null;
      if (col.type === 'categorical') s = col.codes[i] < 0 ? null : col.dictionary[col.codes[i]];
      else if (col.type === 'text') s = col.values[i];
      else throw new Error('type');
      if (s === null) return false;
      return c.values.includes(s) !== !!c.negate;
    }
    case 'missing': {
      const col = findColumn(table, c.column)!;
      return col.type === 'numeric' ? Number.isNaN(col.values[i]) : col.type === 'categorical' ? col.codes[i] < 0 : col.values[i] === null;
    }
    case 'not': return !reference(table, c.of, i);
    case 'and': return c.of.every((k) => reference(table, k, i));
    case 'or': return c.of.some((k) => reference(table, k, i));
  }
}

/** Random conditions over the random table's columns (with types that fit), bounds on the value grid. */
export function evalCondition(rng: Random, depth = 0): Condition {
  const r = rng();
  if (depth < 3 && r < 0.25) return { op: rng() < 0.5 ? 'and' : 'or', of: Array.from({ length: Math.floor(rng() * 4) }, () => evalCondition(rng, depth + 1)) };
  if (depth < 3 && r < 0.35) return { op: 'not', of: evalCondition(rng, depth + 1) };
  const leaf = rng();
  if (leaf < 0.5) {
    let lo: number | null = rng() < 0.25 ? null : gridNumber(rng);
    let hi: number | null = rng() < 0.25 ? null : gridNumber(rng);
    if (lo !== null && hi !== null && lo > hi && rng() < 0.8) [lo, hi] = [hi, lo];
    return { op: 'range', column: pick(rng, NUMERIC_NAMES), lo, hi, loOpen: rng() < 0.5, hiOpen: rng() < 0.5 };
  }
  if (leaf < 0.85) {
    const values = Array.from({ length: Math.floor(rng() * 4) }, () => pick(rng, ['A', 'B', 'C', 'very bad', '', 'x', 'zzz']));
    return { op: 'in', column: pick(rng, [...CATEGORICAL_NAMES, 'note']), values, negate: rng() < 0.4 };
  }
  return { op: 'missing', column: pick(rng, [...NUMERIC_NAMES, ...CATEGORICAL_NAMES, 'note']) };
}

