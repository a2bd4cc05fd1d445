/**
 * The embedding map: owns its two canvases (static points, interactive hover/lasso) and an
 * HTML overlay (tooltip). Pointer gestures: drag = lasso (or box, per tool), shift adds, alt
 * subtracts; pan with the hand tool, space+drag or the middle button; wheel zooms at the
 * cursor. View changes redraw on the next animation frame without a React render.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { OpenedDataset } from '../../ml/api.ts';
import { projectStore } from '../project/store.ts';
import { rowClasses } from '../labels/labels.ts';
import { mapStore } from './map-store.ts';
import { run } from '../actions/registry.ts';
import { focusItem, hovered, select } from './actions.ts';
import type { Colouring } from './colours.ts';
import { drawScatter } from './drawScatter.ts';
import { drawOverlay } from './drawOverlay.ts';
import { combineSelection, polygonMask, rectMask, rowsToMask, type SelectOp } from './geometry.ts';
import { fitView, nearestPoint, panBy, toData, viewOfRows, zoomAt, type View } from './viewport.ts';
import { useLayoutAnimation } from './animate.ts';
import { Tooltip } from './Tooltip.tsx';
import { exposeForTests } from './test-hooks.ts';

type Gesture = { kind: 'select'; op: SelectOp; path: number[] } | { kind: 'pan'; x: number; y: number; moved: number } | null;

const BACKGROUND = '#ffffff';

export function MapView({ dataset, colouring }: { dataset: OpenedDataset; colouring: Colouring }) {
  const wrap = useRef<HTMLDivElement>(null);
  const staticCanvas = useRef<HTMLCanvasElement>(null);
  const overlayCanvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const viewRef = useRef<View>({ scale: 1, tx: 0, ty: 0 });
  const baseRef = useRef<View>({ scale: 1, tx: 0, ty: 0 });
  const gesture = useRef<Gesture>(null);
  const space = useRef(false);
  const frame = useRef({ pending: 0, staticDirty: true });
  const [hover, setHover] = useState(-1);
  const hoverRef = useRef(-1);

  const shownId = mapStore.use((s) => s.shownId);
  const target = mapStore.use((s) => (s.shownId ? s.layouts[s.shownId] ?? null : null));
  const selection = mapStore.use((s) => s.selection);
  const pointSize = mapStore.use((s) => s.pointSize);
  const opacity = mapStore.use((s) => s.opacity);
  const focus = mapStore.use((s) => s.focus);
  const tool = mapStore.use((s) => s.tool);
  const fitVersion = mapStore.use((s) => s.fitVersion);
  const zoomVersion = mapStore.use((s) => s.zoomVersion);
  const labels = projectStore.use((s) => s.doc.labels);

  const n = dataset.table.n;
  const labelled = useMemo(() => (labels && labels.assigned.length ? rowClasses(labels, n) : null), [labels, n]);
  const selectedMask = useMemo(() => (selection.length ? rowsToMask(selection, n) : null), [selection, n]);

  const redraw = (staticToo: boolean) => {
    frame.current.staticDirty ||= staticToo;
    if (frame.current.pending) return;
    frame.current.pending = requestAnimationFrame(() => {
      frame.current.pending = 0;
      paint();
    });
  };
  const xyRef = useLayoutAnimation(target, shownId, () => redraw(true));
  const state = useRef({ colouring, labelled, selectedMask, pointSize, opacity, size, focus, tool });
  state.current = { colouring, labelled, selectedMask, pointSize, opacity, size, focus, tool };

  function paint() {
    const s = state.current;
    const xy = xyRef.current;
    const dpr = window.devicePixelRatio || 1;
    if (!xy || s.size.width === 0) return;
    if (frame.current.staticDirty) {
      const ctx = staticCanvas.current?.getContext('2d');
      if (ctx) drawScatter(ctx, { width: s.size.width, height: s.size.height, dpr, xy, view: viewRef.current, codes: s.colouring.codes, rgb: s.colouring.rgb, css: s.colouring.css, radius: s.pointSize, opacity: s.opacity, labelled: s.labelled, selected: s.selectedMask, background: BACKGROUND });
      frame.current.staticDirty = false;
    }
    const octx = overlayCanvas.current?.getContext('2d');
    const g = gesture.current;
    if (octx) drawOverlay(octx, { width: s.size.width, height: s.size.height, dpr, xy, view: viewRef.current, radius: s.pointSize, hover: hoverRef.current, focus: s.focus, path: g?.kind === 'select' ? g.path : [], mode: s.tool, op: g?.kind === 'select' ? g.op : 'replace' });
  }

  // Size: follow the container; the first size fits the view.
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const { width, height } = el.getBoundingClientRect();
      const w = Math.floor(width), h = Math.floor(height);
      setSize((old) => {
        if (old.width === w && old.height === h) return old;
        const base = fitView(w, h);
        // Keep the user's zoom/pan relative to the fitted view across resizes.
        const v = viewRef.current, b = baseRef.current;
        const k = b.scale > 1 && old.width > 0 ? v.scale / b.scale : 1;
        viewRef.current = old.width > 0 ? { scale: base.scale * k, tx: base.tx + (v.tx - b.tx) * (base.scale / b.scale), ty: base.ty + (v.ty - b.ty) * (base.scale / b.scale) } : base;
        baseRef.current = base;
        return { width: w, height: h };
      });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => redraw(true), [colouring, labelled, selectedMask, pointSize, opacity, size]);
  useEffect(() => redraw(false), [focus, tool]);
  useEffect(() => () => cancelAnimationFrame(frame.current.pending), []);
  useEffect(() => { if (fitVersion > 0) { viewRef.current = baseRef.current; redraw(true); } }, [fitVersion]);
  useEffect(() => {
    const xy = xyRef.current;
    const v = zoomVersion > 0 && xy ? viewOfRows(xy, mapStore.get().selection, size.width, size.height, baseRef.current) : null;
    if (v) { viewRef.current = v; redraw(true); }
  }, [zoomVersion]);

  useEffect(() => exposeForTests({
    xy: () => xyRef.current, view: () => viewRef.current, canvas: () => staticCanvas.current,
    setView: (v) => { viewRef.current = v; redraw(true); },
    fit: () => { viewRef.current = baseRef.current; redraw(true); },
  }), []);

  // Space held = temporary hand tool, like design tools.
  useEffect(() => {
    const down = (e: KeyboardEvent) => { if (e.code === 'Space' && !(e.target instanceof HTMLInputElement)) { space.current = true; if (e.target === document.body) e.preventDefault(); } };
    const up = (e: KeyboardEvent) => { if (e.code === 'Space') space.current = false; };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => { window.removeEventListener('keydown', down); window.removeEventListener('keyup', up); };
  }, []);

  // Wheel zoom needs a non-passive listener to stop the page scrolling.
  useEffect(() => {
    const el = overlayCanvas.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
      viewRef.current = zoomAt(viewRef.current, baseRef.current, e.clientX - r.left, e.clientY - r.top, factor);
      redraw(true);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const local = (e: React.PointerEvent) => {
    const r = overlayCanvas.current!.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };

  const onPointerDown = (e: React.PointerEvent) => {
    if (e.button === 2) return;
    const [x, y] = local(e);
    overlayCanvas.current?.setPointerCapture(e.pointerId);
    if (e.button === 1 || space.current || tool === 'pan') {
      e.preventDefault();
      gesture.current = { kind: 'pan', x, y, moved: 0 };
    } else {
      gesture.current = { kind: 'select', op: e.shiftKey ? 'add' : e.altKey ? 'subtract' : 'replace', path: [x, y] };
    }
  };

  const onPointerMove = (e: React.PointerEvent) => {
    const [x, y] = local(e);
    const g = gesture.current;
    if (g?.kind === 'pan') {
      viewRef.current = panBy(viewRef.current, x - g.x, y - g.y);
      g.moved += Math.abs(x - g.x) + Math.abs(y - g.y);
      g.x = x; g.y = y;
      redraw(true);
      return;
    }
    if (g?.kind === 'select') {
      const px = g.path[g.path.length - 2], py = g.path[g.path.length - 1];
      if (tool === 'box') g.path = [g.path[0], g.path[1], x, y];
      else if (Math.hypot(x - px, y - py) >= 2) g.path.push(x, y);
      redraw(false);
      return;
    }
    const xy = xyRef.current;
    const h = xy ? nearestPoint(xy, viewRef.current, x, y, Math.max(6, pointSize + 3)) : -1;
    if (h !== hoverRef.current) { hoverRef.current = h; hovered.row = h; setHover(h); redraw(false); }
  };

  const onPointerUp = (e: React.PointerEvent) => {
    const g = gesture.current;
    gesture.current = null;
    overlayCanvas.current?.releasePointerCapture(e.pointerId);
    const xy = xyRef.current;
    if (!g || !xy) return;
    if (g.kind === 'pan') return;
    const [x0, y0] = [g.path[0], g.path[1]];
    const [x1, y1] = [g.path[g.path.length - 2], g.path[g.path.length - 1]];
    const extent = g.path.reduce((m, v, k) => Math.max(m, Math.abs(v - g.path[k % 2])), 0);
    if (extent < 4) {
      // A click: focus the item under the cursor (or clear the focus on empty space).
      const hit = nearestPoint(xy, viewRef.current, x1, y1, Math.max(6, pointSize + 3));
      run(focusItem, { row: hit });
      redraw(false);
      return;
    }
    const v = viewRef.current;
    let mask: Uint8Array;
    if (tool === 'box') {
      const a = toData(v, x0, y0), b = toData(v, x1, y1);
      mask = rectMask(xy, a.x, a.y, b.x, b.y);
    } else {
      const poly = new Float32Array(g.path.length);
      for (let k = 0; k < g.path.length; k += 2) { const d = toData(v, g.path[k], g.path[k + 1]); poly[k] = d.x; poly[k + 1] = d.y; }
      mask = polygonMask(xy, poly);
    }
    run(select, { rows: combineSelection(mapStore.get().selection, mask, g.op) });
    redraw(false);
  };

  const cursor = tool === 'pan' ? 'grab' : 'crosshair';
  return (
    <div className="map-canvas" ref={wrap} data-testid="map-canvas">
      <canvas ref={staticCanvas} width={size.width * (window.devicePixelRatio || 1)} height={size.height * (window.devicePixelRatio || 1)} style={{ width: size.width, height: size.height }} />
      <canvas
        ref={overlayCanvas}
        data-testid="map-overlay"
        className="map-overlay"
        width={size.width * (window.devicePixelRatio || 1)}
        height={size.height * (window.devicePixelRatio || 1)}
        style={{ width: size.width, height: size.height, cursor }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => { if (!gesture.current && hoverRef.current >= 0) { hoverRef.current = -1; hovered.row = -1; setHover(-1); redraw(false); } }}
        onAuxClick={(e) => e.preventDefault()}
      />
      {hover >= 0 && xyRef.current ? <Tooltip dataset={dataset} row={hover} xy={xyRef.current} view={viewRef.current} size={size} /> : null}
    </div>
  );
}
