/** The selected rows, virtualised (only the rows in view exist in the DOM), with "selected n / N". */
import { useMemo, useState } from 'react';
import type { Table } from '../../ml/table/types.ts';
import { fmtValue } from './scales.ts';
import { selectedIndex, selectionStore } from './store.ts';
import { useAxes } from './use-axes.ts';

const ROW_H = 24;

function cell(table: Table, name: string, row: number): string {
  const c = table.columns.find((x) => x.name === name);
  if (!c) return '';
  if (c.type === 'numeric') return Number.isNaN(c.values[row]) ? '—' : fmtValue(c.values[row]);
  if (c.type === 'categorical') return c.codes[row] < 0 ? '—' : c.dictionary[c.codes[row]];
  return c.values[row] ?? '—';
}

export function SelectionCount() {
  const count = selectionStore.use((s) => s.count);
  const n = selectionStore.use((s) => s.n);
  const brushed = selectionStore.use((s) => s.brushed);
  return (
    <span className="sel-count" data-testid="selection-count">
      selected <strong data-testid="selected-n">{count.toLocaleString('en-US')}</strong> / <span data-testid="selected-total">{n.toLocaleString('en-US')}</span>
      {brushed && n ? <span className="muted"> ({((100 * count) / n).toFixed(count / n < 0.01 ? 2 : 1)}%)</span> : null}
    </span>
  );
}

export function SelectionTable({ table, height = 220 }: { table: Table; height?: number }) {
  const version = selectionStore.use((s) => s.settled);
  const { order, prefs } = useAxes(table);
  const [top, setTop] = useState(0);
  // Rows as of the last settled selection (a drag only updates the count, not 40 rendered rows).
  const index = useMemo(() => selectedIndex(), [version]);
  const cols = order.filter((c) => !prefs[c]?.hidden);
  const first = Math.max(0, Math.floor(top / ROW_H) - 5);
  const last = Math.min(index.length, first + Math.ceil(height / ROW_H) + 10);
  const rows: number[] = [];
  for (let k = first; k < last; k++) rows.push(index[k]);
  return (
    <div className="sel-table" style={{ height }} onScroll={(e) => setTop(e.currentTarget.scrollTop)} data-testid="selection-table">
      <table className="grid compact">
        <thead>
          <tr><th className="num">row</th>{cols.map((c) => <th key={c}>{c}</th>)}</tr>
        </thead>
        <tbody>
          <tr style={{ height: first * ROW_H }} aria-hidden />
          {rows.map((r) => (
            <tr key={r} style={{ height: ROW_H }}>
              <td className="num muted">{r}</td>
              {cols.map((c) => <td key={c}>{cell(table, c, r)}</td>)}
            </tr>
          ))}
          <tr style={{ height: (index.length - last) * ROW_H }} aria-hidden />
        </tbody>
      </table>
      {index.length === 0 ? <p className="muted sel-empty">No rows match the brushes.</p> : null}
    </div>
  );
}
