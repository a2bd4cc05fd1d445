/**
 * Rules vs model vs hybrid (rules first, the model where they abstain), side by side, for the
 * Compare view. `prepareModel` (model.ts) does the per-model work once (the one sort);
 * `compare` then costs one pass over the rows, so it reruns after every rule edit, and
 * `Comparison.at(t)` gives the model's and the hybrid's confusion at a threshold in
 * O(K² log n) for the slider.
 *
 * Rows: the three are scored on the same rows, the model's eligible rows that have a reference
 * label (it never sees its training rows here); `rulesAllRows` scores the rules on every
 * labelled row as well. Every figure carries the RowSet it was computed on.
 */
import type { Rule, RuleSet } from '../rules/spec.ts';
import { ruleSetAssign } from '../rules/compile.ts';
import type { Table } from '../table/types.ts';
import { classReport, reportFromConfusion, type ClassReport, type ConfusionMatrix } from './confusion.ts';
import { alignClasses, rarestClass, type Reference } from './reference.ts';
import { rowSetFromMask, type RowSet } from './rows.ts';
import { predictAt, type PreparedModel } from './model.ts';
import { addConfusionAt, confusionAt, subIndex, widenIndex } from './threshold.ts';
import { agreementFromCells, cellId, everyRow, type AgreementMatrix } from './agreement-matrix.ts';
import { ADDS_GROUPS, addsFromGroups, addsGroup, describeAdds, OUTSIDE, type Adds } from './adds.ts';
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
  /**
   * null/absent: the model's argmax. A number t: one-vs-rest on the positive class — a row is
   * positive when its probability is ≥ t, else it gets the model's best other class.
   */
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
  /** `adds` in a sentence for the positive class (null without one). */
  addsText: string | null;
  headline: Headline | null;
  /** The rule set as a point on the positive class's PR plane (on `rows`). */
  rulesPoint: PrPoint | null;
  /** Single rules predicting the positive class, as points (only with `opts.ruleSet`). */
  rulePoints: PrPoint[];
  /** The model and hybrid at threshold t, O(K² log n); null without a positive class. */
  at(t: number): ThresholdView | null;
};

const labelledCache = new WeakMap<Int32Array, RowSet>();

/** Rows with a reference label (cached per reference: it does not change on rule edits). */
function labelledRows(ref: Reference): RowSet {
  let s = labelledCache.get(ref.truth);
  if (!s) {
    const m = new Uint8Array(ref.truth.length);
    for (let i = 0; i < m.length; i++) m[i] = ref.truth[i] >= 0 ? 1 : 0;
    s = rowSetFromMask(m, 'labelled rows');
    labelledCache.set(ref.truth, s);
  }
  return s;
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
  const k = classes.length, w = k + 1, truth = reference.truth;
  const notes = [...new Set([...align.notes, ...(model?.notes ?? [])])];
  const labelled = labelledRows(reference);
  if (labelled.count === 0) notes.push(`No row has a label in ${reference.source}: nothing can be scored.`);
  const scoredModel = model && model.evalRows.count > 0 ? model : null;
  const rows = scoredModel ? scoredModel.evalRows : labelled;

  const posName = model ? (model.positive === null ? null : model.classes[model.positive]) : opts.positive === undefined ? rarestClass(reference, rules.classes) : opts.positive;
  const positive = posName === null || classes.indexOf(posName) < 0 ? null : classes.indexOf(posName);
  const noun = opts.positiveNoun ?? (posName === null ? '' : `${JSON.stringify(posName)} rows`);
  const threshold = model && model.positive !== null ? opts.threshold ?? null : null;
  const { pred: modelPred, confidence } = !model ? { pred: null, confidence: null } : threshold === null ? { pred: model.pred, confidence: model.confidence } : predictAt(model, threshold);

  // One pass over the rows for everything that depends on the rules: the rules on every
  // labelled row and on the scored rows, the hybrid, the agreement cells, what each side adds,
  // and the rows the rules cover (for the hybrid's threshold view).
  const rulePred = new Int32Array(n), fromRules = align.fromRules, R0 = rules.pred, nr = fromRules.length;
  const rulesAll = new Int32Array(k * w), rulesOn = scoredModel ? new Int32Array(k * w) : rulesAll, hybridC = new Int32Array(k * w);
  const hybridPred = modelPred ? new Int32Array(n) : null;
  const cellOf = modelPred ? new Int32Array(n) : null, cells = new Int32Array(w * w), agreeAll = opts.agreementOn !== 'scored';
  const groupOf = scoredModel ? new Uint8Array(n).fill(OUTSIDE) : null, perGroup = new Int32Array(ADDS_GROUPS * k);
  const rank = scoredModel?.index ? scoredModel.rank : null, covered: number[] = [], hybridFixed = new Int32Array(k * w);
  let byRules = 0, byModel = 0, undecided = 0;
  const R = rows.mask;
  for (let i = 0; i < n; i++) {
    const r0 = R0[i], r = r0 >= 0 && r0 < nr ? fromRules[r0] : -1;
    rulePred[i] = r;
    const t = truth[i], inRows = R[i] === 1;
    let mp = -1;
    if (modelPred) {
      mp = modelPred[i];
      hybridPred![i] = r >= 0 ? r : mp;
      if (agreeAll || inRows) { const id = cellId(r, mp, k); cellOf![i] = id; cells[id]++; } else cellOf![i] = -1;
    }
    if (t < 0) continue;
    rulesAll[t * w + (r >= 0 ? r : k)]++;
    if (!scoredModel || !inRows) continue;
    const h = r >= 0 ? r : mp;
    rulesOn[t * w + (r >= 0 ? r : k)]++;
    hybridC[t * w + (h >= 0 ? h : k)]++;
    if (r >= 0) byRules++; else if (h >= 0) byModel++; else undecided++;
    const g = addsGroup(t, r, mp);
    groupOf![i] = g;
    perGroup[g * k + t]++;
    if (rank && r >= 0) {
      hybridFixed[t * w + r]++;
      if (rank[i] >= 0) covered.push(rank[i]);
      else hybridFixed[t * w + k]--; // unscored: the model's fixed part counts it as abstain
    }
  }
  const report = (counts: Int32Array) => reportFromConfusion({ k, counts, unlabeled: 0 }, classes);
  const rulesAllRows = { report: report(rulesAll), rows: labelled };
  const rulesScored = scoredModel ? { report: report(rulesOn), rows } : rulesAllRows;

  let rulesPoint: PrPoint | null = null;
  if (positive !== null) {
    const c = rulesScored.report.perClass[positive];
    rulesPoint = prPoint('rules', 'the rule set', rulesScored.report.confusion.counts[positive * w + positive], c.predicted, c.support);
  }
  const rulePoints = opts.ruleSet && positive !== null
    ? singleRulePoints(opts.ruleSet.rules, (opts.ruleSet.cache ?? new RuleIndexCache()).indices(opts.ruleSet.table, opts.ruleSet.rules), (c) => classes.indexOf(c), truth, positive, rows.mask, rulesScored.report.perClass[positive].support)
    : [];
  const base = { classes, positive, notes, rows, rules: rulesScored, rulesAllRows, rulePred, threshold, rulesPoint, rulePoints };
  if (!model || !modelPred || !confidence || !hybridPred || !cellOf) {
    return { ...base, model: null, hybrid: null, modelPred: null, modelConfidence: null, hybridPred: null, agreement: null, adds: null, addsText: null, headline: null, at: () => null };
  }
  const agreement = agreementFromCells(cellOf, cells, classes, agreeAll ? everyRow(n) : rows, confidence);
  if (!scoredModel || !groupOf) return { ...base, model: null, hybrid: null, modelPred, modelConfidence: confidence, hybridPred, agreement, adds: null, addsText: null, headline: null, at: () => null };

  const modelReport = threshold === null && k === scoredModel.classes.length && scoredModel.report ? scoredModel.report : classReport(truth, modelPred, classes, rows.mask);
  const hybrid = { report: report(hybridC), rows, decidedByRules: byRules, decidedByModel: byModel, undecided };
  if (byRules === rows.count) notes.push('The rules decide every scored row (a default class?), so the hybrid is the rules.');
  const adds = addsFromGroups(groupOf, perGroup, k, rows, confidence);
  const hl = scoredModel.pr && scoredModel.prSearch && rulesPoint ? headline(scoredModel.pr, scoredModel.prSearch, rulesPoint.tp, rulesPoint.predicted, noun) : null;
  // The hybrid at t is model(t) − covered(t) + the rules' own confusion on the rows they cover.
  const ix = scoredModel.index ? widenIndex(scoredModel.index, k) : null;
  const coveredIx = ix ? subIndex(ix, Int32Array.from(covered).sort()) : null;
  const at = (t: number): ThresholdView | null => {
    if (!ix || !coveredIx || positive === null) return null;
    const m = confusionAt(ix, t);
    const h = addConfusionAt(coveredIx, t, hybridFixed.slice(), -1);
    addConfusionAt(ix, t, h);
    return { threshold: t, model: reportFromConfusion(m, classes), hybrid: reportFromConfusion({ k, counts: h, unlabeled: 0 }, classes), positive: positiveStats(m, positive) };
  };
  return { ...base, model: { report: modelReport, rows }, hybrid, modelPred, modelConfidence: confidence, hybridPred, agreement, adds, addsText: positive === null ? null : describeAdds(adds, positive, noun), headline: hl, at };
}
