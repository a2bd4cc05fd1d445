/**
 * Parallel coordinates of the open table. Layers: static canvas (every row as a grey density,
 * drawn once per layout) · interactive canvas (the selection: binned density while a brush
 * moves, exact lines in idle slices after release) · SVG (axes, brushes, hovered line).
 * Redraws are driven by version counters (layout, selection, colour), never by React renders.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Table } from '../../ml/table/types.ts';
import type { ColourSource } from './colour.ts';
import type { DensityBuffers, PairCounts } from './density.ts';
import { drawDensity, drawPolylines, polylineAlpha, warmDensity, type DensityProps } from './drawParallel.ts';
import { allRowsNoted, complementOf } from './all-row-counts.ts';
import { DragCounts } from './drag-counts.ts';
import { DRAG_SHIFT, dragCounts, dropDragSession, forgetDragMask, indexPairs, prepareDrag, preparedListeners, preparing, preparingFor } from './drag-session.ts';
import { axisAt, pairsInView, plotLayout, type PlotLayout } from './geometry.ts';
import { brushDeferred, brushDrawn, resetRulesTimings, timings } from '../perf/timings.ts';
import { rulesView, selectedIndex, selectionStore } from './store.ts';
import { useAxes } from './use-axes.ts';
import { AxesLayer } from './AxesLayer.tsx';
import { HoverLayer, pickRow } from './HoverLayer.tsx';

/** Selections up to this many rows settle as exact polylines; larger ones as pixel-exact density (255 bins). */
const EXACT_MAX = 25_000;
const SLICE_MS = 12;
/** Above this many rows a drag waits for its preparation instead of counting rows meanwhile. */
const DEFER_ROWS = 200_000;

/** The pairs a drag is prepared for: those shown, then (`margin`) those a short scroll would show. */
const preparedPairs = (L: PlotLayout, x0: number, x1: number) => {
  const pairs = pairsInView(L, x0, x1);
  return { pairs, margin: pairsInView(L, x0 - 120, x1 + 120).filter((p) => !pairs.includes(p)) };
};

type Props = { table: Table; colour: ColourSource; height?: number };
/** The counts of the drag in progress, valid for one layout and colouring. */
type DragState = { layout: PlotLayout; colour: ColourSource; counts: DragCounts };

export function ParallelCoordinates({ table, colour, height = 380 }: Props) {
  const born = useRef(performance.now());
  const scroller = useRef<HTMLDivElement>(null);
  const staticCanvas = useRef<HTMLCanvasElement>(null);
  const liveCanvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const { order, prefs } = useAxes(table);
  const [hover, setHover] = useState<{ row: number; x: number; y: number } | null>(null);
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;

  useEffect(() => {
    resetRulesTimings(table);
    return () => dropDragSession(table);
  }, [table]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  // A vertical wheel scrolls a wide chart sideways (many columns), like a timeline.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (el.scrollWidth <= el.clientWidth || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      el.scrollLeft += e.deltaY * (e.deltaMode === 1 ? 16 : 1);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const layout = useMemo(() => (width > 0 ? plotLayout(table, order, prefs, width, height) : null), [table, order, prefs, width, height]);

  // Everything the imperative redraws need, always current.
  // The live layer keeps its own density buffers: a density drawn in two parts must find them
  // as it left them. A drag's frames have their own (drag): they still hold the last frame
  // drawn from the prepared drag after the release has settled, so a later frame is incremental.
  const live = useRef({ layout, colour, buffers: undefined as DensityBuffers | undefined, drag: undefined as DensityBuffers | undefined, shown: undefined as DensityBuffers | undefined, staticBuffers: undefined as DensityBuffers | undefined, job: 0, counting: null as DragState | null });
  live.current.layout = layout;
  live.current.colour = colour;

  useEffect(() => {
    const cv = staticCanvas.current;
    if (!layout || !cv) return;
    // The grey context is only seen once something is brushed: draw it just after the first
    // (coloured) paint instead of before it. It depends on the layout only.
    const t = setTimeout(() => {
      const ctx = sizeCanvas(cv, layout, dpr);
      const t0 = performance.now();
      live.current.staticBuffers = drawDensity(ctx, { layout, dpr, index: null, n: table.n, colour: live.current.colour, shift: 0, aMin: 0.05, aMax: 0.32, grey: true }, live.current.staticBuffers);
      timings().rules.staticMs = performance.now() - t0;
    }, 20);
    return () => clearTimeout(t);
  }, [layout, table, dpr]);

  useEffect(() => {
    if (!layout) return;
    const redraw = () => {
      const L = live.current.layout;
      const cv = liveCanvas.current;
      if (!L || !cv) return;
      const sel = selectionStore.get();
      const ctx = sizeCanvas(cv, L, dpr);
      const job = ++live.current.job;
      if (rulesView.get().dragging) {
        // Quick path: 64 bins per axis, only the part the scroller shows (the rest is redrawn
        // on release), one composite, one putImageData. The counts come from the prepared drag
        // (a prefix difference per pair, drag-session.ts) or else are updated by the rows that
        // changed since the last frame.
        const colour = live.current.colour;
        const [x0, x1] = visibleX();
        const brushes = sel.brushes;
        let counts: PairCounts | null = dragCounts(L, colour, brushes, pairsInView(L, x0, x1));
        if (counts) live.current.counting = null;
        else if (sel.n > DEFER_ROWS && preparingFor(L, colour, brushes)) {
          // The prepared drag is a fraction of a second away: wait for it (it redraws when
          // done) rather than counting a big table row by row meanwhile.
          brushDeferred();
          return;
        } else {
          let drag = live.current.counting;
          if (drag?.layout === L && drag.colour === colour) drag.counts.sync(sel.mask);
          else {
            const nGroups = colour.groups ? colour.nGroups : 1;
            const dc = new DragCounts(L.axes.map((a) => a.quant), colour.groups, nGroups, DRAG_SHIFT, sel.n, sel.mask);
            live.current.counting = drag = { layout: L, colour, counts: dc };
          }
          counts = drag.counts;
        }
        // A move within the same bins changes no cell: the canvas already shows this frame.
        const shown = live.current.shown === live.current.drag;
        live.current.drag = drawDensity(ctx, dragFrame(L, colour, sel.n, [x0, x1], counts), live.current.drag, shown);
        live.current.shown = live.current.drag;
        ctx.getImageData(0, 0, 1, 1); // flush: "drawn" means rasterised, not queued
        brushDrawn(sel.count);
        return;
      }
      live.current.counting = null;
      live.current.shown = undefined;
      settle(ctx, L, job);
    };
    const settle = (ctx: CanvasRenderingContext2D, L: PlotLayout, job: number) => {
      const t0 = performance.now();
      const sel = selectionStore.get();
      const done = () => {
        const p = timings().rules;
        if (p.firstPaint === null) p.firstPaint = performance.now() - born.current;
        else p.settle.push(performance.now() - t0);
        p.settledVersion++;
        liveCanvas.current?.setAttribute('data-settled', String(sel.version));
      };
      if (!sel.brushed || sel.count > EXACT_MAX) {
        const index = sel.brushed ? selectedIndex() : null;
        requestAnimationFrame(() => {
          if (job !== live.current.job) return;
          const colour = live.current.colour;
          // All rows drawn: their pair counts also serve a later drag's preparation and later
          // big selections (all rows minus the few left out).
          const onPairCounts = index ? undefined : allRowsNoted(L, colour);
          const complement = index && index.length > sel.n / 2 ? complementOf(L, colour, sel.mask, sel.n - index.length) : undefined;
          // The part the scroller shows first (that is when the highlight is settled), the rest just after.
          const [x0, x1] = visibleX();
          const base = { layout: L, dpr, index, n: sel.n, colour, shift: 0, aMin: 0.3, aMax: 0.95, onPairCounts, complement };
          const buffers = (live.current.buffers = drawDensity(ctx, { ...base, window: [x0, x1] }, live.current.buffers));
          ctx.getImageData(0, 0, 1, 1);
          done();
          const prepared = preparedPairs(L, x0, x1);
          indexPairs(table, L, colour, [...prepared.pairs, ...prepared.margin]);
          const shown = buffers.pairs ?? [];
          if (shown.length + 1 < L.axes.length) {
            setTimeout(() => {
              if (job !== live.current.job) return;
              live.current.buffers = drawDensity(ctx, { ...base, keep: { skip: shown } }, live.current.buffers);
            }, 0);
          }
        });
        return;
      }
      // Exact lines, drawn off screen in time slices, then swapped in: no flicker, no freeze.
      const index = selectedIndex();
      const off = document.createElement('canvas');
      const octx = sizeCanvas(off, L, dpr);
      const props = { layout: L, dpr, index, colour: live.current.colour, alpha: polylineAlpha(index.length) };
      let k = 0;
      const step = () => {
        if (job !== live.current.job) return;
        const until = performance.now() + SLICE_MS;
        while (k < index.length && performance.now() < until) {
          const to = Math.min(index.length, k + 500);
          drawPolylines(octx, props, k, to);
          k = to;
        }
        // The next slice right after pending input, not at the next frame: waiting a frame per
        // 12 ms slice made 10,000 lines take three times as long to appear.
        if (k < index.length) { setTimeout(step, 0); return; }
        ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
        ctx.drawImage(off, 0, 0);
        done();
      };
      requestAnimationFrame(step);
    };
    redraw();
    const onPrepared = () => { if (rulesView.get().dragging) redraw(); else warm(); };
    preparedListeners.add(onPrepared);
    const unsubscribe = selectionStore.subscribe(redraw);
    return () => { preparedListeners.delete(onPrepared); unsubscribe(); };
  }, [layout, colour, dpr]);

  /** A drag frame: the prepared (or incrementally kept) 64-bin counts over the part shown. */
  const dragFrame = (L: PlotLayout, c: ColourSource, n: number, window: [number, number], counts: PairCounts): DensityProps =>
    ({ layout: L, dpr, index: null, n, colour: c, shift: DRAG_SHIFT, aMin: 0.3, aMax: 0.95, window, counts });

  // When a drag is prepared (the pointer rests on an axis or presses it), the drag's buffers
  // take the selection, so its first frame redraws only the cells it changes: a from-scratch
  // first frame of a million rows was the slowest of a drag.
  const warm = () => {
    const L = live.current.layout, cv = liveCanvas.current;
    if (!L || !cv || cv.width === 0 || rulesView.get().dragging) return;
    const sel = selectionStore.get();
    const [x0, x1] = visibleX();
    const counts = dragCounts(L, live.current.colour, sel.brushes, pairsInView(L, x0, x1));
    if (counts) live.current.drag = warmDensity(cv.width, cv.height, dragFrame(L, live.current.colour, sel.n, [x0, x1], counts), live.current.drag);
  };

  /** CSS x range of the plot the scroller shows. */
  const visibleX = (): [number, number] => {
    const el = scroller.current;
    return el ? [el.scrollLeft, el.scrollLeft + el.clientWidth] : [0, Infinity];
  };

  // A drag on an axis is prepared when the pointer rests on it or presses it (drag-session.ts).
  const rest = useRef(0);
  const prepareAt = (x: number, y: number) => {
    const L = live.current.layout;
    const axis = L ? axisAt(L, x, y) : null;
    const sel = selectionStore.get();
    if (!L || !axis || sel.table !== table) return;
    const [x0, x1] = visibleX();
    prepareDrag({ table, layout: L, colour: live.current.colour, brushes: sel.brushes, axis, ...preparedPairs(L, x0, x1), mask: sel.mask });
    if (!preparing()) warm();
    // A highlight (rows picked in Compare) fills the mask instead of the brushes' selection.
    if (sel.highlight) forgetDragMask();
  };
  useEffect(() => () => clearTimeout(rest.current), []);

  const onMove = (e: React.PointerEvent) => {
    if (!layout || rulesView.get().dragging || e.buttons) return;
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    clearTimeout(rest.current);
    rest.current = window.setTimeout(() => prepareAt(x, y), 120);
    const sel = selectionStore.get();
    const row = pickRow(layout, x, y, sel.brushed ? selectedIndex() : null, sel.n);
    setHover(row === null ? null : { row, x, y });
  };

  return (
    <div className="pc-scroll" ref={scroller} data-testid="parallel-coordinates">
      {layout ? (
        <div className="pc-plot" style={{ width: layout.width, height: layout.height }} onPointerMove={onMove} onPointerLeave={() => { clearTimeout(rest.current); setHover(null); }}
          onPointerDownCapture={(e) => {
            // A press starts a drag or a click: the hovered row's card would stand still over it.
            setHover(null);
            const r = e.currentTarget.getBoundingClientRect();
            prepareAt(e.clientX - r.left, e.clientY - r.top);
          }}>
          <canvas ref={staticCanvas} className="pc-layer" data-testid="pc-static" />
          <canvas ref={liveCanvas} className="pc-layer" data-testid="pc-live" />
          <HoverLayer layout={layout} hover={hover} view={[scroller.current?.scrollLeft ?? 0, (scroller.current?.scrollLeft ?? 0) + (scroller.current?.clientWidth ?? layout.width)]} />
          <AxesLayer layout={layout} />
        </div>
      ) : null}
    </div>
  );
}

function sizeCanvas(cv: HTMLCanvasElement, L: PlotLayout, dpr: number): CanvasRenderingContext2D {
  const W = Math.round(L.width * dpr);
  const H = Math.round(L.height * dpr);
  if (cv.width !== W || cv.height !== H) {
    cv.width = W;
    cv.height = H;
    cv.style.width = `${L.width}px`;
    cv.style.height = `${L.height}px`;
  }
  // Software canvas: we write pixels with putImageData; there is no GPU to upload to here.
  const ctx = cv.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('Canvas 2D is not available in this browser.');
  // No clear here: every drawing path replaces the whole layer (putImageData or a swap).
  return ctx;
}
