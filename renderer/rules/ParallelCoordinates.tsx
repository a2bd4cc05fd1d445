/**
 * Parallel coordinates of the open table. Layers: static canvas (every row as a grey density,
 * drawn once per layout) · interactive canvas (the selection: binned density while a brush
 * moves, exact lines in idle slices after release) · SVG (axes, brushes, hovered line).
 * Redraws are driven by version counters (layout, selection, colour), never by React renders.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Table } from '../../ml/table/types.ts';
import type { ColourSource } from './colour.ts';
import type { DensityBuffers } from './density.ts';
import { drawDensity, drawPolylines, polylineAlpha } from './drawParallel.ts';
import { DragCounts } from './drag-counts.ts';
import { plotLayout, type PlotLayout } from './geometry.ts';
import { brushDrawn, resetRulesTimings, timings } from '../perf/timings.ts';
import { rulesView, selectedIndex, selectionStore } from './store.ts';
import { useAxes } from './use-axes.ts';
import { AxesLayer } from './AxesLayer.tsx';
import { HoverLayer, pickRow } from './HoverLayer.tsx';

/** Selections up to this many rows settle as exact polylines; larger ones as pixel-exact density (255 bins). */
const EXACT_MAX = 25_000;
const SLICE_MS = 12;

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

  useEffect(() => { resetRulesTimings(table); }, [table]);

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
  const live = useRef({ layout, colour, buffers: undefined as DensityBuffers | undefined, job: 0, drag: null as DragState | null });
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
      live.current.buffers = drawDensity(ctx, { layout, dpr, index: null, n: table.n, colour: live.current.colour, shift: 0, aMin: 0.05, aMax: 0.32, grey: true }, live.current.buffers);
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
        // Quick path: 64 bins per axis, counts updated by the rows that changed
        // since the last frame, only the part the scroller shows (the rest is redrawn on
        // release), one composite, one putImageData.
        const colour = live.current.colour;
        let drag = live.current.drag;
        if (drag?.layout === L && drag.colour === colour) drag.counts.sync(sel.mask);
        else {
          const nGroups = colour.groups ? colour.nGroups : 1;
          const counts = new DragCounts(L.axes.map((a) => a.quant), colour.groups, nGroups, 2, sel.n, sel.mask);
          live.current.drag = drag = { layout: L, colour, counts };
        }
        const el = scroller.current;
        const window: [number, number] | undefined = el ? [el.scrollLeft, el.scrollLeft + el.clientWidth] : undefined;
        live.current.buffers = drawDensity(ctx, { layout: L, dpr, index: null, n: sel.n, colour, shift: drag.counts.shift, aMin: 0.3, aMax: 0.95, window, counts: drag.counts }, live.current.buffers);
        ctx.getImageData(0, 0, 1, 1); // flush: "drawn" means rasterised, not queued
        brushDrawn(sel.count);
        return;
      }
      live.current.drag = null;
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
          live.current.buffers = drawDensity(ctx, { layout: L, dpr, index, n: sel.n, colour: live.current.colour, shift: 0, aMin: 0.3, aMax: 0.95 }, live.current.buffers);
          ctx.getImageData(0, 0, 1, 1);
          done();
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
        if (k < index.length) { requestAnimationFrame(step); return; }
        ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
        ctx.drawImage(off, 0, 0);
        done();
      };
      requestAnimationFrame(step);
    };
    redraw();
    return selectionStore.subscribe(redraw);
  }, [layout, colour, dpr]);

  const onMove = (e: React.PointerEvent) => {
    if (!layout || rulesView.get().dragging || e.buttons) return;
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const sel = selectionStore.get();
    const row = pickRow(layout, x, y, sel.brushed ? selectedIndex() : null, sel.n);
    setHover(row === null ? null : { row, x, y });
  };

  return (
    <div className="pc-scroll" ref={scroller} data-testid="parallel-coordinates">
      {layout ? (
        <div className="pc-plot" style={{ width: layout.width, height: layout.height }} onPointerMove={onMove} onPointerLeave={() => setHover(null)}>
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
