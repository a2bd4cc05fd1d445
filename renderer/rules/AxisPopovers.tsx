/** Small HTML popovers on the chart: an axis' menu (scale, invert, hide) and a brush's typed bounds. */
import { useEffect, useState } from 'react';
import { withBrush } from './brush-edit.ts';
import type { PlotLayout } from './geometry.ts';
import { boundText, parseBound, type ScaleKind } from './scales.ts';
import { rulesView } from './store.ts';
import { projectStore } from '../project/store.ts';
import { run } from '../actions/registry.ts';
import { commitBrushes, openBoundsEditor } from './actions.ts';
import { setAxisPref } from './axis-actions.ts';

export function AxisMenu({ layout: L, column, onClose }: { layout: PlotLayout; column: string; onClose(): void }) {
  const a = L.axes.find((x) => x.name === column);
  const prefs = projectStore.use((s) => s.doc.axes.prefs[column]);
  if (!a) return null;
  const left = Math.min(L.width - 190, Math.max(0, a.x - 90));
  return (
    <div className="pc-popover" style={{ left, top: L.top - 8 }} data-testid="axis-menu" onPointerDown={(e) => e.stopPropagation()}>
      <div className="pc-popover-head"><strong>{column}</strong><button className="icon" onClick={onClose} aria-label="Close">×</button></div>
      {a.scale.type === 'numeric' ? (
        <div className="pc-scale-choice" role="radiogroup" aria-label="Scale">
          {(['linear', 'log', 'quantile'] as ScaleKind[]).map((k) => (
            <label key={k}><input type="radio" name={`scale-${column}`} checked={(prefs?.scale ?? 'linear') === k} onChange={() => run(setAxisPref, { column, pref: { scale: k } })} data-testid={`scale-${k}`} /> {k}</label>
          ))}
          {a.scale.note ? <div className="muted small">{a.scale.note}</div> : null}
        </div>
      ) : <div className="muted small">{a.scale.categories?.length ?? 0} categories, sorted by name</div>}
      <div className="pc-popover-actions">
        <button onClick={() => run(setAxisPref, { column, pref: { inverted: !prefs?.inverted } })}>{prefs?.inverted ? 'Un-invert' : 'Invert'}</button>
        <button onClick={() => { run(setAxisPref, { column, pref: { hidden: true } }); onClose(); }} data-testid="axis-hide">Hide axis</button>
      </div>
    </div>
  );
}

/** Typed bounds of the brush range being edited: exact numbers, applied on Enter or blur. */
export function BoundsEditor({ layout: L }: { layout: PlotLayout }) {
  const typing = rulesView.use((s) => s.typing);
  const brushes = projectStore.use((s) => s.doc.brushes);
  const b = brushes.find((x) => x.column === typing?.column);
  const range = b?.kind === 'numeric' && typing ? b.ranges[typing.range] : undefined;
  const [lo, setLo] = useState('');
  const [hi, setHi] = useState('');
  useEffect(() => {
    if (range) { setLo(boundText(range[0])); setHi(boundText(range[1])); }
  }, [range?.[0], range?.[1]]);
  const a = L.axes.find((x) => x.name === typing?.column);
  if (!typing || !range || !a || b?.kind !== 'numeric') return null;
  const loN = parseBound(lo, -Infinity);
  const hiN = parseBound(hi, Infinity);
  const valid = !Number.isNaN(loN) && !Number.isNaN(hiN) && loN <= hiN;
  const apply = () => {
    if (!valid) return;
    const ranges = b.ranges.map((r, j) => (j === typing.range ? ([loN, hiN] as [number, number]) : r));
    const open = b.open?.map((o, j) => (j === typing.range ? [false, false] as [boolean, boolean] : o));
    run(commitBrushes, { brushes: withBrush(projectStore.get().doc.brushes, b.column, open ? { ...b, ranges, open } : { ...b, ranges }), label: `type bounds of ${b.column}` });
  };
  const remove = () => {
    const keep = (_: unknown, j: number) => j !== typing.range;
    run(openBoundsEditor, null);
    run(commitBrushes, { brushes: withBrush(projectStore.get().doc.brushes, b.column, b.open ? { ...b, ranges: b.ranges.filter(keep), open: b.open.filter(keep) } : { ...b, ranges: b.ranges.filter(keep) }), label: `remove a range of ${b.column}` });
  };
  const left = a.x + 16 + 170 > L.width ? a.x - 186 : a.x + 16;
  return (
    <form className="pc-popover pc-bounds" style={{ left, top: L.top + 20 }} data-testid="brush-bounds" onPointerDown={(e) => e.stopPropagation()}
      onSubmit={(e) => { e.preventDefault(); apply(); }}>
      <div className="pc-popover-head"><strong>{b.column}</strong><button type="button" className="icon" onClick={() => run(openBoundsEditor, null)} aria-label="Close">×</button></div>
      <label>from <input value={lo} onChange={(e) => setLo(e.target.value)} onBlur={apply} placeholder="-inf" data-testid="brush-lo" inputMode="decimal" /></label>
      <label>to <input value={hi} onChange={(e) => setHi(e.target.value)} onBlur={apply} placeholder="inf" data-testid="brush-hi" inputMode="decimal" /></label>
      {!valid ? <div className="warn-text small">Enter numbers with from ≤ to (blank = no bound).</div> : null}
      <div className="pc-popover-actions">
        <button type="submit" className="primary" disabled={!valid} data-testid="brush-apply">Apply</button>
        <button type="button" onClick={remove}>Remove range</button>
      </div>
    </form>
  );
}
