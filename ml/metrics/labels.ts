/**
 * Label columns as class codes. A label column may be categorical ("bad"/"good"), numeric
 * (0/1, as in the credit-card table) or text; classes are always strings, so a numeric label
 * 1 matches the class "1" (or "1.0": the comparison is numeric, at float32 precision).
 */
import { findColumn, type Table } from '../table/types.ts';
import { formatNumber } from '../rules/numbers.ts';

/** More distinct numeric values than this and a column is a measurement, not a label. */
const MAX_CLASSES = 256;

function labelColumnOf(table: Table, labelColumn: string) {
  const col = findColumn(table, labelColumn);
  if (!col) throw new Error(`unknown label column \`${labelColumn}\``);
  return col;
}

/** Per row, the index of its label in `classes`, or -1 when the label is missing or not a class. */
export function labelCodes(table: Table, labelColumn: string, classes: readonly string[]): Int32Array {
  const col = labelColumnOf(table, labelColumn);
  const n = table.n;
  const out = new Int32Array(n).fill(-1);
  if (col.type === 'categorical') {
    const map = new Int32Array(col.dictionary.length + 1).fill(-1); // slot 0: missing code -1
    col.dictionary.forEach((v, k) => { map[k + 1] = classes.indexOf(v); });
    const C = col.codes;
    for (let i = 0; i < n; i++) out[i] = map[C[i] + 1];
  } else if (col.type === 'numeric') {
    const byValue = new Map<number, number>();
    classes.forEach((c, k) => {
      const v = c.trim() === '' ? NaN : Math.fround(Number(c));
      if (!Number.isNaN(v) && !byValue.has(v)) byValue.set(v, k);
    });
    const X = col.values;
    for (let i = 0; i < n; i++) out[i] = byValue.get(X[i]) ?? -1;
  } else {
    const byText = new Map(classes.map((c, k) => [c, k] as const));
    const V = col.values;
    for (let i = 0; i < n; i++) { const s = V[i]; out[i] = s === null ? -1 : byText.get(s) ?? -1; }
  }
  return out;
}

/**
 * The distinct label values as class names: a categorical column's dictionary order (only
 * values that occur), numbers ascending ("0", "1"), text sorted.
 */
export function labelValues(table: Table, labelColumn: string): string[] {
  const col = labelColumnOf(table, labelColumn);
  if (col.type === 'categorical') {
    const seen = new Uint8Array(col.dictionary.length);
    for (let i = 0; i < table.n; i++) { const c = col.codes[i]; if (c >= 0) seen[c] = 1; }
    return col.dictionary.filter((_, k) => seen[k]);
  }
  if (col.type === 'numeric') {
    const set = new Set<number>();
    for (let i = 0; i < table.n; i++) {
      const v = col.values[i];
      if (v === v) set.add(v);
      if (set.size > MAX_CLASSES) throw new Error(`\`${labelColumn}\` has more than ${MAX_CLASSES} distinct numbers: it is not a class label`);
    }
    return [...set].sort((a, b) => a - b).map(formatNumber);
  }
  const set = new Set<string>();
  for (const s of col.values) if (s !== null) set.add(s);
  return [...set].sort();
}
