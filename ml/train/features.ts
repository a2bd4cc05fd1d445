/**
 * Training features from plain table columns, so tabular datasets get a model to compare with
 * their rules. Numeric columns are standardised (mean/std over non-missing values), missing
 * values become 0 (the mean) and, when a column has any, a "<name> missing" indicator column
 * is added so the model can still use missingness. Categoricals with few levels are one-hot
 * (missing = all zeros). Text columns and the excluded ones (the label!) are left out.
 * The returned spec re-applies the same transform to other tables (export, new rows).
 */
import type { Table } from '../table/types.ts';

export type FeatureSpec = {
  numeric: { name: string; mean: number; std: number; missingIndicator: boolean }[];
  categorical: { name: string; levels: string[] }[];
};

export type TableFeatures = {
  data: Float32Array;
  dim: number;
  names: string[];
  spec: FeatureSpec;
  /** Categorical values the spec never saw, per column (their one-hot is all zeros). */
  unknown: { column: string; count: number }[];
};

export type FeatureOptions = {
  /** Columns to leave out, e.g. the label column. */
  exclude?: (string | null | undefined)[];
  /** Categoricals with more levels than this are skipped (they would explode the width). Default 20. */
  maxLevels?: number;
};

/** Learns the transform from `table` (means, stds, levels) and applies it. */
export function tableFeatures(table: Table, opts: FeatureOptions = {}): TableFeatures {
  const exclude = new Set(opts.exclude?.filter((c): c is string => typeof c === 'string'));
  const maxLevels = opts.maxLevels ?? 20;
  const spec: FeatureSpec = { numeric: [], categorical: [] };
  for (const c of table.columns) {
    if (exclude.has(c.name)) continue;
    if (c.type === 'numeric') {
      let sum = 0;
      let count = 0;
      for (const v of c.values) if (!Number.isNaN(v)) { sum += v; count++; }
      const mean = count ? sum / count : 0;
      let sq = 0;
      for (const v of c.values) if (!Number.isNaN(v)) sq += (v - mean) * (v - mean);
      const sd = count ? Math.sqrt(sq / count) : 0;
      spec.numeric.push({ name: c.name, mean, std: sd > 1e-12 ? sd : 1, missingIndicator: count < table.n });
    } else if (c.type === 'categorical' && c.dictionary.length >= 1 && c.dictionary.length <= maxLevels) {
      spec.categorical.push({ name: c.name, levels: [...c.dictionary] });
    }
  }
  return applyFeatures(table, spec);
}

/** The feature vector's entries in order: `x`, `x missing`, …, then `grade=A`, `grade=B`, … */
export function featureNames(spec: FeatureSpec): string[] {
  const names: string[] = [];
  for (const s of spec.numeric) {
    names.push(s.name);
    if (s.missingIndicator) names.push(`${s.name} missing`);
  }
  for (const s of spec.categorical) for (const level of s.levels) names.push(`${s.name}=${level}`);
  return names;
}

/** Applies a learned spec to a table (columns found by name; unknown levels = all zeros, counted). */
export function applyFeatures(table: Table, spec: FeatureSpec): TableFeatures {
  const names = featureNames(spec);
  const dim = names.length;
  if (dim === 0) throw new Error('No usable feature columns: the table needs numeric columns or categoricals with few levels besides the label');
  const n = table.n;
  const data = new Float32Array(n * dim);
  let d = 0;
  for (const s of spec.numeric) {
    const col = table.columns.find((c) => c.name === s.name);
    if (!col || col.type !== 'numeric') throw new Error(`Feature column "${s.name}" is missing or not numeric in this table`);
    const X = col.values;
    for (let i = 0; i < n; i++) {
      const v = X[i];
      const missing = Number.isNaN(v);
      data[i * dim + d] = missing ? 0 : (v - s.mean) / s.std;
      if (s.missingIndicator) data[i * dim + d + 1] = missing ? 1 : 0;
    }
    d += s.missingIndicator ? 2 : 1;
  }
  const unknown: TableFeatures['unknown'] = [];
  for (const s of spec.categorical) {
    const col = table.columns.find((c) => c.name === s.name);
    if (!col || col.type !== 'categorical') throw new Error(`Feature column "${s.name}" is missing or not categorical in this table`);
    // Map this table's codes to the spec's levels by name, so dictionaries may differ in order.
    const map = Int32Array.from(col.dictionary, (level) => s.levels.indexOf(level));
    let unseen = 0;
    for (let i = 0; i < n; i++) {
      const code = col.codes[i];
      const j = code >= 0 ? map[code] : -1;
      if (j >= 0) data[i * dim + d + j] = 1;
      else if (code >= 0) unseen++;
    }
    if (unseen) unknown.push({ column: s.name, count: unseen });
    d += s.levels.length;
  }
  return { data, dim, names, spec, unknown };
}
