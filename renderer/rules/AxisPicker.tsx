/**
 * Which axes to show, for tables of a handful of columns or of 166: each column with how well
 * it separates the label (2·AUC − 1 of its best class, ml/metrics/separation.ts), sorted by it
 * when there is a label; a search box; "top 10" in one click (the label axis stays first).
 */
import { useMemo, useState } from 'react';
import type { AxisPref } from '../../ml/api.ts';
import { rankBySeparation } from '../../ml/metrics/separation.ts';
import type { Table } from '../../ml/table/types.ts';
import { projectStore } from '../project/store.ts';
import { run } from '../actions/registry.ts';
import { setAxisPref, showAxes } from './axis-actions.ts';

type Props = { table: Table; label: string | null; order: string[]; prefs: Record<string, AxisPref>; onClose(): void };

export function AxisPicker({ table, label, order, prefs, onClose }: Props) {
  const notFeatures = projectStore.use((s) => s.doc.notFeatures);
  const [query, setQuery] = useState('');
  const ranking = useMemo(() => {
    if (!label) return null;
    try { return rankBySeparation(table, { label, notFeatures }); } catch { return null; }
  }, [table, label, notFeatures]);
  const score = new Map(ranking?.map((r) => [r.column, r]) ?? []);
  const ranked = ranking ? [...ranking.map((r) => r.column).filter((c) => order.includes(c)), ...order.filter((c) => !score.has(c))] : order;
  const shown = ranked.filter((c) => c.toLowerCase().includes(query.trim().toLowerCase()));
  const top = (k: number) => run(showAxes, { visible: [...(label ? [label] : []), ...(ranking ?? []).slice(0, k).map((r) => r.column)], label: `show the top ${k} axes` });
  return (
    <div className="pc-picker" data-testid="axes-picker-list">
      <div className="pc-picker-actions">
        <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search columns" autoFocus data-testid="axes-search" />
        <button className="icon" onClick={onClose} aria-label="Close">×</button>
      </div>
      <div className="pc-picker-actions">
        {ranking ? <button onClick={() => top(10)} data-testid="axes-top-10" title={`The 10 columns that separate ${label} best`}>Top 10</button> : null}
        <button onClick={() => run(showAxes, { visible: order, label: 'show all axes' })}>Show all</button>
        <button onClick={() => run(showAxes, { visible: label ? [label] : [], label: 'hide all axes' })}>Hide all</button>
      </div>
      {ranking ? <div className="muted small pc-picker-note">sorted by how well each separates <code>{label}</code></div> : null}
      <div className="pc-picker-list">
        {shown.map((c) => {
          const r = score.get(c);
          const col = table.columns.find((x) => x.name === c);
          return (
            <label key={c} data-testid="axes-picker-row" data-column={c}>
              <input type="checkbox" checked={!prefs[c]?.hidden} onChange={(e) => run(setAxisPref, { column: c, pref: { hidden: !e.target.checked } })} />
              <span className="pc-picker-name">{c}{c === label ? ' (label)' : ''}</span>
              <span className="muted small">{col?.type === 'categorical' ? 'cat' : ''}</span>
              {r ? <span className="pc-sep" title={`separates ${r.bestClass ?? 'the classes'}: ${r.score.toFixed(3)}${r.exact ? '' : ' (sampled)'}`}><i style={{ width: `${Math.round(100 * r.score)}%` }} />{r.score.toFixed(2)}</span> : null}
            </label>
          );
        })}
      </div>
    </div>
  );
}
