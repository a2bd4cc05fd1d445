/**
 * Type inference over a loaded table: what each column means to the user (numeric,
 * categorical, free text, image path, the label) with missing/distinct counts and ranges.
 */
import { sortedCategorical, formatFloat32 } from './builders.ts';
import type { Column, ColumnSchema, Table, TableSchema } from './types.ts';
import { guessLabelColumn } from './label.ts';

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

/** Kinds, counts and ranges; `label` overrides the guessed label column (null = none). */
export function inferSchema(table: Table, label?: string | null): TableSchema {
  const guess = guessLabelColumn(table);
  const labelName = label === undefined ? guess.column : label;
  const labelCol = labelName === null ? undefined : table.columns.find((c) => c.name === labelName);
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
      if (col === labelCol) return { ...base, kind: 'label', distinct: distinctCount(col), ...range };
      return { ...base, kind: 'numeric', ...range };
    }
    const distinct = distinctCount(col);
    if (col === labelCol) return { ...base, kind: 'label', distinct };
    const values = col.type === 'text' ? col.values : col.dictionary;
    return { ...base, kind: looksLikeImagePaths(values) ? 'image' : col.type, distinct };
  });
  return { n: table.n, columns, labelColumn: labelCol?.name ?? null, labelGuess: guess };
}

/**
 * The label column is always categorical, so every later stage reads classes the same way:
 * a numeric label (Class = 0/1 in the credit-card file) becomes codes into ["0", "1"].
 * Returns the same table object when nothing changes.
 */
export function labelAsCategorical(table: Table, name: string | null = guessLabelColumn(table).column): Table {
  const label = name === null ? undefined : table.columns.find((c) => c.name === name);
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
