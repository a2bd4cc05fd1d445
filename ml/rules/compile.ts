/**
 * Rule specs → Uint8Array masks over a columnar Table.
 *
 * Each leaf is one tight loop over a typed column: numeric ranges become a closed float32
 * interval [L, H] (see numbers.ts), so the loop is two comparisons and NaN (missing) fails
 * both; categorical sets become a lookup table indexed by code, and code -1 (missing) never
 * matches. Leaves write, AND or OR straight into the output so an `and` of ranges needs no
 * temporary masks. Semantics:
 *   range / in    never match a missing value
 *   not in        matches present values outside the set (missing excluded, like SQL NOT IN)
 *   is missing    NaN / code -1 / null text
 *   not (c)       the exact complement of c (so it does include missing)
 */
import type { Condition, Rule, RuleSet } from './spec.ts';
import { findColumn, type Column, type Table } from '../table/types.ts';
import { closedF32Bounds } from './numbers.ts';

/** A rule that cannot run on this table: unknown column or a test of the wrong type. */
export class RuleError extends Error {
  constructor(message: string, readonly ruleId: string | null = null, readonly column: string | null = null) {
    super(message);
    this.name = 'RuleError';
  }
}

const WRITE = 0, AND = 1, OR = 2;
type Mode = typeof WRITE | typeof AND | typeof OR;
/** A compiled condition: applies itself to `out` in the given mode. */
type Kernel = (out: Uint8Array, mode: Mode) => void;

function column(table: Table, name: string, ruleId: string | null): Column {
  const c = findColumn(table, name);
  if (!c) throw new RuleError(`unknown column \`${name}\``, ruleId, name);
  return c;
}

function compile(table: Table, cond: Condition, ruleId: string | null): Kernel {
  const n = table.n;
  switch (cond.op) {
    case 'range': {
      const col = column(table, cond.column, ruleId);
      if (col.type !== 'numeric') throw new RuleError(`\`${cond.column}\` is ${col.type}: a numeric range needs a numeric column (use \`in {…}\`)`, ruleId, cond.column);
      const X = col.values;
      const [L, H] = closedF32Bounds(cond.lo, cond.hi, cond.loOpen ?? false, cond.hiOpen ?? false);
      return (out, mode) => {
        if (mode === WRITE) for (let i = 0; i < n; i++) { const v = X[i]; out[i] = v >= L && v <= H ? 1 : 0; }
        else if (mode === AND) for (let i = 0; i < n; i++) { if (out[i]) { const v = X[i]; if (!(v >= L && v <= H)) out[i] = 0; } }
        else for (let i = 0; i < n; i++) { const v = X[i]; if (v >= L && v <= H) out[i] = 1; }
      };
    }
    case 'in': {
      const col = column(table, cond.column, ruleId);
      if (col.type === 'numeric') throw new RuleError(`\`${cond.column}\` is numeric: use a range (<, >, in [a, b]) instead of \`in {…}\``, ruleId, cond.column);
      const neg = cond.negate ? 1 : 0;
      if (col.type === 'categorical') {
        // hit[code + 1]: slot 0 is the missing code -1, which matches neither `in` nor `not in`.
        const hit = new Uint8Array(col.dictionary.length + 1);
        const set = new Set(cond.values);
        for (let k = 0; k < col.dictionary.length; k++) hit[k + 1] = set.has(col.dictionary[k]) ? 1 - neg : neg;
        return lutKernel(col.codes, hit, n);
      }
      const V = col.values, set = new Set(cond.values);
      const hit = new Uint8Array(n);
      return (out, mode) => {
        for (let i = 0; i < n; i++) { const s = V[i]; hit[i] = s === null ? 0 : set.has(s) ? 1 - neg : neg; }
        combine(out, hit, mode, n);
      };
    }
    case 'missing': {
      const col = column(table, cond.column, ruleId);
      const m = new Uint8Array(n);
      if (col.type === 'numeric') { const X = col.values; for (let i = 0; i < n; i++) m[i] = X[i] !== X[i] ? 1 : 0; }
      else if (col.type === 'categorical') { const C = col.codes; for (let i = 0; i < n; i++) m[i] = C[i] < 0 ? 1 : 0; }
      else { const V = col.values; for (let i = 0; i < n; i++) m[i] = V[i] === null ? 1 : 0; }
      return (out, mode) => combine(out, m, mode, n);
    }
    case 'not': {
      const inner = compile(table, cond.of, ruleId);
      const tmp = new Uint8Array(n);
      return (out, mode) => {
        inner(tmp, WRITE);
        for (let i = 0; i < n; i++) tmp[i] ^= 1;
        combine(out, tmp, mode, n);
      };
    }
    case 'and': {
      const kids = cond.of.map((c) => compile(table, c, ruleId));
      return (out, mode) => {
        if (mode === AND) { for (const k of kids) k(out, AND); return; }
        if (mode === WRITE) { out.fill(1, 0, n); for (const k of kids) k(out, AND); return; }
        const tmp = new Uint8Array(n).fill(1);
        for (const k of kids) k(tmp, AND);
        combine(out, tmp, OR, n);
      };
    }
    case 'or': {
      const kids = cond.of.map((c) => compile(table, c, ruleId));
      return (out, mode) => {
        if (mode === OR) { for (const k of kids) k(out, OR); return; }
        if (mode === WRITE) { out.fill(0, 0, n); for (const k of kids) k(out, OR); return; }
        const tmp = new Uint8Array(n);
        for (const k of kids) k(tmp, OR);
        combine(out, tmp, AND, n);
      };
    }
  }
}

function lutKernel(C: Int32Array, hit: Uint8Array, n: number): Kernel {
  return (out, mode) => {
    if (mode === WRITE) for (let i = 0; i < n; i++) out[i] = hit[C[i] + 1];
    else if (mode === AND) for (let i = 0; i < n; i++) { if (out[i] && !hit[C[i] + 1]) out[i] = 0; }
    else for (let i = 0; i < n; i++) { if (hit[C[i] + 1]) out[i] = 1; }
  };
}

function combine(out: Uint8Array, m: Uint8Array, mode: Mode, n: number) {
  if (mode === WRITE) out.set(m.subarray(0, n));
  else if (mode === AND) for (let i = 0; i < n; i++) out[i] &= m[i];
  else for (let i = 0; i < n; i++) out[i] |= m[i];
}

/** A reusable mask function for one condition (validates columns once; throws RuleError). */
export function compileCondition(table: Table, cond: Condition, ruleId: string | null = null): (out?: Uint8Array) => Uint8Array {
  const k = compile(table, cond, ruleId);
  return (out) => {
    const o = out ?? new Uint8Array(table.n);
    if (o.length < table.n) throw new RangeError(`mask has ${o.length} slots for ${table.n} rows`);
    k(o, WRITE);
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

/** Every rule's problem on this table (enabled or not), without throwing. */
export function checkRuleSet(table: Table, set: RuleSet): RuleError[] {
  const errors: RuleError[] = [];
  for (const r of set.rules) {
    try { compile(table, r.when, r.id); } catch (e) { if (e instanceof RuleError) errors.push(e); else throw e; }
  }
  return errors;
}

/**
 * Per row, the index in `set.rules` of the first enabled rule that matches (priority = order),
 * or -1 when none does. Throws RuleError if an enabled rule cannot run on this table.
 */
export function ruleSetAssign(table: Table, set: RuleSet, out?: Int32Array): Int32Array {
  const n = table.n;
  const assign = out ?? new Int32Array(n);
  assign.fill(-1, 0, n);
  const kernels = set.rules.map((r) => (r.enabled ? compile(table, r.when, r.id) : null));
  const m = new Uint8Array(n);
  let left = n;
  for (let r = 0; r < kernels.length && left > 0; r++) {
    const k = kernels[r];
    if (!k) continue;
    k(m, WRITE);
    for (let i = 0; i < n; i++) if (m[i] && assign[i] < 0) { assign[i] = r; left--; }
  }
  return assign;
}

export { conditionToSql, ruleToSql, ruleSetToSql, ruleSetCaseSql } from './sql.ts';
