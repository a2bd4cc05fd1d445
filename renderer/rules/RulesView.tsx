/** The Rules tab: parallel coordinates with brushes, the selected rows, and the rules panel. */
import { useEffect, useMemo } from 'react';
import type { Table } from '../../ml/table/types.ts';
import { labelCodes, labelValues } from '../../ml/metrics/index.ts';
import { ruleSetAssign } from '../../ml/rules/compile.ts';
import type { RuleSet } from '../../ml/rules/spec.ts';
import { appStore } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { modelStore } from '../model/model-store.ts';
import { fromCodes, fromColumn, single, toCss, type ColourSource } from './colour.ts';
import { ParallelCoordinates } from './ParallelCoordinates.tsx';
import { useClassColours } from '../classes/use-class-colours.ts';
import { run } from '../actions/registry.ts';
import { clearHighlight } from './actions.ts';
import { showAxes } from './axis-actions.ts';
import { rankBySeparation } from '../../ml/metrics/separation.ts';
import { toast } from '../store/app.ts';

/** Above this many axis columns the chart starts with the label and the top 10 (the picker has the rest). */
const WIDE = 30;
import { SelectionCount, SelectionTable } from './SelectionTable.tsx';
import { axisColumns, rulesView, selectionStore, syncSelection, type ColourBy } from './store.ts';
import { ChartToolbar } from './ChartToolbar.tsx';
import { RulesPanel } from './RulesPanel.tsx';
import './rules.css';

/** The label column in use: the project's choice, if the table has it. */
export function labelColumnOf(table: Table, chosen: string | null): string | null {
  return chosen && table.columns.some((c) => c.name === chosen) ? chosen : null;
}

function ruleColours(table: Table, set: RuleSet, label: string | null, colourOf: (name: string) => string): ColourSource {
  try {
    const assign = ruleSetAssign(table, set);
    const classes = label ? labelValues(table, label) : [];
    for (const r of set.rules) if (!classes.includes(r.target)) classes.push(r.target);
    const idx = set.rules.map((r) => classes.indexOf(r.target));
    const codes = new Int32Array(table.n);
    for (let i = 0; i < table.n; i++) codes[i] = assign[i] >= 0 ? idx[assign[i]] : -1;
    return fromCodes('rule verdict (abstain = grey)', codes, classes, colourOf);
  } catch {
    return single(undefined, 'rules cannot run');
  }
}

export function colourFor(table: Table, by: ColourBy, label: string | null, rules: RuleSet, colourOf: (name: string) => string): ColourSource {
  if ((by.kind === 'label' || (by.kind === 'column' && by.column === label)) && label) {
    const classes = labelValues(table, label);
    return fromCodes(label, labelCodes(table, label, classes), classes, colourOf);
  }
  if (by.kind === 'column') return fromColumn(table, by.column);
  if (by.kind === 'rules') return ruleColours(table, rules, label, colourOf);
  if (by.kind === 'model') {
    const p = modelStore.get().predictions;
    if (p && p.predicted.length === table.n) return fromCodes('model prediction', p.predicted, p.classes, colourOf);
  }
  return single();
}

export function RulesView() {
  const dataset = appStore.use((s) => s.dataset);
  const chosen = projectStore.use((s) => s.doc.label.column);
  const rules = projectStore.use((s) => s.doc.rules);
  const colourBy = rulesView.use((s) => s.colourBy);
  const predictionsVersion = modelStore.use((s) => s.predictions?.version ?? 0);
  const table = dataset?.table ?? null;
  const label = table ? labelColumnOf(table, chosen) : null;
  const selTable = selectionStore.use((s) => s.table);

  // The selection follows the document's brushes, synchronously (a drag frame is one redraw).
  useEffect(() => {
    if (!table) return;
    const sync = () => syncSelection(table, projectStore.get().doc.brushes, rulesView.get().dragging, rulesView.get().highlight);
    sync();
    const offDoc = projectStore.subscribe(sync);
    const offView = rulesView.subscribe(sync);
    return () => { offDoc(); offView(); };
  }, [table]);

  // A wide table (dozens of columns) opens on its label and the 10 columns that separate it best.
  useEffect(() => {
    const doc = projectStore.get().doc;
    if (!table || !label || Object.keys(doc.axes.prefs).length > 0 || axisColumns(table).length <= WIDE) return;
    try {
      const top = rankBySeparation(table, { label, notFeatures: doc.notFeatures }).slice(0, 10).map((r) => r.column);
      void run(showAxes, { visible: [label, ...top], label: 'show the top 10 axes' }).then(() => toast(`${axisColumns(table).length} columns: showing the 10 that separate ${label} best — Axes ▾ for the others`));
    } catch { /* no ranking (e.g. one class): all axes stay */ }
  }, [table, label]);

  // The rule colouring follows every rule edit; the others only their own inputs.
  const rulesKey = colourBy.kind === 'rules' ? rules : null;
  const colourOf = useClassColours();
  const colour = useMemo(() => (table ? colourFor(table, colourBy, label, rules, colourOf) : single()),
    [table, colourBy, label, rulesKey, predictionsVersion, colourOf]);

  if (!dataset || !table || selTable !== table) return null;
  if (axisColumns(table).length === 0) return <p className="muted pad">This table has no numeric or categorical columns to draw.</p>;
  return (
    <div className="rules-view" data-testid="rules-view">
      <section className="rules-main">
        <ChartToolbar table={table} label={label} />
        <HighlightBanner />
        <ParallelCoordinates table={table} colour={colour} />
        <div className="pc-foot">
          <Legend colour={colour} />
          <SelectionCount />
        </div>
        <SelectionTable table={table} />
      </section>
      <aside className="rules-side">
        <RulesPanel table={table} label={label} />
      </aside>
    </div>
  );
}

/** Rows picked in Compare are what the chart highlights until the user brushes or goes back. */
function HighlightBanner() {
  const highlight = rulesView.use((s) => s.highlight);
  if (!highlight) return null;
  return (
    <div className="pc-highlight" data-testid="rules-highlight">
      Highlighting <strong>{highlight.rows.length.toLocaleString()}</strong> rows picked in Compare: {highlight.what}
      <button className="link" onClick={() => run(clearHighlight)}>back to the brushes</button>
    </div>
  );
}

function Legend({ colour }: { colour: ColourSource }) {
  return (
    <div className="pc-legend" data-testid="pc-legend">
      <span className="muted">colour: {colour.title}</span>
      {colour.names.length > 1 ? colour.names.map((name, g) => (
        <span key={name} className="pc-legend-item" data-testid={`rules-legend-${name}`}><i style={{ background: toCss(colour.colours[g]) }} />{name}</span>
      )) : null}
    </div>
  );
}
