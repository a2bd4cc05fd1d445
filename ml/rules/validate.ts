/**
 * Checking rule specs that come from outside the type system (a project file, an imported
 * bundle, the IPC boundary). Errors name the JSON path ("rules[2].when.of[1].lo: …") so a
 * broken file can be fixed by hand; nothing is coerced silently.
 */
import type { Condition, Rule, RuleSet } from './spec.ts';

export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

class Invalid extends Error {}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (path: string, what: string, v: unknown): never => {
  throw new Invalid(`${path}: expected ${what}, found ${v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 60) ?? String(v)}`);
};
const str = (v: unknown, path: string): string => (typeof v === 'string' ? v : bad(path, 'a string', v));
/** Column names are one line (the loaders fold line breaks), so a rule always prints as one line. */
const columnName = (v: unknown, path: string): string => (typeof v === 'string' && v !== '' && !/[\r\n]/.test(v) ? v : bad(path, 'a column name (one line)', v));

/** Deeper than this is not a rule anyone wrote; it would only exhaust the stack. */
export const MAX_CONDITION_DEPTH = 64;
const bound = (v: unknown, path: string): number | null => (v === null || (typeof v === 'number' && Number.isFinite(v)) ? (v as number | null) : bad(path, 'a finite number or null', v));
const flag = (v: unknown, path: string): boolean | undefined => (v === undefined || typeof v === 'boolean' ? v : bad(path, 'true, false or nothing', v));

function condition(v: unknown, path: string, depth = 1): Condition {
  if (depth > MAX_CONDITION_DEPTH) return bad(path, `a condition nested at most ${MAX_CONDITION_DEPTH} levels deep`, '…');
  if (!isObj(v)) return bad(path, 'a condition object', v);
  switch (v.op) {
    case 'range': {
      const c: Condition = { op: 'range', column: columnName(v.column, `${path}.column`), lo: bound(v.lo, `${path}.lo`), hi: bound(v.hi, `${path}.hi`) };
      const loOpen = flag(v.loOpen, `${path}.loOpen`), hiOpen = flag(v.hiOpen, `${path}.hiOpen`);
      if (loOpen !== undefined) c.loOpen = loOpen;
      if (hiOpen !== undefined) c.hiOpen = hiOpen;
      return c;
    }
    case 'in': {
      if (!Array.isArray(v.values)) return bad(`${path}.values`, 'an array of strings', v.values);
      const c: Condition = { op: 'in', column: columnName(v.column, `${path}.column`), values: v.values.map((x, k) => str(x, `${path}.values[${k}]`)) };
      const negate = flag(v.negate, `${path}.negate`);
      if (negate !== undefined) c.negate = negate;
      return c;
    }
    case 'missing':
      return { op: 'missing', column: columnName(v.column, `${path}.column`) };
    case 'not':
      return { op: 'not', of: condition(v.of, `${path}.of`, depth + 1) };
    case 'and':
    case 'or':
      if (!Array.isArray(v.of)) return bad(`${path}.of`, 'an array of conditions', v.of);
      return { op: v.op, of: v.of.map((x, k) => condition(x, `${path}.of[${k}]`, depth + 1)) };
    default:
      return bad(`${path}.op`, "one of 'range', 'in', 'missing', 'not', 'and', 'or'", v.op);
  }
}

function rule(v: unknown, path: string): Rule {
  if (!isObj(v)) return bad(path, 'a rule object', v);
  if (typeof v.enabled !== 'boolean') return bad(`${path}.enabled`, 'true or false', v.enabled);
  return { id: str(v.id, `${path}.id`), name: str(v.name, `${path}.name`), target: str(v.target, `${path}.target`), when: condition(v.when, `${path}.when`), enabled: v.enabled };
}

/** A RuleSet from untrusted JSON, or the first problem with its path. Rule ids must be unique. */
export function validateRuleSet(v: unknown, path = 'rules'): Validation<RuleSet> {
  try {
    if (!isObj(v)) return bad(path, 'a rule set object', v);
    if (!Array.isArray(v.rules)) return bad(`${path}.rules`, 'an array of rules', v.rules);
    const rules = v.rules.map((r, k) => rule(r, `${path}.rules[${k}]`));
    const seen = new Set<string>();
    rules.forEach((r, k) => { if (seen.has(r.id)) bad(`${path}.rules[${k}].id`, 'an id no other rule has', r.id); seen.add(r.id); });
    const defaultClass = v.defaultClass === undefined || v.defaultClass === null ? null : str(v.defaultClass, `${path}.defaultClass`);
    return { ok: true, value: { rules, defaultClass } };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.message };
    throw e;
  }
}

/** The condition alone (e.g. a pasted spec). */
export function validateCondition(v: unknown, path = 'when'): Validation<Condition> {
  try {
    return { ok: true, value: condition(v, path) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.message };
    throw e;
  }
}
