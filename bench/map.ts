/**
 * `npm run bench -- map [N]` (default 1,000,000): pan/zoom redraw of an N-point map in headless
 * Chromium with the app's drawScatter (the exact module the map uses, bundled by Vite into a
 * blank page): level of detail on (the map's behaviour: grid index, a density image when more
 * than 100,000 points are in view), against, in the same page and on the same views, the
 * previous version (every point stamped), colour-batched canvas paths and per-point
 * fillStyle/arc/fill. Prints, last, `map redraw at N points: p95 <x> ms`. Target ≤ 16.7 ms.
 */
import { build } from 'vite';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/e2e/harness.ts';
import { median, p95 } from './_stats.ts';
import type { MapBenchResult } from './_map-page.ts';

async function bundle(): Promise<string> {
  const entry = fileURLToPath(new URL('./_map-page.ts', import.meta.url));
  const out = await build({
    configFile: false, logLevel: 'warn', root: fileURLToPath(new URL('..', import.meta.url)),
    build: { write: false, minify: true, lib: { entry, formats: ['iife'], name: 'MapBench', fileName: 'map-bench' } },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs[0].output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('bench bundle is empty');
  return chunk.code;
}

export default async function (args: string[]): Promise<void> {
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  const code = await bundle();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.setContent('<!doctype html><body style="margin:0"></body>');
    await page.addScriptTag({ content: code });
    const slow = n > 300_000 ? 3 : 12;
    const r = await page.evaluate(([n, slow]) => (window as unknown as { runMapBench(n: number, f: number, s: number, v: number): MapBenchResult }).runMapBench(n, 60, slow, n > 300_000 ? 1 : 6), [n, slow] as const);
    const f = (v: number) => v.toFixed(1);
    const x = (a: number[]) => `${f(p95(a) / p95(r.ours))}x`;
    const pts = n.toLocaleString('en-US');
    console.log(`  ${pts} points, 1000×760 canvas, 60 pan/zoom views (zoom in ×3, pan, zoom out); index + density pyramid built once in ${f(r.prepareMs)} ms`);
    console.log(`  ours (level of detail): p95 ${f(p95(r.ours))} ms, median ${f(median(r.ours))} ms; with a selection (every 7th point) and labels on top: p95 ${f(p95(r.oursSel))} ms`);
    console.log(`  previous version (every point stamped each frame): p95 ${f(p95(r.previous))} ms over ${r.previous.length} views (${x(r.previous)})`);
    console.log(`  colour-batched paths (per colour, paths of 1,024 arcs, a fill each): p95 ${f(p95(r.batch))} ms over ${r.batch.length} views (${x(r.batch)})`);
    console.log(`  naive (fillStyle+arc+fill per point): ${f(p95(r.slow))} ms over ${r.slow.length} view${r.slow.length > 1 ? 's' : ''} (${x(r.slow)})`);
    console.log(`  hover: ${r.hover.same}/${r.hover.of} queries find the same point through the index as a scan over every point (${r.hover.hits} hits); median ${r.hover.indexMedian.toFixed(3)} ms vs ${r.hover.scanMedian.toFixed(2)} ms`);
    if (r.hover.same !== r.hover.of) throw new Error('hover through the index differs from the scan');
    console.log(`  machine load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (shared: p95 includes waits for the CPU)`);
    console.log(`map redraw at ${pts} points: p95 ${f(p95(r.ours))} ms`);
  } finally {
    await browser.close();
  }
}
