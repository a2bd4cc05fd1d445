/**
 * Undo/redo for everything the user makes, automatically: an action returns a *change* (new
 * values for some document fields, and/or a label edit) and history records it with its
 * inverse, computed here — no action writes its own undo.
 *
 * Changes that do not enter history (a brush while it is being dragged) are folded into the
 * next one that does: the inverse restores the document as it was at the last recorded step
 * (the "baseline"), so one drag is one undo step however many frames it had.
 */
import type { ProjectDoc } from '../../ml/api.ts';
import { applyLabelEdit, type LabelDelta } from '../../ml/project/label-delta.ts';
import { appStore } from '../store/app.ts';
import { createStore } from '../store/create.ts';
import { projectStore } from './store.ts';
import { journalLabels, setDoc } from './persist.ts';

/** Document fields an action may replace (labels change through label edits only). */
export type DocFields = Omit<ProjectDoc, 'labels'>;
export type DocChange = { doc?: Partial<DocFields>; labels?: LabelDelta };
type Entry = { label: string; undo: DocChange; redo: DocChange };

const LIMIT = 200;
export const history = createStore({ past: [] as Entry[], future: [] as Entry[] });
let baseline: ProjectDoc | null = null;

const docKeys = (d: ProjectDoc) => (Object.keys(d) as (keyof ProjectDoc)[]).filter((k): k is keyof DocFields => k !== 'labels');

/** Applies a change to the document; returns the inverse label edit if there was one. */
function applyRaw(change: DocChange): LabelDelta | undefined {
  const doc = projectStore.get().doc;
  const n = appStore.get().dataset?.table.n ?? 0;
  let labels = doc.labels;
  let inverse: LabelDelta | undefined;
  if (change.labels) {
    let applied: LabelDelta;
    ({ labels, inverse, applied } = applyLabelEdit(doc.labels, change.labels, n));
    journalLabels(applied);
    // No classes and no labels is the same as never having labelled: undo returns to exactly that.
    if (labels && labels.classes.length === 0 && labels.assigned.length === 0) labels = null;
  }
  setDoc({ ...doc, ...change.doc, labels });
  return inverse;
}

/** A project opened read-only (another window writes it) is not changed here: nothing could be saved. */
export function readOnly(): boolean {
  const { project, access } = projectStore.get();
  return project !== null && access === 'read-only';
}

/** Applies a change; with `label` it becomes one undo step. */
export function applyChange(change: DocChange, label: string | null): void {
  if (readOnly()) return;
  const before = baseline ?? projectStore.get().doc;
  const current = projectStore.get().doc;
  const inverseLabels = applyRaw(change);
  if (label === null) return;
  const after = projectStore.get().doc;
  // Every field that differs from the last recorded step goes back on undo (folded-in drags too).
  const keys = docKeys(after).filter((k) => (change.doc && k in change.doc) || current[k] !== before[k]);
  const undoDoc: Partial<DocFields> = {};
  const redoDoc: Partial<DocFields> = {};
  for (const k of keys) { (undoDoc as Record<string, unknown>)[k] = before[k]; (redoDoc as Record<string, unknown>)[k] = after[k]; }
  const entry: Entry = {
    label,
    undo: { ...(keys.length ? { doc: undoDoc } : {}), ...(inverseLabels ? { labels: inverseLabels } : {}) },
    redo: { ...(keys.length ? { doc: redoDoc } : {}), ...(change.labels ? { labels: change.labels } : {}) },
  };
  baseline = after;
  if (!entry.undo.doc && !entry.undo.labels) return;
  history.set((h) => ({ past: [...h.past.slice(-(LIMIT - 1)), entry], future: [] }));
}

export function undo(): string | null {
  if (readOnly()) return null;
  const { past, future } = history.get();
  const entry = past.at(-1);
  if (!entry) return null;
  applyRaw(entry.undo);
  baseline = projectStore.get().doc;
  history.set({ past: past.slice(0, -1), future: [...future, entry] });
  return entry.label;
}

export function redo(): string | null {
  if (readOnly()) return null;
  const { past, future } = history.get();
  const entry = future.at(-1);
  if (!entry) return null;
  applyRaw(entry.redo);
  baseline = projectStore.get().doc;
  history.set({ past: [...past, entry], future: future.slice(0, -1) });
  return entry.label;
}

/** A new project starts a new history. */
export function clearHistory(): void {
  baseline = projectStore.get().doc;
  history.set({ past: [], future: [] });
}
