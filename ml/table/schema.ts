/**
 * Type inference over a loaded table: what each column means to the user (numeric,
 * categorical, free text, image path, the label) with missing/distinct counts and ranges.
 */
import { sortedCategorical, formatFloat32 } from './builders.ts';
import type { Column, ColumnSchema, Table, TableSchema } from './types.ts';

/** Column names that usually hold the class to learn, most specific first. */
export const LABEL_NAMES = ['class', 'label', 'target', 'outcome', 'y', 'type'];
/** A label has at least 2 and at most this many classes. */
export const MAX_LABEL_CLASSES = 50;

const IMAGE_PATH = /\.(png|jpe?g|gif|webp|bmp)$/i;

/** Distinct non-missing values of a column, counting at most `cap + 1`. */
function distinctCount(col: Column, cap = Infinity): number {
  if (col.type === 'categorical') {
    const used = new Uint8Array(col.dictionary.length);
    let d = 0;
    for (const c of col.codes) if (c >= 0 && !used[c]) { used[c] = 1; d++; }
    return d;
  }
  const seen = new Set<number | string>();
  for (const v of col.values) {
    if (v === null || v !== v) continue;
    seen.add(v);
    if (seen.size > cap) break;
  }
  return seen.size;
}

function missingCount(col: Column): number {
  let m = 0;
  if (col.type === 'categorical') for (const c of col.codes) m += c < 0 ? 1 : 0;
  else if (col.type === 'numeric') for (const v of col.values) m += v !== v ? 1 : 0;
  else for (const v of col.values) m += v === null ? 1 : 0;
  return m;
}

/** True when (nearly) all sampled non-missing values end in an image extension. */
function looksLikeImagePaths(values: Iterable<string | null>): boolean {
  let seen = 0;
  let hits = 0;
  for (const v of values) {
    if (v === null) continue;
    seen++;
    if (IMAGE_PATH.test(v.trim())) hits++;
    if (seen >= 1000) break;
  }
  return seen > 0 && hits >= 0.9 * seen;
}

/** The column most likely to be the label: named like one and with 2..50 classes. */
export function findLabelColumn(table: Table): Column | null {
  for (const wanted of LABEL_NAMES) {
    for (const col of table.columns) {
      if (col.name.trim().toLowerCase() !== wanted || col.type === 'text') continue;
      // Numeric labels are class ids (0/1, 1..5); a float column named y is a measurement.
      if (col.type === 'numeric' && !col.values.every((v) => v !== v || Number.isInteger(v))) continue;
      const d = distinctCount(col, MAX_LABEL_CLASSES);
      if (d >= 2 && d <= MAX_LABEL_CLASSES) return col;
    }
  }
  return null;
}

export function inferSchema(table: Table): TableSchema {
  const label = findLabelColumn(table);
  const columns = table.columns.map((col): ColumnSchema => {
    const base = { name: col.name, type: col.type, missing: missingCount(col) };
    if (col.type === 'numeric') {
      let min = Infinity;
      let max = -Infinity;
      for (const v of col.values) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const range = min <= max ? { min, max } : {};
      if (col === label) return { ...base, kind: 'label', distinct: distinctCount(col), ...range };
      return { ...base, kind: 'numeric', ...range };
    }
    const distinct = distinctCount(col);
    if (col === label) return { ...base, kind: 'label', distinct };
    const values = col.type === 'text' ? col.values : col.dictionary;
    return { ...base, kind: looksLikeImagePaths(values) ? 'image' : col.type, distinct };
  });
  return { n: table.n, columns, labelColumn: label?.name ?? null };
}

/**
 * The label column is always categorical, so every later stage reads classes the same way:
 * a numeric label (Class = 0/1 in the credit-card file) becomes codes into ["0", "1"].
 * Returns the same table object when nothing changes.
 */
export function labelAsCategorical(table: Table): Table {
  const label = findLabelColumn(table);
  if (!label || label.type !== 'numeric') return table;
  const dict = new Map<number, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(table.n);
  label.values.forEach((v, i) => {
    if (v !== v) { codes[i] = -1; return; }
    let c = dict.get(v);
    if (c === undefined) { c = dictionary.length; dict.set(v, c); dictionary.push(formatFloat32(v)); }
    codes[i] = c;
  });
  const cat = sortedCategorical(label.name, codes, dictionary);
  return { n: table.n, columns: table.columns.map((c) => (c === label ? cat : c)) };
}
