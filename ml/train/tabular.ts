/**
 * A model on a table's own columns → its label column. One implementation for the Compare
 * tab's "Train a model on the columns → <label>" (as the `train-tabular` worker job),
 * `machine-teacher train` and the model inside exported bundles.
 *
 * Features: standardised numeric columns (+ a missing indicator where values are missing)
 * and one-hot categoricals (features.ts), never the label, never a "not a feature" column,
 * never text (featureColumnNames / excludedColumns, ml/table/label.ts). A seeded stratified
 * share of the labelled rows is held out before anything is trained; the shipped model is the
 * one trained on the rest, so the held-out metrics describe exactly that model, and the rows
 * they were measured on travel with them (`heldOut`). Standardisation is learned on all rows:
 * it sees feature values, never labels. Predictions run in plain JS (forward-js.ts), so the
 * app, `loadClassifier` and the CLI give the same numbers.
 */
import { CancelledError, type JobFn } from '../jobs/job.ts';
import { classReport, type ClassReport } from '../metrics/confusion.ts';
import { labelCodes, labelValues } from '../metrics/labels.ts';
import { checkLabelColumn, excludedColumns } from '../table/label.ts';
import type { Table } from '../table/types.ts';
import { applyFeatures, tableFeatures, type FeatureSpec, type TableFeatures } from './features.ts';
import { argmaxRows, compileNet, forwardJs, type JsNet } from './forward-js.ts';
import { DenseHead } from './head.ts';
import { LogisticRegression } from './logreg.ts';
import { takeRows, stratifiedHoldout } from './validation.ts';
import type { EpochLog, FitHooks, HeadJSON, LogRegJSON, TrainOptions } from './types.ts';

export type TabularModelKind = 'dense' | 'logistic';

export type TabularOptions = {
  /** 'dense' (default): Dense(64, relu) → softmax; 'logistic': multinomial logistic regression. */
  model?: TabularModelKind;
  /** Columns the user marked "not a feature" (ids, leaks); the label is always left out. */
  notFeatures?: readonly string[];
  /** Seeds the hold-out split, weight init and shuffling. Default 0. */
  seed?: number;
  /** Share of each class's labelled rows held out for the metrics, 0 ≤ h < 1. Default 0.2; 0 = none. */
  holdout?: number;
  /** Training settings passed to the model (epochs, learning rate, class weights, …). */
  train?: TrainOptions;
  /** Categoricals with more levels are left out (see features.ts). Default 20. */
  maxLevels?: number;
};

/** A fitted table model as plain JSON: the feature transform it learned and the net. */
export type TabularModelJSON = {
  kind: 'tabular-model';
  version: 1;
  label: string;
  classes: string[];
  features: FeatureSpec;
  model: HeadJSON | LogRegJSON;
};

/** Held-out metrics, with the rows they were measured on said in words and counted. */
export type HeldOutMetrics = {
  measuredOn: string;
  rows: number;
  accuracy: number | null;
  macroF1: number | null;
  perClass: { name: string; precision: number | null; recall: number | null; f1: number | null; support: number }[];
  /** truth × (prediction classes + abstain), as nested arrays (JSON-friendly). */
  confusion: number[][];
};

/** Metrics from a ClassReport, for a manifest, a worker message or the screen. */
export function heldOutMetrics(report: ClassReport, measuredOn: string): HeldOutMetrics {
  const { k, counts } = report.confusion;
  return {
    measuredOn,
    rows: report.n,
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    perClass: report.perClass.map(({ name, precision, recall, f1, support }) => ({ name, precision, recall, f1, support })),
    confusion: Array.from({ length: k }, (_, t) => Array.from(counts.subarray(t * (k + 1), (t + 1) * (k + 1)))),
  };
}

/** Predictions of a table model; `unknown` counts categorical values it never saw (all-zero one-hot). */
export type TabularScores = { proba: Float32Array; predicted: Int32Array; unknown: TableFeatures['unknown'] };

/** The fitted model: `predict`, `predictProba`, `classes`, `toJSON` / `fromJSON`, like the app's estimators. */
export class TabularClassifier {
  private readonly net: JsNet;

  constructor(private readonly json: TabularModelJSON) {
    if (json?.kind !== 'tabular-model' || json.version !== 1) throw new Error('not a table model (expected kind "tabular-model", version 1)');
    this.net = compileNet(json.model);
  }

  get classes(): string[] { return [...this.json.classes]; }
  get features(): FeatureSpec { return this.json.features; }
  get label(): string { return this.json.label; }
  get kind(): TabularModelKind { return this.json.model.kind === 'dense-head' ? 'dense' : 'logistic'; }

  /** Probabilities, classes and the unknown-category counts in one pass. Throws if a feature column is absent or of the wrong type. */
  score(table: Table): TabularScores {
    const f = applyFeatures(table, this.json.features);
    const proba = forwardJs(this.net, f.data, f.dim);
    return { proba, predicted: argmaxRows(proba, this.json.classes.length), unknown: f.unknown };
  }

  /** n × classes probabilities, row-major. */
  predictProba(table: Table): Float32Array { return this.score(table).proba; }

  /** Class index (into `classes`) per row. */
  predict(table: Table): Int32Array { return this.score(table).predicted; }

  toJSON(): TabularModelJSON { return JSON.parse(JSON.stringify(this.json)) as TabularModelJSON; }

  static fromJSON(json: TabularModelJSON): TabularClassifier { return new TabularClassifier(json); }
}

export type TabularFit = {
  classifier: TabularClassifier;
  features: FeatureSpec;
  /** 1 for the held-out rows the metrics were measured on (labelled, never trained on). */
  heldOut: Uint8Array;
  metrics: HeldOutMetrics | null;
  /** Every row's probabilities and class, from the shipped model. */
  proba: Float32Array;
  predicted: Int32Array;
  history: EpochLog[];
};

/**
 * Epochs and batches sized for tables (thousands to hundreds of thousands of rows), and
 * balanced class weights: labels of tables are often 1–5 % positives (bad loans, fraud), and an
 * unweighted model then predicts the majority class everywhere. Its probabilities rank rows
 * either way; `train: { classWeights: null }` gives probabilities calibrated to the base rate.
 */
function trainDefaults(nTrain: number, opts: TabularOptions): TrainOptions {
  return { epochs: 20, validation: 'auto', classWeights: 'balanced', seed: opts.seed ?? 0, ...(nTrain > 50_000 ? { batchSize: 1024 } : {}), ...opts.train };
}

/** Trains a table model on `label` (see the file comment). Needs a TensorFlow.js backend (initBackend). */
export async function trainTabular(table: Table, label: string, opts: TabularOptions = {}, hooks: FitHooks = {}): Promise<TabularFit> {
  checkLabelColumn(table, label);
  const holdout = opts.holdout ?? 0.2;
  if (!(holdout >= 0 && holdout < 1)) throw new Error(`holdout must be at least 0 and below 1, got ${holdout}`);
  const classes = labelValues(table, label);
  const truth = labelCodes(table, label, classes);
  const features = tableFeatures(table, { exclude: excludedColumns({ label, notFeatures: opts.notFeatures }), maxLevels: opts.maxLevels });
  const labelled: number[] = [];
  for (let i = 0; i < table.n; i++) if (truth[i] >= 0) labelled.push(i);
  const y = Int32Array.from(labelled, (i) => truth[i]);
  const split = holdout > 0 ? stratifiedHoldout(y, classes.length, opts.seed ?? 0, holdout) : { train: Uint32Array.from(y.keys()), val: new Uint32Array(0) };
  const trainRows = Uint32Array.from(split.train, (p) => labelled[p]);
  const heldOut = new Uint8Array(table.n);
  for (const p of split.val) heldOut[labelled[p]] = 1;
  const x = { data: takeRows({ data: features.data, dim: features.dim }, trainRows), dim: features.dim };
  const yTrain = Int32Array.from(trainRows, (i) => truth[i]);
  const settings = trainDefaults(trainRows.length, opts);
  const net = opts.model === 'logistic' ? new LogisticRegression(settings) : new DenseHead(settings);
  const history: EpochLog[] = [];
  await net.fit(x, yTrain, classes, { ...hooks, onEpoch: (log) => { history.push(log); hooks.onEpoch?.(log); } });
  const classifier = new TabularClassifier({ kind: 'tabular-model', version: 1, label, classes, features: features.spec, model: net.toJSON() });
  const proba = forwardJs(compileNet(net.toJSON()), features.data, features.dim);
  const predicted = argmaxRows(proba, classes.length);
  let metrics: HeldOutMetrics | null = null;
  if (split.val.length > 0) {
    const rows = Array.from(split.val, (p) => labelled[p]);
    const report = classReport(Int32Array.from(rows, (i) => truth[i]), Int32Array.from(rows, (i) => predicted[i]), classes);
    metrics = heldOutMetrics(report, `${rows.length.toLocaleString('en-US')} held-out rows (a stratified ${Math.round(holdout * 100)}% of the labelled rows, seed ${opts.seed ?? 0}), never trained on`);
  }
  return { classifier, features: features.spec, heldOut, metrics, proba, predicted, history };
}

/** What the `train-tabular` worker job takes: the table, its label column and the options. */
export type TabularJobInput = { table: Table; label: string; options?: TabularOptions };

/** What it gives back: everything in TabularFit, the classifier as its JSON. */
export type TabularJobOutput = Omit<TabularFit, 'classifier'> & { model: TabularModelJSON; ms: number };

/** The worker job (ml/jobs/catalog.ts): one preview per epoch, progress, cancel between batches. */
export const trainTabularJob: JobFn<TabularJobInput, TabularJobOutput, EpochLog> = async (input, ctx) => {
  const t0 = performance.now();
  const fit = await trainTabular(input.table, input.label, input.options, {
    signal: ctx.signal,
    onEpoch: (log) => ctx.preview(log),
    onProgress: (done, total, message) => ctx.progress({ done, total, message }),
  });
  if (ctx.signal.aborted) throw new CancelledError();
  const { classifier, ...rest } = fit;
  return { ...rest, model: classifier.toJSON(), ms: performance.now() - t0 };
};
