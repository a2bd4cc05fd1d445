/**
 * Label state of a project and the edits that change it. Dense per-row class indices (what the
 * map reads) plus labels kept for rows that left the data file, each with the row's key so
 * it can be matched again. Edits are checked before anything changes: a bad edit is refused
 * whole, never half-applied.
 */
import type { LabelEdit, LabelSnapshot } from './contract.ts';
import { encodeRecord, magic, readSingleRecord } from './records.ts';

export const UNLABELLED = -1;
export const MAX_CLASSES = 1000;

export type LabelState = {
  classes: string[];
  /** Class index per row, -1 unlabelled. */
  values: Int32Array;
  /** Row keys (ml/project/rowkeys.ts) of labels whose rows are not in the data, and their classes. */
  keptKeys: Float64Array;
  keptValues: Int32Array;
  /** Row space the indices refer to (see rowSpaceOf), null until the data is known. */
  space: string | null;
};

export const emptyLabels = (n: number, space: string | null): LabelState =>
  ({ classes: [], values: new Int32Array(n).fill(UNLABELLED), keptKeys: new Float64Array(0), keptValues: new Int32Array(0), space });

export class LabelEditError extends Error {
  override name = 'LabelEditError';
}

/** Checks a class list: names, no duplicates, not too many. */
export function checkClasses(classes: readonly string[]): void {
  if (classes.length > MAX_CLASSES) throw new LabelEditError(`At most ${MAX_CLASSES} classes (got ${classes.length}).`);
  const seen = new Set<string>();
  for (const c of classes) {
    if (typeof c !== 'string' || c.length === 0 || c.length > 200) throw new LabelEditError(`A class name must be 1–200 characters (got ${JSON.stringify(c).slice(0, 40)}).`);
    if (seen.has(c)) throw new LabelEditError(`Class "${c}" is listed twice.`);
    seen.add(c);
  }
}

/** The edit as typed arrays (the wire may bring plain arrays). */
export function normaliseEdit(edit: LabelEdit): { classes?: string[]; rows: Uint32Array; values: Int32Array } {
  const rows = edit.rows instanceof Uint32Array ? edit.rows : Uint32Array.from(edit.rows);
  const values = edit.values instanceof Int32Array ? edit.values : Int32Array.from(edit.values);
  return { classes: edit.classes ? [...edit.classes] : undefined, rows, values };
}

/**
 * Checks an edit against the state; throws LabelEditError saying what is wrong. `rowLimit`
 * is the data's row count when known (rows beyond it are refused).
 */
export function checkEdit(state: LabelState, edit: { classes?: string[]; rows: Uint32Array; values: Int32Array }, rowLimit: number | null): void {
  const { rows, values } = edit;
  if (rows.length !== values.length) throw new LabelEditError(`A label edit needs one value per row (${rows.length} rows, ${values.length} values).`);
  const classes = edit.classes ?? state.classes;
  if (edit.classes) checkClasses(edit.classes);
  const k = classes.length;
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j];
    const v = values[j];
    if (rowLimit !== null && r >= rowLimit) throw new LabelEditError(`Row ${r} is not in the data (it has ${rowLimit} rows).`);
    if (!Number.isInteger(v) || v < UNLABELLED || v >= k) throw new LabelEditError(`Row ${r}: class ${v} does not exist (${k} classes).`);
  }
  if (edit.classes && k < state.classes.length) {
    // Fewer classes: every label still using a removed index must be changed by this same edit.
    const changed = new Set<number>();
    for (let j = 0; j < rows.length; j++) changed.add(rows[j]);
    let stillUsed = 0;
    for (let r = 0; r < state.values.length; r++) if (state.values[r] >= k && !changed.has(r)) stillUsed++;
    for (let i = 0; i < state.keptValues.length; i++) if (state.keptValues[i] >= k) stillUsed++;
    if (stillUsed > 0) throw new LabelEditError(`${stillUsed} labels still use the classes this edit removes; relabel them in the same edit.`);
  }
}

/** Applies a checked edit in place (grows the row array when the data's size is not known). */
export function applyEdit(state: LabelState, edit: { classes?: string[]; rows: Uint32Array; values: Int32Array }): void {
  if (edit.classes) state.classes = edit.classes;
  let max = -1;
  for (let j = 0; j < edit.rows.length; j++) if (edit.rows[j] > max) max = edit.rows[j];
  if (max >= state.values.length) {
    const grown = new Int32Array(max + 1).fill(UNLABELLED);
    grown.set(state.values);
    state.values = grown;
  }
  for (let j = 0; j < edit.rows.length; j++) state.values[edit.rows[j]] = edit.values[j];
}

export function labelledCount(state: LabelState): number {
  let count = 0;
  for (let r = 0; r < state.values.length; r++) if (state.values[r] !== UNLABELLED) count++;
  return count;
}

/** What the renderer gets: dense values sized to the data (`n`), plus how many labels are kept aside. */
export function snapshotOf(state: LabelState, n: number | null): LabelSnapshot {
  const size = n ?? state.values.length;
  let values = state.values;
  if (values.length !== size) {
    values = new Int32Array(size).fill(UNLABELLED);
    values.set(state.values.subarray(0, Math.min(size, state.values.length)));
  }
  return { classes: [...state.classes], values: values.slice(), kept: state.keptValues.length };
}

/** Sparse rows/values of the labelled rows, in row order. */
export function sparse(values: Int32Array): { rows: Uint32Array; values: Int32Array } {
  let count = 0;
  for (let r = 0; r < values.length; r++) if (values[r] !== UNLABELLED) count++;
  const rows = new Uint32Array(count);
  const out = new Int32Array(count);
  for (let r = 0, j = 0; r < values.length; r++) if (values[r] !== UNLABELLED) { rows[j] = r; out[j++] = values[r]; }
  return { rows, values: out };
}

/** Dense values from sparse pairs. */
export function dense(n: number, rows: Uint32Array, values: Int32Array): Int32Array {
  let size = n;
  for (let j = 0; j < rows.length; j++) if (rows[j] >= size) size = rows[j] + 1;
  const out = new Int32Array(size).fill(UNLABELLED);
  for (let j = 0; j < rows.length; j++) out[rows[j]] = values[j];
  return out;
}

const LABELS_MAGIC = magic('MTL1');

/** labels.bin: the label state at journal position `seq`, sparse (a few labels on a big table stay small). */
export function encodeLabelSnapshot(state: LabelState, seq: number): Uint8Array {
  const { rows, values } = sparse(state.values);
  return encodeRecord(LABELS_MAGIC, { seq, n: state.values.length, classes: state.classes, space: state.space }, [rows, values, state.keptKeys, state.keptValues]);
}

export function decodeLabelSnapshot(bytes: Uint8Array): { state: LabelState; seq: number } | { damaged: string } {
  const body = readSingleRecord(bytes, LABELS_MAGIC);
  if ('damaged' in body) return body;
  const { json, arrays } = body;
  const [rows, values, keptKeys, keptValues] = arrays;
  if (!Array.isArray(json.classes) || !Number.isInteger(json.seq) || !Number.isInteger(json.n) || arrays.length !== 4) return { damaged: 'its header is incomplete' };
  return {
    seq: json.seq as number,
    state: {
      classes: json.classes as string[],
      values: dense(json.n as number, rows as Uint32Array, values as Int32Array),
      keptKeys: keptKeys as Float64Array,
      keptValues: keptValues as Int32Array,
      space: typeof json.space === 'string' ? json.space : null,
    },
  };
}
