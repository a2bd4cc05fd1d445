/**
 * Pure helpers that turn what the user made (labels per row) or a ground-truth column into
 * the rows and targets a training run needs, and map the model's answers back. Kept free of
 * React and stores so the rules ("at least 5 items in 2 classes") are unit-tested.
 */
import { mulberry32 } from '../../ml/random.ts';

export const MIN_PER_CLASS = 5;
export const MIN_CLASSES = 2;

export type TrainSet = {
  /** Rows to train on (the job splits off its own validation part). */
  rows: Uint32Array;
  /** Per training row: index into `classes` (the compact list of classes that have items). */
  y: Int32Array;
  classes: string[];
  /** compact class index → index in the full class list. */
  classMap: Int32Array;
  /** Items per compact class. */
  counts: number[];
};

export type Readiness = { ok: true; set: TrainSet } | { ok: false; message: string; counts: number[] };

/** Which labelled rows can be trained on, or a sentence saying what is missing. */
export function trainSetFromLabels(perRow: Int32Array, classes: readonly string[]): Readiness {
  const k = classes.length;
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < perRow.length; i++) {
    const c = perRow[i];
    if (c >= 0 && c < k) counts[c]++;
  }
  const usable: number[] = [];
  counts.forEach((n, c) => { if (n >= MIN_PER_CLASS) usable.push(c); });
  if (usable.length < MIN_CLASSES) return { ok: false, message: missingMessage(classes, counts), counts };
  // Classes with 1–4 items are left out of this run rather than taught from a handful.
  const compact = new Int32Array(k).fill(-1);
  usable.forEach((c, j) => { compact[c] = j; });
  let n = 0;
  for (let c = 0; c < k; c++) if (compact[c] >= 0) n += counts[c];
  const rows = new Uint32Array(n);
  const y = new Int32Array(n);
  let j = 0;
  for (let i = 0; i < perRow.length; i++) {
    const c = perRow[i];
    if (c >= 0 && c < k && compact[c] >= 0) { rows[j] = i; y[j] = compact[c]; j++; }
  }
  return {
    ok: true,
    set: { rows, y, classes: usable.map((c) => classes[c]), classMap: Int32Array.from(usable), counts: usable.map((c) => counts[c]) },
  };
}

export function missingMessage(classes: readonly string[], counts: readonly number[]): string {
  const ask = `Label at least ${MIN_PER_CLASS} items in ${MIN_CLASSES} classes to train`;
  const have = classes.map((c, i) => `${c} ${counts[i]}`).filter((_, i) => counts[i] > 0);
  return have.length ? `${ask} (now: ${have.join(', ')}).` : `${ask} (no labels yet).`;
}

export type ColumnSplit = TrainSet & { testRows: Uint32Array; testY: Int32Array };

/**
 * A seeded, stratified train/test split of a ground-truth column (codes, -1 = missing).
 * `maxTrain` caps the training rows (a 284k-row table trains on a sample; all rows are still
 * predicted); the test rows are the rest, capped the same way.
 */
export function splitColumn(codes: Int32Array, dictionary: readonly string[], opts: { testFraction?: number; seed?: number; maxTrain?: number } = {}): ColumnSplit | { message: string } {
  const testFraction = opts.testFraction ?? 0.2;
  const maxTrain = opts.maxTrain ?? 20_000;
  const rand = mulberry32(opts.seed ?? 1);
  const byClass: number[][] = dictionary.map(() => []);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0 && codes[i] < dictionary.length) byClass[codes[i]].push(i);
  const present = byClass.map((r, c) => (r.length >= 2 ? c : -1)).filter((c) => c >= 0);
  if (present.length < 2) return { message: `The column needs at least 2 classes with 2 or more rows each (found ${present.length}).` };
  const total = present.reduce((s, c) => s + byClass[c].length, 0);
  // Same fraction of every class in the sample, so rare classes (fraud: 0.17%) keep their share.
  const keep = Math.min(1, maxTrain / Math.max(1, total * (1 - testFraction)));
  const train: [number, number][] = [];
  const test: [number, number][] = [];
  present.forEach((c, j) => {
    const rows = byClass[c];
    for (let i = rows.length - 1; i > 0; i--) {
      const r = Math.floor(rand() * (i + 1));
      [rows[i], rows[r]] = [rows[r], rows[i]];
    }
    const nTest = Math.max(1, Math.round(rows.length * testFraction));
    const nTrain = Math.max(1, Math.round((rows.length - nTest) * keep));
    const nTestKept = Math.max(1, Math.round(nTest * keep));
    for (let i = 0; i < nTestKept; i++) test.push([rows[i], j]);
    for (let i = nTest; i < nTest + nTrain; i++) train.push([rows[i], j]);
  });
  train.sort((a, b) => a[0] - b[0]);
  test.sort((a, b) => a[0] - b[0]);
  return {
    rows: Uint32Array.from(train, (p) => p[0]),
    y: Int32Array.from(train, (p) => p[1]),
    classes: present.map((c) => dictionary[c]),
    classMap: Int32Array.from(present),
    counts: present.map((_, j) => train.filter((p) => p[1] === j).length),
    testRows: Uint32Array.from(test, (p) => p[0]),
    testY: Int32Array.from(test, (p) => p[1]),
  };
}

/**
 * Puts compact-class answers back into the full class list, so predicted indices mean the
 * same as label indices (queues compare them directly). No copy when nothing was left out.
 */
export function expandToFull(predicted: Int32Array, proba: Float32Array, classMap: Int32Array, fullK: number): { predicted: Int32Array; proba: Float32Array } {
  const kc = classMap.length;
  const identity = kc === fullK && classMap.every((c, i) => c === i);
  if (identity) return { predicted, proba };
  const n = predicted.length;
  const outPred = new Int32Array(n);
  const outProba = new Float32Array(n * fullK);
  for (let i = 0; i < n; i++) {
    outPred[i] = classMap[predicted[i]];
    for (let j = 0; j < kc; j++) outProba[i * fullK + classMap[j]] = proba[i * kc + j];
  }
  return { predicted: outPred, proba: outProba };
}

/** Accuracy and a k×k confusion ([true][predicted]) of `predicted` on some rows. */
export function heldOutScore(predicted: Int32Array, rows: Uint32Array, truth: Int32Array, k: number): { acc: number; confusion: Int32Array } {
  const confusion = new Int32Array(k * k);
  let right = 0;
  for (let i = 0; i < rows.length; i++) {
    const t = truth[i];
    const p = predicted[rows[i]];
    if (t >= 0 && t < k && p >= 0 && p < k) confusion[t * k + p]++;
    if (t === p) right++;
  }
  return { acc: rows.length ? right / rows.length : NaN, confusion };
}

/** Items predicted per class over all rows. */
export function countPredicted(predicted: Int32Array, k: number): number[] {
  const out = new Array<number>(k).fill(0);
  for (let i = 0; i < predicted.length; i++) if (predicted[i] >= 0 && predicted[i] < k) out[predicted[i]]++;
  return out;
}
