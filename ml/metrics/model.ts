/**
 * A model's answers, prepared once per (model, reference, positive class) for the Compare
 * view: its argmax predictions and confidences, the rows it may be scored on, and one sort of
 * those rows by the positive class's probability (threshold lookups and curves read it).
 * Everything after a rule edit or a threshold step reuses this; nothing here depends on rules.
 */
import type { Reference } from './reference.ts';
import { alignClasses, rarestClass } from './reference.ts';
import type { RowSet } from './rows.ts';
import { formatCount } from './rows.ts';
import { argsortDesc } from './sort.ts';
import { buildScoreIndex, type ScoreIndex } from './threshold.ts';
import { curves, type PrCurve, type RocCurve } from './curves.ts';
import { classReport, type ClassReport } from './confusion.ts';
import { curveSearch, type CurveSearch } from './headline.ts';

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
  /** The model's argmax report on `evalRows` (null when there are none). */
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
  /** Per row: its position in `index` (-1 when not in it). */
  rank: Int32Array | null;
  pr: PrCurve | null;
  roc: RocCurve | null;
  /** For the headline's binary searches on `pr`. */
  prSearch: CurveSearch | null;
  notes: string[];
};

export type PrepareOptions = {
  /** Positive class for curves and thresholds; default the rarest reference class the model knows. */
  positive?: string | null;
};

export function prepareModel(reference: Reference, model: ModelPredictions, opts: PrepareOptions = {}): PreparedModel {
  const n = reference.truth.length, truth = reference.truth;
  const K = model.classes.length;
  if (K < 1) throw new Error('the model has no classes');
  if (model.proba.length !== n * K) throw new RangeError(`the model's probabilities have ${model.proba.length} values; ${n} rows × ${K} classes need ${n * K}`);
  if (model.eligible.mask.length !== n) throw new RangeError(`the model's eligible rows cover ${model.eligible.mask.length} rows, the table has ${n}`);
  const { classes, fromModel } = alignClasses(reference.classes, [], model.classes);
  const k = classes.length, notes: string[] = [];
  const posName = opts.positive === undefined ? rarestClass(reference, model.classes) : opts.positive;
  const mPos = posName === null ? -1 : model.classes.indexOf(posName);
  if (posName !== null && mPos < 0) notes.push(`The model has no class ${JSON.stringify(posName)}: no curves or threshold for it.`);

  // One pass: argmax, and with a positive class its score and the best other class.
  const P = model.proba, E = model.eligible.mask;
  const pred = new Int32Array(n), confidence = new Float32Array(n);
  const score = mPos >= 0 ? new Float32Array(n) : null, alt = mPos >= 0 ? new Int32Array(n) : null, altScore = mPos >= 0 ? new Float32Array(n) : null;
  const evalMask = new Uint8Array(n);
  let evalCount = 0, eligibleUnlabelled = 0;
  for (let i = 0, o = 0; i < n; i++, o += K) {
    let best = -1, bp = -Infinity, other = -1, op = -Infinity;
    for (let c = 0; c < K; c++) {
      const p = P[o + c];
      if (p > bp) { bp = p; best = c; }
      if (c !== mPos && p > op) { op = p; other = c; }
    }
    pred[i] = best >= 0 ? fromModel[best] : -1;
    confidence[i] = best >= 0 ? bp : NaN;
    if (score) { score[i] = P[o + mPos]; alt![i] = other >= 0 ? fromModel[other] : -1; altScore![i] = other >= 0 ? op : NaN; }
    if (E[i]) { if (truth[i] >= 0) { evalMask[i] = 1; evalCount++; } else eligibleUnlabelled++; }
  }
  const what = eligibleUnlabelled ? `${model.eligible.what} with a reference label` : model.eligible.what;
  const evalRows: RowSet = { mask: evalMask, count: evalCount, what, description: `${formatCount(evalCount)} ${what}` };
  if (model.eligible.count === 0) notes.push('The model has no rows it did not train on, so it is not scored: hold rows out or cross-validate.');
  else if (evalCount === 0) notes.push(`None of the model's ${model.eligible.description} has a reference label, so it is not scored.`);
  const prepared: PreparedModel = {
    reference, n, classes, modelClasses: [...model.classes], pred, confidence, eligible: model.eligible, evalRows,
    report: evalCount ? classReport(truth, pred, classes, evalMask) : null,
    positive: mPos >= 0 ? fromModel[mPos] : null, score, alt, altScore, index: null, rank: null, pr: null, roc: null, prSearch: null, notes,
  };
  if (!score || !alt || evalCount === 0) return prepared;
  const rows = new Uint32Array(evalCount);
  for (let i = 0, j = 0; i < n; i++) if (evalMask[i]) rows[j++] = i;
  const { order } = argsortDesc(score, rows);
  // Eval rows with no score (NaN) are abstentions at every threshold: the fixed part.
  const fixed = new Int32Array(k * (k + 1));
  const rank = new Int32Array(n).fill(-1);
  for (let j = 0; j < order.length; j++) rank[order[j]] = j;
  if (order.length < rows.length) for (const i of rows) if (rank[i] < 0) fixed[truth[i] * (k + 1) + k]++;
  prepared.index = buildScoreIndex(order, score, truth, alt, k, prepared.positive!, fixed);
  prepared.rank = rank;
  Object.assign(prepared, curves(prepared.index));
  prepared.prSearch = curveSearch(prepared.pr!);
  return prepared;
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
