/**
 * Parallel coordinates + brushing on the generated 284,807 × 31 credit-card table, in real
 * headless Chromium, against a hiplot-style baseline run in the same page on the same brush
 * positions (array of row objects → filter → every selected row stroked as an exact polyline).
 * Also: first paint, exact lines after release, and rule-set evaluation (Node).
 * `npx tsx bench/run.ts rules [--steps 60] [--baseline-every 6]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { generateCreditCard } from '../ml/table/generate-creditcard.ts';
import { parseRules } from '../ml/rules/text.ts';
import { ruleSetAssign } from '../ml/rules/compile.ts';
import type { Table } from '../ml/table/types.ts';
import { median as med, p95 } from './_stats.ts';

const f1 = (x: number) => x.toFixed(1);
const arg = (args: string[], name: string, def: number) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : def; };


async function startHost(): Promise<{ url: string; stop(): void }> {
  const dist = process.env.MT_DIST_DIR ?? mkdtempSync(join(tmpdir(), 'mt-bench-dist-'));
  const data = mkdtempSync(join(tmpdir(), 'mt-bench-data-'));
  process.env.MT_DIST_DIR = dist;
  process.env.MT_DATA_DIR = data;
  const { build } = await import('vite');
  await build({ root: 'renderer', configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: join(dist, 'renderer'), emptyOutDir: true } });
  // The browser-mode host in-process, as electron/serve.ts builds it (but keeping the server to close it).
  const { createBackend } = await import('../electron/backend/backend.ts');
  const { startBrowserHost } = await import('../electron/browser-host.ts');
  const paths = await import('../electron/paths.ts');
  const api = createBackend({ mode: 'browser', version: paths.VERSION, datasetsDir: paths.DATASETS_DIR, dataDir: data });
  const { server, url } = await startBrowserHost({ api, staticDirs: { '/': paths.RENDERER_DIR, '/wasm/': paths.WASM_DIR } });
  return { url, stop: () => { server.closeAllConnections?.(); server.close(); rmSync(data, { recursive: true, force: true }); } };
}

/** Value ↔ page y on a linear axis, from the axis line's box and its data-min/max. */
async function axisGeom(page: Page, column: string) {
  const g = page.getByTestId(`axis-${column}`);
  const [min, max] = [Number(await g.getAttribute('data-min')), Number(await g.getAttribute('data-max'))];
  const box = (await g.locator('line').first().boundingBox())!;
  const top = box.y, bottom = box.y + box.height, x = box.x + box.width / 2;
  return { x, yOf: (v: number) => bottom - ((v - min) / (max - min)) * (bottom - top), vOf: (y: number) => min + ((bottom - y) / (bottom - top)) * (max - min) };
}

const sortedCache = new WeakMap<Float32Array, Float32Array>();
function quantile(values: Float32Array, q: number): number {
  let s = sortedCache.get(values);
  if (!s) sortedCache.set(values, (s = Float32Array.from(values).sort()));
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * s.length)))];
}

/** Hiplot-style, in the page: rows as objects, filter, clear, stroke each selected row; flush. */
function baselineInPage([column, ranges]: [string, [number, number][]]): number[] {
  type W = Window & { __rows?: Record<string, number>[] };
  const w: W = window;
  const t = w.__mtPerf!.rules.table!;
  const cols = t.columns.filter((c) => c.type === 'numeric' || c.type === 'categorical');
  if (!w.__rows) {
    w.__rows = Array.from({ length: t.n }, (_, i) => {
      const r: Record<string, number> = {};
      for (const c of cols) r[c.name] = c.type === 'numeric' ? c.values[i] : (c as { codes: Int32Array }).codes[i];
      return r;
    });
  }
  const rows = w.__rows;
  const src = document.querySelector<HTMLCanvasElement>('[data-testid="pc-live"]')!;
  const cv = document.createElement('canvas');
  cv.width = src.width; cv.height = src.height;
  const ctx = cv.getContext('2d')!;
  const ext = cols.map((c) => { let lo = Infinity, hi = -Infinity; for (const r of rows) { const v = r[c.name]; if (v < lo) lo = v; if (v > hi) hi = v; } return [lo, hi]; });
  const X = cols.map((_, k) => 50 + (k * (cv.width - 100)) / (cols.length - 1));
  const times: number[] = [];
  for (const [lo, hi] of ranges) {
    const t0 = performance.now();
    const sel = rows.filter((r) => r[column] >= lo && r[column] <= hi);
    ctx.clearRect(0, 0, cv.width, cv.height);
    ctx.strokeStyle = 'rgba(59,91,219,0.3)';
    for (const r of sel) {
      ctx.beginPath();
      cols.forEach((c, k) => { const y = 330 - ((r[c.name] - ext[k][0]) / (ext[k][1] - ext[k][0] || 1)) * 280; if (k) ctx.lineTo(X[k], y); else ctx.moveTo(X[k], y); });
      ctx.stroke();
    }
    ctx.getImageData(0, 0, 1, 1);
    times.push(performance.now() - t0);
  }
  return times;
}

export default async function run(args: string[]): Promise<void> {
  const STEPS = arg(args, '--steps', 60);
  const EVERY = arg(args, '--baseline-every', 6);
  const table: Table = generateCreditCard({ seed: 1 });
  const host = await startHost();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByTestId('demo-creditcard_synthetic').click();
    await page.getByTestId('tab-rules').click();
    await page.waitForFunction(() => window.__mtPerf?.rules.firstPaint != null, null, { timeout: 120_000 });
    await page.waitForFunction(() => window.__mtPerf?.rules.staticMs != null, null, { timeout: 60_000 });
    const perf0 = await page.evaluate(() => { const { table: _t, ...r } = window.__mtPerf!.rules; return r; });
    const baseFirst = args.includes('--quick') ? [NaN] : await page.evaluate(baselineInPage, ['Time', [[-Infinity, Infinity]]] as [string, [number, number][]]);
    console.log(`first paint: ${f1(perf0.firstPaint!)} ms (all ${table.n.toLocaleString('en-US')} rows as coloured density; hiplot-style all rows as exact polylines ${f1(baseFirst[0])} ms, ${f1(baseFirst[0] / perf0.firstPaint!)}x; grey context layer +${f1(perf0.staticMs!)} ms after)`);

    const col = table.columns.find((c) => c.name === 'V2')!;
    if (col.type !== 'numeric') throw new Error('V2 is not numeric');
    const all: number[] = [];
    const allBase: number[] = [];
    const summary: string[] = [];
    for (const frac of [0.01, 0.1, 0.5]) {
      const geom = await axisGeom(page, 'V2');
      // A tail brush [q(1 - frac), max] (a 1 % brush in the middle of a linear axis would be
      // under a pixel), then the measured drag: its lower edge moves ±15 % of its height.
      const lo = quantile(col.values, 1 - frac), hi = col.values.reduce((m, v) => (v > m ? v : m), -Infinity);
      const [yTop, yBottom] = [geom.yOf(hi), geom.yOf(lo)];
      await page.keyboard.press('Escape');
      await page.mouse.move(geom.x, yTop - 1);
      await page.mouse.down();
      for (let k = 1; k <= 5; k++) await page.mouse.move(geom.x, yTop - 1 + ((yBottom - yTop + 1) * k) / 5);
      await page.mouse.up();
      await page.waitForTimeout(1500);
      // The drag moves the lower edge so the selection swings ±30 % around its target size
      // (positions from quantiles: on a heavy-tailed axis a fixed pixel swing near the dense
      // middle would sweep far more rows than the brush holds).
      const ys = Array.from({ length: STEPS }, (_, k) => geom.yOf(quantile(col.values, 1 - frac * (1 + 0.3 * Math.sin((Math.PI * 2 * (k + 1)) / STEPS)))));
      await page.evaluate(() => { window.__mtPerf!.rules.brush = []; });
      const settled0 = await page.evaluate(() => window.__mtPerf!.rules.settle.length);
      await page.mouse.move(geom.x, yBottom - 2);
      await page.mouse.down();
      for (const y of ys) await page.mouse.move(geom.x, y);
      await page.mouse.up();
      await page.waitForFunction((n) => window.__mtPerf!.rules.settle.length > n, settled0, { timeout: 30_000 });
      const perf = await page.evaluate(() => { const { table: _t, ...r } = window.__mtPerf!.rules; return r; });
      const steps = perf.brush.map((b) => b.ms);
      const meanSel = perf.brush.reduce((s, b) => s + b.count, 0) / Math.max(1, perf.brush.length) / table.n;
      // The same brush positions for the baseline (every EVERY-th: it takes seconds per step at 50 %).
      const ranges = ys.filter((_, k) => k % EVERY === 0).map((y) => [geom.vOf(y), hi] as [number, number]);
      const base = await page.evaluate(baselineInPage, ['V2', ranges] as [string, [number, number][]]);
      all.push(...steps);
      allBase.push(...base);
      const settle = perf.settle.at(-1)!;
      const work = perf.brush.map((b) => b.work);
      summary.push(`brush ~${frac * 100}%: p95 ${f1(p95(steps))} ms, median ${f1(med(steps))} ms (handler+draw median ${f1(med(work))} ms) over ${steps.length} steps (mean selected ${(meanSel * 100).toFixed(1)}%) | hiplot-style p95 ${f1(p95(base))} ms over ${base.length} of the positions → ${f1(p95(base) / p95(steps))}x | exact lines ${f1(settle)} ms after release`);
    }
    console.log(`brush p95: ${f1(p95(all))} ms (${f1(p95(allBase) / p95(all))}x faster than hiplot-style)`);
    summary.forEach((s) => console.log(s));
  } finally {
    await browser.close();
    host.stop();
  }

  // Rule-set evaluation in Node: 10 rules, columnar compiler.
  const { rules } = parseRules([
    'V14 < -4.2 and V17 in [-9, -2] => 1', 'V12 < -5 and V10 < -3 => 1', 'V4 > 4 and V11 > 3 => 1', 'V3 < -4 => 1',
    'Amount > 2000 and V1 < -3 => 1', '-3 <= V14 < -1 and V12 < -2 => 1', 'V2 in [-2, 2] and V5 > 3 => 0',
    'Time > 100000 and V7 < -5 => 1', 'V10 < -6 or V16 < -6 => 1', 'V21 > 2 and V27 in [-1, 1] => 0',
  ].join('\n'));
  const set = { rules, defaultClass: null };
  ruleSetAssign(table, set);
  const ts: number[] = [];
  for (let k = 0; k < 7; k++) { const t0 = performance.now(); ruleSetAssign(table, set); ts.push(performance.now() - t0); }
  console.log(`rules eval: ${f1(med(ts))} ms for 10 rules (median of 7, ${table.n.toLocaleString('en-US')} rows; see bench rules-eval for its row-object baseline)`);
}
