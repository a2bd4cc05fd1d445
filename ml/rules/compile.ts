/**
 * Rule specs → Uint8Array masks over a columnar Table.
 *
 * Each leaf is one tight loop over a typed column (kernels.ts): numeric ranges become a
 * closed interval on the number the data holds (numbers.ts says exactly which number),
 * categorical sets a lookup table by code. Semantics:
 *   range         the file's number (a double) against the bound as written, like SQL on DOUBLE
 *   range / in    never match a missing value
 *   not in        matches present values outside the set (missing excluded, like SQL NOT IN)
 *   is missing    NaN / code -1 / null text
 *   not (c)       the exact complement of c (so it does include missing)
 */
import type { Condition, Rule, RuleSet } from './spec.ts';
import type { Table } from '../table/types.ts';
import { RuleError, WRITE, compileKernel as compile } from './kernels.ts';
import { nextEvaluation } from './sorted-index.ts';

export { RuleError } from './kernels.ts';

/** A reusable mask function for one condition (validates columns once; throws RuleError). */
export function compileCondition(table: Table, cond: Condition, ruleId: string | null = null): (out?: Uint8Array) => Uint8Array {
  nextEvaluation();
  const k = compile(table, cond, ruleId);
  return (out) => {
    const o = out ?? new Uint8Array(table.n);
    if (o.length < table.n) throw new RangeError(`mask has ${o.length} slots for ${table.n} rows`);
    k.mask(o, WRITE);
    return o;
  };
}

/** 1 where the row satisfies `cond`, else 0. Throws RuleError for unknown columns / wrong types. */
export function conditionMask(table: Table, cond: Condition, out?: Uint8Array): Uint8Array {
  return compileCondition(table, cond)(out);
}

/** Mask of one rule (ignores `enabled`; the caller decides). */
export function ruleMask(table: Table, rule: Rule, out?: Uint8Array): Uint8Array {
  return compileCondition(table, rule.when, rule.id)(out);
}

/** Ascending row indices where `cond` holds (select-then-refine; cheaper than a mask for selective rules). */
export function conditionIndices(table: Table, cond: Condition, ruleId: string | null = null): Uint32Array {
  const idx = new Uint32Array(table.n);
  nextEvaluation();
  const count = compile(table, cond, ruleId).select(idx);
  return idx.slice(0, count);
}

/** Rows one rule matches (ignores `enabled`). Throws RuleError. */
export function ruleIndices(table: Table, rule: Rule): Uint32Array {
  return conditionIndices(table, rule.when, rule.id);
}

/** Every rule's problem on this table (enabled or not), without throwing. */
export function checkRuleSet(table: Table, set: RuleSet): RuleError[] {
  const errors: RuleError[] = [];
  for (const r of set.rules) {
    try { compile(table, r.when, r.id); } catch (e) { if (e instanceof RuleError) errors.push(e); else throw e; }
  }
  return errors;
}

/** One row list reused by every assignment: a fresh 1 MB buffer per edit kept the GC busy. */
let scratch = new Uint32Array(0);
const scratchIndex = (n: number) => (scratch.length >= n ? scratch : (scratch = new Uint32Array(n)));

/**
 * Per row, the index in `set.rules` of the first enabled rule that matches (priority = order),
 * or -1 when none does. Throws RuleError if an enabled rule cannot run on this table.
 */
export function ruleSetAssign(table: Table, set: RuleSet, out?: Int32Array): Int32Array {
  const n = table.n;
  const assign = out ?? new Int32Array(n);
  assign.fill(-1, 0, n);
  nextEvaluation();
  const kernels = set.rules.map((r) => (r.enabled ? compile(table, r.when, r.id) : null));
  // gather-then-refine per rule (see kernels.ts), then first match wins: rows in any order.
  const idx = scratchIndex(n);
  for (let r = 0; r < kernels.length; r++) {
    const k = kernels[r];
    if (!k) continue;
    const count = k.gather(idx, 0);
    for (let j = 0; j < count; j++) { const i = idx[j]; if (assign[i] < 0) assign[i] = r; }
  }
  return assign;
}

export { conditionToSql, ruleToSql, ruleSetToSql, ruleSetCaseSql } from './sql.ts';
