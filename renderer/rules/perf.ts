/**
 * Tiny timing record read by bench/rules.ts and the e2e test: pointer event → highlight drawn
 * per brush step, the first full paint, and release → exact lines. A few numbers in an
 * array; nothing is sent anywhere.
 */
import type { Table } from '../../ml/table/types.ts';
export type MtPerf = {
  /** Per brush pointer move: ms from the event's timestamp to the highlight layer drawn. */
  brush: { ms: number; count: number; /** of which: handler start → drawn */ work: number }[];
  /** ms from the chart mounting with its table to both layers painted. */
  firstPaint: number | null;
  /** Per pointer release: ms until the exact (settled) highlight was on screen. */
  settle: number[];
  /** ms to draw the grey context layer (all rows, drawn right after the first paint). */
  staticMs?: number;
  /** The open table, so bench/rules.ts can run its same-page hiplot-style baseline on it. */
  table?: Table;
  /** Bumps whenever a settled highlight finishes; tests wait on it. */
  settledVersion: number;
};

declare global {
  interface Window { __mtPerf?: MtPerf }
}

export function perf(): MtPerf {
  if (!window.__mtPerf) window.__mtPerf = { brush: [], firstPaint: null, settle: [], settledVersion: 0 };
  return window.__mtPerf;
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
  perf().brush.push({ ms: now - pendingStamp, count, work: now - handlerStart });
  pendingStamp = null;
}
