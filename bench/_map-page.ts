/**
 * Runs inside headless Chromium for bench/map.ts: draws an n-point map with the app's own
 * drawScatter over a sequence of pan/zoom views, and in the same page, for same-run ratios:
 * the previous version (every point stamped each frame, no index), colour-batched canvas paths
 * (per colour, paths of 1,024 arcs and a fill each — what a careful canvas user writes) and the naive
 * way (fillStyle + arc + fill per point). Also checks that hover through the index finds the
 * same point as a scan over every point.
 */
import { drawScatter, type ScatterProps } from '../renderer/map/drawScatter.ts';
import { ensureScatterIndex, hoverPoint } from '../renderer/map/scatter-index.ts';
import { nearestPoint } from '../renderer/map/viewport.ts';
import { timings } from '../renderer/perf/timings.ts';
import { median } from './_stats.ts';
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

/** Points per path: one path of a hundred thousand arcs fills far slower than many small ones. */
const BATCH = 1024;

/** Colour-batched: per colour, paths of up to BATCH arcs (points in view), one fill each. */
function batched(ctx: CanvasRenderingContext2D, p: ScatterProps, byColour: Uint32Array[]): number {
  const t0 = performance.now();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, p.width, p.height);
  ctx.globalAlpha = p.opacity;
  const { xy, view: v, radius: r } = p;
  byColour.forEach((rows, k) => {
    ctx.fillStyle = p.css[k];
    let inPath = 0;
    ctx.beginPath();
    for (let j = 0; j < rows.length; j++) {
      const i = rows[j];
      const x = xy[2 * i] * v.scale + v.tx, y = xy[2 * i + 1] * v.scale + v.ty;
      if (!(x > -r && y > -r && x < p.width + r && y < p.height + r)) continue;
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      if (++inPath === BATCH) { ctx.fill(); ctx.beginPath(); inPath = 0; }
    }
    if (inPath) ctx.fill();
  });
  ctx.globalAlpha = 1;
  ctx.getImageData(0, 0, 1, 1);
  return performance.now() - t0;
}

export function runMapBench(n: number, frames: number, slowFrames: number, naiveFrames: number) {
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
  const props = (view: View, withSelection: boolean, stable: boolean): ScatterProps => ({
    width: W, height: H, dpr: 1, xy, view, codes: col.codes, rgb: col.rgb, css: col.css, radius: 2.5, opacity: 0.85,
    labelled, selected: withSelection ? selected : null, background: '#ffffff', stable,
  });
  const perf = () => timings().map;
  const t0 = performance.now();
  drawScatter(ctx, props(seq[0], false, true)); // builds the index and the density pyramid once
  const prepareMs = performance.now() - t0;
  drawScatter(ctx, props(seq[0], false, false)); // warm-up of the stamping path
  perf().draws.length = 0;
  for (const v of seq) drawScatter(ctx, props(v, false, true));
  const ours = [...perf().draws];
  perf().draws.length = 0;
  for (const v of seq) drawScatter(ctx, props(v, true, true));
  const oursSel = [...perf().draws];
  perf().draws.length = 0;
  for (const v of seq.slice(0, slowFrames)) drawScatter(ctx, props(v, false, false));
  const previous = [...perf().draws];
  const byColour = Array.from({ length: col.css.length }, (_, k) => Uint32Array.from({ length: n }, (_, i) => i).filter((i) => col.codes[i] === k));
  const batch = seq.slice(0, slowFrames).map((v) => batched(ctx, props(v, false, false), byColour));
  const slow = seq.slice(0, naiveFrames).map((v) => naive(ctx, props(v, false, false)));
  // Hover: through the index vs a scan of every point, same answers.
  ensureScatterIndex(xy);
  const random = mulberry32(3);
  let same = 0, hits = 0;
  const hoverIx: number[] = [], hoverScan: number[] = [];
  for (let q = 0; q < 200; q++) {
    const v = seq[q % seq.length], sx = random() * W, sy = random() * H;
    let t = performance.now();
    const a = hoverPoint(xy, v, sx, sy, 6);
    hoverIx.push(performance.now() - t);
    t = performance.now();
    const b = nearestPoint(xy, v, sx, sy, 6);
    hoverScan.push(performance.now() - t);
    if (a === b) same++;
    if (b >= 0) hits++;
  }
  return {
    prepareMs, ours, oursSel, previous, batch, slow,
    hover: { same, of: 200, hits, indexMedian: median(hoverIx), scanMedian: median(hoverScan) },
  };
}

export type MapBenchResult = ReturnType<typeof runMapBench>;
(window as unknown as { runMapBench: typeof runMapBench }).runMapBench = runMapBench;
