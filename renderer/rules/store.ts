/**
 * State of the rules view that is about *looking* (axes, brushes, colour, which rule is being
 * edited). What the user *makes* (the rules) lives in the project store. The selection mask
 * is derived here, synchronously on every brush change, and published with a version counter
 * so the chart redraws only when it changes.
 */
import type { Column, Table } from '../../ml/table/types.ts';
import { createStore } from '../store/create.ts';
import { brushMask, maskToIndex, type Brush } from './mask.ts';
import { dragMask } from './drag-session.ts';
import type { ScaleKind } from './scales.ts';

export type AxisPref = { hidden?: boolean; inverted?: boolean; scale?: ScaleKind };

/** What colours the lines. `model` reads renderer/model/model-store.ts; `rules` the rule set's verdicts. */
export type ColourBy = { kind: 'label' } | { kind: 'rules' } | { kind: 'model' } | { kind: 'column'; column: string } | { kind: 'none' };

export type RulesViewState = {
  /** Dataset the axes belong to; a different one resets the view. */
  key: string | null;
  /** Axis columns in display order (hidden ones included, so unhiding restores the place). */
  order: string[];
  prefs: Record<string, AxisPref>;
  brushes: Brush[];
  /** True while a pointer drag is changing a brush: the chart draws the quick binned density. */
  dragging: boolean;
  colourBy: ColourBy;
  /** Rule whose condition is shown as brushes; brush edits update it. */
  editingRuleId: string | null;
  /** Brush range whose bounds are being typed. */
  typing: { column: string; range: number } | null;
  /** Bumps when axes, order, scales or size change: the static layer redraws only then. */
  layoutVersion: number;
};

export const rulesView = createStore<RulesViewState>({
  key: null, order: [], prefs: {}, brushes: [], dragging: false, colourBy: { kind: 'label' },
  editingRuleId: null, typing: null, layoutVersion: 0,
});

export const axisColumns = (table: Table): Column[] => table.columns.filter((c) => c.type === 'numeric' || c.type === 'categorical');

export function resetFor(key: string, table: Table, labelColumn: string | null): void {
  const s = rulesView.get();
  if (s.key === key) return;
  const cols = axisColumns(table).map((c) => c.name);
  // The label goes last: it reads as the "answer" axis at the right end.
  const order = labelColumn && cols.includes(labelColumn) ? [...cols.filter((c) => c !== labelColumn), labelColumn] : cols;
  rulesView.set({ key, order, prefs: {}, brushes: [], dragging: false, colourBy: { kind: labelColumn ? 'label' : 'none' }, editingRuleId: null, typing: null, layoutVersion: s.layoutVersion + 1 });
}

export function setAxisPref(column: string, patch: AxisPref): void {
  rulesView.set((s) => ({ prefs: { ...s.prefs, [column]: { ...s.prefs[column], ...patch } }, layoutVersion: s.layoutVersion + 1 }));
}

export function moveAxis(column: string, toIndex: number): void {
  rulesView.set((s) => {
    const order = s.order.filter((c) => c !== column);
    order.splice(Math.max(0, Math.min(order.length, toIndex)), 0, column);
    return { order, layoutVersion: s.layoutVersion + 1 };
  });
}

/** The derived selection of the current brushes over the open table. */
export type Selection = {
  table: Table | null; mask: Uint8Array; count: number; n: number; brushed: boolean; version: number;
  /** The version when no drag was going on: heavy views (the row table) follow this one only. */
  settled: number;
};
export const selectionStore = createStore<Selection>({ table: null, mask: new Uint8Array(0), count: 0, n: 0, brushed: false, version: 0, settled: 0 });

let indexCache: { version: number; index: Uint32Array } | null = null;
/** Selected row indices (computed once per selection version). */
export function selectedIndex(): Uint32Array {
  const s = selectionStore.get();
  if (indexCache?.version !== s.version) indexCache = { version: s.version, index: maskToIndex(s.mask, s.count, s.n) };
  return indexCache.index;
}

export function recomputeSelection(table: Table, brushes: Brush[] = rulesView.get().brushes): void {
  const prev = selectionStore.get();
  const mask = prev.table === table && prev.mask.length === table.n ? prev.mask : new Uint8Array(table.n);
  // A prepared drag answers by the rows its edge crossed; anything else is counted exactly here.
  const count = dragMask(table, brushes, mask) ?? brushMask(table, brushes, mask);
  const brushed = brushes.some((b) => (b.kind === 'numeric' ? b.ranges.length > 0 : true));
  const version = prev.version + 1;
  selectionStore.set({ table, mask, count, n: table.n, brushed, version, settled: rulesView.get().dragging ? prev.settled : version });
}

/** Replaces the brushes and recomputes the selection in the same call (one pointer move = one redraw). */
export function setBrushes(brushes: Brush[], dragging = false): void {
  rulesView.set({ brushes, dragging });
  const table = selectionStore.get().table;
  if (table) recomputeSelection(table, brushes);
}

/** Told when a brush edit is finished (pointer up, typed bounds): the rule being edited follows. */
export const brushCommitListeners = new Set<(brushes: Brush[]) => void>();

export function commitBrushes(brushes: Brush[]): void {
  setBrushes(brushes, false);
  brushCommitListeners.forEach((l) => l(brushes));
}
