/**
 * Label deltas as the renderer applies them. The document keeps labels as a class list and
 * sparse [row, class] pairs; a change is a *delta*: new values for some rows (and maybe a new
 * class list). Applying one yields its exact inverse, so undo needs no copy of all labels, and
 * the effective delta (every row it changed) is what the project's journal records
 * (ml/project/labels.ts checks and applies it on the backend).
 */
import type { Labels } from '../api.ts';
import { UNLABELLED } from './labels.ts';

export { UNLABELLED };

/** New values for `rows[j]` (-1 = unlabelled) and, optionally, the class list afterwards. */
export type LabelDelta = { classes?: string[]; rows: Uint32Array; values: Int32Array };

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

/**
 * Applies `edit` to labels over n rows. Returns the new labels and the edit that undoes it
 * (the rows' previous values and the previous class list). Rows pointing past the class list
 * afterwards become unlabelled, and the inverse restores them.
 */
export function applyLabelEdit(labels: Labels | null, edit: LabelDelta, n: number): { labels: Labels; inverse: LabelDelta; applied: LabelDelta } {
  const before = rowClasses(labels, n);
  const dense = before.slice();
  const prevClasses = labels?.classes ?? [];
  const classes = edit.classes ?? prevClasses;
  const touched = new Set<number>();
  for (let j = 0; j < edit.rows.length; j++) {
    const row = edit.rows[j];
    if (row >= n) throw new RangeError(`label edit for row ${row} of a table of ${n} rows`);
    dense[row] = edit.values[j] >= 0 && edit.values[j] < classes.length ? edit.values[j] : UNLABELLED;
    touched.add(row);
  }
  if (classes.length < prevClasses.length) {
    for (let i = 0; i < n; i++) if (dense[i] >= classes.length) { dense[i] = UNLABELLED; touched.add(i); }
  }
  const rows = Uint32Array.from(touched).sort();
  const inverse: LabelDelta = { rows, values: Int32Array.from(rows, (r) => before[r]) };
  // What changed, row by row: rows a shorter class list unlabels are in it explicitly.
  const applied: LabelDelta = { rows, values: Int32Array.from(rows, (r) => dense[r]) };
  if (edit.classes) { inverse.classes = prevClasses.slice(); applied.classes = classes.slice(); }
  const next: Labels = { classes: classes.slice(), assigned: toAssigned(dense) };
  denseCache.set(next, dense);
  return { labels: next, inverse, applied };
}

/** Items per class (index = class), plus the unlabelled count. */
export function classCounts(labels: Labels | null, n: number): { perClass: Int32Array; unlabelled: number } {
  const perClass = new Int32Array(labels?.classes.length ?? 0);
  const dense = rowClasses(labels, n);
  let unlabelled = 0;
  for (let i = 0; i < n; i++) {
    if (dense[i] === UNLABELLED) unlabelled++;
    else perClass[dense[i]]++;
  }
  return { perClass, unlabelled };
}

/**
 * A short fingerprint of the labels (classes and every [row, class] pair): a saved model
 * remembers the one it was trained on, so reopening can say whether the labels changed since.
 */
export function labelsFingerprint(labels: Labels | null): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => { h = Math.imul(h ^ v, 0x01000193) >>> 0; };
  for (const c of labels?.classes ?? []) { for (let i = 0; i < c.length; i++) mix(c.charCodeAt(i)); mix(0); }
  for (const [row, k] of labels?.assigned ?? []) { mix(row); mix(k); }
  return `${labels?.assigned.length ?? 0}:${h.toString(16)}`;
}
