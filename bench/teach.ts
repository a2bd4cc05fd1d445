/**
 * Does the teaching loop teach? Measured on held-out test items (a seeded, stratified 20% of
 * each demo that no model ever trains on):
 *  A. test accuracy of the dense head (DenseHead, default options) and of logistic regression
 *     on the same features, at 20, 50 and 200 random labels per class and on every pool label;
 *  B. a simulated session in which the true label answers each query: from a few labels per
 *     class, label 20 items at a time chosen by each "what to label next" strategy (random,
 *     least confident, smallest margin, margin + diversity), retraining as the app does after
 *     every 20; how many labels each needs to reach 95% of the test accuracy that training on
 *     every pool label gives (median over 5 seeded starts; a run stops when it first reaches
 *     the target, or at 1,000 labels), and which strategy needs fewest (the app's default);
 *  C. how long building each queue takes at the UI's sizes, against sorting every row.
 *
 *   npx tsx bench/run.ts teach [--quick] [--seeds=6-15] [--sessions-only]
 */
import { loadavg } from 'node:os';
import { initBackend } from '../ml/train/backend.node.ts';
import { DenseHead } from '../ml/train/head.ts';
import { LogisticRegression } from '../ml/train/logreg.ts';
import { accuracyOn, drawPerClass, labelsOf, loadSources, rowsMatrix, testSplit, type Source } from './_teach-data.ts';
import { appTrain, simulateSession, subsample, testAccuracy, type SessionResult } from './_teach-session.ts';
import { printReference, queueTimings } from './_teach-timing.ts';
import { DEFAULT_QUEUE, QUEUE_STRATEGIES, type QueueStrategy } from '../ml/train/queues.ts';

/** The embeddings each demo exposes (ml/embed/models/demos.node.ts); the first is the map's default. */
const WANTED = { fashion_mnist: ['pixels', 'mobilenet_v2'], spamassassin: ['use_lite', 'bow'] };
/** Part B runs on the embedding the app opens first: the map's, hence the head's, default. */
const SESSION_EMBEDDING: Record<string, string> = { fashion_mnist: 'pixels', spamassassin: 'use_lite' };
const PER_CLASS = [20, 50, 200];
const SPLIT_SEED = 1;
const BATCH = 20;
const START_PER_CLASS = 3;
const TARGET_FRACTION = 0.95;
/** Random first: every other strategy is read against it. */
const STRATEGIES: QueueStrategy[] = ['random', 'least-confident', 'smallest-margin', 'margin-diversity'];

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
function medianReached(runs: SessionResult[]): number {
  const v = runs.map((r) => r.reachedAt ?? Infinity).sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

/** Mean labels-to-target over seeds, a run that never got there counting as maxLabels + one batch. */
function meanReached(runs: SessionResult[], maxLabels: number): number {
  return mean(runs.map((r) => r.reachedAt ?? maxLabels + BATCH));
}

type SessionSummary = { source: Source; ref: number; target: number; runs: Map<QueueStrategy, SessionResult[]> };

/** Part B for one source: the reference, then every strategy from the same seeded starts. */
async function session(s: Source, o: { poolSize: number; maxLabels: number; seeds: number[] }): Promise<SessionSummary> {
  const t0 = performance.now();
  const split = testSplit(s, SPLIT_SEED);
  const pool = subsample(split.pool, o.poolSize, SPLIT_SEED);
  const ref = testAccuracy(await appTrain(s, pool), s, split.test);
  const target = TARGET_FRACTION * ref;
  const poolNote = pool.length < split.pool.length ? `a seeded subsample of ${pool.length} of the ${split.pool.length} pool items` : `all ${pool.length} pool items`;
  console.log(`\n${s.dataset} / ${s.embedding}: session pool = ${poolNote}, test = ${split.test.length} items`);
  console.log(`  all ${pool.length} pool labels: test accuracy ${ref.toFixed(3)}; target ${Math.round(TARGET_FRACTION * 100)}% of it = ${target.toFixed(3)}`);
  const runs = new Map<QueueStrategy, SessionResult[]>(STRATEGIES.map((k) => [k, []]));
  for (const seed of o.seeds) {
    for (const strategy of STRATEGIES) {
      const t1 = performance.now();
      const r = await simulateSession(s, { strategy, pool, test: split.test, startPerClass: START_PER_CLASS, batch: BATCH, maxLabels: o.maxLabels, target, seed });
      runs.get(strategy)!.push(r);
      const last = r.curve.at(-1)!;
      const every = Math.max(1, Math.ceil(r.curve.length / 8));
      const curve = r.curve.filter((p, i) => i % every === 0 || p === last).map((p) => `${p.labels}:${p.acc.toFixed(3)}`).join(' ');
      console.log(`  seed ${seed} ${strategy.padEnd(16)} ${r.reachedAt === null ? `not reached within ${o.maxLabels} labels` : `reached at ${r.reachedAt} labels`}   [labels:acc ${curve}] ${secs(t1)} s`);
    }
  }
  const say = (k: QueueStrategy) => {
    const m = medianReached(runs.get(k)!);
    return Number.isFinite(m) ? `${m}` : `>${o.maxLabels}`;
  };
  console.log(`teach: ${STRATEGIES.map((k) => `${k} ${say(k)}`).join(', ')} labels (${s.dataset}, median of ${o.seeds.length}; ${secs(t0)} s)`);
  return { source: s, ref, target, runs };
}

/**
 * The markdown table of part B, and the winner: the strategy with the smallest geometric mean,
 * over demos, of its median labels-to-target relative to random's (a run that never reaches
 * the target counts as maxLabels + batch, so a failure still costs).
 */
function summarise(all: SessionSummary[], maxLabels: number): void {
  const cap = (v: number) => (Number.isFinite(v) ? v : maxLabels + BATCH);
  const show = (v: number) => (Number.isFinite(v) ? `${v}` : `>${maxLabels}`);
  console.log(`\n| dataset (embedding) | all-pool accuracy → target | ${STRATEGIES.map((k) => QUEUE_STRATEGIES[k].title.toLowerCase()).join(' | ')} |`);
  console.log(`|---|---:|${STRATEGIES.map(() => '---:').join('|')}|`);
  const score = new Map<QueueStrategy, number>(STRATEGIES.map((k) => [k, 0]));
  for (const { source, ref, target, runs } of all) {
    const medians = STRATEGIES.map((k) => medianReached(runs.get(k)!));
    const best = Math.min(...medians);
    const cells = STRATEGIES.map((k, i) => {
      const each = runs.get(k)!.map((r) => r.reachedAt ?? `>${maxLabels}`).join('/');
      const m = show(medians[i]);
      return `${medians[i] === best ? `**${m}**` : m} (${each})`;
    });
    console.log(`| ${source.dataset} (${source.embedding}) | ${ref.toFixed(3)} → ${target.toFixed(3)} | ${cells.join(' | ')} |`);
    const random = cap(medianReached(runs.get('random')!));
    STRATEGIES.forEach((k, i) => score.set(k, score.get(k)! + Math.log(cap(medians[i]) / random) / all.length));
  }
  const ranked = [...score.entries()].sort((a, b) => a[1] - b[1]);
  console.log(`(cells: median labels to the target over seeds, then each seed's; bold = fewest)`);
  console.log(`labels relative to random (geometric mean over demos of the medians): ${ranked.map(([k, v]) => `${k} ${Math.exp(v).toFixed(2)}`).join(', ')}`);
  // The same with means over seeds instead of medians, to show how much the pick depends on the statistic.
  const byMean = STRATEGIES.map((k) => {
    let v = 0;
    for (const { runs } of all) v += Math.log(meanReached(runs.get(k)!, maxLabels) / meanReached(runs.get('random')!, maxLabels)) / all.length;
    return `${k} ${Math.exp(v).toFixed(2)}`;
  });
  console.log(`(the same with means over seeds: ${byMean.join(', ')})`);
  const [winner] = ranked[0];
  const [runnerUp] = ranked[1];
  // Paired per seed: the winner's labels minus the runner-up's, as a share of random's median.
  const d: number[] = [];
  for (const { runs } of all) {
    const random = cap(medianReached(runs.get('random')!));
    runs.get(winner)!.forEach((r, i) => d.push((cap(r.reachedAt ?? Infinity) - cap(runs.get(runnerUp)![i].reachedAt ?? Infinity)) / random));
  }
  const se = d.length > 1 ? sd(d) / Math.sqrt(d.length - 1) : Infinity;
  const clear = Math.abs(mean(d)) > 2 * se;
  console.log(`best measured: ${winner}; vs ${runnerUp}, paired per seed: ${(100 * mean(d)).toFixed(1)} ± ${(100 * se).toFixed(1)}% of random's labels (${clear ? 'more than 2 standard errors apart' : 'within noise: more seeds (--seeds) to tell them apart'})`);
  console.log(`DEFAULT_QUEUE in ml/train/queues.ts is ${DEFAULT_QUEUE}${winner === DEFAULT_QUEUE ? '' : clear ? '  <-- differs from a clear winner: update it' : ' (set from a 15-seed run; see its comment)'}`);
}

/** `--seeds=6-15` or `--seeds=1,4`: the session seeds (default 1–5; --quick: 1). */
function seedsArg(args: string[], fallback: number[]): number[] {
  const a = args.find((x) => x.startsWith('--seeds='));
  if (!a) return fallback;
  const v = a.slice('--seeds='.length);
  const range = /^(\d+)-(\d+)$/.exec(v);
  const seeds = range ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i) : v.split(',').map(Number);
  if (!seeds.length || seeds.some((x) => !Number.isInteger(x) || x < 0)) throw new Error(`teach: --seeds takes a range (6-15) or a list (1,4), got "${v}"`);
  return seeds;
}

export default async function bench(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  // --sessions-only: part B alone (more seeds for a decision run without repeating A and C).
  const sessionsOnly = args.includes('--sessions-only');
  const t0 = performance.now();
  const info = await initBackend('wasm');
  console.log(`backend: ${info.name}${info.simd ? ' (SIMD)' : ''}, threads off; 2 shared cores, load ${loadavg()[0].toFixed(1)}${quick ? '; --quick' : ''}`);
  const { sources, missing } = await loadSources(WANTED);
  if (missing.length) console.log(`missing demos (skipped): ${missing.join(', ')}`);
  if (!sources.length) throw new Error('teach: no demo embeddings found in datasets/');

  if (!sessionsOnly) {
    const tA = performance.now();
    await accuracyTable(sources, quick ? [1] : [1, 2, 3]);
    console.log(`(part A: ${secs(tA)} s)`);
  }

  console.log(`\nB. simulated teaching sessions (the true label answers; the app's trainHead with the teach panel's defaults retrains every ${BATCH} labels)`);
  const o = quick ? { poolSize: 1500, maxLabels: 400, seeds: seedsArg(args, [1]) } : { poolSize: Infinity, maxLabels: 1000, seeds: seedsArg(args, [1, 2, 3, 4, 5]) };
  const summaries: SessionSummary[] = [];
  for (const [dataset, embedding] of Object.entries(SESSION_EMBEDDING)) {
    const s = sources.find((x) => x.dataset === dataset && x.embedding === embedding);
    if (s) summaries.push(await session(s, o));
  }
  summarise(summaries, o.maxLabels);
  const fashion = sources.find((x) => x.dataset === 'fashion_mnist');
  printReference(fashion ? testSplit(fashion, SPLIT_SEED).test : null);

  if (!sessionsOnly) {
    console.log('\nC. building a queue (what the UI waits for after a retrain)');
    queueTimings(quick);
  }
  console.log(`\ntotal ${secs(t0)} s`);
}
