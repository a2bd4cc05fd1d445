/**
 * The data layer's front door: `loadTable(name, bytes)` (or a `TableLoader` fed chunk by
 * chunk) picks a loader by content (magic bytes) and then by extension, and
 * `inferSchema(table)` says what each column means. Every loader builds typed columns
 * directly; malformed input throws a located LoadError. After loading, a numeric label column
 * (Class = 0/1) is made categorical so all later stages read classes one way.
 */
import { loadBytes, type TableLoadOptions } from './stream.ts';
import type { Table } from './types.ts';

export * from './types.ts';
export { inferSchema, labelAsCategorical } from './schema.ts';
export { guessLabelColumn, resolveLabel, checkLabelColumn, featureColumnNames, excludedColumns, LABEL_NAMES } from './label.ts';
export type { FeatureRoles, LabelGuess } from './label.ts';
export { generateCreditCard } from './generate-creditcard.ts';
export { detectFormat, type Format } from './format.ts';
export { TableLoader, type LoadProgress, type TableLoadOptions } from './stream.ts';
export { DEFAULT_LIMITS, MAX_CELLS, cellBudget, type LoadLimits } from './limits.ts';

/**
 * Loads a table from a file's bytes: CSV, TSV, JSON, JSON lines, Arrow IPC or Parquet, also
 * gzipped (`name.csv.gz`). Throws LoadError (file, row, column, what was expected).
 */
export function loadTable(name: string, bytes: Uint8Array, opts?: TableLoadOptions): Promise<Table> {
  return loadBytes(name, bytes, opts);
}
