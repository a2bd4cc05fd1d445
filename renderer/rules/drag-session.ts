/**
 * The prepared drag: when the pointer comes to rest on an axis (or presses it), the chart calls
 * `prepareDrag`, which — in time slices between frames, so nothing hitches — bins that axis by
 * the brush edges a drag can produce (drag-bins.ts), groups the rows passing every *other*
 * brush by those bins, and builds the Falcon-style cube of their pair counts (drag-cube.ts).
 * While that axis is then dragged (one numeric range, edges from the pointer):
 *
 * - `dragMask` keeps the selection mask exact by writing only the rows whose bins the edge
 *   crossed, and counts the selection from the bin sizes (the store calls it on every change);
 * - `dragCounts` gives the chart the binned pair counts of the selection: a prefix difference
 *   per pair, independent of the number of rows.
 *
 * What does not depend on the drag — each pair's occupied cells and row codes, the axes' level
 * minima — is made once per layout and colouring when the chart settles (`indexPairs`), so a
 * preparation is the axis' binning, the candidates' sort and the cube's pass; the memory those
 * write is set aside then too (spare-arrays.ts). The cube counts the pairs on screen first: a
 * drag can be drawn from then on, while the pairs a short scroll away follow between frames.
 *
 * Anything else (typed bounds, several ranges on the axis, a categorical axis, another table,
 * layout or colouring, a cube past its memory budget) gets null, and the caller does it the
 * exact, slower way. One session at a time; it stays valid across drags on the same axis
 * until the other brushes, the layout or the colouring change.
 */
import type { NumericColumn, Table } from '../../ml/table/types.ts';
import type { ColourSource } from './colour.ts';
import { dragEdge } from './brush-edit.ts';
import { axisEdges, binCount, integerEdges, binnedRowSteps, levelMinSteps, moveMask, rangeBins, rowBinSteps, rowsInBins, type BinnedRows } from './drag-bins.ts';
import { binning, type Binning, type PairCounts } from './density.ts';
import { CODES_BUDGET, CUBE_BUDGET, DragCube, cubeWords, occupancyOf, pairCodes, pairOccupancy, type PairOccupancy } from './drag-cube.ts';
import { dropSpares, giveBack, reserveSteps, take } from './spare-arrays.ts';
import type { PlotAxis, PlotLayout } from './geometry.ts';
import { brushMask, maskToIndex, type Brush } from './mask.ts';
import type { Steps } from './steps.ts';
import { recordPrepare, type PreparePhases, type PrepareTiming } from '../perf/timings.ts';

/** Binning of the density drawn during a drag: 64 bins per axis (density.ts shift 2). */
export const DRAG_SHIFT = 2;
/** Longest slice of preparation between frames (ms). */
const SLICE_MS = 6;

type AxisBins = { edges: Float64Array; nBins: number; bins: Uint16Array; /** rows per bin */ perBin: Int32Array };

type Session = {
  table: Table;
  layout: PlotLayout;
  colour: ColourSource;
  axis: string;
  /** Key of the brushes on the other axes the candidates were chosen by. */
  others: string;
  /** The pairs shown (the drag can start when they are counted), then those of the margin. */
  pairs: number[];
  shown: number[];
  bins: AxisBins | null;
  rows: BinnedRows | null;
  cube: DragCube | null;
  /** What the mask passed to dragMask holds: the rows of these bins (null: every candidate). */
  state: { mask: Uint8Array; range: [number, number] | null } | null;
  /** The selection changed while the rows were being grouped: the prepare-time mask is not current. */
  stale: boolean;
  job: Steps<void> | null;
  /** Set when a drag can be drawn from the session (its timing, recorded then). */
  ready: PrepareTiming | null;
  /** Compute ms per step of the preparation (index: per layout, not per drag). */
  phases: PreparePhases;
  phase: keyof PreparePhases;
  started: number;
  candidates: number;
};

let session: Session | null = null;
/** Indexing of the pairs on screen at rest (`indexPairs`), run when no preparation is. */
let indexJob: { table: Table; layout: PlotLayout; colour: ColourSource; pairs: number[]; job: Steps<void> | null } | null = null;

/** Per axis data (quantised column identity): its brush edges and row bins at the last pixel span. */
const binsCache = new WeakMap<Uint8Array, { key: string; bins: AxisBins }>();

/** The drag bins of `axis` in `layout`, cached per axis data and pixel span (one span per axis). */
function* axisBins(layout: PlotLayout, axis: PlotAxis, column: NumericColumn): Steps<AxisBins> {
  const key = `${axis.inverted ? 1 : 0}:${layout.top}:${layout.bottom}`;
  const cached = binsCache.get(axis.quant);
  if (cached?.key === key) return cached.bins;
  const pixelEdges = axisEdges((y) => dragEdge(layout, axis, y, true), layout.top, layout.bottom);
  const edges = axis.integer ? integerEdges(pixelEdges) : pixelEdges;
  const perBin = new Int32Array(binCount(edges));
  const out = take('bins', Uint16Array, column.values.length);
  const bins = { edges, nBins: binCount(edges), bins: yield* rowBinSteps(column, axis.quant, edges, out, perBin), perBin };
  binsCache.set(axis.quant, { key, bins });
  return bins;
}
/** Per colouring (groups identity) and pair of quantised columns: the occupied cells. */
const occupancyCache = new WeakMap<object, WeakMap<Uint8Array, WeakMap<Uint8Array, PairOccupancy>>>();
const ONE_GROUP = {};

const rangeKey = (b: Brush): string => (b.kind === 'numeric' ? `${b.ranges.map((r) => r.join(',')).join(';')}|${(b.open ?? []).map((o) => o.map(Number).join('')).join(';')}` : b.values.join('\u0001'));
const othersKey = (brushes: readonly Brush[], axis: string): string => brushes.filter((b) => b.column !== axis).map((b) => `${b.column}\u0000${b.kind}\u0000${rangeKey(b)}`).join('\u0002');

/** The bins of the dragged range, if `brushes` are "the session's others + one closed range on its axis at drag edges". */
function dragRange(s: Session, brushes: readonly Brush[]): [number, number] | null {
  if (!s.bins) return null;
  const b = brushes.find((x) => x.column === s.axis);
  if (!b || b.kind !== 'numeric' || b.ranges.length !== 1 || b.open?.some(([x, y]) => x || y)) return null;
  if (othersKey(brushes, s.axis) !== s.others) return null;
  const [lo, hi] = b.ranges[0][0] <= b.ranges[0][1] ? b.ranges[0] : [b.ranges[0][1], b.ranges[0][0]];
  return rangeBins(s.bins.edges, lo, hi);
}

export type PrepareInput = {
  table: Table;
  layout: PlotLayout;
  colour: ColourSource;
  brushes: readonly Brush[];
  /** Axis the pointer rests on or presses. */
  axis: PlotAxis;
  /** Layout pairs on screen: a drag can start once these are counted. */
  pairs: number[];
  /** Pairs a short scroll away (none of `pairs`), counted after those, between the drag's frames. */
  margin?: number[];
  /** The selection mask of `brushes` as the store holds it, so the first drag step is incremental too. */
  mask: Uint8Array;
};

/** Starts (or keeps) the preparation for a drag on `input.axis`; the work runs in slices. */
export function prepareDrag(input: PrepareInput): void {
  const { table, layout, colour, brushes, axis } = input;
  if (axis.column.type !== 'numeric') return;
  const others = othersKey(brushes, axis.name);
  const s = session;
  if (s && s.table === table && s.layout === layout && s.colour === colour && s.axis === axis.name && s.others === others && input.pairs.every((p) => s.pairs.includes(p))) return;
  const next: Session = { table, layout, colour, axis: axis.name, others, pairs: [...input.pairs, ...(input.margin ?? [])], shown: input.pairs, bins: null, rows: null, cube: null, state: null, stale: false, job: null, ready: null, phases: { bins: 0, rows: 0, index: 0, cube: 0 }, phase: 'bins', started: performance.now(), candidates: 0 };
  next.job = prepareSteps(next, input);
  s?.cube?.release();
  if (s?.rows) giveBack('order', s.rows.order);
  session = next;
  pump();
}

function* prepareSteps(s: Session, input: PrepareInput): Steps<void> {
  const { table, layout, colour, axis } = input;
  const column = axis.column;
  if (column.type !== 'numeric') return; // prepareDrag takes numeric axes only
  // 1. Bins of the axis (cached per axis data and pixel span).
  const bins = yield* axisBins(layout, axis, column);
  s.bins = bins;
  s.phase = 'rows';
  // 2. Candidates: rows passing every other brush, grouped by bin.
  const otherBrushes = input.brushes.filter((b) => b.column !== axis.name);
  let rows: Uint32Array | null = null;
  if (otherBrushes.length) {
    const m = new Uint8Array(table.n);
    const count = brushMask(table, otherBrushes, m);
    rows = count === table.n ? null : maskToIndex(m, count, table.n);
    yield;
  }
  s.rows = yield* binnedRowSteps(bins.bins, bins.nBins, rows, table.n, bins.perBin, (length) => take('order', Uint32Array, length));
  // The store's mask holds the brushes of the moment prepareDrag was called: start from it,
  // unless the selection has changed since.
  const current = dragRange(s, input.brushes);
  if (!s.stale && !input.brushes.some((b) => b.column === axis.name)) s.state = { mask: input.mask, range: null };
  else if (!s.stale && current) s.state = { mask: input.mask, range: current };
  // 3. The pairs' index (cached per layout and colouring; usually made at rest), then the cube:
  // the pairs shown first, so the drag can start before those of the margin are counted.
  const occupancy: PairOccupancy[] = [];
  s.phase = 'index';
  for (const a of s.pairs) occupancy.push(yield* pairIndex(table, layout, colour, a));
  s.phase = 'cube';
  s.candidates = rows ? rows.length : table.n;
  const quant = layout.axes.map((a) => a.quant);
  const nGroups = colour.groups ? colour.nGroups : 1;
  s.cube = yield* DragCube.start({ quant, pairs: s.pairs, groups: colour.groups, nGroups, shift: DRAG_SHIFT, bins: bins.bins, nBins: bins.nBins, rows, n: table.n, binStart: s.rows.start }, occupancy);
  if (s.cube) yield* s.cube.fill();
}

/** A drag can be drawn from the session: the pairs shown are counted (or, past the budget, the rows are grouped). */
const canDraw = (s: Session, done: boolean): boolean => done || (s.cube !== null && s.shown.every((p) => s.cube!.has(p)));

/** Row codes of the pairs of one layout and colouring (the current one): ≤ CODES_BUDGET in all. */
let layoutCodes: { table: Table; layout: PlotLayout; colour: ColourSource; byPair: Map<number, Uint16Array> } | null = null;

/**
 * Pair a's occupied cells (cached per colouring and pair of columns) and its rows' codes, which
 * make the cube's pass about twice as fast. Codes are kept for one layout at a time, and only
 * when those of all its pairs fit CODES_BUDGET: however the user scrolls, memory stays bounded.
 */
function* pairIndex(table: Table, layout: PlotLayout, colour: ColourSource, a: number): Steps<PairOccupancy> {
  const quant = layout.axes.map((x) => x.quant);
  const withCodes = quant[a].length * 2 * (layout.axes.length - 1) <= CODES_BUDGET;
  if (layoutCodes?.layout !== layout || layoutCodes.colour !== colour) layoutCodes = { table, layout, colour, byPair: new Map() };
  const { byPair } = layoutCodes;
  let occ = cachedOccupancy(colour.groups, quant[a], quant[a + 1]);
  if (!occ) {
    occ = yield* pairOccupancy(quant, a, colour.groups, colour.groups ? colour.nGroups : 1, DRAG_SHIFT);
    storeOccupancy(colour.groups, quant[a], quant[a + 1], occ);
  }
  if (withCodes && !byPair.has(a)) byPair.set(a, yield* pairCodes(quant, { ...occ, a }, colour.groups, DRAG_SHIFT));
  return { ...occ, a, codes: byPair.get(a) ?? null };
}

/**
 * Called when the chart has settled: indexes the pairs on screen in slices while nothing else
 * runs, so the first drag's preparation is only its own pass over the rows.
 */
export function indexPairs(table: Table, layout: PlotLayout, colour: ColourSource, pairs: number[]): void {
  if (indexJob && indexJob.layout === layout && indexJob.colour === colour && pairs.every((p) => indexJob!.pairs.includes(p))) return;
  const steps = function* (): Steps<void> {
    const occupancy: PairOccupancy[] = [];
    for (const a of pairs) occupancy.push(yield* pairIndex(table, layout, colour, a));
    // The level minima of the axes (2 KB each) that a drag's binning starts from. Making the
    // axes' bins here too (2 bytes per row and axis) measured slower: the cube's pass then ran
    // 40 % longer, likely from the extra 30 MB held at 1M rows.
    for (const axis of layout.axes) if (axis.column.type === 'numeric') yield* levelMinSteps(axis.column, axis.quant);
    // The first drag's arrays, mapped now rather than during its preparation (spare-arrays.ts):
    // an axis' bins, the candidates' order and cube rows, and a cube of about one bin row per
    // pixel of the axis (a continuous axis; a bigger cube gets new memory).
    yield* reserveSteps('bins', 2 * table.n);
    yield* reserveSteps('order', 4 * table.n);
    yield* reserveSteps('rowK', 2 * table.n);
    yield* reserveSteps('cube', Math.min(CUBE_BUDGET, 4 * cubeWords(occupancy, Math.ceil(layout.bottom - layout.top) + 2)));
  };
  indexJob = { table, layout, colour, pairs, job: steps() };
  pump();
}

const cachedOccupancy = (groups: Uint8Array | null, QA: Uint8Array, QB: Uint8Array) => occupancyCache.get(groups ?? ONE_GROUP)?.get(QA)?.get(QB);

function storeOccupancy(groups: Uint8Array | null, QA: Uint8Array, QB: Uint8Array, occ: PairOccupancy): void {
  let byGroups = occupancyCache.get(groups ?? ONE_GROUP);
  if (!byGroups) occupancyCache.set(groups ?? ONE_GROUP, (byGroups = new WeakMap()));
  let byA = byGroups.get(QA);
  if (!byA) byGroups.set(QA, (byA = new WeakMap()));
  byA.set(QB, occ);
}

/**
 * For a density of *all* rows being drawn with `colour`: its per-pair counts (any binning as
 * fine as the drag's) give the occupied cells a drag's cube needs, so a later preparation
 * skips that pass over the rows.
 */
export function noteAllRowCounts(layout: PlotLayout, colour: ColourSource): (a: number, cnt: Uint32Array, bn: Binning) => void {
  const quant = layout.axes.map((x) => x.quant);
  const nGroups = colour.groups ? colour.nGroups : 1;
  const to = binning(DRAG_SHIFT);
  return (a, cnt, bn) => {
    if (bn.shift > DRAG_SHIFT || cachedOccupancy(colour.groups, quant[a], quant[a + 1])) return;
    // A bin at the finer binning lies inside one bin of the drag's: shift its levels down.
    const dest = new Int32Array(bn.NB);
    for (let b = 0; b < bn.NB; b++) dest[b] = b === bn.MB ? to.MB : (b << bn.shift) >> to.shift;
    const seen = new Int32Array(to.cells * nGroups);
    for (let g = 0; g < nGroups; g++) {
      for (let c = 0, base = g * bn.cells; c < bn.cells; c++) {
        if (cnt[base + c] === 0) continue;
        const ba = (c / bn.NB) | 0;
        seen[g * to.cells + dest[ba] * to.NB + dest[c - ba * bn.NB]] = 1;
      }
    }
    storeOccupancy(colour.groups, quant[a], quant[a + 1], occupancyOf(a, seen));
  };
}

/** Told when a preparation finishes (a drag that started before it can now be drawn from it). */
export const preparedListeners = new Set<() => void>();

let pumping = false;
const channel = typeof MessageChannel === 'undefined' ? null : new MessageChannel();

/**
 * Runs the session's preparation (first) or the indexing at rest in slices of SLICE_MS,
 * yielding to input and frames between them.
 */
function pump(): void {
  if (pumping) return;
  pumping = true;
  const slice = () => {
    const s = session?.job ? session : null;
    const ix = s ? null : indexJob?.job ? indexJob : null;
    if (!s && !ix) { pumping = false; return; }
    const t0 = performance.now();
    if (s) {
      for (let t = t0; t - t0 < SLICE_MS;) {
        const done = s.job!.next().done;
        const now = performance.now();
        s.phases[s.phase] += now - t;
        t = now;
        if (done) { s.job = null; break; }
      }
      // Recorded here, not in the steps: the last step counts too.
      const { bins, rows, index, cube } = s.phases;
      const ms = bins + rows + index + cube;
      if (!s.ready && canDraw(s, !s.job)) {
        s.ready = { ms, phases: { ...s.phases }, wallMs: performance.now() - s.started, marginMs: 0, bytes: s.cube?.bytes ?? 0, rows: s.candidates, ok: s.cube !== null };
        recordPrepare(s.ready);
        preparedListeners.forEach((l) => l());
      }
      if (!s.job && s.ready) s.ready.marginMs = ms - s.ready.ms;
    } else {
      while (performance.now() - t0 < SLICE_MS) if (ix!.job!.next().done) { ix!.job = null; break; }
    }
    schedule(slice);
  };
  schedule(slice);
}

function schedule(f: () => void): void {
  if (!channel) { setTimeout(f, 0); return; }
  channel.port1.onmessage = () => f();
  channel.port2.postMessage(null);
}

/** True until a drag can be drawn from the preparation under way (tests wait on it). */
export const preparing = (): boolean => session?.job != null && !session.ready;

/**
 * True when a preparation still running will answer a drag of `brushes` on this layout and
 * colouring: the chart waits for it rather than counting a big table the slow way meanwhile.
 */
export function preparingFor(layout: PlotLayout, colour: ColourSource, brushes: readonly Brush[]): boolean {
  const s = session;
  if (!s?.job || s.ready || s.layout !== layout || s.colour !== colour) return false;
  const b = brushes.find((x) => x.column === s.axis);
  return b?.kind === 'numeric' && b.ranges.length === 1 && othersKey(brushes, s.axis) === s.others;
}

/**
 * The selection of `brushes` written into `out` (the store's mask) by the rows that changed,
 * with its count; null when the prepared drag does not answer these brushes.
 */
export function dragMask(table: Table, brushes: readonly Brush[], out: Uint8Array): number | null {
  const s = session;
  if (!s || s.table !== table) return null;
  if (!s.rows) { s.stale = true; return null; }
  const range = dragRange(s, brushes);
  if (!range) { s.state = null; return null; }
  const st = s.state;
  if (!st || st.mask !== out) {
    s.state = { mask: out, range };
    return brushMask(table, brushes, out);
  }
  moveMask(out, s.rows, st.range, range);
  st.range = range;
  return rowsInBins(s.rows, range[0], range[1]);
}

/** The store wrote its mask some other way (a highlight): the prepared drag no longer knows what it holds. */
export function forgetDragMask(): void {
  if (!session) return;
  session.state = null;
  session.stale = true;
}

/**
 * Binned pair counts (DRAG_SHIFT) of the selection of `brushes`, for the prepared pairs, or
 * null when the prepared drag does not answer them (then count the incremental way).
 */
export function dragCounts(layout: PlotLayout, colour: ColourSource, brushes: readonly Brush[], pairs: number[]): PairCounts | null {
  const s = session;
  if (!s?.cube || s.layout !== layout || s.colour !== colour || !pairs.every((p) => s.cube!.has(p))) return null;
  const range = dragRange(s, brushes);
  return range ? s.cube.counts(range[0], range[1]) : null;
}

/** Drops the session of `table` (its chart is gone): the table, the cube and the spare arrays are not held any longer. */
export function dropDragSession(table: Table): void {
  if (session?.table === table || indexJob?.table === table) dropSpares();
  if (session?.table === table) session = null;
  if (indexJob?.table === table) indexJob = null;
  if (layoutCodes?.table === table) layoutCodes = null;
}
