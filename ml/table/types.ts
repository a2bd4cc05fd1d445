/**
 * The columnar table every stage of Machine Teacher reads. Columns, not rows: a numeric
 * column is one Float32Array (NaN = missing), a categorical column is Int32Array codes into
 * a dictionary (-1 = missing), a text column is a string array (null = missing).
 * Subsets are Uint32Array row indices or Uint8Array masks; rows are never objects.
 */

/**
 * `values` is what charts, features and models read. A numeric test in a rule compares the
 * number the data holds, as a double (see ml/rules/numbers.ts): `exact[i]` when the column has
 * `exact`, else the shortest decimal of `values[i]` (`f32Decimal`). Loaders keep `exact` only
 * for columns whose numbers that decimal would not give back (more than ~7 significant digits,
 * integers past 2^24, float32/float64 binary data), so only those columns pay 8 more bytes a row.
 */
export type NumericColumn = { name: string; type: 'numeric'; values: Float32Array; exact?: Float64Array };
export type CategoricalColumn = { name: string; type: 'categorical'; codes: Int32Array; dictionary: string[] };
export type TextColumn = { name: string; type: 'text'; values: (string | null)[] };
export type Column = NumericColumn | CategoricalColumn | TextColumn;

export type Table = { n: number; columns: Column[] };

/** What a column means to the user; storage type plus the roles inference recognises. */
export type ColumnKind = 'numeric' | 'categorical' | 'text' | 'image' | 'label';

export type ColumnSchema = {
  name: string;
  kind: ColumnKind;
  type: Column['type'];
  missing: number;
  /** Distinct non-missing values (categorical/text/label), absent for numeric. */
  distinct?: number;
  min?: number;
  max?: number;
};

export type TableSchema = {
  n: number;
  columns: ColumnSchema[];
  /** The label column this schema was made with (the guess unless one was chosen), or null. */
  labelColumn: string | null;
  /** What inference guessed, and why: always shown as a guess the user can change. */
  labelGuess: { column: string | null; reason: string };
};

/** A located problem in an input file: the user is told what, where, and what was expected. */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly location: { file: string; row?: number; column?: string | number; byte?: number },
  ) {
    super(`${location.file}${location.row !== undefined ? `: row ${location.row}` : ''}${location.column !== undefined ? `, column ${location.column}` : ''}: ${message}`);
    this.name = 'LoadError';
  }
}

export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}
