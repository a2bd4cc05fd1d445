/**
 * Compare commands: what to measure against, the positive class, the threshold, and picking
 * rows (an agreement cell, an "adds" group) — picked rows become the selection on the map,
 * the highlight in parallel coordinates, a list here, and can go to the label queue.
 */
import { defineAction } from '../actions/types.ts';
import type { CompareState } from './compare-store.ts';

const none = new Uint32Array(0);

export const setReference = defineAction<CompareState['reference']>({
  name: 'compare.reference', label: 'Measure against', perform: (_s, reference) => ({ view: { compare: { reference, picked: null, threshold: null } } }),
});

export const setPositive = defineAction<string | null>({
  name: 'compare.positive', label: 'Positive class', perform: (_s, positive) => ({ view: { compare: { positive, picked: null, threshold: null } } }),
});

export const setThreshold = defineAction<number | null>({ name: 'compare.threshold', label: 'Model threshold', perform: (_s, threshold) => ({ view: { compare: { threshold } } }) });

/** Rows picked in the agreement matrix or the "what each adds" list, most confident first. */
export const pickRows = defineAction<NonNullable<CompareState['picked']>>({
  name: 'compare.pick', label: 'Pick rows to look at',
  perform: (_s, picked) => ({ view: { compare: { picked }, map: { selection: picked.rows, focus: -1 }, rules: { highlight: { rows: picked.rows, what: picked.what } } } }),
});

export const clearPicked = defineAction({
  name: 'compare.clear', label: 'Clear the picked rows',
  perform: () => ({ view: { compare: { picked: null }, map: { selection: none }, rules: { highlight: null } } }),
});

/** The picked rows as the label queue on the map: step through them with J/K, label with 1–9. */
export const queuePicked = defineAction<{ rows: Uint32Array }>({
  name: 'compare.to-queue', label: 'Send the picked rows to the label queue',
  perform: (s, { rows }) => ({
    view: { queue: { kind: 'picked', rows, pos: 0, version: s.model.predictions?.version ?? 0, labelled: 0 }, map: { focus: rows[0] ?? -1 }, app: { view: 'map' }, ui: { view: 'map' } },
    toast: rows.length ? `${rows.length.toLocaleString()} rows in the queue — 1–9 label, J/K step` : undefined,
  }),
});

export const COMPARE_ACTIONS = [setReference, setPositive, setThreshold, pickRows, clearPicked, queuePicked];
