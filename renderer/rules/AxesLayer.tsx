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
import { commitBrushes, moveAxis, rulesView, setAxisPref, setBrushes } from './store.ts';
import { AxisMenu, BoundsEditor } from './AxisPopovers.tsx';

type Drag =
  | { mode: 'new' | 'move' | 'top' | 'bottom'; axis: PlotAxis; range: number; y0: number; span: [number, number]; moved: boolean }
  | { mode: 'cat'; axis: PlotAxis; y0: number; moved: boolean }
  | { mode: 'reorder'; axis: PlotAxis; x0: number; moved: boolean };

const HIT = 12;
const EDGE = 5;

export function AxesLayer({ layout: L }: { layout: PlotLayout }) {
  const brushes = rulesView.use((s) => s.brushes);
  const typing = rulesView.use((s) => s.typing);
  const [menu, setMenu] = useState<string | null>(null);
  const [reorderX, setReorderX] = useState<{ name: string; x: number } | null>(null);
  const svg = useRef<SVGSVGElement>(null);

  const localY = (e: PointerEvent | React.PointerEvent) => e.clientY - (svg.current?.getBoundingClientRect().top ?? 0);
  const localX = (e: PointerEvent | React.PointerEvent) => e.clientX - (svg.current?.getBoundingClientRect().left ?? 0);
  const brushOf = (name: string) => rulesView.get().brushes.find((b) => b.column === name);

  /** The brushes with the dragged range at the pointer; `snap` while the drag goes on (brush-edit.ts dragEdge). */
  const update = (d: Drag, e: PointerEvent, snap: boolean): Brush[] | null => {
    const y = Math.max(L.top, Math.min(L.bottom, localY(e)));
    const current = rulesView.get().brushes;
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
    const onMove = (ev: PointerEvent) => {
      if (d.mode === 'reorder') {
        if (Math.abs(localX(ev) - d.x0) > 3) d.moved = true;
        if (d.moved) setReorderX({ name: d.axis.name, x: localX(ev) });
        return;
      }
      if (!d.moved && Math.abs(localY(ev) - d.y0) < 3) return;
      d.moved = true;
      const next = update(d, ev, true);
      if (!next) return;
      markBrushEvent(ev.timeStamp);
      setBrushes(next, true);
    };
    const onUp = (ev: PointerEvent) => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      finish(d, ev);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
  };

  const finish = (d: Drag, e: PointerEvent) => {
    const s = rulesView.get();
    if (d.mode === 'reorder') {
      setReorderX(null);
      if (!d.moved) { setAxisPref(d.axis.name, { inverted: !d.axis.inverted }); return; }
      const x = localX(e);
      const visible = L.axes.filter((a) => a.name !== d.axis.name);
      const before = visible.find((a) => a.x > x);
      const to = before ? s.order.filter((c) => c !== d.axis.name).indexOf(before.name) : s.order.length;
      moveAxis(d.axis.name, to);
      return;
    }
    if (!d.moved) {
      if (d.mode === 'new') { rulesView.set({ typing: null }); commitBrushes(withBrush(s.brushes, d.axis.name, null)); return; }
      if (d.mode === 'cat') {
        // A click toggles the category under the pointer.
        const [name] = categoriesIn(L, d.axis, d.y0, d.y0);
        const b = brushOf(d.axis.name);
        const values = b?.kind === 'categorical' ? b.values : [];
        const next = values.includes(name) ? values.filter((v) => v !== name) : [...values, name];
        commitBrushes(withBrush(s.brushes, d.axis.name, { column: d.axis.name, kind: 'categorical', values: next }));
        return;
      }
      rulesView.set({ typing: { column: d.axis.name, range: d.range } });
      if (s.dragging) setBrushes(s.brushes, false);
      return;
    }
    // The range the drag leaves is where the pointer was released, not snapped to the pixel.
    const released = d.mode === 'cat' ? s.brushes : update(d, e, false) ?? s.brushes;
    const b = released.find((x) => x.column === d.axis.name);
    // Overlapping ranges merge (not when some end is strict: merging would lose which).
    const final = b?.kind === 'numeric' && !b.open ? withBrush(released, d.axis.name, { ...b, ranges: mergeRanges(b.ranges) }) : released;
    commitBrushes(final);
  };

  const onAxisDown = (a: PlotAxis, e: React.PointerEvent) => {
    if (e.button !== 0) return;
    const y = localY(e);
    if (a.scale.type === 'categorical') { startDrag({ mode: 'cat', axis: a, y0: y, moved: false }, e); return; }
    const b = brushOf(a.name);
    const ranges = b?.kind === 'numeric' ? b.ranges : [];
    rulesView.set({ typing: null });
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
  ctl.current = { onAxisDown, onRangeDown, startDrag, localX, setMenu };
  const ordered = reorderX ? [...L.axes].map((a) => (a.name === reorderX.name ? { ...a, x: reorderX.x } : a)) : L.axes;
  return (
    <>
      <svg ref={svg} className="pc-layer pc-axes" width={L.width} height={L.height} data-testid="pc-axes">
        <text className="pc-missing-label" x={4} y={L.missingY + 3}>missing</text>
        {ordered.map((a, j) => (
          <AxisView key={a.name} L={L} a={a} stagger={j % 2 === 1} brush={brushes.find((x) => x.column === a.name)}
            typingRange={typing?.column === a.name ? typing.range : -1} ctl={ctl} />
        ))}
      </svg>
      {menu ? <AxisMenu layout={L} column={menu} onClose={() => setMenu(null)} /> : null}
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

type AxisProps = { L: PlotLayout; a: PlotAxis; stagger: boolean; brush: Brush | undefined; typingRange: number; ctl: React.RefObject<AxisCtl> };

const AxisView = memo(function AxisView({ L, a, stagger, brush: b, typingRange, ctl }: AxisProps) {
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
