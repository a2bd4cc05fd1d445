/**
 * What the rules and the model are scored against: a label column, or the labels the user
 * gave by hand (sparse row → class pairs, as the project stores them). Classes are names, and
 * the rules, the model and the reference are matched by name: `alignClasses` builds the one
 * class list every compare figure indexes, and says in words what does not match.
 */
import type { Table } from '../table/types.ts';
import { labelCodes, labelValues } from './labels.ts';

export type Reference = {
  /** Class names; `truth` indexes them. */
  classes: string[];
  /** Per row: index into `classes`, or -1 when the row has no reference label. Never changed in place: new labels, new Reference. */
  truth: Int32Array;
  /** Where the labels come from, for the screen: 'the label column "Class"', 'your labels'. */
  source: string;
  /** Rows with a reference label. */
  labelled: number;
};

function count(truth: Int32Array): number {
  let k = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] >= 0) k++;
  return k;
}

/** The reference from a label column (its values as classes, in labelValues order). */
export function referenceFromColumn(table: Table, column: string): Reference {
  const classes = labelValues(table, column);
  const truth = labelCodes(table, column, classes);
  return { classes, truth, source: `the label column "${column}"`, labelled: count(truth) };
}

/** The reference from the user's labels: `assigned` holds [row, class index] pairs. */
export function referenceFromLabels(n: number, labels: { classes: string[]; assigned: readonly (readonly [number, number])[] }): Reference {
  const truth = new Int32Array(n).fill(-1);
  for (const [row, k] of labels.assigned) {
    if (!(row >= 0 && row < n)) throw new RangeError(`a label is on row ${row}, outside the table (0..${n - 1})`);
    if (!(k >= 0 && k < labels.classes.length)) throw new RangeError(`row ${row} is labelled with class ${k}, but there are ${labels.classes.length} classes`);
    truth[row] = k;
  }
  return { classes: [...labels.classes], truth, source: 'your labels', labelled: count(truth) };
}

export type ClassAlignment = {
  /** Reference classes first (their order), then model-only, then rule-only classes. */
  classes: string[];
  /** Index into `classes` for each rule class / model class. */
  fromRules: Int32Array;
  fromModel: Int32Array;
  /** Plain sentences about classes that do not match; nothing here is an error. */
  notes: string[];
};

const quote = (c: string) => JSON.stringify(c);
const list = (cs: string[]) => cs.map(quote).join(', ');

/**
 * One class list for reference, model and rules, matched by name. A model class or a rule
 * target that is not a reference class can still be predicted; those predictions are simply
 * wrong against the reference (the notes say so).
 */
export function alignClasses(reference: readonly string[], rules: readonly string[], model: readonly string[] | null): ClassAlignment {
  const classes = [...reference];
  const add = (c: string) => { if (!classes.includes(c)) classes.push(c); };
  model?.forEach(add);
  rules.forEach(add);
  const notes: string[] = [];
  const notRef = (cs: readonly string[]) => cs.filter((c) => !reference.includes(c));
  const mExtra = model ? notRef(model) : [];
  const rExtra = notRef(rules);
  if (mExtra.length) notes.push(`The model predicts ${list(mExtra)}, which ${mExtra.length === 1 ? 'is not a class' : 'are not classes'} of the reference: those predictions count as wrong.`);
  if (rExtra.length) notes.push(`A rule predicts ${list(rExtra)}, which ${rExtra.length === 1 ? 'is not a class' : 'are not classes'} of the reference: those predictions count as wrong.`);
  if (model) {
    const unknown = reference.filter((c) => !model.includes(c));
    if (unknown.length) notes.push(`The model does not know ${list(unknown)}: it can never predict ${unknown.length === 1 ? 'it' : 'them'}.`);
    const ruleOnly = rules.filter((c) => !model.includes(c) && reference.includes(c));
    const modelOnly = model.filter((c) => !rules.includes(c) && reference.includes(c));
    if (modelOnly.length && rules.length) notes.push(`No rule predicts ${list(modelOnly)}; the model does.`);
    if (ruleOnly.length) notes.push(`Rules predict ${list(ruleOnly)}; the model has no such class.`);
  }
  return {
    classes,
    fromRules: Int32Array.from(rules, (c) => classes.indexOf(c)),
    fromModel: Int32Array.from(model ?? [], (c) => classes.indexOf(c)),
    notes,
  };
}

/** The least frequent reference class among `candidates` (ties: the first), the usual "positive". */
export function rarestClass(ref: Reference, candidates: readonly string[]): string | null {
  const counts = new Float64Array(ref.classes.length);
  for (let i = 0; i < ref.truth.length; i++) if (ref.truth[i] >= 0) counts[ref.truth[i]]++;
  let best: string | null = null, bestCount = Infinity;
  ref.classes.forEach((c, k) => { if (candidates.includes(c) && counts[k] > 0 && counts[k] < bestCount) { best = c; bestCount = counts[k]; } });
  return best;
}
