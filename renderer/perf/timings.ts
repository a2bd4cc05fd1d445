/**
 * The one timing record of the app, read by the benchmarks (bench/) and the e2e tests:
 * window.__mtPerf, one section per view. Every view writes only its own section through the
 * functions below, so moving between views can never hand one view another's object. A few
 * numbers in arrays; nothing is sent anywhere.
 */
import type { Table } from '../../ml/table/types.ts';

export type RulesTimings = {
  /**
   * Per brush pointer move: ms from the event's timestamp to the highlight layer drawn; of
   * which handler start → drawn; and to the start of the first frame after it was drawn (the
   * frame that shows it; set when that frame starts).
   */
  brush: { ms: number; count: number; work: number; frame?: number }[];
  /** ms from the chart mounting with its table to both layers painted. */
  firstPaint: number | null;
  /** Per pointer release: ms until the exact (settled) highlight was on screen. */
  settle: number[];
  /** ms to draw the grey context layer (all rows, drawn right after the first paint). */
  staticMs: number | null;
  /** The open table, so bench/rules.ts can run its same-page hiplot-style baseline on it. */
  table: Table | null;
  /** Bumps whenever a settled highlight finishes; tests wait on it. */
  settledVersion: number;
  /** Brush moves not drawn because the drag's preparation was still running (drawn when it finished). */
  deferred: number;
  /** Per drag preparation (renderer/rules/drag-session.ts): compute ms in slices (and per step), wall ms, cube bytes, candidate rows, built or over budget. */
  prepare: PrepareTiming[];
};

/** Compute ms of a preparation's steps: the axis' bins, the candidates sorted by bin, the pairs' index (per layout and colouring, usually made at rest), the cube. */
export type PreparePhases = { bins: number; rows: number; index: number; cube: number };
/**
 * A preparation, recorded when a drag can be drawn from it (ms, phases and wallMs up to then);
 * `marginMs`: compute after that, for the pairs a short scroll away (between the drag's frames).
 */
export type PrepareTiming = { ms: number; phases: PreparePhases; wallMs: number; marginMs: number; bytes: number; rows: number; ok: boolean };

export type MapTimings = {
  /** The last 240 static redraws of the map, in ms. */
  draws: number[];
  last: number;
};

export type Timings = { rules: RulesTimings; map: MapTimings };

declare global {
  interface Window { __mtPerf?: Timings }
}

const fresh = (): Timings => ({
  rules: { brush: [], firstPaint: null, settle: [], staticMs: null, table: null, settledVersion: 0, prepare: [], deferred: 0 },
  map: { draws: [], last: 0 },
});

export function timings(): Timings {
  if (typeof window === 'undefined') return fresh();
  return (window.__mtPerf ??= fresh());
}

/** Called when a chart mounts on a table: its section starts over. */
export function resetRulesTimings(table: Table): void {
  timings().rules = { ...fresh().rules, table };
}

let pendingStamp: number | null = null;
let handlerStart = 0;

/** Called by the brush handler with the pointer event's timestamp, before the brush changes. */
export function markBrushEvent(timeStamp: number): void {
  pendingStamp = timeStamp;
  handlerStart = performance.now();
}

/** Called by the chart once the highlight for that brush position is drawn. */
export function brushDrawn(count: number): void {
  if (pendingStamp === null) return;
  const now = performance.now();
  const entry: RulesTimings['brush'][number] = { ms: now - pendingStamp, count, work: now - handlerStart };
  timings().rules.brush.push(entry);
  const stamp = pendingStamp;
  requestAnimationFrame(() => { entry.frame = performance.now() - stamp; });
  pendingStamp = null;
}

/** Called by the chart when it leaves a brush move undrawn until the drag's preparation is done. */
export function brushDeferred(): void {
  timings().rules.deferred++;
  pendingStamp = null;
}

/** Called when a drag preparation finishes. */
export function recordPrepare(t: PrepareTiming): void {
  timings().rules.prepare.push(t);
}

/** Called by the map after each static redraw. */
export function recordMapDraw(ms: number): void {
  const map = timings().map;
  map.last = ms;
  map.draws.push(ms);
  if (map.draws.length > 240) map.draws.shift();
}
