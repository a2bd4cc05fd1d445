/**
 * Lasso selection over 1,000,000 map points with a 500-vertex freehand polygon (the shape a
 * mouse drag produces: a wobbly loop around a cluster), exact even-odd membership.
 * Ours (ml/embed/lasso.ts: bounding-box reject, a grid whose cells no edge comes near answer
 * for their points, y-banded edge lists for the rest) against the classic ray-casting test over
 * every edge for every point, in the same process on the same data; both must give the same
 * mask. Target: ≤ 8 ms.
 *
 *   npx tsx bench/run.ts lasso [--n 1000000] [--vertices 500]
 */
import os from 'node:os';
import { pointInPolygonNaive, pointsInPolygon } from '../ml/embed/lasso.ts';
import { gaussian, mulberry32 } from '../ml/random.ts';
import { median } from './_stats.ts';

const arg = (args: string[], name: string, def: number) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : def; };

/** A map-like layout: a few Gaussian clusters in [-1, 1]². */
function layout(n: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const centres = Array.from({ length: 12 }, () => [random() * 1.6 - 0.8, random() * 1.6 - 0.8]);
  const xy = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const c = centres[i % centres.length];
    xy[2 * i] = c[0] + 0.08 * gaussian(random);
    xy[2 * i + 1] = c[1] + 0.08 * gaussian(random);
  }
  return xy;
}

/** A freehand loop: radius wobbles around 0.45 as a drag would, centred off-origin. */
function freehand(m: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const poly = new Float64Array(2 * m);
  let r = 0.45;
  for (let i = 0; i < m; i++) {
    r = Math.max(0.2, Math.min(0.7, r + 0.02 * (random() - 0.5)));
    const a = (2 * Math.PI * i) / m;
    poly[2 * i] = 0.1 + r * Math.cos(a);
    poly[2 * i + 1] = -0.05 + r * Math.sin(a);
  }
  return poly;
}

export default async function bench(args: string[]): Promise<void> {
  const n = arg(args, '--n', 1_000_000);
  const m = arg(args, '--vertices', 500);
  const xy = layout(n, 1);
  const poly = freehand(m, 2);
  const out = new Uint8Array(n);

  for (let rep = 0; rep < 3; rep++) pointsInPolygon(xy, poly, out); // warm-up: the first runs are the JIT's, not the algorithm's
  const ours: number[] = [];
  for (let rep = 0; rep < 15; rep++) {
    const t = performance.now();
    pointsInPolygon(xy, poly, out);
    ours.push(performance.now() - t);
  }
  const naive = new Uint8Array(n);
  const base: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) naive[i] = pointInPolygonNaive(xy[2 * i], xy[2 * i + 1], poly) ? 1 : 0;
    base.push(performance.now() - t);
  }
  let selected = 0, differ = 0;
  for (let i = 0; i < n; i++) {
    selected += out[i];
    if (out[i] !== naive[i]) differ++;
  }
  if (differ > 0) throw new Error(`lasso bench: ${differ} points differ from the reference`);
  const ms = median(ours);
  console.log(`  ${n.toLocaleString('en-US')} points, ${m}-vertex freehand polygon, ${selected.toLocaleString('en-US')} selected; same mask as the reference on every point`);
  console.log(`  ours: median ${ms.toFixed(1)} ms, best ${Math.min(...ours).toFixed(1)} ms (15 runs after 3 warm-up runs); every-edge ray casting: median ${median(base).toFixed(0)} ms (3 runs)`);
  console.log(`  load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  console.log(`lasso ${n >= 1e6 ? `${n / 1e6}M` : n.toLocaleString('en-US')} x ${m}: ${ms.toFixed(1)} ms (${(median(base) / ms).toFixed(0)}x every-edge ray casting)${ms <= 8 ? '' : '  — ABOVE the 8 ms target'}`);
}
