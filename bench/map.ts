/**
 * `npx tsx bench/run.ts map`: pan/zoom redraw of a 100,000-point map in headless Chromium,
 * the app's drawScatter (the exact module the map uses, bundled by Vite into a blank page)
 * against the naive per-point fillStyle/arc/fill in the same page. The target is ≤ 33 ms p95.
 * Times come from window.__mtPerf, which drawScatter fills in the app too.
 */
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/e2e/harness.ts';

type Result = { fastP95: number; fastMedian: number; fastMin: number; selP95: number; naiveP95: number; naiveMedian: number };

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
  const n = Number(args[0] ?? 100_000);
  const code = await bundle();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.setContent('<!doctype html><body style="margin:0"></body>');
    await page.addScriptTag({ content: code });
    const r = await page.evaluate(([n]) => (window as unknown as { runMapBench(n: number, f: number, g: number): Result }).runMapBench(n, 60, 12), [n] as const);
    const f = (v: number) => v.toFixed(1);
    console.log(`  app draw (pixel stamping): p95 ${f(r.fastP95)} ms, median ${f(r.fastMedian)} ms, best ${f(r.fastMin)} ms; with a selection (3 passes): p95 ${f(r.selP95)} ms`);
    console.log(`  naive (fillStyle+arc+fill per point): p95 ${f(r.naiveP95)} ms, median ${f(r.naiveMedian)} ms`);
    const os = await import('node:os');
    console.log(`  machine load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (shared: p95 includes waits for the CPU)`);
    console.log(`map redraw ${Math.round(n / 1000)}k: p95 ${f(r.fastP95)} ms (${(r.naiveP95 / r.fastP95).toFixed(1)}x naive)${r.fastP95 <= 33 ? '' : '  — ABOVE the 33 ms target'}`);
  } finally {
    await browser.close();
  }
}
