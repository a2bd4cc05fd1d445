/**
 * A model's answers, prepared once per (model, reference, positive class) for the Compare
 * view: its argmax predictions and confidences, the rows it may be scored on, and one sort of
 * those rows by the positive class's probability (threshold lookups and curves read it).
 * Everything after a rule edit or a threshold step reuses this; nothing here depends on rules.
 */
import type { Reference } from './reference.ts';
import { alignClasses, rarestClass } from './reference.ts';
import { intersectRows, type RowSet } from './rows.ts';
import { argsortDesc } from './sort.ts';
import { buildScoreIndex, type ScoreIndex } from './threshold.ts';
import { prCurve, rocCurve, type PrCurve, type RocCurve } from './curves.ts';
import { classReport, type ClassReport } from './confusion.ts';

export type ModelPredictions = {
  classes: readonly string[];
  /** n × classes.length probabilities, row-major. A row of NaN = no answer for that row. */
  proba: Float32Array;
  /**
   * Rows the model did NOT train on (a hold-out set, or every row when the probabilities are
   * cross-validated). It is scored on these only; there is deliberately no default.
   */
  eligible: RowSet;
};

export type PreparedModel = {
  reference: Reference;
  n: number;
  /** Reference classes, then model classes the reference lacks. Predictions index this list. */
  classes: string[];
  modelClasses: string[];
  /** Per row: argmax class (index into `classes`), -1 when the row has no probabilities. */
  pred: Int32Array;
  /** Per row: probability of the argmax class (NaN when none). */
  confidence: Float32Array;
  eligible: RowSet;
  /** Eligible rows with a reference label: where the model (and hybrid) are scored. */
  evalRows: RowSet;
  /** The model's argmax report on `evalRows`. */
  report: ClassReport | null;
  /** Index into `classes` of the positive class (one-vs-rest views), null if the model lacks it. */
  positive: number | null;
  /** Per row: probability of the positive class. */
  score: Float32Array | null;
  /** Per row: the best class other than the positive one (what a row below the threshold gets). */
  alt: Int32Array | null;
  /** Per row: that class's probability. */
  altScore: Float32Array | null;
  /** `evalRows` sorted by score (null without a positive class or without eval rows). */
  index: ScoreIndex | null;
  pr: PrCurve | null;
  roc: RocCurve | null;
  notes: string[];
};

export type PrepareOptions = {
  /** Positive class for curves and thresholds; default the rarest reference class the model knows. */
  positive?: string | null;
};

export function prepareModel(reference: Reference, model: ModelPredictions, opts: PrepareOptions = {}): PreparedModel {
  const n = reference.truth.length;
  const K = model.classes.length;
  if (K < 1) throw new Error('the model has no classes');
  if (model.proba.length !== n * K) throw new RangeError(`the model's probabilities have ${model.proba.length} values; ${n} rows × ${K} classes need ${n * K}`);
  if (model.eligible.mask.length !== n) throw new RangeError(`the model's eligible rows cover ${model.eligible.mask.length} rows, the table has ${n}`);
  const { classes, fromModel, notes } = alignClasses(reference.classes, [], model.classes);
  const k = classes.length;
  const P = model.proba;
  const pred = new Int32Array(n), confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = -1, bp = -Infinity;
    for (let c = 0; c < K; c++) { const p = P[i * K + c]; if (p > bp) { bp = p; best = c; } }
    pred[i] = best >= 0 ? fromModel[best] : -1;
    confidence[i] = best >= 0 ? bp : NaN;
  }
  const labelled = new Uint8Array(n);
  for (let i = 0; i < n; i++) labelled[i] = reference.truth[i] >= 0 ? 1 : 0;
  const allLabelled = model.eligible.count === 0 || intersectRows(model.eligible, labelled, 'x').count === model.eligible.count;
  const evalRows = intersectRows(model.eligible, labelled, allLabelled ? model.eligible.what : `${model.eligible.what} with a reference label`);
  if (model.eligible.count === 0) notes.push('The model has no rows it did not train on, so it is not scored: hold rows out or cross-validate.');
  else if (evalRows.count === 0) notes.push(`None of the model's ${model.eligible.description} has a reference label, so it is not scored.`);
  const report = evalRows.count ? classReport(reference.truth, pred, classes, evalRows.mask) : null;

  const posName = opts.positive === undefined ? rarestClass(reference, model.classes) : opts.positive;
  const mPos = posName === null ? -1 : model.classes.indexOf(posName);
  if (posName !== null && mPos < 0) notes.push(`The model has no class ${JSON.stringify(posName)}: no curves or threshold for it.`);
  const prepared: PreparedModel = {
    reference, n, classes, modelClasses: [...model.classes], pred, confidence, eligible: model.eligible, evalRows, report,
    positive: null, score: null, alt: null, altScore: null, index: null, pr: null, roc: null, notes,
  };
  if (mPos < 0) return prepared;
  const score = new Float32Array(n), alt = new Int32Array(n), altScore = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    score[i] = P[i * K + mPos];
    let best = -1, bp = -Infinity;
    for (let c = 0; c < K; c++) { if (c === mPos) continue; const p = P[i * K + c]; if (p > bp) { bp = p; best = c; } }
    alt[i] = best >= 0 ? fromModel[best] : -1;
    altScore[i] = best >= 0 ? bp : NaN;
  }
  prepared.positive = fromModel[mPos];
  prepared.score = score;
  prepared.alt = alt;
  prepared.altScore = altScore;
  if (evalRows.count === 0) return prepared;
  const rows = evalIndices(evalRows);
  const { order } = argsortDesc(score, rows);
  // Eval rows with no score (NaN) are abstentions at every threshold: the fixed part.
  const fixed = new Int32Array(k * (k + 1));
  if (order.length < rows.length) {
    const scored = new Uint8Array(n);
    for (const i of order) scored[i] = 1;
    for (const i of rows) if (!scored[i]) fixed[reference.truth[i] * (k + 1) + k]++;
  }
  prepared.index = buildScoreIndex(order, score, reference.truth, alt, k, prepared.positive, fixed);
  prepared.pr = prCurve(prepared.index);
  prepared.roc = rocCurve(prepared.index);
  return prepared;
}

function evalIndices(s: RowSet): Uint32Array {
  const out = new Uint32Array(s.count);
  let j = 0;
  for (let i = 0; i < s.mask.length; i++) if (s.mask[i]) out[j++] = i;
  return out;
}

/**
 * The model's predictions and confidences at a one-vs-rest threshold: positive when its score
 * is ≥ t, else its best other class. Confidence = the probability of the class it gets.
 */
export function predictAt(m: PreparedModel, t: number): { pred: Int32Array; confidence: Float32Array } {
  if (!m.score || !m.alt || !m.altScore || m.positive === null) throw new Error('no positive class: this model has no threshold');
  const { n, score, alt, altScore, positive } = m;
  const pred = new Int32Array(n), confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const s = score[i];
    if (s !== s) { pred[i] = -1; confidence[i] = NaN; continue; }
    if (s >= t) { pred[i] = positive; confidence[i] = s; }
    else { pred[i] = alt[i]; confidence[i] = altScore[i]; }
  }
  return { pred, confidence };
}
