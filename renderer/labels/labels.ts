/**
 * Human labels over project.labels. The project stores sparse [row, classIndex] pairs (small
 * on disk, readable); the map needs a dense per-row column, so `rowClasses` derives an
 * Int32Array (-1 = unlabelled) once per labels object. Every change goes through
 * renderer/store/history.ts so Ctrl+Z / Ctrl+Shift+Z undo and redo it, and through
 * updateProject so it is autosaved.
 */
import type { Labels } from '../../ml/api.ts';
import { findColumn } from '../../ml/table/types.ts';
import { appStore, toast } from '../store/app.ts';
import { record } from '../store/history.ts';
import { projectStore, setLabels } from '../project/store.ts';

export const UNLABELLED = -1;
export const MAX_CLASSES = 20;

const denseCache = new WeakMap<Labels, Int32Array>();

/** Per row: the class index the user gave, or -1. Cached per labels object (they are immutable). */
export function rowClasses(labels: Labels | null, n: number): Int32Array {
  if (!labels) return new Int32Array(n).fill(UNLABELLED);
  const cached = denseCache.get(labels);
  if (cached && cached.length === n) return cached;
  const out = new Int32Array(n).fill(UNLABELLED);
  for (const [row, k] of labels.assigned) if (row >= 0 && row < n && k >= 0 && k < labels.classes.length) out[row] = k;
  denseCache.set(labels, out);
  return out;
}

/** Dense column → sparse pairs, in row order (stable files, small diffs). */
export function toAssigned(dense: Int32Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < dense.length; i++) if (dense[i] !== UNLABELLED) out.push([i, dense[i]]);
  return out;
}

/** Items per class (index = class), plus the unlabelled count. */
export function classCounts(labels: Labels | null, n: number): { perClass: Int32Array; unlabelled: number } {
  const k = labels?.classes.length ?? 0;
  const perClass = new Int32Array(k);
  const dense = rowClasses(labels, n);
  let unlabelled = 0;
  for (let i = 0; i < n; i++) {
    if (dense[i] === UNLABELLED) unlabelled++;
    else perClass[dense[i]]++;
  }
  return { perClass, unlabelled };
}

const rowCount = () => appStore.get().dataset?.table.n ?? 0;
const current = (): Labels => projectStore.get().project.labels ?? { classes: [], assigned: [] };

function commit(classes: string[], dense: Int32Array): Labels {
  const next: Labels = { classes, assigned: toAssigned(dense) };
  denseCache.set(next, dense);
  setLabels(next);
  return next;
}

/** Writes `values[j]` into `rows[j]` on top of the current labels (keeps other rows as they are now). */
function writeRows(rows: Uint32Array, values: Int32Array | number): void {
  const labels = current();
  const dense = rowClasses(labels, rowCount()).slice();
  for (let j = 0; j < rows.length; j++) dense[rows[j]] = typeof values === 'number' ? values : values[j];
  commit(labels.classes, dense);
}

/**
 * Labels the rows with a class (-1 removes their labels). Undo puts back what each row had
 * before, so undoing one change never disturbs labels made in between by other commands.
 */
export function labelRows(rows: Uint32Array, classIndex: number): boolean {
  const labels = current();
  if (rows.length === 0) { toast('Select some items first (drag a lasso on the map)'); return false; }
  if (classIndex >= labels.classes.length || classIndex < UNLABELLED) { toast(`There is no class ${classIndex + 1}`); return false; }
  const before = rowClasses(labels, rowCount());
  const previous = new Int32Array(rows.length);
  for (let j = 0; j < rows.length; j++) previous[j] = before[rows[j]];
  const copy = rows.slice();
  writeRows(copy, classIndex);
  const what = classIndex === UNLABELLED ? `unlabel ${copy.length.toLocaleString()} items` : `label ${copy.length.toLocaleString()} items "${labels.classes[classIndex]}"`;
  record({ label: what, undo: () => writeRows(copy, previous), redo: () => writeRows(copy, classIndex) });
  toast(what.charAt(0).toUpperCase() + what.slice(1));
  return true;
}

function setClasses(classes: string[]): void {
  const dense = rowClasses(current(), rowCount()).slice();
  // Undoing "add class" after its labels were undone: no row may point past the list.
  for (let i = 0; i < dense.length; i++) if (dense[i] >= classes.length) dense[i] = UNLABELLED;
  commit(classes, dense);
}

function cleanName(name: string, classes: string[], except = -1): string | null {
  const trimmed = name.trim();
  if (!trimmed) { toast('A class needs a name'); return null; }
  if (classes.some((c, i) => i !== except && c === trimmed)) { toast(`There is already a class "${trimmed}"`); return null; }
  return trimmed.slice(0, 60);
}

/** Adds a class at the end; returns its index, or -1 if the name is empty, taken, or there are too many. */
export function addClass(name: string): number {
  const before = current().classes;
  if (before.length >= MAX_CLASSES) { toast(`At most ${MAX_CLASSES} classes`); return -1; }
  const clean = cleanName(name, before);
  if (clean === null) return -1;
  const after = [...before, clean];
  setClasses(after);
  record({ label: `add class "${clean}"`, undo: () => setClasses(before), redo: () => setClasses(after) });
  return after.length - 1;
}

export function renameClass(i: number, name: string): boolean {
  const before = current().classes;
  if (i < 0 || i >= before.length) return false;
  const clean = cleanName(name, before, i);
  if (clean === null || clean === before[i]) return false;
  const after = before.map((c, k) => (k === i ? clean : c));
  setClasses(after);
  record({ label: `rename class "${before[i]}" to "${clean}"`, undo: () => setClasses(before), redo: () => setClasses(after) });
  return true;
}

/** Distinct values of a categorical column, usable as a class list (≤ MAX_CLASSES), else null. */
export function columnClasses(column: string): string[] | null {
  const table = appStore.get().dataset?.table;
  const col = table ? findColumn(table, column) : undefined;
  if (!col || col.type !== 'categorical' || col.dictionary.length === 0 || col.dictionary.length > MAX_CLASSES) return null;
  return col.dictionary.slice();
}

/** "Use the classes of column X": adds the column's values that are not classes yet, in its order. */
export function adoptColumnClasses(column: string): boolean {
  const values = columnClasses(column);
  if (!values) { toast(`Column "${column}" has no usable classes`); return false; }
  const before = current().classes;
  const after = [...before, ...values.filter((v) => !before.includes(v))].slice(0, MAX_CLASSES);
  if (after.length === before.length) { toast('Those classes are already there'); return false; }
  setClasses(after);
  record({ label: `use the classes of "${column}"`, undo: () => setClasses(before), redo: () => setClasses(after) });
  return true;
}
