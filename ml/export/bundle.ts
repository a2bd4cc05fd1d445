/**
 * Building an exported bundle: a classifier that runs without the app, as a set of files.
 *
 *   manifest.json          what it is, the input it expects, metrics and the rows they were
 *                          measured on, the data it came from, app version and date
 *   rules.txt, rules.json  the rules in the rule grammar (comments kept) and as JSON
 *   model/model.json, model/group1-shard1of1.bin
 *                          the model in TensorFlow.js layers format
 *   metrics/held-out-rows.txt
 *                          the row numbers (0-based) the metrics were measured on, if not all
 *   README.md              what it is and the exact commands to use it
 *
 * Rules-only, model-only and hybrid (rules first, the model where they abstain). The result
 * is a map path → bytes: written to a folder by write.node.ts, zipped in memory by zip.ts.
 */
import { RuleClassifier } from '../classify/rule-classifier.ts';
import { classReport } from '../metrics/confusion.ts';
import { labelCodes, labelValues } from '../metrics/labels.ts';
import { formatRules } from '../rules/text.ts';
import { ruleStats } from '../rules/stats.ts';
import type { Condition, RuleSet } from '../rules/spec.ts';
import type { Table } from '../table/types.ts';
import { applyFeatures, featureNames } from '../train/features.ts';
import { compileNet, forwardJs, type JsNet } from '../train/forward-js.ts';
import { heldOutMetrics, type TabularModelJSON } from '../train/tabular.ts';
import type { HeadJSON } from '../train/types.ts';
import { combine } from './combine.ts';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleKind, type BundleMetrics, type InputColumn, type Manifest } from './manifest.ts';
import { bundleReadme } from './readme.ts';
import { SHARD, toLayersModel } from './tfjs-layers.ts';

/** A model on an embedding (the Teach tab's head) and the embedding it reads. */
export type EmbeddingModel = { kind: 'embedding-model'; head: HeadJSON; embedding: { id: string; title: string; dim: number } };

export type BundleRequest = {
  kind: BundleKind;
  /** The rule set (rules and hybrid bundles). A hybrid drops its `else` class: the model decides those rows. */
  ruleSet?: RuleSet;
  /** Rule text to ship as rules.txt as it is (comments kept); default: the rule set formatted. */
  rulesText?: string;
  model?: TabularModelJSON | EmbeddingModel;
  /** The data it was made on: metrics are measured here, column types come from here. */
  table: Table;
  /** n×dim vectors of the embedding, for an embedding model's metrics. */
  vectors?: Float32Array;
  label: string | null;
  /** Rows to measure on (1 = measure), e.g. trainTabular's hold-out; default every labelled row. */
  measureOn?: Uint8Array | null;
  /** Says which rows those are, for the manifest and the screen. */
  measuredOn?: string;
  data: { name: string; sha256: string | null };
  app: { version: string };
  createdAt?: string;
  /** The folder the bundle will be written to, as the README's commands should name it. Default "bundle". */
  folder?: string;
};

export type BundleFiles = Record<string, Uint8Array>;

const encoder = new TextEncoder();
const json = (v: unknown) => encoder.encode(`${JSON.stringify(v, null, 2)}\n`);

/** Every column a condition reads, with the type its tests need. */
export function conditionColumns(c: Condition, out = new Map<string, InputColumn['type']>()): Map<string, InputColumn['type']> {
  const need = (name: string, type: InputColumn['type']) => {
    const had = out.get(name);
    if (!had || had === 'any') out.set(name, type);
  };
  switch (c.op) {
    case 'range': need(c.column, 'numeric'); break;
    case 'in': need(c.column, 'categorical'); break;
    case 'missing': need(c.column, 'any'); break;
    case 'not': conditionColumns(c.of, out); break;
    default: for (const k of c.of) conditionColumns(k, out);
  }
  return out;
}

/** The columns a rule set reads (enabled rules), with the type each needs. */
export const ruleInputColumns = (rules: RuleSet): InputColumn[] => inputColumns(rules, null);

function inputColumns(rules: RuleSet | null, model: BundleRequest['model'] | null): InputColumn[] {
  const cols = new Map<string, InputColumn>();
  const add = (name: string, type: InputColumn['type'], by: 'rules' | 'model') => {
    const c = cols.get(name) ?? { name, type, usedBy: [] };
    if (c.type === 'any') c.type = type;
    if (!c.usedBy.includes(by)) c.usedBy.push(by);
    cols.set(name, c);
  };
  for (const r of rules?.rules.filter((x) => x.enabled) ?? []) for (const [name, type] of conditionColumns(r.when)) add(name, type, 'rules');
  if (model?.kind === 'tabular-model') {
    for (const s of model.features.numeric) add(s.name, 'numeric', 'model');
    for (const s of model.features.categorical) add(s.name, 'categorical', 'model');
  }
  return [...cols.values()];
}

/** The rules as shipped in rules.txt: one per line, a comment with what each did on the data. */
function rulesText(set: RuleSet, table: Table, label: string | null, req: BundleRequest): string {
  const stats = ruleStats(table, set, label);
  const lines = formatRules(set).trimEnd().split('\n');
  const commented = lines.map((line, k) => {
    const s = stats[k];
    if (!s) return line;
    const precision = s.precision === undefined || s.precision === null ? '' : `, precision ${s.precision.toFixed(3)}`;
    return `${line}  # covers ${s.coverage} rows${precision}`;
  });
  return [
    `# Rules exported by Machine Teacher ${req.app.version} from ${req.data.name} on ${(req.createdAt ?? new Date().toISOString()).slice(0, 10)}.`,
    '# One rule per line, first match wins; a row no rule matches gets no prediction (abstain).',
    `# Coverage and precision are measured on all ${table.n} rows${label ? ` against "${label}"` : ''}.`,
    ...commented,
    '',
  ].join('\n');
}

export function buildBundle(req: BundleRequest): { manifest: Manifest; files: BundleFiles } {
  const { table, label, kind } = req;
  const withRules = kind !== 'model', withModel = kind !== 'rules';
  if (withRules && !req.ruleSet) throw new Error(`a ${kind} bundle needs a rule set`);
  if (withModel && !req.model) throw new Error(`a ${kind} bundle needs a model`);
  const ruleSet: RuleSet | null = withRules && req.ruleSet ? { rules: req.ruleSet.rules, defaultClass: kind === 'hybrid' ? null : req.ruleSet.defaultClass } : null;
  const model = withModel ? req.model ?? null : null;
  // fit learns the classes (label values, then rule targets) and each rule's precision.
  const rules = ruleSet ? new RuleClassifier(ruleSet).fit(table, label) : null;
  const net: JsNet | null = model ? compileNet(model.kind === 'tabular-model' ? model.model : model.head) : null;
  const modelClasses = net?.classes ?? [];
  const classes = [...(rules?.classes ?? (label ? labelValues(table, label) : []))];
  for (const c of modelClasses) if (!classes.includes(c)) classes.push(c);

  const files: BundleFiles = {};
  const metrics: BundleMetrics = {};
  if (label) {
    const measure = req.measureOn ?? null;
    const rows: number[] = [];
    const truthAll = labelCodes(table, label, classes);
    for (let i = 0; i < table.n; i++) if (truthAll[i] >= 0 && (!measure || measure[i])) rows.push(i);
    const measuredOn = req.measuredOn ?? `all ${rows.length.toLocaleString('en-US')} labelled rows of ${req.data.name}${model && !measure ? ' (the model trained on some of them: optimistic)' : ''}`;
    const truth = Int32Array.from(rows, (i) => truthAll[i]);
    const proba = modelProba(model, net, table, req.vectors);
    const ruleAnswers = rules ? { pred: rules.predict(table), proba: rules.predictProba(table), classes: rules.classes } : null;
    const result = combine(ruleAnswers, proba, modelClasses, classes, table.n);
    const report = (pred: Int32Array) => {
      const r = classReport(truth, Int32Array.from(rows, (i) => pred[i]), classes);
      return { ...heldOutMetrics(r, measuredOn), coverage: r.coverage };
    };
    if (result.rulePred) metrics.rules = report(result.rulePred);
    if (result.modelPred) metrics.model = report(result.modelPred);
    if (result.rulePred && result.modelPred) metrics.hybrid = report(result.pred);
    if (measure) files['metrics/held-out-rows.txt'] = encoder.encode(`${rows.join('\n')}\n`);
  }

  const features = model?.kind === 'tabular-model'
    ? { ...model.features, names: featureNames(model.features), dim: net?.dims[0] ?? 0 }
    : null;
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    kind,
    classes,
    label,
    input: { columns: inputColumns(ruleSet, model), features, embedding: model?.kind === 'embedding-model' ? { ...model.embedding } : null },
    rules: ruleSet ? { text: 'rules.txt', spec: 'rules.json', count: ruleSet.rules.length, defaultClass: ruleSet.defaultClass } : null,
    model: net ? { kind: net.w.length === 2 ? 'dense' : 'logistic', format: 'tfjs-layers', path: 'model/model.json', classes: [...net.classes], inputs: net.dims[0], hidden: net.w.length === 2 ? net.dims[1] : null } : null,
    metrics,
    data: { name: req.data.name, sha256: req.data.sha256, rows: table.n },
    app: { name: 'machine-teacher', version: req.app.version },
    createdAt: req.createdAt ?? new Date().toISOString(),
  };
  files['manifest.json'] = json(manifest);
  if (ruleSet && rules) {
    files['rules.txt'] = encoder.encode(req.rulesText ?? rulesText(ruleSet, table, label, req));
    files['rules.json'] = json(rules.toJSON());
  }
  if (net) {
    const { modelJson, shard } = toLayersModel(net, `Machine Teacher ${req.app.version}`);
    files['model/model.json'] = json(modelJson);
    files[`model/${SHARD}`] = shard;
  }
  files['README.md'] = encoder.encode(bundleReadme(manifest, req.folder ?? 'bundle'));
  return { manifest, files };
}

function modelProba(model: BundleRequest['model'] | null, net: JsNet | null, table: Table, vectors?: Float32Array): Float32Array | null {
  if (!model || !net) return null;
  if (model.kind === 'tabular-model') {
    const f = applyFeatures(table, model.features);
    return forwardJs(net, f.data, f.dim);
  }
  return vectors ? forwardJs(net, vectors, model.embedding.dim) : null;
}
