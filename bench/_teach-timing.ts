/**
 * Shared by bench/teach.ts: part C (how long each "what to label next" queue takes to build at
 * the sizes the UI meets) and the scikit-learn reference run (scripts/fixtures/teach-sklearn.py,
 * output committed in tests/fixtures/sklearn/teach.json).
 * (Files starting with "_" are not benchmarks; this one is imported, not run.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gaussian, mulberry32 } from '../ml/random.ts';
import { scoresFrom } from '../ml/train/predict.ts';
import { QUEUE_STRATEGIES, labelNext, type LabelNextInput, type QueueStrategy } from '../ml/train/queues.ts';
import { p50, p95 } from './_stats.ts';

/** The UI's queue length (renderer/model/queue-build.ts QUEUE_LENGTH). */
const QUEUE_LENGTH = 200;

/** Softmax scores of `classes` classes for n rows, an n×dim embedding and a few hundred labelled rows. */
function scene(n: number, dim: number, classes: number, seed: number): LabelNextInput {
  const r = mulberry32(seed);
  const logits = Float32Array.from({ length: n * classes }, () => 2 * gaussian(r));
  const proba = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let c = 0; c < classes; c++) z += Math.exp(logits[i * classes + c]);
    for (let c = 0; c < classes; c++) proba[i * classes + c] = Math.exp(logits[i * classes + c]) / z;
  }
  const x = Float32Array.from({ length: n * dim }, () => gaussian(r));
  const labelled = Uint8Array.from({ length: n }, () => (r() < 0.05 ? 1 : 0));
  // A model's standardiser comes as plain arrays (HeadJSON).
  const scaler = { mean: Array.from({ length: dim }, () => 0.1), std: Array.from({ length: dim }, () => 1.5) };
  return { ...scoresFrom(proba, classes), labelled, embedding: { x, dim, scaler }, seed: 1 };
}

/** The fair baseline: what the app did before, sort every unlabelled row by margin, then take k. */
function sortAll(margin: Float32Array, labelled: Uint8Array | null, k: number): Uint32Array {
  const rows: number[] = [];
  for (let i = 0; i < margin.length; i++) if (!labelled || !labelled[i]) rows.push(i);
  return Uint32Array.from(rows)
    .sort((a, b) => margin[a] - margin[b] || a - b)
    .slice(0, k);
}

function time(repeats: number, f: () => unknown): number[] {
  f(); // warm-up: JIT, allocations
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
  }
  return ms;
}

export function queueTimings(quick: boolean): void {
  const repeats = quick ? 5 : 15;
  console.log(`(a ${QUEUE_LENGTH}-item queue, margin + diversity clustering 10 × 20 candidates into 20; p50 / p95 of ${repeats} runs; baseline = sorting every unlabelled row by margin)`);
  console.log('| rows × dim | strategy | p50 ms | p95 ms | × baseline |');
  console.log('|---|---|---:|---:|---:|');
  for (const [n, dim] of [[5000, 1280], [50000, 512]]) {
    const input = scene(n, dim, 10, n);
    const base = time(repeats, () => sortAll(input.margin, input.labelled, QUEUE_LENGTH));
    console.log(`| ${n} × ${dim} | baseline: sort all | ${p50(base).toFixed(1)} | ${p95(base).toFixed(1)} | 1.00 |`);
    for (const s of Object.keys(QUEUE_STRATEGIES) as QueueStrategy[]) {
      const ms = time(repeats, () => labelNext(s, input, QUEUE_LENGTH));
      console.log(`| ${n} × ${dim} | ${s} | ${p50(ms).toFixed(1)} | ${p95(ms).toFixed(1)} | ${(p50(ms) / p50(base)).toFixed(2)} |`);
    }
  }
}

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'sklearn', 'teach.json');

type Reference = { protocol: string; sklearn: string; testSize: number; testChecksum: number; results: { strategy: string; median: number | null; perSeed: (number | null)[] }[]; allPool: number; target: number };

/**
 * The scikit-learn run, as committed (it needs Python, so the bench only reads it), and
 * whether it used this bench's Fashion-MNIST test split (the script re-implements it).
 */
export function printReference(fashionTest: Uint32Array | null): void {
  if (!existsSync(fixture)) {
    console.log('\n(no scikit-learn reference: run /usr/bin/python3 scripts/fixtures/teach-sklearn.py)');
    return;
  }
  const ref = JSON.parse(readFileSync(fixture, 'utf8')) as Reference;
  let checksum = 0;
  fashionTest?.forEach((r, i) => (checksum += r * (i + 1)));
  const same = fashionTest ? (fashionTest.length === ref.testSize && checksum === ref.testChecksum ? 'the same test split as above' : 'NOT the test split above') : 'split not checked';
  console.log(`\nReference, scikit-learn ${ref.sklearn} (${ref.protocol}; ${same}): all-pool ${ref.allPool.toFixed(3)} → target ${ref.target.toFixed(3)}`);
  for (const r of ref.results) console.log(`  ${r.strategy.padEnd(16)} median ${r.median ?? 'not reached'} labels (${r.perSeed.map((v) => v ?? '—').join('/')})`);
}
