/**
 * Runs inside headless Chromium for bench/map.ts: draws a 100,000-point map with the app's own
 * drawScatter over a sequence of pan/zoom views, and the naive way (fillStyle + arc + fill per
 * point) in the same page, for the same-run ratio.
 */
import { drawScatter, type ScatterProps } from '../renderer/map/drawScatter.ts';
import { timings } from '../renderer/perf/timings.ts';
import { median, p95 } from './_stats.ts';
import { categorical } from '../renderer/map/colours.ts';
import { fitView, panBy, zoomAt, type View } from '../renderer/map/viewport.ts';
import { gaussian, mulberry32 } from '../ml/random.ts';

const W = 1000, H = 760;

function layout(n: number): { xy: Float32Array; classes: Int32Array } {
  const random = mulberry32(7);
  const xy = new Float32Array(2 * n), classes = new Int32Array(n);
  const centres = Array.from({ length: 10 }, () => [random() * 1.6 - 0.8, random() * 1.6 - 0.8]);
  for (let i = 0; i < n; i++) {
    const k = i % 10;
    classes[i] = k;
    xy[2 * i] = centres[k][0] + 0.12 * gaussian(random);
    xy[2 * i + 1] = centres[k][1] + 0.12 * gaussian(random);
  }
  return { xy, classes };
}

/** The pan/zoom sequence a user makes: zoom in at a point, pan around, zoom back out. */
function views(count: number): View[] {
  const base = fitView(W, H);
  const out: View[] = [];
  let v = base;
  for (let f = 0; f < count; f++) {
    const phase = f % 20;
    v = phase < 5 ? zoomAt(v, base, 420, 330, 1.25) : phase < 15 ? panBy(v, phase < 10 ? 14 : -14, 9) : zoomAt(v, base, 420, 330, 0.8);
    out.push(v);
  }
  return out;
}

function naive(ctx: CanvasRenderingContext2D, p: ScatterProps): number {
  const t0 = performance.now();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, p.width, p.height);
  ctx.globalAlpha = p.opacity;
  for (let i = 0; i < p.xy.length / 2; i++) {
    ctx.fillStyle = p.css[p.codes[i]];
    ctx.beginPath();
    ctx.arc(p.xy[2 * i] * p.view.scale + p.view.tx, p.xy[2 * i + 1] * p.view.scale + p.view.ty, p.radius, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  ctx.getImageData(0, 0, 1, 1); // wait for the raster like putImageData does
  return performance.now() - t0;
}


export function runMapBench(n: number, frames: number, naiveFrames: number) {
  const canvas = document.createElement('canvas');
  canvas.width = W; canvas.height = H;
  document.body.appendChild(canvas);
  const ctx = canvas.getContext('2d')!;
  const { xy, classes } = layout(n);
  const col = categorical('bench', classes, Array.from({ length: 10 }, (_, k) => `c${k}`));
  const labelled = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i += 50) labelled[i] = classes[i];
  const selected = new Uint8Array(n);
  for (let i = 0; i < n; i += 7) selected[i] = 1;
  const seq = views(frames);
  const props = (view: View, withSelection: boolean): ScatterProps => ({
    width: W, height: H, dpr: 1, xy, view, codes: col.codes, rgb: col.rgb, css: col.css, radius: 2.5, opacity: 0.85,
    labelled, selected: withSelection ? selected : null, background: '#ffffff',
  });
  drawScatter(ctx, props(seq[0], false)); // warm-up (JIT, ImageData allocation)
  const perf = () => timings().map;
  perf().draws.length = 0;
  for (const v of seq) drawScatter(ctx, props(v, false));
  const fast = [...perf().draws];
  perf().draws.length = 0;
  for (const v of seq) drawScatter(ctx, props(v, true));
  const fastSel = [...perf().draws];
  naive(ctx, props(seq[0], false));
  const slow = seq.slice(0, naiveFrames).map((v) => naive(ctx, props(v, false)));
  return { fastP95: p95(fast), fastMedian: median(fast), fastMin: Math.min(...fast), selP95: p95(fastSel), naiveP95: p95(slow), naiveMedian: median(slow) };
}

(window as unknown as { runMapBench: typeof runMapBench }).runMapBench = runMapBench;
