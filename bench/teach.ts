/**
 * Does the teaching loop teach? Measured on held-out test items (a seeded, stratified 20% of
 * each demo that no model ever trains on):
 *  A. test accuracy of the dense head (DenseHead, default options) and of logistic regression
 *     on the same features, at 20, 50 and 200 random labels per class and on every pool label;
 *  B. a simulated session in which the true label answers each query: from a few labels per
 *     class, label 20 items at a time from the app's "least confident" queue, or 20 at random,
 *     retraining as the app does after every 20; how many labels each needs to reach 95% of the
 *     test accuracy that training on every pool label gives (median over 5 seeded starts and
 *     random orders; a run stops when it first reaches the target, or at 1,000 labels).
 *
 *   npx tsx bench/run.ts teach [--quick]
 */
import { loadavg } from 'node:os';
import { initBackend } from '../ml/train/backend.node.ts';
import { DenseHead } from '../ml/train/head.ts';
import { LogisticRegression } from '../ml/train/logreg.ts';
import { accuracyOn, drawPerClass, labelsOf, loadSources, rowsMatrix, testSplit, type Source } from './_teach-data.ts';
import { appTrain, simulateSession, subsample, testAccuracy, type SessionResult } from './_teach-session.ts';

/** The embeddings each demo exposes (ml/embed/models/demos.node.ts); the first is the map's default. */
const WANTED = { fashion_mnist: ['pixels', 'mobilenet_v2'], spamassassin: ['use_lite', 'bow'] };
/** Part B runs on the embedding the app opens first: the map's, hence the head's, default. */
const SESSION_EMBEDDING: Record<string, string> = { fashion_mnist: 'pixels', spamassassin: 'use_lite' };
const PER_CLASS = [20, 50, 200];
const SPLIT_SEED = 1;
const BATCH = 20;
const START_PER_CLASS = 3;
const TARGET_FRACTION = 0.95;

const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(0);
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sd = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
const cell = (v: number[]) => (v.length > 1 ? `${mean(v).toFixed(3)} ± ${sd(v).toFixed(3)}` : v[0].toFixed(3));

type Model = 'dense head' | 'logistic regression';

async function testAcc(model: Model, s: Source, rows: Uint32Array, test: Uint32Array, seed: number): Promise<number> {
  const m = model === 'dense head' ? new DenseHead({ seed }) : new LogisticRegression({ seed });
  await m.fit(rowsMatrix(s, rows), labelsOf(s, rows), s.classes);
  return accuracyOn(m.predict(rowsMatrix(s, test)), s, test);
}

/** Part A: one markdown table row per (source, model). */
async function accuracyTable(sources: Source[], seeds: number[]): Promise<void> {
  console.log(`\nA. test accuracy, random labels per class (mean ± sd over ${seeds.length} draws, seeds ${seeds.join(', ')}; "all pool" = every non-test item, seed ${seeds[0]})`);
  console.log(`| dataset | embedding | model | ${PER_CLASS.map((k) => `${k}/class`).join(' | ')} | all pool |`);
  console.log(`|---|---|---|${PER_CLASS.map(() => '---:').join('|')}|---:|`);
  for (const s of sources) {
    const { pool, test } = testSplit(s, SPLIT_SEED);
    for (const model of ['dense head', 'logistic regression'] as const) {
      const cells: string[] = [];
      for (const k of PER_CLASS) {
        const accs: number[] = [];
        for (const seed of seeds) accs.push(await testAcc(model, s, drawPerClass(s, pool, k, seed), test, seed));
        cells.push(cell(accs));
      }
      cells.push((await testAcc(model, s, pool, test, seeds[0])).toFixed(3));
      console.log(`| ${s.dataset} | ${s.embedding} (${s.dim}-d) | ${model} | ${cells.join(' | ')} |`);
    }
  }
}

/** The median labels-to-target over seeds; a run that never got there counts as infinite. */
function medianReached(runs: SessionResult[]): number | null {
  const v = runs.map((r) => r.reachedAt ?? Infinity).sort((a, b) => a - b);
  const m = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return Number.isFinite(m) ? m : null;
}

/** Part B for one source: the reference, then both strategies from the same seeded starts. */
async function session(s: Source, o: { poolSize: number; maxLabels: number; seeds: number[] }): Promise<void> {
  const t0 = performance.now();
  const split = testSplit(s, SPLIT_SEED);
  const pool = subsample(split.pool, o.poolSize, SPLIT_SEED);
  const ref = testAccuracy(await appTrain(s, pool), s, split.test);
  const target = TARGET_FRACTION * ref;
  const poolNote = pool.length < split.pool.length ? `a seeded subsample of ${pool.length} of the ${split.pool.length} pool items` : `all ${pool.length} pool items`;
  console.log(`\n${s.dataset} / ${s.embedding}: session pool = ${poolNote}, test = ${split.test.length} items`);
  console.log(`  all ${pool.length} pool labels: test accuracy ${ref.toFixed(3)}; target ${Math.round(TARGET_FRACTION * 100)}% of it = ${target.toFixed(3)}`);
  const runs: Record<'least-confident' | 'random', SessionResult[]> = { 'least-confident': [], random: [] };
  for (const seed of o.seeds) {
    for (const strategy of ['least-confident', 'random'] as const) {
      const r = await simulateSession(s, { strategy, pool, test: split.test, startPerClass: START_PER_CLASS, batch: BATCH, maxLabels: o.maxLabels, target, seed });
      runs[strategy].push(r);
      const last = r.curve.at(-1)!;
      const every = Math.max(1, Math.ceil(r.curve.length / 8));
      const curve = r.curve.filter((p, i) => i % every === 0 || p === last).map((p) => `${p.labels}:${p.acc.toFixed(3)}`).join(' ');
      console.log(`  seed ${seed} ${strategy.padEnd(15)} ${r.reachedAt === null ? `not reached within ${o.maxLabels} labels` : `reached at ${r.reachedAt} labels`}   [labels:acc ${curve}]`);
    }
  }
  const say = (rs: SessionResult[]) => {
    const m = medianReached(rs);
    return m === null ? `not reached within ${o.maxLabels} labels` : `${m} labels`;
  };
  const each = (rs: SessionResult[]) => rs.map((r) => r.reachedAt ?? `>${o.maxLabels}`).join(', ');
  const median = o.seeds.length > 1 ? `; median over ${o.seeds.length} seeded starts: least-confident ${each(runs['least-confident'])}, random ${each(runs.random)}` : '';
  console.log(`teach: least-confident ${say(runs['least-confident'])} vs random ${say(runs.random)} (${s.dataset})`);
  console.log(`  (${s.embedding}, start ${START_PER_CLASS}/class, +${BATCH} per round${median}; ${secs(t0)} s)`);
}

export default async function bench(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const t0 = performance.now();
  const info = await initBackend('wasm');
  console.log(`backend: ${info.name}${info.simd ? ' (SIMD)' : ''}, threads off; 2 shared cores, load ${loadavg()[0].toFixed(1)}${quick ? '; --quick' : ''}`);
  const { sources, missing } = await loadSources(WANTED);
  if (missing.length) console.log(`missing demos (skipped): ${missing.join(', ')}`);
  if (!sources.length) throw new Error('teach: no demo embeddings found in datasets/');

  const tA = performance.now();
  await accuracyTable(sources, quick ? [1] : [1, 2, 3]);
  console.log(`(part A: ${secs(tA)} s)`);

  console.log(`\nB. simulated teaching sessions (the true label answers; the app's trainHead with the teach panel's defaults retrains every ${BATCH} labels)`);
  for (const [dataset, embedding] of Object.entries(SESSION_EMBEDDING)) {
    const s = sources.find((x) => x.dataset === dataset && x.embedding === embedding);
    if (s) await session(s, quick ? { poolSize: 1500, maxLabels: 400, seeds: [1] } : { poolSize: Infinity, maxLabels: 1000, seeds: [1, 2, 3, 4, 5] });
  }
  console.log(`\ntotal ${secs(t0)} s`);
}
