/**
 * Rules vs model vs hybrid (rules first, the model where they abstain), side by side, for the
 * Compare view. `prepareModel` (model.ts) does the per-model work once; `compare` then costs
 * a few linear passes, so it reruns after every rule edit, and `Comparison.at(t)` gives the
 * model's and the hybrid's confusion at a threshold in O(K² log n) for the slider.
 *
 * Rows: the three are scored on the same rows, the model's eligible rows that have a reference
 * label (it never sees its training rows here); `rulesAllRows` scores the rules on every
 * labelled row as well. Every figure carries the RowSet it was computed on.
 */
import type { Rule, RuleSet } from '../rules/spec.ts';
import { ruleSetAssign } from '../rules/compile.ts';
import type { Table } from '../table/types.ts';
import { classReport, reportFromConfusion, type ClassReport, type ConfusionMatrix } from './confusion.ts';
import { alignClasses, rarestClass, remap, type Reference } from './reference.ts';
import { allRows, rowSetFromMask, type RowSet } from './rows.ts';
import { predictAt, type PreparedModel } from './model.ts';
import { buildScoreIndex, confusionAt, type ScoreIndex } from './threshold.ts';
import { agreementMatrix, type AgreementMatrix } from './agreement-matrix.ts';
import { modelAdds, type Adds } from './adds.ts';
import { headline, type Headline } from './headline.ts';
import { prPoint, singleRulePoints, RuleIndexCache, type PrPoint } from './rule-points.ts';

/** What the rules predict per row: an index into `classes`, -1 = abstain. */
export type RulePredictions = { classes: readonly string[]; pred: Int32Array };

/** A rule set's predictions on a table (first enabled match wins; its default class, if any, elsewhere). */
export function rulePredictions(table: Table, set: RuleSet): RulePredictions {
  const classes: string[] = [];
  for (const r of set.rules) if (!classes.includes(r.target)) classes.push(r.target);
  if (set.defaultClass !== null && !classes.includes(set.defaultClass)) classes.push(set.defaultClass);
  const target = Int32Array.from(set.rules, (r) => classes.indexOf(r.target));
  const d = set.defaultClass === null ? -1 : classes.indexOf(set.defaultClass);
  const pred = ruleSetAssign(table, set);
  for (let i = 0; i < pred.length; i++) pred[i] = pred[i] >= 0 ? target[pred[i]] : d;
  return { classes, pred };
}

export type Scored = { report: ClassReport; rows: RowSet };
export type HybridScored = Scored & { decidedByRules: number; decidedByModel: number; undecided: number };

export type PositiveStats = { tp: number; fp: number; fn: number; tn: number; precision: number | null; recall: number | null; f1: number | null };

/** The model and the hybrid at one threshold, on `Comparison.rows`. */
export type ThresholdView = { threshold: number; model: ClassReport; hybrid: ClassReport; positive: PositiveStats };

export type CompareOptions = {
  model?: PreparedModel | null;
  /** null/absent: the model's argmax. A number: one-vs-rest threshold on the positive class. */
  threshold?: number | null;
  /** Positive class when there is no model (with one, the model's positive is used). */
  positive?: string | null;
  /** Names the positives in sentences ("frauds"); default `"<class>" rows`. */
  positiveNoun?: string;
  /** Rows of the agreement matrix: every row (default: it is for finding rows to look at) or the scored rows. */
  agreementOn?: 'all' | 'scored';
  /** With the rule set and its table, each single rule becomes a point on the PR plane. */
  ruleSet?: { table: Table; rules: readonly Rule[]; cache?: RuleIndexCache };
};

export type Comparison = {
  /** Reference classes, then model-only, then rule-only classes. Every index below is into this. */
  classes: string[];
  positive: number | null;
  /** Clear sentences about what does not match or cannot be scored (nothing here throws). */
  notes: string[];
  /** The rows the side-by-side figures are on. */
  rows: RowSet;
  rules: Scored;
  rulesAllRows: Scored;
  model: Scored | null;
  hybrid: HybridScored | null;
  /** Per row, in `classes` (-1 = abstain); the model's at `threshold`. */
  rulePred: Int32Array;
  modelPred: Int32Array | null;
  modelConfidence: Float32Array | null;
  hybridPred: Int32Array | null;
  threshold: number | null;
  agreement: AgreementMatrix | null;
  adds: Adds | null;
  headline: Headline | null;
  /** The rule set as a point on the positive class's PR plane (on `rows`). */
  rulesPoint: PrPoint | null;
  /** Single rules predicting the positive class, as points (only with `opts.ruleSet`). */
  rulePoints: PrPoint[];
  /** The model and hybrid at threshold t, O(K² log n); null without a positive class. */
  at(t: number): ThresholdView | null;
};

function labelledRows(ref: Reference): RowSet {
  const m = new Uint8Array(ref.truth.length);
  for (let i = 0; i < m.length; i++) m[i] = ref.truth[i] >= 0 ? 1 : 0;
  return rowSetFromMask(m, 'labelled rows');
}

function embed(m: ConfusionMatrix | Int32Array, from: number, to: number): Int32Array {
  const src = m instanceof Int32Array ? m : m.counts;
  if (from === to) return src;
  const out = new Int32Array(to * (to + 1));
  for (let t = 0; t < from; t++) {
    for (let p = 0; p < from; p++) out[t * (to + 1) + p] = src[t * (from + 1) + p];
    out[t * (to + 1) + to] = src[t * (from + 1) + from];
  }
  return out;
}

function positiveStats(c: ConfusionMatrix, p: number): PositiveStats {
  const w = c.k + 1;
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let t = 0; t < c.k; t++) for (let q = 0; q <= c.k; q++) {
    const x = c.counts[t * w + q];
    if (t === p) { if (q === p) tp += x; else fn += x; } else if (q === p) fp += x; else tn += x;
  }
  const precision = tp + fp ? tp / (tp + fp) : null, recall = tp + fn ? tp / (tp + fn) : null;
  const f1 = precision !== null && recall !== null ? (precision + recall ? (2 * precision * recall) / (precision + recall) : 0) : null;
  return { tp, fp, fn, tn, precision, recall, f1 };
}

export function compare(reference: Reference, rules: RulePredictions, opts: CompareOptions = {}): Comparison {
  const n = reference.truth.length;
  if (rules.pred.length !== n) throw new RangeError(`the rules predicted ${rules.pred.length} rows, the reference has ${n}`);
  const model = opts.model ?? null;
  if (model && model.reference.truth !== reference.truth) throw new Error('the model was prepared against another reference: prepare it again');
  const align = alignClasses(reference.classes, rules.classes, model?.modelClasses ?? null);
  const { classes } = align;
  const k = classes.length, truth = reference.truth;
  const notes = [...new Set([...align.notes, ...(model?.notes ?? [])])];
  const rulePred = remap(rules.pred, align.fromRules);
  const labelled = labelledRows(reference);
  if (labelled.count === 0) notes.push(`No row has a label in ${reference.source}: nothing can be scored.`);
  const rulesAllRows = { report: classReport(truth, rulePred, classes, labelled.mask), rows: labelled };
  const scoredModel = model && model.evalRows.count > 0 ? model : null;
  const rows = scoredModel ? scoredModel.evalRows : labelled;
  const rulesScored = scoredModel ? { report: classReport(truth, rulePred, classes, rows.mask), rows } : rulesAllRows;

  const posName = model ? (model.positive === null ? null : model.classes[model.positive]) : opts.positive === undefined ? rarestClass(reference, rules.classes) : opts.positive;
  const positive = posName === null ? null : classes.indexOf(posName);
  const noun = opts.positiveNoun ?? (posName === null ? '' : `${JSON.stringify(posName)} rows`);
  const threshold = model && model.positive !== null ? opts.threshold ?? null : null;

  let rulesPoint: PrPoint | null = null;
  if (positive !== null && positive >= 0) {
    const c = rulesScored.report.perClass[positive];
    rulesPoint = prPoint('rules', 'the rule set', rulesScored.report.confusion.counts[positive * (k + 1) + positive], c.predicted, c.support);
  }
  const rulePoints = opts.ruleSet && positive !== null && positive >= 0
    ? singleRulePoints(opts.ruleSet.rules, (opts.ruleSet.cache ?? new RuleIndexCache()).indices(opts.ruleSet.table, opts.ruleSet.rules), (c) => classes.indexOf(c), truth, positive, rows.mask)
    : [];
  const base = { classes, positive: positive !== null && positive >= 0 ? positive : null, notes, rows, rules: rulesScored, rulesAllRows, rulePred, threshold, rulesPoint, rulePoints };
  if (!model) {
    return { ...base, model: null, hybrid: null, modelPred: null, modelConfidence: null, hybridPred: null, agreement: null, adds: null, headline: null, at: () => null };
  }
  const { pred: modelPred, confidence } = threshold === null ? { pred: model.pred, confidence: model.confidence } : predictAt(model, threshold);
  const hybridPred = new Int32Array(n);
  for (let i = 0; i < n; i++) hybridPred[i] = rulePred[i] >= 0 ? rulePred[i] : modelPred[i];
  const agreement = agreementMatrix(rulePred, modelPred, confidence, classes, opts.agreementOn === 'scored' ? rows : allRows(n));
  if (!scoredModel) return { ...base, model: null, hybrid: null, modelPred, modelConfidence: confidence, hybridPred, agreement, adds: null, headline: null, at: () => null };

  let byRules = 0, byModel = 0, undecided = 0;
  for (let i = 0; i < n; i++) {
    if (!rows.mask[i]) continue;
    if (rulePred[i] >= 0) byRules++; else if (modelPred[i] >= 0) byModel++; else undecided++;
  }
  const hybrid = { report: classReport(truth, hybridPred, classes, rows.mask), rows, decidedByRules: byRules, decidedByModel: byModel, undecided };
  const modelScored = { report: classReport(truth, modelPred, classes, rows.mask), rows };
  const adds = modelAdds(truth, rulePred, modelPred, confidence, k, rows);
  const hl = scoredModel.pr && rulesPoint ? headline(scoredModel.pr, rulesPoint.tp, rulesPoint.predicted, noun) : null;
  const indices = scoredModel.index ? thresholdIndices(scoredModel, scoredModel.index, rulePred, k) : null;
  const at = (t: number): ThresholdView | null => {
    if (!indices || base.positive === null) return null;
    const m = confusionAt(indices.model, t), h = confusionAt(indices.hybrid, t);
    return { threshold: t, model: reportFromConfusion(m, classes), hybrid: reportFromConfusion(h, classes), positive: positiveStats(m, base.positive) };
  };
  return { ...base, model: modelScored, hybrid, modelPred, modelConfidence: confidence, hybridPred, agreement, adds, headline: hl, at };
}

/**
 * The model's index in this comparison's class count, and the hybrid's: the eval rows the
 * rules abstain on, still sorted by score (a filter of the model's order, no new sort), with
 * the rows the rules decide as the fixed part.
 */
function thresholdIndices(m: PreparedModel, ix: ScoreIndex, rulePred: Int32Array, k: number): { model: ScoreIndex; hybrid: ScoreIndex } {
  const truth = m.reference.truth, w = k + 1;
  const model = ix.k === k ? ix : buildScoreIndex(ix.order, m.score!, truth, m.alt!, k, ix.positive, embed(ix.fixed, ix.k, k));
  const fixed = new Int32Array(k * w);
  const M = m.evalRows.mask, S = m.score!;
  for (let i = 0; i < truth.length; i++) {
    if (!M[i]) continue;
    const r = rulePred[i];
    if (r >= 0) fixed[truth[i] * w + r]++;
    else if (S[i] !== S[i]) fixed[truth[i] * w + k]++;
  }
  let a = 0;
  const order = new Uint32Array(ix.order.length);
  for (let j = 0; j < ix.order.length; j++) { const i = ix.order[j]; if (rulePred[i] < 0) order[a++] = i; }
  return { model, hybrid: buildScoreIndex(order.subarray(0, a), S, truth, m.alt!, k, ix.positive, fixed) };
}
