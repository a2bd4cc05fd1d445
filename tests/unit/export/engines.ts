/**
 * The SQL engines the "same answers everywhere" tests run our SQL in: DuckDB (@duckdb/node-api,
 * reading the CSV / Parquet file itself) and SQLite (sql.js, fed the file's numbers as REAL).
 * Not a test file.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import initSqlJs, { type SqlValue } from 'sql.js';
import { sqlIdent } from '../../../ml/rules/sql.ts';

/** Runs one query in a fresh in-memory DuckDB; values as JS (bigints as numbers). */
export async function duckdb(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRows().map((row) => row.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Column types of a DuckDB relation, e.g. read_csv('x.csv'). */
export async function duckdbTypes(relation: string): Promise<Record<string, string>> {
  const rows = await duckdb(`DESCRIBE SELECT * FROM ${relation}`);
  return Object.fromEntries(rows.map((r) => [String(r[0]), String(r[1])]));
}

export type SqliteColumn = { name: string; type: 'REAL' | 'TEXT'; values: SqlValue[] };

/** A SQLite table `name` of the given columns, then one query on it. */
export async function sqlite(name: string, columns: SqliteColumn[], sql: string): Promise<SqlValue[][]> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.run(`CREATE TABLE ${sqlIdent(name)} (${columns.map((c) => `${sqlIdent(c.name)} ${c.type}`).join(', ')})`);
    const insert = db.prepare(`INSERT INTO ${sqlIdent(name)} VALUES (${columns.map(() => '?').join(', ')})`);
    const n = columns[0]?.values.length ?? 0;
    for (let i = 0; i < n; i++) insert.run(columns.map((c) => c.values[i]));
    insert.free();
    return db.exec(sql)[0]?.values ?? [];
  } finally {
    db.close();
  }
}
