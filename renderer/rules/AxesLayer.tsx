/**
 * The SVG layer: axes, ticks, titles, the missing band, and brushes with their pointer
 * handling. Drag on an axis draws a new range (ranges on one axis OR together); drag a range
 * to move it, its edges to resize; click a range to type its bounds; click an empty part of an
 * axis to clear it. Drag a title to reorder axes, click it to invert; ⋯ opens the axis menu.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { categoriesIn, categoryHalfBand, dragToRange, mergeRanges, rangeToPx, withBrush } from './brush-edit.ts';
import { unitToY, type PlotAxis, type PlotLayout } from './geometry.ts';
import type { Brush } from './mask.ts';
import { markBrushEvent } from '../perf/timings.ts';
import { followDrag } from './early-moves.ts';
import { rulesView } from './store.ts';
import { projectStore } from '../project/store.ts';
import { run } from '../actions/registry.ts';
import { commitBrushes, dragBrushes, openAxisMenu, openBoundsEditor } from './actions.ts';
import { moveAxis, setAxisPref } from './axis-actions.ts';
import { AxisMenu, BoundsEditor } from './AxisPopovers.tsx';
import { suggestStore } from './suggest-store.ts';

type Drag =
  | { mode: 'new' | 'move' | 'top' | 'bottom'; axis: PlotAxis; range: number; y0: number; span: [number, number]; moved: boolean }
  | { mode: 'cat'; axis: PlotAxis; y0: number; moved: boolean }
  | { mode: 'reorder'; axis: PlotAxis; x0: number; moved: boolean };

const HIT = 12;
const EDGE = 5;

export function AxesLayer({ layout: L }: { layout: PlotLayout }) {
  const brushes = projectStore.use((s) => s.doc.brushes);
  const typing = rulesView.use((s) => s.typing);
  const menu = rulesView.use((s) => s.menu);
  // A suggested rule the user is looking at, drawn as dashed ghost brushes.
  const ghost = suggestStore.use((s) => (s.ghost >= 0 ? s.suggestions[s.ghost]?.brushes ?? null : null));
  const [reorderX, setReorderX] = useState<{ name: string; x: number } | null>(null);
  const svg = useRef<SVGSVGElement>(null);

  const localY = (e: PointerEvent | React.PointerEvent) => e.clientY - (svg.current?.getBoundingClientRect().top ?? 0);
  const localX = (e: PointerEvent | React.PointerEvent) => e.clientX - (svg.current?.getBoundingClientRect().left ?? 0);
  const brushesNow = () => projectStore.get().doc.brushes;
  const brushOf = (name: string) => brushesNow().find((b) => b.column === name);

  /** The brushes with the dragged range at the pointer; `snap` while the drag goes on (brush-edit.ts dragEdge). */
  const update = (d: Drag, e: PointerEvent, snap: boolean): Brush[] | null => {
    const y = Math.max(L.top, Math.min(L.bottom, localY(e)));
    const current = brushesNow();
    if (d.mode === 'cat') {
      return withBrush(current, d.axis.name, { column: d.axis.name, kind: 'categorical', values: categoriesIn(L, d.axis, d.y0, y) });
    }
    if (d.mode === 'reorder') return null;
    const b = brushOf(d.axis.name);
    const ranges = b?.kind === 'numeric' ? [...b.ranges] : [];
    let top: number;
    let bottom: number;
    if (d.mode === 'new') [top, bottom] = [Math.min(d.y0, y), Math.max(d.y0, y)];
    else if (d.mode === 'move') {
      const h = d.span[1] - d.span[0];
      top = Math.max(L.top, Math.min(L.bottom - h, d.span[0] + (y - d.y0)));
      bottom = top + h;
    } else if (d.mode === 'top') [top, bottom] = [Math.min(y, d.span[1]), Math.max(y, d.span[1])];
    else [top, bottom] = [Math.min(d.span[0], y), Math.max(d.span[0], y)];
    ranges[d.range] = dragToRange(L, d.axis, top, bottom, snap);
    // A dragged range has closed ends; other ranges keep theirs.
    const open = b?.kind === 'numeric' && b.open ? ranges.map((_, j) => (j === d.range ? [false, false] as [boolean, boolean] : b.open![j] ?? [false, false] as [boolean, boolean])) : undefined;
    return withBrush(current, d.axis.name, open ? { column: d.axis.name, kind: 'numeric', ranges, open } : { column: d.axis.name, kind: 'numeric', ranges });
  };

  const startDrag = (d: Drag, e: React.PointerEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const onMove = (ev: PointerEvent, since: number) => {
      if (d.mode === 'reorder') {
        if (Math.abs(localX(ev) - d.x0) > 3) d.moved = true;
        if (d.moved) setReorderX({ name: d.axis.name, x: localX(ev) });
        return;
      }
      if (!d.moved && Math.abs(localY(ev) - d.y0) < 3) return;
      d.moved = true;
      const next = update(d, ev, true);
      if (!next) return;
      markBrushEvent(since);
      run(dragBrushes, next);
    };
    followDrag(onMove, (ev) => finish(d, ev));
  };

  const finish = (d: Drag, e: PointerEvent) => {
    const current = brushesNow();
    if (d.mode === 'reorder') {
      setReorderX(null);
      if (!d.moved) { run(setAxisPref, { column: d.axis.name, pref: { inverted: !d.axis.inverted } }); return; }
      const x = localX(e);
      const visible = L.axes.filter((a) => a.name !== d.axis.name);
      const before = visible.find((a) => a.x > x);
      const order = L.order.filter((c) => c !== d.axis.name);
      run(moveAxis, { column: d.axis.name, to: before ? order.indexOf(before.name) : order.length });
      return;
    }
    if (!d.moved) {
      if (d.mode === 'new') { run(commitBrushes, { brushes: withBrush(current, d.axis.name, null), label: `clear ${d.axis.name}` }); run(openBoundsEditor, null); return; }
      if (d.mode === 'cat') {
        // A click toggles the category under the pointer.
        const [name] = categoriesIn(L, d.axis, d.y0, d.y0);
        const b = brushOf(d.axis.name);
        const values = b?.kind === 'categorical' ? b.values : [];
        const next = values.includes(name) ? values.filter((v) => v !== name) : [...values, name];
        run(commitBrushes, { brushes: withBrush(current, d.axis.name, { column: d.axis.name, kind: 'categorical', values: next }) });
        return;
      }
      run(openBoundsEditor, { column: d.axis.name, range: d.range });
      return;
    }
    // The range the drag leaves is where the pointer was released, not snapped to the pixel.
    const released = d.mode === 'cat' ? current : update(d, e, false) ?? current;
    const b = released.find((x) => x.column === d.axis.name);
    // Overlapping ranges merge (not when some end is strict: merging would lose which).
    const final = b?.kind === 'numeric' && !b.open ? withBrush(released, d.axis.name, { ...b, ranges: mergeRanges(b.ranges) }) : released;
    run(commitBrushes, { brushes: final });
  };

  const onAxisDown = (a: PlotAxis, e: React.PointerEvent) => {
    if (e.button !== 0) return;
    const y = localY(e);
    if (a.scale.type === 'categorical') { startDrag({ mode: 'cat', axis: a, y0: y, moved: false }, e); return; }
    const b = brushOf(a.name);
    const ranges = b?.kind === 'numeric' ? b.ranges : [];
    if (rulesView.get().typing) run(openBoundsEditor, null);
    startDrag({ mode: 'new', axis: a, range: ranges.length, y0: Math.max(L.top, Math.min(L.bottom, y)), span: [y, y], moved: false }, e);
  };

  const onRangeDown = (a: PlotAxis, r: number, span: [number, number], e: React.PointerEvent) => {
    if (e.button !== 0) return;
    const y = localY(e);
    const mode = y - span[0] < EDGE ? 'top' : span[1] - y < EDGE ? 'bottom' : 'move';
    startDrag({ mode, axis: a, range: r, y0: y, span, moved: false }, e);
  };

  // Handlers through a ref: the per-axis components stay memoised across brush moves.
  const ctl = useRef<AxisCtl>(null!);
  ctl.current = { onAxisDown, onRangeDown, startDrag, localX, setMenu: (name) => run(openAxisMenu, name) };
  const ordered = reorderX ? [...L.axes].map((a) => (a.name === reorderX.name ? { ...a, x: reorderX.x } : a)) : L.axes;
  return (
    <>
      <svg ref={svg} className="pc-layer pc-axes" width={L.width} height={L.height} data-testid="pc-axes">
        <text className="pc-missing-label" x={4} y={L.missingY + 3}>missing</text>
        {ordered.map((a, j) => (
          <AxisView key={a.name} L={L} a={a} stagger={j % 2 === 1} brush={brushes.find((x) => x.column === a.name)} ghost={ghost?.find((x) => x.column === a.name)}
            typingRange={typing?.column === a.name ? typing.range : -1} ctl={ctl} />
        ))}
      </svg>
      {menu ? <AxisMenu layout={L} column={menu} onClose={() => run(openAxisMenu, null)} /> : null}
      {typing ? <BoundsEditor layout={L} /> : null}
    </>
  );
}

type AxisCtl = {
  onAxisDown(a: PlotAxis, e: React.PointerEvent): void;
  onRangeDown(a: PlotAxis, r: number, span: [number, number], e: React.PointerEvent): void;
  startDrag(d: Drag, e: React.PointerEvent): void;
  localX(e: React.PointerEvent): number;
  setMenu(name: string): void;
};

type AxisProps = { L: PlotLayout; a: PlotAxis; stagger: boolean; brush: Brush | undefined; ghost: Brush | undefined; typingRange: number; ctl: React.RefObject<AxisCtl> };

const AxisView = memo(function AxisView({ L, a, stagger, brush: b, ghost, typingRange, ctl }: AxisProps) {
  const spacing = L.axes.length > 1 ? L.axes[1].x - L.axes[0].x : 200;
  // Titles alternate between two rows, so each has about two axis spacings of room.
  const maxChars = Math.max(4, Math.floor((spacing * 2 - 14) / 7.2));
  const ticks = useMemo(() => a.scale.ticks(a.scale.type === 'categorical' ? Math.floor((L.bottom - L.top) / 12) : 5), [a.scale, L.bottom, L.top]);
  return (
    <g className="pc-axis" data-testid={`axis-${a.name}`} data-min={a.scale.domain[0]} data-max={a.scale.domain[1]} data-inverted={a.inverted ? '1' : '0'} data-scale={a.scale.kind}>
      <line x1={a.x} x2={a.x} y1={L.top} y2={L.bottom} className="pc-axis-line" />
      <rect className="pc-missing" x={a.x - 7} y={L.missingY - MISSING_HALF} width={14} height={MISSING_HALF * 2} />
      {ticks.map((t, j) => (
        <text key={j} className="pc-tick" x={a.x - 5} y={unitToY(L, a, t.p) + 3}>{t.label.length > 9 ? `${t.label.slice(0, 8)}…` : t.label}</text>
      ))}
      <rect className="pc-hit" x={a.x - HIT} y={L.top - 4} width={HIT * 2} height={L.bottom - L.top + 8} onPointerDown={(e) => ctl.current.onAxisDown(a, e)} data-testid={`axis-hit-${a.name}`} />
      {ghost?.kind === 'numeric' ? ghost.ranges.map((rg, r) => {
        const span = rangeToPx(L, a, rg);
        return <rect key={`g${r}`} className="pc-brush ghost" x={a.x - 11} y={span[0]} width={22} height={Math.max(2, span[1] - span[0])} data-testid={`ghost-${a.name}`} />;
      }) : null}
      {ghost?.kind === 'categorical' ? (a.scale.categories ?? []).filter((c) => ghost.values.includes(c.name)).map((c) => {
        const h = categoryHalfBand(L, a);
        return <rect key={`g${c.name}`} className="pc-brush ghost" x={a.x - 11} y={unitToY(L, a, c.p) - h} width={22} height={2 * h} data-testid={`ghost-${a.name}`} />;
      }) : null}
      {b?.kind === 'numeric' ? b.ranges.map((rg, r) => {
        const span = rangeToPx(L, a, rg);
        return (
          <rect key={r} className={`pc-brush${typingRange === r ? ' active' : ''}`} x={a.x - 9} y={span[0]} width={18} height={Math.max(2, span[1] - span[0])}
            onPointerDown={(e) => ctl.current.onRangeDown(a, r, span, e)} data-testid={`brush-${a.name}-${r}`} />
        );
      }) : null}
      {b?.kind === 'categorical' ? (a.scale.categories ?? []).filter((c) => b.values.includes(c.name)).map((c) => {
        const y = unitToY(L, a, c.p);
        const h = categoryHalfBand(L, a);
        return <rect key={c.name} className="pc-brush cat" x={a.x - 9} y={y - h} width={18} height={2 * h} onPointerDown={(e) => ctl.current.onAxisDown(a, e)} />;
      }) : null}
      <text className="pc-title-text" x={a.x} y={L.top - (stagger ? 21 : 36)} textAnchor="middle"
        onPointerDown={(e) => ctl.current.startDrag({ mode: 'reorder', axis: a, x0: ctl.current.localX(e), moved: false }, e)}
        onContextMenu={(e) => { e.preventDefault(); ctl.current.setMenu(a.name); }} data-testid={`axis-title-${a.name}`}>
        <title>{`${a.name} — drag to move, click to invert, right-click or ▾ for scale / hide`}</title>
        {a.name.length > maxChars ? `${a.name.slice(0, maxChars - 1)}…` : a.name}
      </text>
      <text className="pc-title-sub" x={a.x} y={L.top - 7} textAnchor="middle" onClick={() => ctl.current.setMenu(a.name)} data-testid={`axis-menu-${a.name}`}>
        {`${a.inverted ? '↓ ' : ''}${a.scale.type === 'numeric' && a.scale.kind !== 'linear' ? `${a.scale.kind} ` : ''}▾`}
      </text>
    </g>
  );
});

const MISSING_HALF = 6;
