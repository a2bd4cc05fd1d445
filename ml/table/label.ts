/**
 * Which column is the label. Inference is only a guess the user can change: it looks for a
 * name that says "label" (exactly, or as a word inside the name: `is_fraud`, `Churn Label`,
 * `default.payment.next.month`), then falls back to the last column when that one looks like
 * classes. A label has 2..MAX_LABEL_CLASSES classes and, if numeric, integer values only
 * (a float column named y is a measurement, not a class id).
 * `resolveLabel` turns a user's choice (a name, "none", or nothing = the guess) into a column.
 */
import type { Column, Table } from './types.ts';
import { LoadError } from './types.ts';

/** Whole names that usually hold the class to learn, most specific first. */
export const LABEL_NAMES = [
  'class', 'label', 'target', 'outcome', 'y', 'type', 'status', 'churn', 'default', 'fraud', 'spam',
  'survived', 'diagnosis', 'response', 'result', 'caravan', 'attrition', 'exited', 'approved', 'converted',
];
/** Words that make a longer name a likely label (`loan_status`, `is_fraud`, `churn_flag`). */
const LABEL_WORDS = new Set(['class', 'label', 'target', 'outcome', 'status', 'churn', 'churned', 'default', 'fraud', 'spam', 'survived', 'diagnosis', 'attrition', 'exited']);
/** A label has at least 2 and at most this many classes. */
export const MAX_LABEL_CLASSES = 50;
/** The last-column fallback wants fewer: a 40-level last column is more likely a feature. */
const MAX_FALLBACK_CLASSES = 10;

export type LabelGuess = { column: string | null; reason: string };

const normalise = (name: string) => name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '');
const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** Distinct non-missing values, counting at most cap + 1; null if the column cannot be classes. */
export function classCount(col: Column, cap = MAX_LABEL_CLASSES): number | null {
  if (col.type === 'text') return null;
  const seen = new Set<number>();
  if (col.type === 'categorical') {
    for (const c of col.codes) if (c >= 0) { seen.add(c); if (seen.size > cap) break; }
    return seen.size;
  }
  for (const v of col.values) {
    if (v !== v) continue;
    if (!Number.isInteger(v)) return null;
    seen.add(v);
    if (seen.size > cap) break;
  }
  return seen.size;
}

const usable = (col: Column, cap: number) => { const d = classCount(col, cap); return d !== null && d >= 2 && d <= cap; };

/** The column most likely to be the label, and why (shown to the user next to the guess). */
export function guessLabelColumn(table: Table): LabelGuess {
  for (const wanted of LABEL_NAMES) {
    const col = table.columns.find((c) => normalise(c.name) === wanted && usable(c, MAX_LABEL_CLASSES));
    if (col) return { column: col.name, reason: `named "${col.name}"` };
  }
  const byWord = table.columns.find((c) => words(c.name).some((w) => LABEL_WORDS.has(w)) && usable(c, MAX_LABEL_CLASSES));
  if (byWord) return { column: byWord.name, reason: `"${byWord.name}" has a label-like name` };
  const last = table.columns.at(-1);
  // ...and at least 5 rows a class on average: in a tiny table every small column looks like classes.
  if (last && table.columns.length > 1 && usable(last, MAX_FALLBACK_CLASSES) && 5 * (classCount(last) ?? 0) <= table.n) {
    return { column: last.name, reason: `the last column, with ${classCount(last)} classes` };
  }
  return { column: null, reason: 'no column looks like a label' };
}

/** A column the user chose as the label: it must exist and hold classes. */
export function checkLabelColumn(table: Table, name: string, file = 'table'): Column {
  const col = table.columns.find((c) => c.name === name);
  if (!col) throw new LoadError(`there is no column "${name}" to use as the label (columns: ${table.columns.map((c) => c.name).slice(0, 12).join(', ')}${table.columns.length > 12 ? ', …' : ''})`, { file, column: name });
  const d = classCount(col, 1000);
  if (d === null) throw new LoadError(`column "${name}" cannot be a label: it holds ${col.type === 'text' ? 'free text' : 'non-integer numbers'}, not classes`, { file, column: name });
  if (d < 2) throw new LoadError(`column "${name}" cannot be a label: it has ${d === 0 ? 'no values' : 'only one class'}`, { file, column: name });
  return col;
}

/**
 * The label to use: `choice` undefined = the guess, null = none, a name = that column
 * (checked). Every entry point (app, CLI verbs) resolves the label through here.
 */
export function resolveLabel(table: Table, choice: string | null | undefined, file?: string): { column: string | null; guessed: boolean } {
  if (choice === null) return { column: null, guessed: false };
  if (choice === undefined) return { column: guessLabelColumn(table).column, guessed: true };
  return { column: checkLabelColumn(table, choice, file).name, guessed: false };
}

/**
 * What the model, the map's "Table columns" and suggested rules may learn from: never the
 * label, never a column the user marked "not a feature" (ids, leaks), never text.
 */
export type FeatureRoles = { label: string | null; notFeatures?: readonly string[] };

export function featureColumnNames(table: Table, roles: FeatureRoles): string[] {
  const out = new Set(roles.notFeatures ?? []);
  if (roles.label) out.add(roles.label);
  return table.columns.filter((c) => c.type !== 'text' && !out.has(c.name)).map((c) => c.name);
}

/** The columns to leave out of features, for APIs that take an exclude list. */
export const excludedColumns = (roles: FeatureRoles): string[] => [...(roles.label ? [roles.label] : []), ...(roles.notFeatures ?? [])];
