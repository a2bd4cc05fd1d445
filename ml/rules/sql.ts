/**
 * Rule specs → SQL (standard SQL; tested shapes run in DuckDB/SQLite/Postgres). Identifiers are
 * double-quoted, strings single-quoted with '' escaping. Three-valued logic is made two-valued
 * where it matters: a comparison on NULL is unknown, which a WHEN treats as false — exactly our
 * "missing never matches" — but NOT(unknown) is still unknown, so `not` wraps its operand in
 * COALESCE(…, FALSE) to stay the exact complement, as the mask compiler does.
 * Difference to the masks: the database compares bounds at its own precision, the masks at
 * float32 (so a value sitting exactly on a float32-rounded bound may fall the other way).
 */
import type { Condition, Rule, RuleSet } from './spec.ts';

export const sqlIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

function sqlNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write ${x} as a SQL number`);
  return String(x);
}

export function conditionToSql(c: Condition): string {
  switch (c.op) {
    case 'range': {
      const col = sqlIdent(c.column);
      const parts: string[] = [];
      if (c.lo !== null && c.hi !== null && !c.loOpen && !c.hiOpen) return `${col} BETWEEN ${sqlNumber(c.lo)} AND ${sqlNumber(c.hi)}`;
      if (c.lo !== null) parts.push(`${col} ${c.loOpen ? '>' : '>='} ${sqlNumber(c.lo)}`);
      if (c.hi !== null) parts.push(`${col} ${c.hiOpen ? '<' : '<='} ${sqlNumber(c.hi)}`);
      if (parts.length === 0) return `${col} IS NOT NULL`;
      return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
    }
    case 'in': {
      const col = sqlIdent(c.column);
      if (c.values.length === 0) return c.negate ? `${col} IS NOT NULL` : 'FALSE';
      return `${col} ${c.negate ? 'NOT IN' : 'IN'} (${c.values.map(sqlString).join(', ')})`;
    }
    case 'missing':
      return `${sqlIdent(c.column)} IS NULL`;
    case 'not':
      if (c.of.op === 'missing') return `${sqlIdent(c.of.column)} IS NOT NULL`;
      return `NOT COALESCE(${conditionToSql(c.of)}, FALSE)`;
    case 'and':
    case 'or':
      if (c.of.length === 0) return c.op === 'and' ? 'TRUE' : 'FALSE';
      if (c.of.length === 1) return conditionToSql(c.of[0]);
      return `(${c.of.map(conditionToSql).join(c.op === 'and' ? ' AND ' : ' OR ')})`;
  }
}

/** One rule alone: `CASE WHEN <cond> THEN 'target' ELSE NULL END`. */
export function ruleToSql(rule: Rule): string {
  return `CASE WHEN ${conditionToSql(rule.when)} THEN ${sqlString(rule.target)} ELSE NULL END`;
}

/** The rule set as one expression: enabled rules in priority order, ELSE the default class or NULL (abstain). */
export function ruleSetCaseSql(set: RuleSet): string {
  const whens = set.rules.filter((r) => r.enabled).map((r) => `  WHEN ${conditionToSql(r.when)} THEN ${sqlString(r.target)}${r.name ? ` -- ${r.name.replace(/[\r\n]+/g, ' ')}` : ''}`);
  const otherwise = set.defaultClass === null ? 'NULL' : sqlString(set.defaultClass);
  if (whens.length === 0) return otherwise;
  return `CASE\n${whens.join('\n')}\n  ELSE ${otherwise}\nEND`;
}

/** A query that adds the predicted class to every row: `SELECT *, CASE … END AS "predicted_class" FROM "table"`. */
export function ruleSetToSql(set: RuleSet, tableName: string, as = 'predicted_class'): string {
  return `SELECT *,\n${ruleSetCaseSql(set)} AS ${sqlIdent(as)}\nFROM ${sqlIdent(tableName)}`;
}
