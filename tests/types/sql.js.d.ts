/** The part of sql.js (SQLite compiled to WebAssembly) the tests use; the package ships no types. */
declare module 'sql.js' {
  export type SqlValue = number | string | Uint8Array | null;
  export type QueryExecResult = { columns: string[]; values: SqlValue[][] };
  export interface Statement {
    run(params?: SqlValue[]): void;
    free(): boolean;
  }
  export interface Database {
    exec(sql: string): QueryExecResult[];
    run(sql: string, params?: SqlValue[]): Database;
    prepare(sql: string): Statement;
    close(): void;
  }
  export type SqlJsStatic = { Database: new () => Database };
  export default function initSqlJs(): Promise<SqlJsStatic>;
}
