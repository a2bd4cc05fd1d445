/**
 * An exported bundle read back as a classifier: `predict`, `predictProba`, `predictLabels`,
 * `classes`, like the app's estimators, plus `answer` (class, probabilities, who decided,
 * unknown categories) for the CLI. The same code paths as the app: rules through the mask
 * compiler, the model through the plain-JS forward pass of ml/train/forward-js.ts.
 *
 * Input is checked against the manifest before anything runs: a missing column, or one of the
 * wrong type, is a LoadError naming the column and what the bundle expects. Categories given
 * as numbers or free text are read as categories; an unseen category is an all-zero one-hot.
 */
import { RuleClassifier, type RuleClassifierJSON } from '../classify/rule-classifier.ts';
import { ruleSetAssign } from '../rules/compile.ts';
import { numberAt } from '../rules/numbers.ts';
import { sortedCategorical } from '../table/builders.ts';
import { LoadError, type Column, type Table } from '../table/types.ts';
import { argmaxRows, forwardJs, netToJSON, type JsNet } from '../train/forward-js.ts';
import { TabularClassifier } from '../train/tabular.ts';
import { combine, mapProba, type Answers } from './combine.ts';
import type { BundleKind, Manifest } from './manifest.ts';

export type BundleAnswers = Answers & {
  /** Per row, the index in the rule set of the rule that matched first, or -1. */
  rule: Int32Array | null;
  /** Categories the model never saw, per column (all-zero one-hot). */
  unknown: { column: string; count: number }[];
};

function sample(col: Column): string {
  if (col.type === 'categorical') return col.dictionary.slice(0, 3).map((s) => JSON.stringify(s)).join(', ');
  if (col.type === 'text') return col.values.filter((v) => v !== null).slice(0, 3).map((s) => JSON.stringify(s)).join(', ');
  return '';
}

/** A column of categories from numbers or text, so `in {…}` and one-hots read it as the app would. */
function asCategorical(col: Column, n: number): Column {
  if (col.type === 'categorical') return col;
  const dict = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = col.type === 'text' ? col.values[i] : Number.isNaN(col.values[i]) ? null : String(numberAt(col, i));
    if (s === null) { codes[i] = -1; continue; }
    let c = dict.get(s);
    if (c === undefined) { c = dictionary.length; dict.set(s, c); dictionary.push(s); }
    codes[i] = c;
  }
  return sortedCategorical(col.name, codes, dictionary);
}

export class BundleClassifier {
  readonly kind: BundleKind;
  readonly classes: string[];
  readonly rules: RuleClassifier | null;
  private readonly table: TabularClassifier | null;
  private readonly vectorNet: JsNet | null;

  /** `what` names the classifier in messages about bad input ("the bundle", "the rules"). */
  constructor(readonly manifest: Manifest, rules: RuleClassifierJSON | null, net: JsNet | null, private readonly what = 'the bundle') {
    this.kind = manifest.kind;
    this.classes = [...manifest.classes];
    this.rules = rules ? RuleClassifier.fromJSON(rules) : null;
    const f = manifest.input.features;
    this.table = net && f
      ? new TabularClassifier({ kind: 'tabular-model', version: 1, label: manifest.label ?? '', classes: net.classes, features: { numeric: f.numeric, categorical: f.categorical }, model: netToJSON(net) })
      : null;
    this.vectorNet = net && !f ? net : null;
  }

  /** The input table with the bundle's columns checked and categories made categorical; throws a located LoadError. */
  conform(table: Table, file = 'data'): Table {
    const byName = new Map(table.columns.map((c) => [c.name, c]));
    const replaced = new Map<string, Column>();
    for (const want of this.manifest.input.columns) {
      const col = byName.get(want.name);
      const who = `read by the ${want.usedBy.join(' and the ')}`;
      if (!col) throw new LoadError(`there is no column "${want.name}": ${this.what} expect${this.what === 'the rules' ? '' : 's'} a ${want.type === 'any' ? '' : `${want.type} `}column "${want.name}" (${who})`, { file, column: want.name });
      if (want.type === 'numeric' && col.type !== 'numeric') {
        throw new LoadError(`column "${want.name}" holds ${col.type === 'text' ? 'text' : 'categories'} (${sample(col)}), ${this.what} expect${this.what === 'the rules' ? '' : 's'} numbers (${who})`, { file, column: want.name });
      }
      if (want.type === 'categorical' && col.type !== 'categorical') replaced.set(want.name, asCategorical(col, table.n));
    }
    return replaced.size ? { n: table.n, columns: table.columns.map((c) => replaced.get(c.name) ?? c) } : table;
  }

  /**
   * Everything about every row: class, probabilities (with a model), who decided, which rule.
   * `vectors` (n × dim) feed a model on an embedding; by default it reads the table's numeric
   * columns in order.
   */
  answer(input: Table, opts: { file?: string; vectors?: Float32Array; proba?: boolean } = {}): BundleAnswers {
    const table = this.conform(input, opts.file);
    const n = table.n;
    let rules = null;
    let rule: Int32Array | null = null;
    if (this.rules) {
      // One evaluation of the rules per table: classes and probabilities both come from it.
      rule = ruleSetAssign(table, this.rules.ruleSet);
      const proba = opts.proba ?? this.kind !== 'rules' ? this.rules.probaOf(rule) : new Float32Array(0);
      rules = { pred: this.rules.classesOf(rule), proba, classes: this.rules.classes };
    }
    let modelProba: Float32Array | null = null;
    let modelClasses: string[] = [];
    let unknown: BundleAnswers['unknown'] = [];
    if (this.table) {
      const s = this.table.score(table);
      modelProba = s.proba;
      modelClasses = this.table.classes;
      unknown = s.unknown;
    } else if (this.vectorNet) {
      const dim = this.vectorNet.dims[0];
      modelProba = forwardJs(this.vectorNet, opts.vectors ?? vectorsOf(table, dim, opts.file ?? 'data'), dim);
      modelClasses = this.vectorNet.classes;
    }
    return { ...combine(rules, modelProba, modelClasses, this.classes, n), rule, unknown };
  }

  /** Per row, an index into `classes`, or -1 where no rule matched and there is no model. */
  predict(table: Table): Int32Array { return this.answer(table, { proba: false }).pred; }

  /** Class names per row; null where it abstains. */
  predictLabels(table: Table): (string | null)[] { return Array.from(this.predict(table), (c) => (c < 0 ? null : this.classes[c])); }

  /** n × classes probabilities (for rules alone: each rule's measured precision, see RuleClassifier). */
  predictProba(table: Table): Float32Array {
    const a = this.answer(table, { proba: this.kind !== 'rules' });
    if (a.proba) return a.proba;
    const rules = this.rules!; // no model: a rules bundle
    return mapProba(rules.probaOf(a.rule!), rules.classes, this.classes);
  }

  /** A model on an embedding: class per row of n × dim vectors. */
  predictVectors(vectors: Float32Array): Int32Array {
    if (!this.vectorNet) throw new Error('this bundle\'s model reads table columns, not embedding vectors');
    return argmaxRows(forwardJs(this.vectorNet, vectors, this.vectorNet.dims[0]), this.vectorNet.classes.length);
  }
}

/** The table's numeric columns, in order, as n × dim vectors (a model on an embedding). */
function vectorsOf(table: Table, dim: number, file: string): Float32Array {
  const cols = table.columns.filter((c) => c.type === 'numeric');
  if (cols.length !== dim) throw new LoadError(`the model reads ${dim}-number embedding vectors; this table has ${cols.length} numeric columns (give a .npy of n×${dim} vectors, or a table of exactly those columns)`, { file });
  const out = new Float32Array(table.n * dim);
  cols.forEach((c, d) => { if (c.type === 'numeric') for (let i = 0; i < table.n; i++) out[i * dim + d] = c.values[i]; });
  return out;
}
