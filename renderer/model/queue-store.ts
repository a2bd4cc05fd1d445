/**
 * "What to label next": a queue of rows picked from the model's answers, and a cursor the
 * keyboard moves (J/K, arrows) while 1–9 label the current item and 0 unlabels it. A queue
 * is a snapshot (a Uint32Array of rows) taken when opened: labelling an item moves on to the
 * next one without reshuffling the list under the user's eyes; a retrain rebuilds it.
 */
import { createStore } from '../store/create.ts';

export type QueueKind = 'least-confident' | 'label-disagrees' | 'rules-disagree';

export const QUEUE_TITLES: Record<QueueKind, string> = {
  'least-confident': 'Least confident',
  'label-disagrees': 'Model disagrees with your label',
  'rules-disagree': 'Model and rules disagree',
};

export type QueueState = {
  kind: QueueKind | null;
  rows: Uint32Array;
  pos: number;
  /** Predictions version the queue was built from. */
  version: number;
  /** Items labelled from this queue since it was opened. */
  labelled: number;
};

export const queueStore = createStore<QueueState>({ kind: null, rows: new Uint32Array(0), pos: 0, version: 0, labelled: 0 });

export function openQueue(kind: QueueKind, rows: Uint32Array, version: number): void {
  queueStore.set({ kind, rows, pos: 0, version, labelled: 0 });
}

export function closeQueue(): void {
  queueStore.set({ kind: null, rows: new Uint32Array(0), pos: 0, labelled: 0 });
}

/** Moves the cursor by `delta`, clamped to the queue. Returns the new current row, or -1. */
export function step(delta: number): number {
  const { rows, pos } = queueStore.get();
  if (rows.length === 0) return -1;
  const next = Math.min(rows.length - 1, Math.max(0, pos + delta));
  if (next !== pos) queueStore.set({ pos: next });
  return rows[next];
}

export function currentRow(): number {
  const { kind, rows, pos } = queueStore.get();
  return kind && rows.length ? rows[pos] : -1;
}

export const queueActive = (): boolean => queueStore.get().kind !== null && queueStore.get().rows.length > 0;
