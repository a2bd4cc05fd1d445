/**
 * Shared by bench/teach.ts: a simulated teaching session. The "teacher" is the true label:
 * each round the app's training job (trainHead, with the teach panel's default settings,
 * balanced class weights and automatic validation, as renderer/model/train-run.ts runs it)
 * retrains on the labels so far, then the next `batch` items come from one of the app's
 * "what to label next" strategies (ml/train/queues.ts `labelNext`, random included) over the
 * session pool.
 * (Files starting with "_" are not benchmarks; this one is imported, not run.)
 */
import { trainHead } from '../ml/train/head.ts';
import { labelNext, type QueueStrategy } from '../ml/train/queues.ts';
import { directContext } from '../ml/jobs/job.ts';
import { mulberry32, permutation } from '../ml/random.ts';
import type { TrainResult } from '../ml/train/types.ts';
import { DEFAULT_SETTINGS, teachOptions } from '../ml/train/teach-options.ts';
import { drawPerClass, labelsOf, type Source } from './_teach-data.ts';

export type CurvePoint = { labels: number; acc: number };
export type SessionResult = { strategy: QueueStrategy; curve: CurvePoint[]; reachedAt: number | null };

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
  strategy: QueueStrategy;
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
  // Every strategy starts from the same seeded labels.
  for (const r of drawPerClass(s, o.pool, o.startPerClass, o.seed)) add(r);
  const curve: CurvePoint[] = [];
  for (let round = 0; ; round++) {
    const result = await appTrain(s, Uint32Array.from(labelled));
    const acc = testAccuracy(result, s, o.test);
    curve.push({ labels: labelled.length, acc });
    if (acc >= o.target) return { strategy: o.strategy, curve, reachedAt: labelled.length };
    const before = labelled.length;
    if (before + o.batch > o.maxLabels) return { strategy: o.strategy, curve, reachedAt: null };
    // As the app asks: the model's scores, its own standardiser for distances, a seed per round.
    const next = labelNext(o.strategy, {
      proba: result.proba,
      margin: result.margin,
      labelled: taken,
      seed: o.seed * 1000 + round,
      embedding: { x: s.x, dim: s.dim, scaler: { mean: result.model.mean, std: result.model.std } },
      batch: o.batch,
    }, o.batch);
    for (const r of next) add(r);
    if (labelled.length === before) return { strategy: o.strategy, curve, reachedAt: null }; // pool exhausted
  }
}
