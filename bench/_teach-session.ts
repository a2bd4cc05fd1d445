/**
 * Shared by bench/teach.ts: a simulated teaching session. The "teacher" is the true label:
 * each round the app's training job (trainHead, with the teach panel's default settings,
 * balanced class weights and automatic validation, as renderer/model/train-run.ts runs it)
 * retrains on the labels so far, then the next `batch` items come either from the app's
 * "least confident" queue (ml/train/queues.ts) or at random from the session pool.
 * (Files starting with "_" are not benchmarks; this one is imported, not run.)
 */
import { trainHead } from '../ml/train/head.ts';
import { leastConfident } from '../ml/train/queues.ts';
import { directContext } from '../ml/jobs/job.ts';
import { mulberry32, permutation } from '../ml/random.ts';
import type { TrainResult } from '../ml/train/types.ts';
import { DEFAULT_SETTINGS, teachOptions } from '../ml/train/teach-options.ts';
import { drawPerClass, labelsOf, type Source } from './_teach-data.ts';

export type Strategy = 'least-confident' | 'random';
export type CurvePoint = { labels: number; acc: number };
export type SessionResult = { strategy: Strategy; curve: CurvePoint[]; reachedAt: number | null };

/** What the app trains on when the user presses Train (see renderer/model/train-run.ts). */
const APP_OPTIONS = teachOptions(DEFAULT_SETTINGS);

/**
 * One retrain as the app does it: the head is trained on the labelled rows, then every row is
 * scored (the standardiser is fitted over all rows, unsupervised, as in the app).
 */
export function appTrain(s: Source, rows: Uint32Array): Promise<TrainResult> {
  return trainHead({ ...APP_OPTIONS, x: s.x, dim: s.dim, rows, y: labelsOf(s, rows), classes: s.classes }, directContext());
}

export function testAccuracy(r: TrainResult, s: Source, test: Uint32Array): number {
  let ok = 0;
  for (const i of test) ok += r.predicted[i] === s.y[i] ? 1 : 0;
  return ok / test.length;
}

/** A seeded subsample of the pool (all of it when `size` ≥ pool size), sorted. */
export function subsample(pool: Uint32Array, size: number, seed: number): Uint32Array {
  if (size >= pool.length) return pool;
  const order = permutation(pool.length, mulberry32(seed));
  return Uint32Array.from(order.subarray(0, size), (i) => pool[i]).sort();
}

export type SessionOptions = {
  strategy: Strategy;
  /** Rows the teacher may label (the test rows are never among them). */
  pool: Uint32Array;
  test: Uint32Array;
  startPerClass: number;
  batch: number;
  maxLabels: number;
  /** Test accuracy that counts as "taught"; the session stops once it is reached. */
  target: number;
  seed: number;
};

export async function simulateSession(s: Source, o: SessionOptions): Promise<SessionResult> {
  const n = s.y.length;
  // Rows outside the pool are "already labelled" as far as the queue is concerned.
  const taken = new Uint8Array(n).fill(1);
  for (const r of o.pool) taken[r] = 0;
  const labelled: number[] = [];
  const add = (r: number) => {
    taken[r] = 1;
    labelled.push(r);
  };
  // Both strategies start from the same seeded labels.
  for (const r of drawPerClass(s, o.pool, o.startPerClass, o.seed)) add(r);
  const randomOrder = permutation(o.pool.length, mulberry32(o.seed ^ 0x9e3779b9));
  let cursor = 0;
  const curve: CurvePoint[] = [];
  for (;;) {
    const result = await appTrain(s, Uint32Array.from(labelled));
    const acc = testAccuracy(result, s, o.test);
    curve.push({ labels: labelled.length, acc });
    if (acc >= o.target) return { strategy: o.strategy, curve, reachedAt: labelled.length };
    const before = labelled.length;
    if (before + o.batch > o.maxLabels) return { strategy: o.strategy, curve, reachedAt: null };
    if (o.strategy === 'least-confident') {
      for (const r of leastConfident(result.margin, taken, o.batch)) add(r);
    } else {
      for (let picked = 0; picked < o.batch && cursor < randomOrder.length; cursor++) {
        const r = o.pool[randomOrder[cursor]];
        if (!taken[r]) {
          add(r);
          picked++;
        }
      }
    }
    if (labelled.length === before) return { strategy: o.strategy, curve, reachedAt: null }; // pool exhausted
  }
}
