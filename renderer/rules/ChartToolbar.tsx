/** Above the chart: colour source, axis picker, clear brushes, export. */
import { useState } from 'react';
import type { Table } from '../../ml/table/types.ts';
import { run } from '../actions/registry.ts';
import { modelStore } from '../model/model-store.ts';
import { projectStore } from '../project/store.ts';
import { rulesView, type ColourBy } from './store.ts';
import { clearBrushes, exportChartPng, exportChartSvg, setRulesColour } from './actions.ts';
import { AxisPicker } from './AxisPicker.tsx';
import { useAxes } from './use-axes.ts';

const encode = (c: ColourBy) => (c.kind === 'column' ? `column:${c.column}` : c.kind);
const decode = (v: string): ColourBy => (v.startsWith('column:') ? { kind: 'column', column: v.slice(7) } : { kind: v as 'label' | 'rules' | 'model' | 'none' });

export function ChartToolbar({ table, label }: { table: Table; label: string | null }) {
  const colourBy = rulesView.use((s) => s.colourBy);
  const { order, prefs } = useAxes(table);
  const brushed = projectStore.use((s) => s.doc.brushes.length > 0);
  const hasModel = modelStore.use((s) => s.predictions !== null);
  const [picker, setPicker] = useState(false);
  const shown = order.filter((c) => !prefs[c]?.hidden).length;
  return (
    <div className="pc-toolbar">
      <label className="pc-colour">
        Colour by{' '}
        <select value={encode(colourBy)} onChange={(e) => run(setRulesColour, decode(e.target.value))} data-testid="colour-by">
          {label ? <option value="label">label ({label})</option> : null}
          <option value="rules">rule verdict</option>
          {hasModel ? <option value="model">model prediction</option> : null}
          <option value="none">nothing</option>
          <optgroup label="column">
            {order.map((c) => <option key={c} value={`column:${c}`}>{c}</option>)}
          </optgroup>
        </select>
      </label>
      <div className="pc-picker-wrap">
        <button onClick={() => setPicker(!picker)} data-testid="axes-picker" aria-expanded={picker}>Axes {shown}/{order.length} ▾</button>
        {picker ? <AxisPicker table={table} label={label} order={order} prefs={prefs} onClose={() => setPicker(false)} /> : null}
      </div>
      <button onClick={() => run(clearBrushes)} disabled={!brushed} data-testid="clear-brushes">Clear brushes</button>
      <span className="pc-hint muted small">drag an axis to brush</span>
      <span className="spacer" />
      <button onClick={() => run(exportChartPng)} data-testid="export-png">PNG</button>
      <button onClick={() => run(exportChartSvg)} data-testid="export-svg">SVG</button>
    </div>
  );
}
