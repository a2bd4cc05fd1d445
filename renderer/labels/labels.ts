/**
 * Human labels as actions. Each command returns a label *edit* (new values for some rows, or
 * a new class list) and history records its exact inverse, so undoing one change never
 * disturbs labels made in between by other commands. The dense/sparse helpers live in
 * ml/project/label-delta.ts (shared with the backend's journal).
 */
import type { Labels } from '../../ml/api.ts';
import { rowClasses, UNLABELLED } from '../../ml/project/label-delta.ts';
import { findColumn } from '../../ml/table/types.ts';
import { defineAction, type ActionResult } from '../actions/types.ts';
import type { ActionState } from '../actions/state.ts';

export { rowClasses, classCounts, toAssigned, UNLABELLED } from '../../ml/project/label-delta.ts';

export const MAX_CLASSES = 20;

const labelsOf = (s: ActionState): Labels => s.doc.labels ?? { classes: [], assigned: [] };
const noRows = { rows: new Uint32Array(0), values: new Int32Array(0) };

/** Labels the rows with a class (-1 removes their labels). */
export function labelRowsResult(s: ActionState, rows: Uint32Array, classIndex: number): ActionResult {
  const labels = labelsOf(s);
  if (rows.length === 0) return { toast: 'Select some items first (drag a lasso on the map)' };
  if (classIndex >= labels.classes.length || classIndex < UNLABELLED) return { toast: `There is no class ${classIndex + 1}` };
  const n = s.dataset?.table.n ?? 0;
  const dense = rowClasses(s.doc.labels, n);
  if (rows.every((r) => dense[r] === classIndex)) return { toast: 'Already labelled so' };
  const what = classIndex === UNLABELLED ? `unlabel ${rows.length.toLocaleString()} items` : `label ${rows.length.toLocaleString()} items "${labels.classes[classIndex]}"`;
  return {
    change: { labels: { rows: rows.slice(), values: new Int32Array(rows.length).fill(classIndex) } },
    label: what,
    toast: what.charAt(0).toUpperCase() + what.slice(1),
  };
}

export const labelRows = defineAction<{ rows: Uint32Array; classIndex: number }>({
  name: 'labels.assign', label: 'Label items',
  perform: (s, { rows, classIndex }) => labelRowsResult(s, rows, classIndex),
});

function cleanName(name: string, classes: string[], except = -1): string | { toast: string } {
  const trimmed = name.trim();
  if (!trimmed) return { toast: 'A class needs a name' };
  if (classes.some((c, i) => i !== except && c === trimmed)) return { toast: `There is already a class "${trimmed}"` };
  return trimmed.slice(0, 60);
}

const classesChange = (classes: string[], label: string): ActionResult => ({ change: { labels: { ...noRows, classes } }, label });

export const addClass = defineAction<{ name: string }>({
  name: 'labels.add-class', label: 'Add a class',
  perform: (s, { name }) => {
    const before = labelsOf(s).classes;
    if (before.length >= MAX_CLASSES) return { toast: `At most ${MAX_CLASSES} classes` };
    const clean = cleanName(name, before);
    if (typeof clean !== 'string') return clean;
    return classesChange([...before, clean], `add class "${clean}"`);
  },
});

export const renameClass = defineAction<{ index: number; name: string }>({
  name: 'labels.rename-class', label: 'Rename a class',
  perform: (s, { index, name }) => {
    const before = labelsOf(s).classes;
    if (index < 0 || index >= before.length) return;
    const clean = cleanName(name, before, index);
    if (typeof clean !== 'string') return clean;
    if (clean === before[index]) return;
    return classesChange(before.map((c, k) => (k === index ? clean : c)), `rename class "${before[index]}" to "${clean}"`);
  },
});

/** Distinct values of a categorical column, usable as a class list (≤ MAX_CLASSES), else null. */
export function columnClasses(s: Pick<ActionState, 'dataset'>, column: string): string[] | null {
  const col = s.dataset ? findColumn(s.dataset.table, column) : undefined;
  if (!col || col.type !== 'categorical' || col.dictionary.length === 0 || col.dictionary.length > MAX_CLASSES) return null;
  return col.dictionary.slice();
}

/** "Use the classes of column X": adds the column's values that are not classes yet, in its order. */
export const adoptColumnClasses = defineAction<{ column: string }>({
  name: 'labels.adopt-classes', label: 'Use the classes of a column',
  perform: (s, { column }) => {
    const values = columnClasses(s, column);
    if (!values) return { toast: `Column "${column}" has no usable classes` };
    const before = labelsOf(s).classes;
    const after = [...before, ...values.filter((v) => !before.includes(v))].slice(0, MAX_CLASSES);
    if (after.length === before.length) return { toast: 'Those classes are already there' };
    return classesChange(after, `use the classes of "${column}"`);
  },
});

export const LABEL_ACTIONS = [labelRows, addClass, renameClass, adoptColumnClasses];
