/** Draw timings for the benchmark and tests: window.__mtPerf.draws holds the last 240 static redraws in ms. */
type Perf = { draws: number[]; last: number };

export function recordDraw(ms: number): void {
  if (typeof window === 'undefined') return;
  const w = window as unknown as { __mtPerf?: Perf };
  const perf = (w.__mtPerf ??= { draws: [], last: 0 });
  perf.last = ms;
  perf.draws.push(ms);
  if (perf.draws.length > 240) perf.draws.shift();
}
