/**
 * The Compare view's figures on the SYNTHETIC 284,807-row credit-card table (seed 1), with a
 * 2-fold cross-validated logistic regression and a hand-written fraud rule set
 * (bench/_compare-data.ts), each against a fair baseline measured in the same run:
 *   PR curve      one radix sort + the threshold index + the PR and ROC sweep vs a comparator
 *                 sort of the row indices and one PR sweep; then prepareModel as a whole
 *                 (argmax, eligible rows, the same curves), which runs once per model
 *   rule edit     compare() after editing one rule (alone, and with evaluating the edited rule
 *                 set) vs recomputing each figure with the existing building blocks (classReport
 *                 ×3, combinePredictions, agreement, comparator-sorted cells, ruleStats, a fresh
 *                 PR sweep for the headline)
 *   threshold     Comparison.at(t) vs recounting the model's and hybrid's confusion at t
 *   suggest       suggestRules (depth 3, 30 columns, histogram tree) vs exact sort-based CART
 *                 (tests/unit/classify/exact-cart.ts) on the same fit rows, accuracy on the same
 *                 held-out rows
 *   npm run bench -- compare [repeats]
 */
import { compareData, fraudRules } from './_compare-data.ts';
import { p50, p95 } from './_stats.ts';
import { argsortDesc, buildScoreIndex, cellRows, classReport, compare, curves, prepareModel, predictAt, rowIndices, rulePredictions, RuleIndexCache, agreement, type PreparedModel } from '../ml/metrics/index.ts';
import { combinePredictions } from '../ml/classify/hybrid.ts';
import { ruleStats } from '../ml/rules/stats.ts';
import { suggestRules } from '../ml/rules/suggest.ts';
import { DecisionTree } from '../ml/classify/tree/tree.ts';
import { featureColumnNames } from '../ml/table/label.ts';
import type { RuleSet } from '../ml/rules/spec.ts';
import type { Table } from '../ml/table/types.ts';
import { ExactCart } from '../tests/unit/classify/exact-cart.ts';
import os from 'node:os';

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const ratio = (base: number, ours: number) => `×${(base / ours).toFixed(1)}`;

function times(repeats: number, f: (k: number) => void): number[] {
  f(-1); // warm-up
  const out: number[] = [];
  for (let k = 0; k < repeats; k++) { const t = performance.now(); f(k); out.push(performance.now() - t); }
  return out;
}

async function timesAsync(repeats: number, f: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let k = 0; k < repeats; k++) { const t = performance.now(); await f(); out.push(performance.now() - t); }
  return out;
}

/** The naive PR sweep: a comparator sort of the eval rows by score, then cumulative counts. */
function naivePr(score: Float32Array, truth: Int32Array, positive: number, mask: Uint8Array): { tp: Int32Array; fp: Int32Array } {
  const rows: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) rows.push(i);
  rows.sort((a, b) => score[b] - score[a] || a - b);
  const tp = new Int32Array(rows.length), fp = new Int32Array(rows.length);
  let p = 0, q = 0;
  rows.forEach((i, j) => { if (truth[i] === positive) p++; else q++; tp[j] = p; fp[j] = q; });
  return { tp, fp };
}

/** The same figures as compare(), each from the existing building blocks. */
function naiveCompare(table: Table, m: PreparedModel, set: RuleSet, pred: { classes: readonly string[]; pred: Int32Array }) {
  const truth = m.reference.truth, mask = m.evalRows.mask, classes = m.classes;
  const t = Int32Array.from(truth, (v, i) => (mask[i] ? v : -1));
  const rp = Int32Array.from(pred.pred, (p) => (p < 0 ? -1 : classes.indexOf(pred.classes[p])));
  const hybrid = combinePredictions(rp, classes, m.pred, classes);
  const reports = [classReport(t, rp, classes), classReport(t, m.pred, classes), classReport(t, hybrid.pred, classes)];
  const agree = agreement(rp, m.pred);
  const cells = [agree.disagreeIdx, agree.onlyBIdx].map((idx) => Array.from(idx).sort((a, b) => m.confidence[b] - m.confidence[a] || a - b));
  const stats = ruleStats(table, set, 'Class');
  const pr = naivePr(m.score!, truth, m.positive!, mask);
  return { reports, cells, stats, pr };
}

export default async function bench(args: string[]): Promise<void> {
  const repeats = Number(args[0] ?? 30);
  const d = await compareData();
  console.log(`SYNTHETIC credit-card table: ${d.table.n.toLocaleString('en-US')} rows; logistic regression, 2-fold cross-validated (trained in ${(d.trainMs / 1000).toFixed(1)} s, not timed below); machine shared with other engineers (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
  const set = fraudRules();
  const model = { classes: d.classes, proba: d.proba, eligible: d.eligible };

  // PR curve from scratch: the one sort, the threshold index and the sweep; then all of prepareModel.
  let m = prepareModel(d.reference, model);
  const evalIdx = rowIndices(m.evalRows);
  const curve = times(repeats, () => curves(buildScoreIndex(argsortDesc(m.score!, evalIdx).order, m.score!, d.reference.truth, m.alt!, m.classes.length, m.positive!)));
  const prep = times(repeats, () => { m = prepareModel(d.reference, model); });
  const naiveSweep = times(Math.max(5, repeats / 3), () => naivePr(m.score!, d.reference.truth, m.positive!, m.evalRows.mask));
  console.log(`PR + ROC curves (radix sort + threshold index + sweep, ${m.evalRows.count.toLocaleString('en-US')} rows): p50 ${ms(p50(curve))}, p95 ${ms(p95(curve))} (target ≤ 50 ms) | comparator sort + sweep p50 ${ms(p50(naiveSweep))} (${ratio(p50(naiveSweep), p50(curve))})`);
  console.log(`prepareModel (argmax + eligible rows + the curves above, once per model): p50 ${ms(p50(prep))}, p95 ${ms(p95(prep))}`);

  // A rule edit: r1's V14 threshold moves; everything is recomputed.
  const edited = (k: number): RuleSet => {
    const rules = structuredClone(set.rules);
    const w = rules[0].when;
    if (w.op === 'and' && w.of[0].op === 'range') w.of[0].hi = -4.2 + 0.05 * (k % 40);
    return { rules, defaultClass: null };
  };
  const cache = new RuleIndexCache();
  const preds = Array.from({ length: repeats + 1 }, (_, k) => rulePredictions(d.table, edited(k - 1)));
  let cmp = compare(d.reference, preds[0], { model: m });
  const only = times(repeats, (k) => { cmp = compare(d.reference, preds[k + 1], { model: m, positiveNoun: 'frauds', ruleSet: { table: d.table, rules: edited(k).rules, cache } }); });
  const full = times(repeats, (k) => { const s = edited(k + 7); cmp = compare(d.reference, rulePredictions(d.table, s), { model: m, positiveNoun: 'frauds', ruleSet: { table: d.table, rules: s.rules, cache } }); });
  const naive = times(Math.max(5, repeats / 3), (k) => naiveCompare(d.table, m, edited(k + 1), preds[(k + 1) % preds.length]));
  console.log(`compare after a rule edit (3 reports, agreement, adds, headline, threshold indices, rule points): p50 ${ms(p50(only))}, p95 ${ms(p95(only))} (target ≤ 30 ms); with the rule set's evaluation p50 ${ms(p50(full))}, p95 ${ms(p95(full))} | building blocks p50 ${ms(p50(naive))} (${ratio(p50(naive), p50(full))} vs ours with evaluation)`);

  // The threshold slider.
  const ts = Array.from({ length: 200 }, (_, k) => ((k * 0.618034) % 1));
  const step = times(ts.length, (k) => cmp.at(ts[Math.max(0, k)]));
  const recount = times(10, (k) => {
    const t = ts[Math.max(0, k)];
    const { pred } = predictAt(m, t);
    const hyb = Int32Array.from(cmp.rulePred, (r, i) => (r >= 0 ? r : pred[i]));
    classReport(d.reference.truth, pred, m.classes, m.evalRows.mask);
    classReport(d.reference.truth, hyb, m.classes, m.evalRows.mask);
  });
  const us = (x: number) => `${(x * 1000).toFixed(1)} µs`;
  console.log(`threshold step (model + hybrid confusion at t, 200 thresholds): p50 ${us(p50(step))}, p95 ${us(p95(step))} (target ≤ 16 ms) | recount p50 ${ms(p50(recount))} (${ratio(p50(recount), p50(step))})`);
  for (const [r, c, what] of [[-1, 0, 'rules abstain, model says 0'], [1, 0, 'rules say 1, model says 0'], [-1, 1, 'rules abstain, model says 1']] as const) {
    const cell = times(5, () => cellRows(cmp.agreement!, r, c));
    console.log(`agreement cell "${what}" (${cellRows(cmp.agreement!, r, c).length.toLocaleString('en-US')} rows, most confident first): p50 ${ms(p50(cell))}`);
  }
  console.log(`headline: ${cmp.headline!.text}`);

  // Suggest rules: the histogram tree vs exact CART on the same rows.
  const features = featureColumnNames(d.table, { label: 'Class' });
  const sug = await timesAsync(3, () => suggestRules({ table: d.table, roles: { label: 'Class' }, target: { kind: 'label' } }));
  const r = await suggestRules({ table: d.table, roles: { label: 'Class' }, target: { kind: 'label' } });
  const held = new Uint8Array(d.table.n);
  for (const i of r.measuredRows) held[i] = 1;
  const fit = Uint32Array.from({ length: d.table.n }, (_, i) => i).filter((i) => !held[i]);
  const target = { classes: d.reference.classes, codes: d.reference.truth };
  const tHist: number[] = [], tExact: number[] = [];
  let hist: DecisionTree | null = null, exact: ExactCart | null = null;
  for (let k = 0; k < 3; k++) {
    let t = performance.now();
    hist = await new DecisionTree({ maxDepth: 3 }).fit(d.table, target, features, { rows: fit });
    tHist.push(performance.now() - t);
    t = performance.now();
    exact = new ExactCart({ maxDepth: 3, minLeaf: 20 }).fit(d.table, target, features, fit);
    tExact.push(performance.now() - t);
  }
  const score = (p: Int32Array) => {
    let right = 0, tp = 0, fp = 0, fn = 0;
    for (const i of r.measuredRows) {
      const y = d.reference.truth[i];
      if (p[i] === y) right++;
      if (p[i] === 1 && y === 1) tp++; else if (p[i] === 1) fp++; else if (y === 1) fn++;
    }
    return { acc: right / r.measuredRows.length, f1: (2 * tp) / (2 * tp + fp + fn) };
  };
  const a = score(hist!.predict(d.table)), b = score(exact!.predict(d.table));
  console.log(`suggest (depth 3, ${features.length} columns, fit on ${r.fitOn}, measure + rules): p50 ${ms(p50(sug))} (target ≤ 1 s); tree fit alone p50 ${ms(p50(tHist))} | exact sort-based CART p50 ${ms(p50(tExact))} (${ratio(p50(tExact), p50(tHist))})`);
  console.log(`suggest accuracy on ${r.measuredOn}: histogram ${(100 * a.acc).toFixed(3)}% vs exact ${(100 * b.acc).toFixed(3)}% (Δ ${(100 * (a.acc - b.acc)).toFixed(3)} points, target within 0.5); fraud F1 ${a.f1.toFixed(3)} vs ${b.f1.toFixed(3)}; ${r.suggestions.filter((s) => s.rule.target === '1').length} fraud rules`);
  for (const s of r.suggestions.filter((x) => x.rule.target === '1')) console.log(`  ${s.text}`);
  console.log(`(load average at the end: ${os.loadavg()[0].toFixed(1)})`);
}
