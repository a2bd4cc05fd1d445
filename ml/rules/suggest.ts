/**
 * "Suggest rules": a shallow decision tree (ml/classify/tree/) fit on the table's feature
 * columns against the reference — a label column, the user's labels — or against "the
 * current selection vs the rest", turned into rules in the rule grammar. The tree fits on
 * part of the rows; each rule's precision, recall and coverage are measured on the rest
 * (`holdout`, stratified), and the text says which rows. Features come from
 * featureColumnNames: never the label, never a column marked "not a feature", never text.
 * Runs directly or as the `suggest` worker job (progress, cancel).
 */
import type { Table } from '../table/types.ts';
import { featureColumnNames, type FeatureRoles } from '../table/label.ts';
import { labelCodes, labelValues } from '../metrics/labels.ts';
import { DecisionTree, type DecisionTreeJSON, type TreeTarget } from '../classify/tree/tree.ts';
import type { Dropped } from '../classify/tree/bins.ts';
import type { SuggestedRule } from '../classify/tree/rules.ts';
import { mulberry32, permutation } from '../random.ts';
import { directContext, throwIfCancelled, type JobContext } from '../jobs/job.ts';

export type { SuggestedRule } from '../classify/tree/rules.ts';

export type SuggestTarget =
  /** The label column `roles.label`. */
  | { kind: 'label' }
  /** The user's labels: [row, class index] pairs. */
  | { kind: 'labels'; labels: { classes: string[]; assigned: readonly (readonly [number, number])[] } }
  /** The selected rows vs every other row; rules describe the selection as class `name` (default "selected"). */
  | { kind: 'selection'; rows: Uint32Array; name?: string };

export type SuggestInput = {
  table: Table;
  /** The label and the "not a feature" columns: never used as features, whatever the target. */
  roles: FeatureRoles;
  target: SuggestTarget;
  /** Default 3. */
  maxDepth?: number;
  /** Fewest fit rows a leaf may hold. Default 20. */
  minLeaf?: number;
  /**
   * 'balanced' gives rare classes leaves of their own. Default: plain Gini (null) against labels;
   * 'balanced' against a selection, which is usually a small part of the table.
   */
  classWeight?: 'balanced' | null;
  /** Share of rows held out to measure the rules on (0..0.9). Default 0.3; 0 = measure on the fit rows. */
  holdout?: number;
  seed?: number;
  /** Classes to write rules for; default every class (the selection's class only, for a selection). */
  classes?: string[];
};

export type SuggestResult = {
  /** One per leaf predicting a wanted class, in `classes` order, most rows found first. */
  suggestions: SuggestedRule[];
  /** A header comment, then one rule per line with its figures: parses with parseRules unchanged. */
  text: string;
  classes: string[];
  features: string[];
  dropped: Dropped[];
  /** "6,900 rows (70%)" */
  fitOn: string;
  /** "2,957 held-out rows (not used to fit)", or the fit rows (optimistic) when nothing was held out. */
  measuredOn: string;
  /** The rows the figures are on, ascending. */
  measuredRows: Uint32Array;
  /** The tree's accuracy on the measuring rows (rows it abstains on count as wrong). */
  accuracy: number | null;
  tree: DecisionTreeJSON;
};

const fmt = (k: number) => k.toLocaleString('en-US');

function targetOf(input: SuggestInput): { target: TreeTarget; about: string; wanted: string[] } {
  const { table, target, roles } = input;
  if (target.kind === 'label') {
    if (!roles.label) throw new Error('there is no label column to learn from: choose one, label some rows, or select rows');
    const classes = labelValues(table, roles.label);
    if (classes.length < 2) throw new Error(`the label column "${roles.label}" has ${classes.length ? `only one class (${JSON.stringify(classes[0])})` : 'no values'}: rules need at least two classes to tell apart`);
    return { target: { classes, codes: labelCodes(table, roles.label, classes) }, about: `the label column "${roles.label}"`, wanted: input.classes ?? classes };
  }
  if (target.kind === 'labels') {
    const codes = new Int32Array(table.n).fill(-1);
    const used = new Set<number>();
    for (const [row, k] of target.labels.assigned) {
      if (!(row >= 0 && row < table.n) || !(k >= 0 && k < target.labels.classes.length)) throw new RangeError(`label [${row}, ${k}] is outside the table or the classes`);
      codes[row] = k;
      used.add(k);
    }
    if (used.size === 0) throw new Error('there are no labels yet: label some rows first');
    if (used.size < 2) throw new Error(`every labelled row is ${JSON.stringify(target.labels.classes[[...used][0]])}: label rows of a second class first`);
    return { target: { classes: [...target.labels.classes], codes }, about: 'your labels', wanted: input.classes ?? target.labels.classes };
  }
  const name = target.name ?? 'selected';
  const rest = name === 'rest' ? 'not selected' : 'rest';
  const codes = new Int32Array(table.n).fill(1);
  let k = 0;
  for (const i of target.rows) { if (!(i < table.n)) throw new RangeError(`selected row ${i} is outside the table`); if (codes[i]) { codes[i] = 0; k++; } }
  if (k === 0) throw new Error('the selection is empty: select the rows the rules should describe');
  if (k === table.n) throw new Error('the selection holds every row: there is nothing to tell it apart from');
  return { target: { classes: [name, rest], codes }, about: `the selection (${fmt(k)} rows) vs the rest`, wanted: input.classes ?? [name] };
}

/**
 * Stratified split of the rows with a class: per class, a `holdout` share held out (at least
 * one row stays to fit), chosen in a seeded random order. Both lists come out ascending.
 */
function split(codes: Int32Array, K: number, holdout: number, seed: number): { fit: Uint32Array; held: Uint32Array } {
  const n = codes.length, count = new Float64Array(K);
  for (let i = 0; i < n; i++) if (codes[i] >= 0 && codes[i] < K) count[codes[i]]++;
  const quota = Float64Array.from(count, (c) => Math.min(c - 1, Math.round(c * holdout)));
  const held = new Uint8Array(n);
  let nHeld = 0, nFit = 0;
  for (const i of permutation(n, mulberry32(seed))) {
    const c = codes[i];
    if (c < 0 || c >= K) continue;
    if (quota[c] > 0) { quota[c]--; held[i] = 1; nHeld++; } else nFit++;
  }
  const fit = new Uint32Array(nFit), out = new Uint32Array(nHeld);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    const c = codes[i];
    if (c < 0 || c >= K) continue;
    if (held[i]) out[b++] = i; else fit[a++] = i;
  }
  return { fit, held: out };
}

export async function suggestRules(input: SuggestInput, ctx: JobContext = directContext()): Promise<SuggestResult> {
  const { table } = input;
  const { target, about, wanted } = targetOf(input);
  const features = featureColumnNames(table, input.roles);
  if (features.length === 0) throw new Error('there are no feature columns: every column is the label, text, or marked "not a feature"');
  const holdout = Math.max(0, Math.min(0.9, input.holdout ?? 0.3));
  const { fit, held } = split(target.codes, target.classes.length, holdout, input.seed ?? 0);
  const classWeight = input.classWeight !== undefined ? input.classWeight : input.target.kind === 'selection' ? 'balanced' : null;
  const tree = new DecisionTree({ maxDepth: input.maxDepth ?? 3, minLeaf: input.minLeaf ?? 20, classWeight });
  await tree.fit(table, target, features, { rows: fit, signal: ctx.signal, onProgress: (done, total, message) => ctx.progress({ done, total: total + 1, message }) });
  throwIfCancelled(ctx.signal);
  const measure = held.length ? held : fit;
  const m = tree.measure(table, target, measure, held.length ? 'held-out rows' : 'fit rows');
  const measuredOn = `${m.description} ${held.length ? '(not used to fit)' : '(the rows it was fit on: optimistic, nothing was held out)'}`;
  ctx.progress({ done: 1, total: 1, message: 'Rules written' });
  const suggestions = tree.toRules({ targets: wanted.filter((c) => target.classes.includes(c)) });
  const correct = m.correct.reduce((a, b) => a + b, 0);
  const share = fit.length + held.length ? Math.round((100 * fit.length) / (fit.length + held.length)) : 0;
  const fitOn = `${fmt(fit.length)} rows (${share}%)`;
  const header = [
    `# Suggested by a depth-${tree.maxDepth} decision tree (leaves of ${fmt(tree.minLeaf)}+ rows) on ${tree.features.length} column${tree.features.length === 1 ? '' : 's'}, fit on ${fitOn} against ${about}.`,
    `# Figures on ${measuredOn}.${tree.dropped.length ? ` Left out: ${tree.dropped.map((d) => `${d.column} (${d.reason})`).join('; ')}.` : ''}`,
  ];
  const missing = wanted.filter((c) => target.classes.includes(c) && !suggestions.some((s) => s.rule.target === c));
  if (missing.length) header.push(`# No leaf predicts ${missing.map((c) => JSON.stringify(c)).join(' or ')}${classWeight === 'balanced' ? '' : ' (too rare to win a leaf)'}: try ${classWeight === 'balanced' ? '' : 'balanced class weights, '}a deeper tree or smaller leaves.`);
  return {
    suggestions,
    text: [...header, ...suggestions.map((s) => s.text)].join('\n') + '\n',
    classes: [...target.classes],
    features: tree.features,
    dropped: tree.dropped,
    fitOn,
    measuredOn,
    measuredRows: measure,
    accuracy: m.rows ? correct / m.rows : null,
    tree: tree.toJSON(),
  };
}

/** The `suggest` worker job (ml/jobs/catalog.ts). */
export const runSuggest = (input: SuggestInput, ctx: JobContext): Promise<SuggestResult> => suggestRules(input, ctx);
