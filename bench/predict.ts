/**
 * `machine-teacher predict` throughput on the 284,807 × 31 SYNTHETIC credit-card table written
 * as CSV: rows/s for a 10-rule bundle and for a Dense(64) model bundle, streamed from the
 * file (what the CLI does: read 1 MB at a time, parse only the needed columns, score 65,536
 * rows at a time, write CSV out), against the baseline a careful user of the app's own code
 * would write in the same run: load the whole file with the app's loader, then score it and
 * write the same output. Peak RSS above the start is sampled through each phase.
 * `npm run bench -- predict [--rows N]` (e.g. --rows 2000000 for the bounded-memory check).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { generateCreditCard } from '../ml/table/generate-creditcard.ts';
import { csvChunks } from '../ml/table/csv-write.ts';
import { loadTableFromFile } from '../ml/table/load-file.node.ts';
import { parseRules } from '../ml/rules/text.ts';
import { buildBundle } from '../ml/export/bundle.ts';
import { readBundle } from '../ml/export/read.ts';
import type { BundleClassifier } from '../ml/export/classifier.ts';
import { predictFile, predictTable, type Sink } from '../ml/export/predict-file.node.ts';
import { initBackend } from '../ml/train/backend.node.ts';
import { trainTabular } from '../ml/train/tabular.ts';
import type { Table } from '../ml/table/types.ts';
import { RULES } from './rules-eval.ts';

/** A sink writing to a file with backpressure, like the CLI's --out. */
async function fileSink(path: string): Promise<{ sink: Sink; close: () => Promise<void> }> {
  const out = createWriteStream(path);
  return {
    sink: async (text) => { if (!out.write(text)) await once(out, 'drain'); },
    close: async () => { out.end(); await once(out, 'finish'); },
  };
}

/** Runs `f`, sampling RSS every 20 ms; returns seconds and the peak RSS above the start (MB). */
async function measure(f: () => Promise<void>): Promise<{ s: number; peakMB: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const t0 = performance.now();
  await f();
  const s = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { s, peakMB: (peak - base) / 2 ** 20 };
}

async function writeCsv(table: Table, path: string): Promise<void> {
  const out = createWriteStream(path);
  for (const chunk of csvChunks(table, 20_000)) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

export default async function bench(args: string[]): Promise<void> {
  const at = args.indexOf('--rows');
  const rows = at >= 0 ? Number(args[at + 1]) : 284_807;
  const dir = await mkdtemp(join(tmpdir(), 'mt-bench-predict-'));
  try {
    const table = generateCreditCard({ seed: 1, n: rows });
    const csv = join(dir, 'creditcard.csv');
    await writeCsv(table, csv);
    console.log(`SYNTHETIC credit-card table ${fmt(rows)} × ${table.columns.length} as CSV: ${((await stat(csv)).size / 2 ** 20).toFixed(0)} MB`);

    const parsed = parseRules(RULES.join('\n'));
    const ruleSet = { rules: parsed.rules, defaultClass: null };
    await initBackend();
    // The model's quality does not matter here, only its size: Dense(64) on all 30 columns.
    const sample: Table = { n: 20_000, columns: table.columns.map((c) => (c.type === 'numeric' ? { ...c, values: c.values.subarray(0, 20_000) } : c.type === 'categorical' ? { ...c, codes: c.codes.subarray(0, 20_000) } : c)) };
    const fit = await trainTabular(sample, 'Class', { model: 'dense', train: { epochs: 2 } });
    const bundles: [string, BundleClassifier][] = (['rules', 'model'] as const).map((kind) => {
      const { files } = buildBundle({ kind, ruleSet, model: fit.classifier.toJSON(), table: sample, label: 'Class', data: { name: 'synthetic', sha256: null }, app: { version: 'bench' } });
      return [kind === 'rules' ? '10 rules' : 'Dense(64) model', readBundle((p) => files[p])];
    });
    global.gc?.();
    delete (table as Partial<Table>).columns; // only the file is used from here on

    const results: string[] = [];
    for (const [name, clf] of bundles) {
      const out = join(dir, 'out.csv');
      let a = await fileSink(out);
      const streamed = await measure(async () => { await predictFile(clf, csv, a.sink); await a.close(); });
      a = await fileSink(out);
      let loadS = 0;
      const whole = await measure(async () => {
        const t0 = performance.now();
        const loaded = await loadTableFromFile(csv);
        loadS = (performance.now() - t0) / 1000;
        await predictTable(clf, loaded, a.sink);
        await a.close();
      });
      const ratio = whole.s / streamed.s;
      const scoreS = whole.s - loadS;
      results.push(`predict ${name}: streamed ${fmt(rows / streamed.s)} rows/s (${streamed.s.toFixed(2)} s, peak RSS +${streamed.peakMB.toFixed(0)} MB) vs load-all-first ${fmt(rows / whole.s)} rows/s (${whole.s.toFixed(2)} s: loading ${loadS.toFixed(2)} s, then scoring and writing ${scoreS.toFixed(2)} s = ${fmt(rows / scoreS)} rows/s; peak RSS +${whole.peakMB.toFixed(0)} MB): streamed ${ratio.toFixed(1)}× faster`);
      console.log(results.at(-1));
    }
    console.log(`  machine shared: load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores; process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
