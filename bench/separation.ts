/**
 * Ranking axes by how well each separates the label (ml/metrics/separation.ts), at the sizes
 * the axis picker meets: the credit-card table's shape (284,807 × 31, synthetic, 492
 * positives) and a wide table (10,000 × 166: 150 numeric + 13 categorical columns, one
 * informative of each kind, an id, a leak marked "not a feature", the label).
 * Baseline, same process and same output (per-class AUC of every numeric column): what a
 * careful user writes — sort row indices by value with a comparator, then one sweep over tied
 * runs. The ranking's totals include the categorical columns, which the baseline has no cost
 * for; by default it estimates numeric AUCs on a stratified sample when a class has more than
 * MAX_PER_CLASS rows (the credit-card table), so it is also timed exact, and compared.
 *
 *   npx tsx bench/run.ts separation [--quick]
 */
import { loadavg } from 'node:os';
import { generateCreditCard } from '../ml/table/generate-creditcard.ts';
import { labelCodes, labelValues } from '../ml/metrics/labels.ts';
import { MAX_PER_CLASS, oneVsRestAuc, rankBySeparation } from '../ml/metrics/separation.ts';
import { gaussian, mulberry32 } from '../ml/random.ts';
import type { Column, NumericColumn, Table } from '../ml/table/types.ts';
import { p50, p95 } from './_stats.ts';

function wideTable(seed: number): Table {
  const r = mulberry32(seed);
  const n = 10_000;
  const bad = Array.from({ length: n }, () => r() < 0.2);
  const columns: Column[] = [];
  for (let j = 0; j < 150; j++) columns.push({ name: j === 77 ? 'signal' : `x${j}`, type: 'numeric', values: Float32Array.from(bad, (b) => gaussian(r) + (j === 77 && b ? 1.2 : 0)) });
  for (let j = 0; j < 13; j++) {
    const codes = Int32Array.from(bad, (b) => (r() < 0.05 ? -1 : j === 0 ? (r() < (b ? 0.35 : 0.15) ? 1 : 0) : Math.floor(r() * 6)));
    columns.push({ name: j === 0 ? 'segment' : `c${j}`, type: 'categorical', codes, dictionary: ['a', 'b', 'c', 'd', 'e', 'f'] });
  }
  columns.push({ name: 'id', type: 'numeric', values: Float32Array.from(bad, (_, i) => i) });
  columns.push({ name: 'leak', type: 'numeric', values: Float32Array.from(bad, (b) => (b ? 1 : 0)) });
  columns.push({ name: 'Status', type: 'categorical', codes: Int32Array.from(bad, (b) => (b ? 0 : 1)), dictionary: ['bad', 'good'] });
  return { n, columns };
}

/** The baseline: comparator sort of row indices, midrank-free U sweep over tied runs. */
function sortAuc(values: Float32Array, y: Int32Array, k: number): Float64Array {
  const rows: number[] = [];
  for (let i = 0; i < values.length; i++) if (y[i] >= 0 && values[i] === values[i]) rows.push(i);
  const I = Uint32Array.from(rows).sort((a, b) => values[a] - values[b]);
  const counts = new Float64Array(k);
  const present = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < y.length; i++) if (y[i] >= 0) { counts[y[i]]++; n++; }
  const u = new Float64Array(k);
  const below = new Float64Array(k);
  const run = new Float64Array(k);
  for (let i = 0; i < I.length; ) {
    let j = i;
    while (j < I.length && values[I[j]] === values[I[i]]) run[y[I[j++]]]++;
    for (let c = 0; c < k; c++) {
      if (!run[c]) continue;
      u[c] += run[c] * (i - below[c]) + 0.5 * run[c] * (j - i - run[c]);
      below[c] += run[c];
      present[c] += run[c];
      run[c] = 0;
    }
    i = j;
  }
  const m = I.length;
  return Float64Array.from(counts, (P, c) => (u[c] + 0.5 * (P * (n - P) - present[c] * (m - present[c]))) / (P * (n - P)));
}

function time(repeats: number, f: () => unknown): number[] {
  f();
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
  }
  return ms;
}

export default async function bench(args: string[]): Promise<void> {
  const repeats = args.includes('--quick') ? 3 : 9;
  console.log(`2 shared cores, load ${loadavg()[0].toFixed(1)}; p50 / p95 of ${repeats} runs`);
  const tables: [string, Table, { label: string; notFeatures?: string[] }][] = [
    ['credit-card shape (synthetic) 284,807 × 31', generateCreditCard({ seed: 1 }), { label: 'Class' }],
    ['wide 10,000 × 166', wideTable(1), { label: 'Status', notFeatures: ['leak'] }],
  ];
  console.log('| table | what | p50 ms | p95 ms | × baseline |');
  console.log('|---|---|---:|---:|---:|');
  for (const [name, table, roles] of tables) {
    const classes = labelValues(table, roles.label);
    const y = labelCodes(table, roles.label, classes);
    const numeric = table.columns.filter((c): c is NumericColumn => c.type === 'numeric' && c.name !== roles.label);
    // Same answers, or the comparison means nothing.
    for (const c of numeric) {
      const a = oneVsRestAuc(c.values, y, classes.length);
      const b = sortAuc(c.values, y, classes.length);
      a.forEach((v, i) => {
        if (Math.abs(v - b[i]) > 1e-9) throw new Error(`${c.name}: AUC ${v} vs baseline ${b[i]}`);
      });
    }
    const base = time(repeats, () => numeric.forEach((c) => sortAuc(c.values, y, classes.length)));
    const ours = time(repeats, () => numeric.forEach((c) => oneVsRestAuc(c.values, y, classes.length)));
    const exactRank = time(repeats, () => rankBySeparation(table, roles, { maxPerClass: Infinity }));
    const rank = time(repeats, () => rankBySeparation(table, roles));
    const row = (what: string, ms: number[]) => console.log(`| ${name} | ${what} | ${p50(ms).toFixed(1)} | ${p95(ms).toFixed(1)} | ${(p50(ms) / p50(base)).toFixed(2)} |`);
    row(`baseline: comparator sort, exact AUCs of ${numeric.length} numeric columns`, base);
    row(`radix sort, exact AUCs of ${numeric.length} numeric columns`, ours);
    row('rankBySeparation, every feature column, exact', exactRank);
    row(`rankBySeparation, default (≤ ${MAX_PER_CLASS.toLocaleString('en-US')} rows per class)`, rank);
    const exact = rankBySeparation(table, roles, { maxPerClass: Infinity });
    const ranked = rankBySeparation(table, roles);
    const diff = Math.max(...ranked.map((r) => Math.abs(r.score - exact.find((e) => e.column === r.column)!.score)));
    const same10 = ranked.slice(0, 10).every((r, i) => r.column === exact[i].column);
    console.log(`  default vs exact: ${ranked.every((r) => r.exact) ? 'exact (no class above the cap)' : `sampled; largest score difference ${diff.toFixed(4)}, top 10 ${same10 ? 'in the same order' : 'in another order'}`}`);
    console.log(`  top 5: ${ranked.slice(0, 5).map((r) => `${r.column} ${r.score.toFixed(3)} (${r.bestClass}, AUC ${r.auc.toFixed(3)})`).join(', ')}`);
  }
}
