/**
 * Labels and results out: every original column (numbers as the file had them, see
 * NumericColumn) plus the user's label, the rule prediction and the rule that made it, the
 * model's prediction and its confidence — as CSV, JSON lines or Parquet. What bulk users asked
 * for: one file to join back to their data.
 */
import { ruleSetAssign } from '../rules/compile.ts';
import { numberAt } from '../rules/numbers.ts';
import type { RuleSet } from '../rules/spec.ts';
import { uniqueNames } from '../table/builders.ts';
import { csvChunks } from '../table/csv-write.ts';
import { writeParquet } from '../table/parquet-write.ts';
import type { Column, Table } from '../table/types.ts';

export type LabelsFormat = 'csv' | 'jsonl' | 'parquet';
export const LABELS_FORMATS: readonly LabelsFormat[] = ['csv', 'jsonl', 'parquet'];

export type LabelsExport = {
  table: Table;
  /** The user's labels: class names and sparse [row, class index] pairs (ml/api.ts Labels). */
  labels?: { classes: string[]; assigned: [number, number][] } | null;
  /** Rules to evaluate on the table (first match wins; no match = empty). */
  ruleSet?: RuleSet | null;
  /** The model's n × classes probabilities (the app's latest scores). */
  model?: { classes: string[]; proba: Float32Array } | null;
};

/** Names of the added columns, made unique against the table's own. */
export const ADDED = ['user_label', 'rule_prediction', 'rule', 'model_prediction', 'model_confidence'] as const;

function categorical(name: string, n: number, classes: readonly string[], at: (i: number) => number): Column {
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = at(i);
  return { name, type: 'categorical', codes, dictionary: [...classes] };
}

/** The table with the added columns (only those there is something for). */
export function labelsTable(x: LabelsExport): Table {
  const { table } = x;
  const n = table.n;
  const added: Column[] = [];
  if (x.labels) {
    const codes = new Int32Array(n).fill(-1);
    for (const [row, c] of x.labels.assigned) if (row >= 0 && row < n && c >= 0 && c < x.labels.classes.length) codes[row] = c;
    added.push({ name: ADDED[0], type: 'categorical', codes, dictionary: [...x.labels.classes] });
  }
  if (x.ruleSet) {
    const set = x.ruleSet;
    const assign = ruleSetAssign(table, set);
    const targets = [...new Set([...set.rules.map((r) => r.target), ...(set.defaultClass === null ? [] : [set.defaultClass])])];
    const target = Int32Array.from(set.rules, (r) => targets.indexOf(r.target));
    const d = set.defaultClass === null ? -1 : targets.indexOf(set.defaultClass);
    added.push(categorical(ADDED[1], n, targets, (i) => (assign[i] >= 0 ? target[assign[i]] : d)));
    added.push(categorical(ADDED[2], n, set.rules.map((r, k) => r.name || `rule ${k + 1}`), (i) => assign[i]));
  }
  if (x.model) {
    const { classes, proba } = x.model;
    const k = classes.length;
    if (proba.length !== n * k) throw new RangeError(`the model's probabilities are ${proba.length} numbers, expected ${n} rows × ${k} classes`);
    const best = new Int32Array(n);
    const confidence = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let c = 0;
      for (let j = 1; j < k; j++) if (proba[i * k + j] > proba[i * k + c]) c = j;
      best[i] = c;
      confidence[i] = proba[i * k + c];
    }
    added.push(categorical(ADDED[3], n, classes, (i) => best[i]));
    added.push({ name: ADDED[4], type: 'numeric', values: confidence });
  }
  const names = uniqueNames([...table.columns.map((c) => c.name), ...added.map((c) => c.name)]);
  return { n, columns: [...table.columns, ...added.map((c, j) => ({ ...c, name: names[table.columns.length + j] }))] };
}

function* jsonlChunks(table: Table, rowsPerChunk = 10_000): Generator<string> {
  const keys = table.columns.map((c) => JSON.stringify(c.name));
  for (let start = 0; start < table.n; start += rowsPerChunk) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(table.n, start + rowsPerChunk); i++) {
      const cells = table.columns.map((c, j) => {
        let v: string;
        if (c.type === 'numeric') { const x = numberAt(c, i); v = Number.isFinite(x) ? String(x) : 'null'; }
        else if (c.type === 'categorical') v = c.codes[i] >= 0 ? JSON.stringify(c.dictionary[c.codes[i]]) : 'null';
        else v = c.values[i] === null ? 'null' : JSON.stringify(c.values[i]);
        return `${keys[j]}:${v}`;
      });
      lines.push(`{${cells.join(',')}}`);
    }
    yield `${lines.join('\n')}\n`;
  }
}

/** The labelled table as file bytes. Parquet writes numbers as DOUBLE, the numbers the data holds. */
export function encodeLabels(x: LabelsExport, format: LabelsFormat): Uint8Array {
  const table = labelsTable(x);
  if (format === 'parquet') return writeParquet(table, { doubles: true });
  const encoder = new TextEncoder();
  const parts = [...(format === 'csv' ? csvChunks(table) : jsonlChunks(table))].map((s) => encoder.encode(s));
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
