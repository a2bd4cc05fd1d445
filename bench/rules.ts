/**
 * Brushing on parallel coordinates of the generated credit-card table (SYNTHETIC, 31 columns),
 * in the running app in headless Chromium, at several sizes:
 *
 * - in the app: drags that select ~1 / 10 / 50 / 99 % of the rows, timed from each pointer
 *   event's timestamp to the highlight drawn (window.__mtPerf), from the handler's start to
 *   drawn (the app's own work), and from the event to the start of the frame that shows it;
 *   first paint; exact lines after release; the drag preparation (drag-session.ts);
 * - in the same page, on the same brush positions (bench/_rules-page.ts): the prepared drag,
 *   the previous incremental counts and counting from scratch — all three draw the same 64-bin
 *   density — and HiPlot's filter + stroke, which draws every selected row as an exact line;
 * - the same drags at the main size with moves from `pointermove` (Chromium's frame-aligned
 *   input, the app's path before renderer/rules/early-moves.ts), and the input floors: the same
 *   drive on a blank page with empty handlers;
 * - a scaling table over the sizes, then, last, `brush p95 at <rows> rows: <x> ms`.
 *
 * `npm run bench -- rules [--rows 1000000] [--scaling 100000,284807,1000000,2000000] [--steps 60] [--baseline-every 6]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, withoutRawUpdate } from '../tests/e2e/harness.ts';
import { generateCreditCard } from '../ml/table/generate-creditcard.ts';
import { parseRules } from '../ml/rules/text.ts';
import { ruleSetAssign } from '../ml/rules/compile.ts';
import { median, p95 } from './_stats.ts';
import type { PageRun, RulesPageApi } from './_rules-page.ts';
import type { PrepareTiming } from '../renderer/perf/timings.ts';

const f1 = (x: number) => x.toFixed(1);
const arg = (args: string[], name: string, def: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const FRACTIONS = [0.01, 0.1, 0.5, 0.99];
type W = Window & { __rulesBench: RulesPageApi };

async function startHost(sizes: number[]): Promise<{ url: string; ids: Map<number, string>; stop(): void }> {
  const dist = process.env.MT_DIST_DIR ?? mkdtempSync(join(tmpdir(), 'mt-bench-dist-'));
  const data = mkdtempSync(join(tmpdir(), 'mt-bench-data-'));
  process.env.MT_DIST_DIR = dist;
  process.env.MT_DATA_DIR = data;
  const { build } = await import('vite');
  await build({ root: 'renderer', configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: join(dist, 'renderer'), emptyOutDir: true } });
  const { addCreditcardSize } = await import('../electron/backend/demos.ts');
  const ids = new Map(sizes.map((n) => [n, addCreditcardSize(n)]));
  const { createBackend } = await import('../electron/backend/backend.ts');
  const { startBrowserHost } = await import('../electron/browser-host.ts');
  const paths = await import('../electron/paths.ts');
  const api = createBackend({ mode: 'browser', version: paths.VERSION, datasetsDir: paths.DATASETS_DIR, dataDir: data });
  const { server, url } = await startBrowserHost({ api, staticDirs: { '/': paths.RENDERER_DIR, '/wasm/': paths.WASM_DIR } });
  return { url, ids, stop: () => { server.closeAllConnections?.(); server.close(); rmSync(data, { recursive: true, force: true }); } };
}

async function bundlePage(): Promise<string> {
  const { build } = await import('vite');
  const entry = fileURLToPath(new URL('./_rules-page.ts', import.meta.url));
  const out = await build({ configFile: false, logLevel: 'warn', root: fileURLToPath(new URL('..', import.meta.url)),
    build: { write: false, minify: true, lib: { entry, formats: ['iife'], name: 'RulesBench', fileName: 'rules-bench' } } });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs[0].output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('bench bundle is empty');
  return chunk.code;
}

const sortedCache = new WeakMap<Float32Array, Float32Array>();
function quantile(values: Float32Array, q: number): number {
  let s = sortedCache.get(values);
  if (!s) sortedCache.set(values, (s = Float32Array.from(values).sort()));
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * s.length)))];
}

/** Value ↔ page y on a linear axis, from the axis line's box and its data-min/max; the plot's top in the page. */
async function axisGeom(page: Page, column: string) {
  const g = page.getByTestId(`axis-${column}`);
  const [min, max] = [Number(await g.getAttribute('data-min')), Number(await g.getAttribute('data-max'))];
  const box = (await g.locator('line').first().boundingBox())!;
  const plot = (await page.locator('.pc-plot').boundingBox())!;
  const top = box.y, bottom = box.y + box.height, x = box.x + box.width / 2;
  return { x, top, plotTop: plot.y, yOf: (v: number) => bottom - ((v - min) / (max - min)) * (bottom - top) };
}

type SizeResult = {
  rows: number; firstPaint: number; staticMs: number; app: number[]; work: number[]; frame: number[];
  page: PageRun[]; hiplot: number[]; settle: number[]; prepare: PrepareTiming[];
  lines: string[];
};

/**
 * Opens the demo at `rows` in a fresh page and measures the four drags; `full` adds the slow
 * baselines. `rafAligned`: without `pointerrawupdate`, so the app takes its moves from
 * `pointermove`, as before early-moves.ts (the same-run comparison of the input path).
 */
async function measureSize(browser: Browser, url: string, id: string, rows: number, steps: number, every: number, full: boolean, pageCode: string, rafAligned = false): Promise<SizeResult> {
  // bypassCSP: the app's policy forbids inline scripts, and the bench injects its own.
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  if (rafAligned) await page.addInitScript(withoutRawUpdate);
  try {
    await page.goto(url);
    if (rafAligned !== !(await page.evaluate(() => 'onpointerrawupdate' in window))) throw new Error('the page does not have the input path asked for');
    if (id !== 'creditcard_synthetic') await page.getByTestId('demo-size-creditcard_synthetic').selectOption(id);
    await page.getByTestId('demo-creditcard_synthetic').click();
    // A second page on the same size finds the project still locked by the first: take it over.
    const takeOver = page.getByTestId('take-over');
    await Promise.race([page.getByTestId('tab-rules').waitFor({ timeout: 600_000 }), takeOver.waitFor({ timeout: 600_000 })]);
    if (await takeOver.isVisible()) await takeOver.click();
    await page.getByTestId('tab-rules').click({ timeout: 600_000 });
    await page.waitForFunction(() => window.__mtPerf?.rules.firstPaint != null, null, { timeout: 600_000 });
    await page.waitForFunction(() => window.__mtPerf?.rules.staticMs != null, null, { timeout: 600_000 });
    const perf0 = await page.evaluate(() => ({ firstPaint: window.__mtPerf!.rules.firstPaint!, staticMs: window.__mtPerf!.rules.staticMs! }));
    // A table this wide opens on its label and the 10 columns that separate it best: the drags
    // are measured with every one of its 31 axes shown (Axes ▾ → Show all), as before.
    const settledBefore = await page.evaluate(() => window.__mtPerf!.rules.settledVersion);
    await page.getByTestId('axes-picker').click();
    await page.getByText('Show all').click();
    await page.getByTestId('axes-picker').click();
    await page.getByTestId('axis-V2').waitFor({ timeout: 600_000 });
    await page.waitForFunction((v) => window.__mtPerf!.rules.settledVersion > v, settledBefore, { timeout: 600_000 });
    // A page that reopens the project (the input-path run) finds the last page's brushes: start from none.
    if (await page.getByTestId('clear-brushes').isEnabled()) {
      const v = await page.evaluate(() => window.__mtPerf!.rules.settledVersion);
      await page.getByTestId('clear-brushes').click();
      await page.waitForFunction((x) => window.__mtPerf!.rules.settledVersion > x, v, { timeout: 600_000 });
    }
    await page.addScriptTag({ content: pageCode });
    if (!(await page.evaluate(() => 'runDrawn' in ((window as unknown as W).__rulesBench ?? {})))) throw new Error('the bench script did not load in the app page');
    const table = generateCreditCard({ seed: 1, n: rows }); // the same seeded table the backend opened
    const col = table.columns.find((c) => c.name === 'V2')!;
    if (col.type !== 'numeric') throw new Error('V2 is not numeric');
    const res: SizeResult = { rows, ...perf0, app: [], work: [], frame: [], page: [], hiplot: [], settle: [], prepare: [], lines: [] };
    for (const frac of FRACTIONS) {
      const geom = await axisGeom(page, 'V2');
      // A tail brush [q(1 - frac), max] (a 1 % brush in the middle of a linear axis would be
      // under a pixel), then the measured drag: its lower edge swings the selection ±30 %
      // around its target size (positions from quantiles: a fixed pixel swing near the dense
      // middle of a heavy-tailed axis would sweep far more rows than the brush holds).
      const lo = quantile(col.values, 1 - frac), hi = col.values.reduce((m, v) => (v > m ? v : m), -Infinity);
      const [yTop, yBottom] = [geom.yOf(hi), geom.yOf(lo)];
      await page.keyboard.press('Escape');
      await page.evaluate(() => { window.__mtPerf!.rules.prepare = []; }); // from here on: the app's preparations only
      await page.mouse.move(geom.x, yTop - 1);
      await page.mouse.down();
      for (let k = 1; k <= 5; k++) await page.mouse.move(geom.x, yTop - 1 + ((yBottom - yTop + 1) * k) / 5);
      await page.mouse.up();
      await page.waitForTimeout(1500); // the pointer rests on the axis: the drag is prepared meanwhile
      const ys = Array.from({ length: steps }, (_, k) => geom.yOf(quantile(col.values, Math.min(1, 1 - frac * (1 + 0.3 * Math.sin((Math.PI * 2 * (k + 1)) / steps))))));
      await page.evaluate(() => { window.__mtPerf!.rules.brush = []; window.__mtPerf!.rules.deferred = 0; });
      const settled0 = await page.evaluate(() => window.__mtPerf!.rules.settle.length);
      await page.mouse.move(geom.x, yBottom - 2);
      await page.mouse.down();
      // A drag starts after 3 px: on a long-tailed axis of a big table, ±30 % of a 1 % tail is
      // under that, so the pointer first takes hold of the edge 4 px up (that move is a frame too).
      await page.mouse.move(geom.x, yBottom - 6);
      for (const y of ys) await page.mouse.move(geom.x, y);
      await page.mouse.up();
      await page.waitForFunction((n) => window.__mtPerf!.rules.settle.length > n, settled0, { timeout: 120_000 });
      const perf = await page.evaluate(() => { const { table: _t, ...r } = window.__mtPerf!.rules; return r; });
      const app = perf.brush.map((b) => b.ms);
      const work = perf.brush.map((b) => b.work);
      const shown = perf.brush.map((b) => b.frame ?? NaN);
      const meanSel = perf.brush.reduce((s, b) => s + b.count, 0) / Math.max(1, perf.brush.length) / rows;
      res.app.push(...app);
      res.work.push(...work);
      res.frame.push(...shown);
      res.settle.push(perf.settle.at(-1)!);
      res.prepare.push(...perf.prepare); // the app's (the same-page runs below record theirs after this)
      const waited = perf.deferred ? `; ${perf.deferred} moves waited for the drag's preparation` : '';
      // The same positions in the same page: the three ways that draw the same density.
      const local = ys.map((y) => y - geom.plotTop);
      const run = await page.evaluate(([c, y0, l, s]) => (window as unknown as W).__rulesBench.runDrawn(c, y0, l, s), ['V2', geom.top - geom.plotTop, local, full] as [string, number, number[], boolean]);
      res.page.push(run);
      let hip = '';
      if (full) {
        const base = await page.evaluate(([c, y0, l]) => (window as unknown as W).__rulesBench.runHiplot(c, y0, l), ['V2', geom.top - geom.plotTop, local.filter((_, k) => k % every === 0)] as [string, number, number[]]);
        res.hiplot.push(...base);
        hip = ` | hiplot-style (exact polylines) p95 ${f1(p95(base))} ms over ${base.length} positions`;
      }
      res.lines.push(`  ~${frac * 100}% (mean selected ${(meanSel * 100).toFixed(1)}%): in the app p95 ${f1(p95(app))} ms, median ${f1(median(app))} ms (handler+draw p95 ${f1(p95(work))} ms, median ${f1(median(work))} ms; to the frame that shows it p95 ${f1(p95(shown))} ms) over ${app.length} steps; exact lines ${f1(perf.settle.at(-1)!)} ms after release${waited}`
        + `\n      same page, same positions, same 64-bin density: prepared p95 ${f1(p95(run.prepared))} ms · incremental counts p95 ${f1(p95(run.incremental))} ms${full ? ` · counting from scratch p95 ${f1(p95(run.scratch))} ms` : ''}${hip}`);
    }
    if (full) await page.evaluate(() => (window as unknown as W).__rulesBench.freeRows());
    return res;
  } finally {
    await page.close();
  }
}

/**
 * The floors under "in the app", same browser, same drive (mouse.move after mouse.move), on a
 * blank page of the same origin with empty handlers: ms from each event's timestamp to a
 * `pointermove` handler (Chromium holds those until its next frame: the wait the app's moves
 * had before they came by `pointerrawupdate`), and from each `pointerrawupdate` to the start of
 * the next frame (no drawing can be shown sooner).
 */
async function inputFloors(browser: Browser, url: string, steps: number): Promise<{ move: number[]; frame: number[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(new URL('/bench-blank', url).href); // a 404 of the host: same origin, secure (localhost)
    await page.setContent('<!doctype html><body style="margin:0;height:900px"></body>');
    await page.evaluate(() => {
      const w = window as unknown as { floors: { move: number[]; frame: number[] } };
      w.floors = { move: [], frame: [] };
      window.addEventListener('pointermove', (e) => { if (e.buttons) w.floors.move.push(performance.now() - e.timeStamp); });
      window.addEventListener('pointerrawupdate', (e) => {
        const ev = e as PointerEvent;
        if (ev.buttons) requestAnimationFrame(() => w.floors.frame.push(performance.now() - ev.timeStamp));
      });
    });
    await page.mouse.move(700, 100);
    await page.mouse.down();
    for (let k = 1; k <= steps; k++) await page.mouse.move(700, 100 + k * 5);
    await page.mouse.up();
    return await page.evaluate(() => (window as unknown as { floors: { move: number[]; frame: number[] } }).floors);
  } finally {
    await page.close();
  }
}

export default async function run(args: string[]): Promise<void> {
  const rows = Number(arg(args, '--rows', '1000000'));
  const steps = Number(arg(args, '--steps', '60'));
  const every = Number(arg(args, '--baseline-every', '6'));
  const scaling = [...new Set([...arg(args, '--scaling', '100000,284807,1000000,2000000').split(',').map(Number), rows])].sort((a, b) => a - b);
  const host = await startHost(scaling);
  const pageCode = await bundlePage();
  const browser = await launchBrowser();
  const results: SizeResult[] = [];
  let floors: { move: number[]; frame: number[] } = { move: [], frame: [] };
  let aligned: SizeResult | null = null;
  try {
    floors = await inputFloors(browser, host.url, steps);
    for (const n of scaling) {
      const r = await measureSize(browser, host.url, host.ids.get(n)!, n, steps, every, n === rows, pageCode);
      results.push(r);
      console.log(`${n.toLocaleString('en-US')} rows × 31 (SYNTHETIC): first paint (label + top-10 axes) ${f1(r.firstPaint)} ms, grey context layer +${f1(r.staticMs)} ms after; drag preparation until the drag can be drawn ${r.prepare.map((p) => `${f1(p.ms - p.phases.index)} ms compute (bins ${f1(p.phases.bins)}, candidates ${f1(p.phases.rows)}, cube ${f1(p.phases.cube)})${p.phases.index ? ` + ${f1(p.phases.index)} ms indexing pairs` : ''} / ${f1(p.wallMs)} ms wall, ${(p.bytes / 2 ** 20).toFixed(1)} MB${p.ok ? '' : ' (over budget)'}${p.marginMs ? `, then ${f1(p.marginMs)} ms for the margin pairs` : ''}`).join('; ')}`);
      r.lines.forEach((l) => console.log(l));
    }
    aligned = await measureSize(browser, host.url, host.ids.get(rows)!, rows, steps, every, false, pageCode, true);
    console.log(`${rows.toLocaleString('en-US')} rows, the same drags with moves from pointermove (held by Chromium until its next frame; the app's input path before early-moves.ts):`);
    aligned.lines.forEach((l) => console.log(l));
  } finally {
    await browser.close();
    host.stop();
  }

  const main = results.find((r) => r.rows === rows)!;
  const all = (r: SizeResult, k: 'prepared' | 'incremental' | 'scratch') => r.page.flatMap((p) => p[k]);
  console.log(`\nbaselines at ${rows.toLocaleString('en-US')} rows (same page, same brush positions): prepared drag p95 ${f1(p95(all(main, 'prepared')))} ms; `
    + `incremental counts (previous version, same output) p95 ${f1(p95(all(main, 'incremental')))} ms (${f1(p95(all(main, 'incremental')) / p95(all(main, 'prepared')))}x); `
    + `counting from scratch (same output) p95 ${f1(p95(all(main, 'scratch')))} ms (${f1(p95(all(main, 'scratch')) / p95(all(main, 'prepared')))}x); `
    + `hiplot-style filter + stroke (exact polylines) p95 ${f1(p95(main.hiplot))} ms (${f1(p95(main.hiplot) / p95(main.app))}x the app's)`);
  console.log('\nscaling (brush → highlight drawn; per-frame work once the drag is prepared):');
  console.log('| rows | in the app p95 | in the app median | handler+draw p95 | to the frame that shows it p95 | prepared p95 (same page) | incremental counts p95 | drag preparation until it can draw, slowest (compute / wall) | pairs indexed at rest (once per layout) | cube | first paint | exact lines after release (max) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    // The drag's own part: a preparation that found pairs not yet indexed did that too (counted apart).
    const prep = r.prepare.reduce<SizeResult['prepare'][number] | undefined>((w, p) => (!w || p.ms - p.phases.index > w.ms - w.phases.index ? p : w), undefined);
    const indexed = r.prepare.reduce((m, p) => Math.max(m, p.phases.index), 0);
    console.log(`| ${r.rows.toLocaleString('en-US')} | ${f1(p95(r.app))} ms | ${f1(median(r.app))} ms | ${f1(p95(r.work))} ms | ${f1(p95(r.frame))} ms | ${f1(p95(all(r, 'prepared')))} ms | ${f1(p95(all(r, 'incremental')))} ms | ${prep ? `${f1(prep.ms - prep.phases.index)} / ${f1(prep.wallMs)} ms` : '—'} | ${indexed ? `${f1(indexed)} ms in a preparation` : 'all before the drags'} | ${prep ? `${(prep.bytes / 2 ** 20).toFixed(1)} MB` : '—'} | ${f1(r.firstPaint)} ms | ${f1(Math.max(...r.settle))} ms |`);
  }
  if (aligned) console.log(`input path at ${rows.toLocaleString('en-US')} rows (same run): by pointerrawupdate, in the app p95 ${f1(p95(main.app))} ms, to the frame that shows it p95 ${f1(p95(main.frame))} ms; by pointermove, in the app p95 ${f1(p95(aligned.app))} ms, to the frame that shows it p95 ${f1(p95(aligned.frame))} ms`);
  console.log(`input floors (same browser and drive, empty handlers on a blank page): event → pointermove handler p95 ${f1(p95(floors.move))} ms, median ${f1(median(floors.move))} ms (Chromium holds those moves until its next frame); pointerrawupdate → the next frame's start p95 ${f1(p95(floors.frame))} ms, median ${f1(median(floors.frame))} ms (no drawing is shown sooner)`);
  console.log(`machine load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (shared: p95 includes waits for the CPU)`);

  // Rule-set evaluation in Node: 10 rules, columnar compiler.
  const table = generateCreditCard({ seed: 1 });
  const { rules } = parseRules([
    'V14 < -4.2 and V17 in [-9, -2] => 1', 'V12 < -5 and V10 < -3 => 1', 'V4 > 4 and V11 > 3 => 1', 'V3 < -4 => 1',
    'Amount > 2000 and V1 < -3 => 1', '-3 <= V14 < -1 and V12 < -2 => 1', 'V2 in [-2, 2] and V5 > 3 => 0',
    'Time > 100000 and V7 < -5 => 1', 'V10 < -6 or V16 < -6 => 1', 'V21 > 2 and V27 in [-1, 1] => 0',
  ].join('\n'));
  const set = { rules, defaultClass: null };
  // As on every rule edit in the app: the first evaluations sort the tested columns (until
  // every one is indexed), the later ones read the sorted indexes. Timed once indexed.
  for (let k = 0; k < 12; k++) ruleSetAssign(table, set);
  const ts: number[] = [];
  for (let k = 0; k < 7; k++) { const t0 = performance.now(); ruleSetAssign(table, set); ts.push(performance.now() - t0); }
  console.log(`rules eval: ${f1(median(ts))} ms for 10 rules (median of 7 once indexed, ${table.n.toLocaleString('en-US')} rows; see bench rules-eval for its row-object baseline)`);
  console.log(`brush p95 at ${rows.toLocaleString('en-US')} rows: ${f1(p95(main.app))} ms`);
}
