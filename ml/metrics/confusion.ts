/**
 * Confusion matrix and per-class report for predictions that may abstain (-1). Abstaining is
 * not an error and not a class: it gets its own column, lowers recall (an abstained row of
 * class c is a c the classifier did not find) but not precision, and accuracy is reported on
 * the covered rows next to the coverage itself — one number would hide the trade-off.
 */

export type ConfusionMatrix = {
  k: number;
  /** k rows (truth) × (k + 1) columns (prediction; the last column is abstain), row-major. */
  counts: Int32Array;
  /** Rows whose truth is unknown (-1), left out of the matrix. */
  unlabeled: number;
};

/** `rows` (a mask) limits the matrix to those rows; rows outside it are not counted at all. */
export function confusionMatrix(truth: Int32Array, pred: Int32Array, k: number, rows?: Uint8Array): ConfusionMatrix {
  if (truth.length !== pred.length) throw new RangeError(`truth has ${truth.length} rows, predictions ${pred.length}`);
  if (rows && rows.length !== truth.length) throw new RangeError(`the row mask has ${rows.length} rows, truth ${truth.length}`);
  const w = k + 1;
  const counts = new Int32Array(k * w);
  let unlabeled = 0;
  for (let i = 0; i < truth.length; i++) {
    if (rows && !rows[i]) continue;
    const t = truth[i], p = pred[i];
    if (t < 0 || t >= k) { unlabeled++; continue; }
    counts[t * w + (p < 0 || p >= k ? k : p)]++;
  }
  return { k, counts, unlabeled };
}

/** Count at (truth t, prediction p); p = -1 reads the abstain column. */
export function cell(m: ConfusionMatrix, t: number, p: number): number {
  return m.counts[t * (m.k + 1) + (p < 0 ? m.k : p)];
}

export type ClassMetrics = { name: string; precision: number | null; recall: number | null; f1: number | null; support: number; predicted: number };

export type ClassReport = {
  perClass: ClassMetrics[];
  /** Labeled rows considered. */
  n: number;
  /** Labeled rows with a prediction (not abstained). */
  covered: number;
  coverage: number | null;
  /** Correct / covered. */
  accuracy: number | null;
  /** Mean F1 over classes with support or predictions (undefined F1 counts as 0). */
  macroF1: number | null;
  confusion: ConfusionMatrix;
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function classReport(truth: Int32Array, pred: Int32Array, classes: readonly string[], rows?: Uint8Array): ClassReport {
  return reportFromConfusion(confusionMatrix(truth, pred, classes.length, rows), classes);
}

/** The per-class report of a confusion matrix made elsewhere (e.g. a threshold lookup). */
export function reportFromConfusion(confusion: ConfusionMatrix, classes: readonly string[]): ClassReport {
  const k = classes.length;
  if (confusion.k !== k) throw new RangeError(`the confusion matrix has ${confusion.k} classes, the class list ${k}`);
  const w = k + 1;
  let n = 0, covered = 0, correct = 0;
  const perClass: ClassMetrics[] = [];
  const predicted = new Int32Array(k);
  for (let t = 0; t < k; t++) for (let p = 0; p < k; p++) predicted[p] += confusion.counts[t * w + p];
  let f1Sum = 0, f1Count = 0;
  for (let c = 0; c < k; c++) {
    let support = 0;
    for (let p = 0; p <= k; p++) support += confusion.counts[c * w + p];
    const tp = confusion.counts[c * w + c];
    n += support;
    covered += support - confusion.counts[c * w + k];
    correct += tp;
    const precision = ratio(tp, predicted[c]);
    const recall = ratio(tp, support);
    const f1 = precision !== null && recall !== null ? (precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0) : null;
    if (support > 0 || predicted[c] > 0) { f1Sum += f1 ?? 0; f1Count++; }
    perClass.push({ name: classes[c], precision, recall, f1, support, predicted: predicted[c] });
  }
  return { perClass, n, covered, coverage: ratio(covered, n), accuracy: ratio(correct, covered), macroF1: ratio(f1Sum, f1Count), confusion };
}
