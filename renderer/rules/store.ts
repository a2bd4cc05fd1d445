/**
 * State of the rules view that is about *looking*: whether a brush is being dragged, the
 * colouring, which rule is being edited, which popover is open. What the user *makes* —
 * rules, brushes, axis order and scales — lives in the project document (undoable). The
 * selection mask is derived from the document's brushes, synchronously on every change, and
 * published with a version counter so the chart redraws only when it changes.
 */
import type { AxisPref, ProjectDoc, ProjectUi } from '../../ml/api.ts';
import type { Column, Table } from '../../ml/table/types.ts';
import { createStore } from '../store/create.ts';
import { brushMask, maskToIndex, type Brush } from './mask.ts';
import { dragMask, forgetDragMask } from './drag-session.ts';

export type { AxisPref };

/** What colours the lines. `model` reads renderer/model/model-store.ts; `rules` the rule set's verdicts. */
export type ColourBy = NonNullable<ProjectUi['rulesColour']>;

export type RulesViewState = {
  /** True while a pointer drag is changing a brush: the chart draws the quick binned density. */
  dragging: boolean;
  colourBy: ColourBy;
  /** Rule whose condition is shown as brushes; brush edits update it. */
  editingRuleId: string | null;
  /** Brush range whose bounds are being typed (a popover). */
  typing: { column: string; range: number } | null;
  /** Axis whose menu (scale, invert, hide) is open. */
  menu: string | null;
  /** Class chosen for the next "brushes → rule" ('' = the rarest class). */
  target: string;
  /** Rows picked elsewhere (a Compare cell) shown as the highlight instead of the brushes' selection. */
  highlight: { rows: Uint32Array; what: string } | null;
};

export const initialRulesView = (colourBy: ColourBy = { kind: 'none' }): RulesViewState => ({ dragging: false, colourBy, editingRuleId: null, typing: null, menu: null, target: '', highlight: null });
export const rulesView = createStore<RulesViewState>(initialRulesView());

export const axisColumns = (table: Table): Column[] => table.columns.filter((c) => c.type === 'numeric' || c.type === 'categorical');

/**
 * The axes in display order: the saved order (columns that no longer exist dropped), then any
 * columns it does not know; by default the label axis first — the "answer" a reader compares with.
 */
export function axisOrder(table: Table, doc: Pick<ProjectDoc, 'axes' | 'label'>): string[] {
  const cols = axisColumns(table).map((c) => c.name);
  const saved = doc.axes.order.filter((c) => cols.includes(c));
  const rest = cols.filter((c) => !saved.includes(c));
  const label = doc.label.column;
  if (saved.length === 0 && label && rest.includes(label)) return [label, ...rest.filter((c) => c !== label)];
  return [...saved, ...rest];
}

export const axisPref = (doc: Pick<ProjectDoc, 'axes'>, column: string): AxisPref => doc.axes.prefs[column] ?? {};

/** The document's axes with one column's preferences changed. */
export function withAxisPref(doc: Pick<ProjectDoc, 'axes'>, column: string, patch: AxisPref): ProjectDoc['axes'] {
  return { ...doc.axes, prefs: { ...doc.axes.prefs, [column]: { ...doc.axes.prefs[column], ...patch } } };
}

/** The derived selection of the current brushes over the open table. */
export type Selection = {
  table: Table | null; mask: Uint8Array; count: number; n: number; brushed: boolean; version: number;
  /** The version when no drag was going on: heavy views (the row table) follow this one only. */
  settled: number;
  /** The brushes (or the highlight) this selection was computed from (so a change can be noticed). */
  brushes: readonly Brush[];
  highlight: RulesViewState['highlight'];
};
export const selectionStore = createStore<Selection>({ table: null, mask: new Uint8Array(0), count: 0, n: 0, brushed: false, version: 0, settled: 0, brushes: [], highlight: null });

let indexCache: { version: number; index: Uint32Array } | null = null;
/** Selected row indices (computed once per selection version). */
export function selectedIndex(): Uint32Array {
  const s = selectionStore.get();
  if (indexCache?.version !== s.version) indexCache = { version: s.version, index: maskToIndex(s.mask, s.count, s.n) };
  return indexCache.index;
}

/**
 * Recomputes the selection when the table, the brushes or the highlight changed (cheap to
 * call often). A highlight (rows picked in Compare) replaces the brushes' selection while it lasts.
 */
export function syncSelection(table: Table, brushes: readonly Brush[], dragging: boolean, highlight: RulesViewState['highlight'] = null): void {
  const prev = selectionStore.get();
  // Nothing new, and nothing to settle: during a drag the selection stays unsettled until release
  // (a second notification of the same brushes must not redraw the chart).
  if (prev.table === table && prev.brushes === brushes && prev.highlight === highlight && (dragging || prev.settled === prev.version)) return;
  const mask = prev.table === table && prev.mask.length === table.n ? prev.mask : new Uint8Array(table.n);
  let count: number;
  if (highlight) {
    forgetDragMask();
    mask.fill(0);
    for (const i of highlight.rows) mask[i] = 1;
    count = highlight.rows.length;
  } else {
    // A prepared drag answers by the rows its edge crossed; anything else is counted exactly here.
    count = dragMask(table, brushes, mask) ?? brushMask(table, brushes, mask);
  }
  const brushed = highlight !== null || brushes.some((b) => (b.kind === 'numeric' ? b.ranges.length > 0 : true));
  const version = prev.version + 1;
  selectionStore.set({ table, mask, count, n: table.n, brushed, version, settled: dragging ? prev.settled : version, brushes, highlight });
}
