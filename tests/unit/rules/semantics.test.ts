/**
 * One meaning for a numeric test everywhere (ml/rules/numbers.ts): the file's number, as a
 * double, against the bound as written. Values sit exactly on and next to each bound (the
 * neighbouring doubles, and the neighbouring float32 values written as their shortest
 * decimals), in a column that keeps exact doubles and one that stays float32; the masks, the
 * RuleClassifier, the brush mask, DuckDB on the CSV and on a Parquet file, SQLite,
 * loadClassifier's rules and `machine-teacher predict --rules` agree with the obvious reading
 * of the file, row by row.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTable } from '../../../ml/table/index.ts';
import { MISSING_TOKENS, f32Decimal } from '../../../ml/table/builders.ts';
import { writeParquet } from '../../../ml/table/parquet-write.ts';
import { conditionMask, ruleSetAssign } from '../../../ml/rules/compile.ts';
import { conditionToSql, ruleSetToSql, sqlString, type SqlDialect } from '../../../ml/rules/sql.ts';
import { parseCondition, parseRules } from '../../../ml/rules/text.ts';
import { nextDown, nextDownF32, nextUp, nextUpF32, numberAt } from '../../../ml/rules/numbers.ts';
import { RuleClassifier } from '../../../ml/classify/rule-classifier.ts';
import { brushMask } from '../../../renderer/rules/mask.ts';
import type { Condition } from '../../../ml/rules/spec.ts';
import type { NumericColumn, Table } from '../../../ml/table/types.ts';
import { duckdb, duckdbTypes, sqlite } from '../export/engines.ts';
import { rulesClassifier } from '../../../ml/export/read.ts';
import { spawnSync } from 'node:child_process';

const dir = mkdtempSync(join(tmpdir(), 'mt-semantics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BOUNDS = [0.1, -4.2, 0.1000000001, 2.5, 1e-7, 16777217, 123456.789, 0.30000000000000004, 1 / 3, 0, -1e-30, 3e38];
const LONG = 'long "x"'; // a name that needs quoting in every dialect
const SHORT = 'short';

/** Doubles on and next to each bound: what a column with exact numbers holds. */
const longValues = BOUNDS.flatMap((b) => [b, nextUp(b), nextDown(b)]);
/** Float32 values on and next to each bound, as their shortest decimals: a column that stays float32. */
const shortValues = BOUNDS.flatMap((b) => {
  const f = Math.fround(b);
  return Number.isFinite(f) ? [f, nextUpF32(f), nextDownF32(f)].map(f32Decimal) : [];
});

const rows = Math.max(longValues.length, shortValues.length) + 3;
const cell = (xs: number[], i: number) => (i < xs.length ? String(xs[i]) : i % 2 ? 'NA' : '');
const GRADES = ['A', `it's "odd"`, 'B', '', 'NA', 'C'];
const csvQuote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = [['id', SHORT, LONG, 'grade'].map(csvQuote).join(','),
  ...Array.from({ length: rows }, (_, i) => [String(i), cell(shortValues, i), cell(longValues, i), csvQuote(GRADES[i % GRADES.length])].join(','))].join('\n') + '\n';

/** The file's numbers as the obvious reading gives them: Number(text), missing tokens → NaN. */
const fileNumbers = (column: number) => csv.trim().split('\n').slice(1).map((line) => {
  const text = line.split(',')[column];
  return MISSING_TOKENS.has(text) ? NaN : Number(text);
});

/** Every kind of test on both columns at every bound, plus sets, missing and `not`. */
function conditions(): Condition[] {
  const out: Condition[] = [];
  for (const column of [SHORT, LONG]) {
    const q = `\`${column.replace(/`/g, '``')}\``;
    for (const b of BOUNDS) {
      for (const op of ['<', '<=', '>', '>=', '=']) out.push(parseCondition(`${q} ${op} ${b}`).condition!);
      out.push(parseCondition(`not (${q} >= ${b})`).condition!);
      out.push(parseCondition(`${q} in [${b}, ${nextUp(b)}]`).condition!);
      out.push(parseCondition(`${q} in (${nextDown(b)}, ${nextUp(b)})`).condition!);
    }
    out.push(parseCondition(`${q} is missing`).condition!, parseCondition(`${q} is not missing`).condition!);
  }
  for (const text of ['grade in {"A", "it\'s \\"odd\\""}', 'grade not in {"A", "B"}', 'not (grade in {"B"})', 'grade is missing', 'grade = C or short < 0']) {
    const c = parseCondition(text);
    expect(c.errors).toEqual([]);
    out.push(c.condition!);
  }
  return out;
}

/** The obvious row-at-a-time reading, on the file's numbers. */
function expected(c: Condition, i: number, num: Record<string, number[]>, grade: (string | null)[]): boolean {
  switch (c.op) {
    case 'range': {
      const x = num[c.column][i];
      if (x !== x) return false;
      return (c.lo === null || (c.loOpen ? x > c.lo : x >= c.lo)) && (c.hi === null || (c.hiOpen ? x < c.hi : x <= c.hi));
    }
    case 'in': { const g = grade[i]; return g !== null && c.values.includes(g) !== !!c.negate; }
    case 'missing': return c.column === 'grade' ? grade[i] === null : Number.isNaN(num[c.column][i]);
    case 'not': return !expected(c.of, i, num, grade);
    case 'and': return c.of.every((k) => expected(k, i, num, grade));
    case 'or': return c.of.some((k) => expected(k, i, num, grade));
  }
}

async function load(): Promise<Table> {
  return loadTable('bounds.csv', new TextEncoder().encode(csv));
}

describe('numeric tests compare the file\'s number, everywhere', () => {
  const csvPath = join(dir, 'bounds.csv');
  writeFileSync(csvPath, csv);
  const conds = conditions();
  const num = { [SHORT]: fileNumbers(1), [LONG]: fileNumbers(2) };
  const grade = csv.trim().split('\n').slice(1).map((_, i) => { const g = GRADES[i % GRADES.length]; return MISSING_TOKENS.has(g) ? null : g; });
  const truth = conds.map((c) => Array.from({ length: rows }, (_, i) => (expected(c, i, num, grade) ? 1 : 0)));

  it('the loader keeps exact doubles only for the column that needs them, and they are the file\'s numbers', async () => {
    const table = await load();
    const short = table.columns[1] as NumericColumn, long = table.columns[2] as NumericColumn;
    expect(short.type).toBe('numeric');
    expect(short.exact).toBeUndefined();
    expect(long.exact).toBeInstanceOf(Float64Array);
    for (let i = 0; i < rows; i++) {
      expect(Object.is(numberAt(short, i), num[SHORT][i]) || numberAt(short, i) === num[SHORT][i]).toBe(true);
      expect(Object.is(numberAt(long, i), num[LONG][i]) || numberAt(long, i) === num[LONG][i]).toBe(true);
    }
  });

  it('masks and the RuleClassifier give the obvious answer at, above and below every bound', async () => {
    const table = await load();
    conds.forEach((c, q) => expect(Array.from(conditionMask(table, c)), JSON.stringify(c)).toEqual(truth[q]));
    // The same conditions as one-rule classifiers: predictions are the class or abstain.
    conds.forEach((c, q) => {
      const clf = new RuleClassifier({ rules: [{ id: 'r', name: '', target: 'hit', when: c, enabled: true }], defaultClass: null });
      expect(Array.from(clf.predict(table))).toEqual(truth[q].map((t) => (t ? 0 : -1)));
    });
  });

  it('the brush mask of the Rules view selects what the rule made of the brushes matches', async () => {
    const table = await load();
    const out = new Uint8Array(table.n);
    for (const column of [SHORT, LONG]) {
      for (const b of BOUNDS) {
        for (const open of [false, true]) {
          brushMask(table, [{ column, kind: 'numeric', ranges: [[b, Infinity]], open: [[open, false]] }], out);
          const c: Condition = { op: 'range', column, lo: b, hi: null, loOpen: open, hiOpen: false };
          expect(Array.from(out)).toEqual(Array.from(conditionMask(table, c)));
        }
      }
    }
  });

  /** SELECT id, CASE WHEN cond THEN 1 ELSE 0 END … for every condition, rows in id order. */
  const probe = (dialect: SqlDialect, from: string) =>
    `SELECT id, ${conds.map((c, q) => `CASE WHEN ${conditionToSql(c, dialect)} THEN 1 ELSE 0 END AS m${q}`).join(', ')} FROM ${from} ORDER BY id`;

  it('DuckDB on the CSV (DOUBLE columns) and on a Parquet file of DOUBLEs gives the same rows', async () => {
    const from = `read_csv(${sqlString(csvPath)}, header = true, nullstr = ['', 'NA'])`;
    const types = await duckdbTypes(from);
    expect(types[SHORT]).toBe('DOUBLE');
    expect(types[LONG]).toBe('DOUBLE');
    const fromCsv = await duckdb(probe('duckdb', from));
    const parquetPath = join(dir, 'bounds.parquet');
    writeFileSync(parquetPath, writeParquet(await load(), { doubles: true }));
    const fromParquet = await duckdb(probe('duckdb', `read_parquet(${sqlString(parquetPath)})`));
    for (const got of [fromCsv, fromParquet]) {
      expect(got).toHaveLength(rows);
      conds.forEach((c, q) => expect(got.map((r) => r[q + 1]), conditionToSql(c, 'duckdb')).toEqual(truth[q]));
    }
  });

  it('SQLite (REAL columns holding the file\'s numbers) gives the same rows', async () => {
    const values = (xs: number[]) => xs.map((x) => (x === x ? x : null));
    const got = await sqlite('bounds', [
      { name: 'id', type: 'REAL', values: Array.from({ length: rows }, (_, i) => i) },
      { name: SHORT, type: 'REAL', values: values(num[SHORT]) },
      { name: LONG, type: 'REAL', values: values(num[LONG]) },
      { name: 'grade', type: 'TEXT', values: grade },
    ], probe('sqlite', '"bounds"'));
    conds.forEach((c, q) => expect(got.map((r) => r[q + 1]), conditionToSql(c, 'sqlite')).toEqual(truth[q]));
  });

  it('a whole rule set: first match wins, the same in the masks, DuckDB and SQLite', async () => {
    const text = [
      '"at bound": `long "x"` >= 0.1000000001 => above',
      'short <= -4.2 => low',
      'grade in {"it\'s \\"odd\\""} and not (short > 0.1) => odd',
      '`long "x"` is missing => none',
    ].join('\n');
    const { rules, errors } = parseRules(text);
    expect(errors).toEqual([]);
    const set = { rules, defaultClass: null };
    const table = await load();
    const app = Array.from(ruleSetAssign(table, set), (r) => (r < 0 ? null : rules[r].target));
    const duck = await duckdb(`SELECT prediction FROM (${ruleSetToSql(set, 'data', 'prediction', 'duckdb').replace('FROM "data"', `FROM read_csv(${sqlString(csvPath)}, header = true, nullstr = ['', 'NA'])`)}) ORDER BY id`);
    expect(duck.map((r) => r[0])).toEqual(app);
    // loadClassifier's rules, and the CLI streaming the CSV, read the same numbers.
    expect(rulesClassifier(text, 'rules.txt').predictLabels(table)).toEqual(app);
    const rulesPath = join(dir, 'rules.txt');
    writeFileSync(rulesPath, text);
    const cli = spawnSync(process.execPath, ['scripts/machine-teacher.mjs', 'predict', '--rules', rulesPath, csvPath], { encoding: 'utf8', timeout: 60_000 });
    expect(cli.stderr).toBe('');
    expect(cli.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[1] || null)).toEqual(app);
    expect(app.filter((p) => p === 'above').length).toBeGreaterThan(0);
    expect(app.filter((p) => p === 'low').length).toBeGreaterThan(0);
  });
});
