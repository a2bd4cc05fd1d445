/**
 * Runs inside the app's page for bench/rules.ts (bundled by Vite, injected with addScriptTag):
 * the same brush positions drawn several ways on the open table, each timed per frame from the
 * brush change to the pixels flushed, so the bench can compare them in one page:
 *
 * - `prepared`: the app's way (drag-session.ts) — bins + Falcon-style cube prepared once, then
 *   per frame: mask by the rows crossed, pair counts by a prefix difference, the cells that
 *   changed redrawn into the 64-bin density (a frame that changed none is not drawn again);
 * - `incremental`: the previous version — brush mask over all rows, then DragCounts moving the
 *   rows whose mask changed between cells, every cell of the same 64-bin density drawn again;
 * - `scratch`: the naive way to draw the same output — brush mask, then count the selected rows
 *   into the same 64-bin pair cells from scratch, the same density drawn;
 * - `hiplot`: HiPlot's way — rows as objects, filter, stroke every selected row as an exact
 *   polyline (a different output: exact lines, not a density).
 */
import type { Table } from '../ml/table/types.ts';
import type { Brush } from '../renderer/rules/mask.ts';
import { brushMask, maskToIndex } from '../renderer/rules/mask.ts';
import { plotLayout, pairsInView, type PlotLayout } from '../renderer/rules/geometry.ts';
import { dragToRange } from '../renderer/rules/brush-edit.ts';
import { drawDensity } from '../renderer/rules/drawParallel.ts';
import type { DensityBuffers } from '../renderer/rules/density.ts';
import { DragCounts } from '../renderer/rules/drag-counts.ts';
import { DRAG_SHIFT, dragCounts, dragMask, preparing, prepareDrag } from '../renderer/rules/drag-session.ts';
import { fromCodes, single, type ColourSource } from '../renderer/rules/colour.ts';

/** The axis columns, as renderer/rules/store.ts picks them (not imported: it would bundle React). */
const axisColumns = (t: Table) => t.columns.filter((c) => c.type === 'numeric' || c.type === 'categorical');

type Setup = { table: Table; L: PlotLayout; colour: ColourSource; ctx: CanvasRenderingContext2D; view: [number, number]; pairs: number[] };

/** The chart as the app lays it out: axis columns with the label last, the live canvas's size, the scroller's visible part. */
function setup(): Setup {
  const table = window.__mtPerf!.rules.table!;
  const scroller = document.querySelector<HTMLElement>('[data-testid="parallel-coordinates"]')!;
  const cols = axisColumns(table).map((c) => c.name);
  const order = [...cols.filter((c) => c !== 'Class'), ...cols.filter((c) => c === 'Class')];
  const L = plotLayout(table, order, {}, scroller.clientWidth, 380);
  const cls = table.columns.find((c) => c.name === 'Class');
  const colour = cls?.type === 'categorical' ? fromCodes('Class', cls.codes, cls.dictionary) : single();
  const cv = document.createElement('canvas');
  cv.width = Math.round(L.width);
  cv.height = L.height;
  const ctx = cv.getContext('2d', { willReadFrequently: true })!;
  const view: [number, number] = [scroller.scrollLeft, scroller.scrollLeft + scroller.clientWidth];
  return { table, L, colour, ctx, view, pairs: pairsInView(L, view[0], view[1]) };
}

/** Brushes for each step: the dragged axis' range from plot y's (as a drag's frames make them: snapped). */
function brushesFor(L: PlotLayout, column: string, yFixed: number, ys: number[]): Brush[][] {
  const axis = L.axes.find((a) => a.name === column)!;
  return ys.map((y) => [{ column, kind: 'numeric', ranges: [dragToRange(L, axis, yFixed, y, true)] }]);
}

/** Draws one frame; `shown`: the canvas shows `buffers` as left by the previous frame (the app's drag skips a frame that changed no cell). */
function draw(s: Setup, buffers: DensityBuffers | undefined, counts: { cnt: Uint32Array; pairStride: number } | undefined, index: Uint32Array | null, shown = false): DensityBuffers {
  const b = drawDensity(s.ctx, { layout: s.L, dpr: 1, index, n: s.table.n, colour: s.colour, shift: DRAG_SHIFT, aMin: 0.3, aMax: 0.95, window: s.view, counts }, buffers, shown);
  s.ctx.getImageData(0, 0, 1, 1);
  return b;
}

export type PageRun = { prepared: number[]; incremental: number[]; scratch: number[]; prepareMs: number; selected: number[] };

/** Times the three same-output ways over the same brush positions (plot-local y's on `column`). */
export async function runDrawn(column: string, yFixed: number, ys: number[], withScratch: boolean): Promise<PageRun> {
  const s = setup();
  const steps = brushesFor(s.L, column, yFixed, ys);
  const axis = s.L.axes.find((a) => a.name === column)!;
  const mask = new Uint8Array(s.table.n);
  brushMask(s.table, steps[0], mask);
  const t0 = performance.now();
  prepareDrag({ table: s.table, layout: s.L, colour: s.colour, brushes: steps[0], axis, pairs: s.pairs, mask });
  while (preparing()) await new Promise((r) => setTimeout(r, 5));
  const prepareMs = performance.now() - t0;
  let buffers: DensityBuffers | undefined;
  const prepared: number[] = [], incremental: number[] = [], scratch: number[] = [], selected: number[] = [];
  for (const brushes of steps) {
    const t = performance.now();
    const count = dragMask(s.table, brushes, mask) ?? brushMask(s.table, brushes, mask);
    const counts = dragCounts(s.L, s.colour, brushes, s.pairs);
    if (!counts) throw new Error('the prepared drag did not answer a drag step');
    buffers = draw(s, buffers, counts, null, buffers !== undefined);
    prepared.push(performance.now() - t);
    selected.push(count);
  }
  const inc = new Uint8Array(s.table.n);
  brushMask(s.table, steps[0], inc);
  const dc = new DragCounts(s.L.axes.map((a) => a.quant), s.colour.groups, s.colour.groups ? s.colour.nGroups : 1, DRAG_SHIFT, s.table.n, inc);
  for (const brushes of steps) {
    const t = performance.now();
    brushMask(s.table, brushes, inc);
    dc.sync(inc);
    if (buffers) buffers.drawn = undefined; // as it was: every cell redrawn each frame
    buffers = draw(s, buffers, dc, null);
    incremental.push(performance.now() - t);
  }
  if (withScratch) {
    for (const brushes of steps) {
      const t = performance.now();
      const count = brushMask(s.table, brushes, inc);
      buffers = draw(s, buffers, undefined, maskToIndex(inc, count, s.table.n));
      scratch.push(performance.now() - t);
    }
  }
  return { prepared, incremental, scratch, prepareMs, selected };
}

type Rows = Record<string, number>[];
let rowObjects: Rows | null = null;

/** HiPlot's way on the same positions: row objects, filter, clear, stroke each selected row; flush. */
export function runHiplot(column: string, yFixed: number, ys: number[]): number[] {
  const s = setup();
  const cols = axisColumns(s.table);
  const rows: Rows = (rowObjects ??= Array.from({ length: s.table.n }, (_, i) => {
    const r: Record<string, number> = {};
    for (const c of cols) r[c.name] = c.type === 'numeric' ? c.values[i] : c.type === 'categorical' ? c.codes[i] : NaN;
    return r;
  }));
  const ext = cols.map((c) => { let lo = Infinity, hi = -Infinity; for (const r of rows) { const v = r[c.name]; if (v < lo) lo = v; if (v > hi) hi = v; } return [lo, hi]; });
  const X = s.L.axes.map((a) => a.x);
  const { ctx } = s;
  return brushesFor(s.L, column, yFixed, ys).map((brushes) => {
    const b = brushes[0];
    const [lo, hi] = b.kind === 'numeric' ? b.ranges[0] : [-Infinity, Infinity];
    const t0 = performance.now();
    const sel = rows.filter((r) => r[column] >= lo && r[column] <= hi);
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.strokeStyle = 'rgba(59,91,219,0.3)';
    for (const r of sel) {
      ctx.beginPath();
      cols.forEach((c, k) => { const y = s.L.bottom - ((r[c.name] - ext[k][0]) / (ext[k][1] - ext[k][0] || 1)) * (s.L.bottom - s.L.top); if (k) ctx.lineTo(X[k], y); else ctx.moveTo(X[k], y); });
      ctx.stroke();
    }
    ctx.getImageData(0, 0, 1, 1);
    return performance.now() - t0;
  });
}

/** Drops the row objects (a million of them hold about a gigabyte). */
export function freeRows(): void {
  rowObjects = null;
}

const api = { runDrawn, runHiplot, freeRows };
export type RulesPageApi = typeof api;
(window as unknown as { __rulesBench: RulesPageApi }).__rulesBench = api;
