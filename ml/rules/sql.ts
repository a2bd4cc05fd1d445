/**
 * Rule specs → SQL for DuckDB, SQLite, PostgreSQL and Spark SQL (DuckDB and SQLite are run in
 * the tests). Identifiers are quoted ("…", Spark `…`), strings single-quoted and escaped.
 * Three-valued logic is made two-valued where it matters: a comparison on NULL is unknown,
 * which a WHEN treats as false — exactly our "missing never matches" — but NOT(unknown) is
 * still unknown, so `not` wraps its operand in COALESCE(…, FALSE) to stay the exact
 * complement, as the mask compiler does.
 *
 * Same answers as the app (ml/rules/numbers.ts): a bound is compared as a double with the
 * column's number as a double. So bounds are written as DOUBLE literals where the engine
 * would otherwise read them as something else: DuckDB reads `0.1` as DECIMAL and casts it to
 * a FLOAT column's type (comparing at float32) and converts 16+ digit decimals to double
 * inexactly, while `0.1e0` is a DOUBLE; Spark reads `0.1D` as a DOUBLE. SQLite reads any
 * decimal as REAL (a double); PostgreSQL casts a numeric literal to float8 exactly.
 * Missing values must be NULL in the database (DuckDB's read_csv reads empty fields so).
 */
import type { Condition, Rule, RuleSet } from './spec.ts';

export type SqlDialect = 'duckdb' | 'sqlite' | 'postgres' | 'spark';
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'sqlite', 'postgres', 'spark'];

export const sqlIdent = (name: string, dialect: SqlDialect = 'postgres') =>
  dialect === 'spark' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
/** Spark string literals treat backslash as an escape; the others only double the quote. */
export const sqlString = (s: string, dialect: SqlDialect = 'postgres') =>
  dialect === 'spark' ? `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : `'${s.replace(/'/g, "''")}'`;

/** A bound as a literal the engine reads as exactly this double. */
export function sqlNumber(x: number, dialect: SqlDialect = 'postgres'): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write ${x} as a SQL number`);
  if (dialect === 'duckdb') {
    // Small integers are exact in every numeric type; anything else gets an exponent (a DOUBLE).
    if (Number.isInteger(x) && Math.abs(x) < 2 ** 24) return String(x);
    const s = String(x);
    return /e/i.test(s) ? s : `${s}e0`;
  }
  if (dialect === 'spark') return `${x}D`; // a DOUBLE literal (plain 0.1 would be a DECIMAL)
  return String(x);
}

export function conditionToSql(c: Condition, dialect: SqlDialect = 'postgres'): string {
  const id = (name: string) => sqlIdent(name, dialect);
  const num = (x: number) => sqlNumber(x, dialect);
  switch (c.op) {
    case 'range': {
      const col = id(c.column);
      const parts: string[] = [];
      if (c.lo !== null && c.hi !== null && !c.loOpen && !c.hiOpen) return `${col} BETWEEN ${num(c.lo)} AND ${num(c.hi)}`;
      if (c.lo !== null) parts.push(`${col} ${c.loOpen ? '>' : '>='} ${num(c.lo)}`);
      if (c.hi !== null) parts.push(`${col} ${c.hiOpen ? '<' : '<='} ${num(c.hi)}`);
      if (parts.length === 0) return `${col} IS NOT NULL`;
      return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
    }
    case 'in': {
      const col = id(c.column);
      if (c.values.length === 0) return c.negate ? `${col} IS NOT NULL` : 'FALSE';
      return `${col} ${c.negate ? 'NOT IN' : 'IN'} (${c.values.map((v) => sqlString(v, dialect)).join(', ')})`;
    }
    case 'missing':
      return `${id(c.column)} IS NULL`;
    case 'not':
      if (c.of.op === 'missing') return `${id(c.of.column)} IS NOT NULL`;
      return `NOT COALESCE(${conditionToSql(c.of, dialect)}, FALSE)`;
    case 'and':
    case 'or':
      if (c.of.length === 0) return c.op === 'and' ? 'TRUE' : 'FALSE';
      if (c.of.length === 1) return conditionToSql(c.of[0], dialect);
      return `(${c.of.map((k) => conditionToSql(k, dialect)).join(c.op === 'and' ? ' AND ' : ' OR ')})`;
  }
}

/** One rule alone: `CASE WHEN <cond> THEN 'target' ELSE NULL END`. */
export function ruleToSql(rule: Rule, dialect: SqlDialect = 'postgres'): string {
  return `CASE WHEN ${conditionToSql(rule.when, dialect)} THEN ${sqlString(rule.target, dialect)} ELSE NULL END`;
}

/** The rule set as one expression: enabled rules in priority order, ELSE the default class or NULL (abstain). */
export function ruleSetCaseSql(set: RuleSet, dialect: SqlDialect = 'postgres'): string {
  const comment = (r: Rule) => (r.name ? ` -- ${r.name.replace(/[\r\n]+/g, ' ')}` : '');
  const whens = set.rules.filter((r) => r.enabled).map((r) => `  WHEN ${conditionToSql(r.when, dialect)} THEN ${sqlString(r.target, dialect)}${comment(r)}`);
  const otherwise = set.defaultClass === null ? 'NULL' : sqlString(set.defaultClass, dialect);
  if (whens.length === 0) return otherwise;
  return `CASE\n${whens.join('\n')}\n  ELSE ${otherwise}\nEND`;
}

/** A table name as given: `schema.table` quotes each part. */
export function sqlTableName(name: string, dialect: SqlDialect = 'postgres'): string {
  return name.split('.').map((part) => sqlIdent(part, dialect)).join('.');
}

/** A query that adds the predicted class to every row: `SELECT *, CASE … END AS "predicted_class" FROM "table"`. */
export function ruleSetToSql(set: RuleSet, tableName: string, as = 'predicted_class', dialect: SqlDialect = 'postgres'): string {
  return `SELECT *,\n${ruleSetCaseSql(set, dialect)} AS ${sqlIdent(as, dialect)}\nFROM ${sqlTableName(tableName, dialect)}`;
}
