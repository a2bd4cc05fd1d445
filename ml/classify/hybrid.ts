/**
 * Rules first, model where the rules abstain: the usual way a hand-written rule set and a
 * learned model are deployed together. Classes are matched by name, so the rules and the model
 * may list them in different orders or know different classes; the result's `classes` is
 * their union (rules' order first). `source` says who decided each row, so the UI can show it.
 */
import type { Table } from '../table/types.ts';
import type { RuleClassifier } from './rule-classifier.ts';

export const SOURCE_NONE = 0, SOURCE_RULES = 1, SOURCE_MODEL = 2;

export type HybridPrediction = {
  classes: string[];
  /** Index into `classes`, or -1 when neither side predicts. */
  pred: Int32Array;
  /** Per row: SOURCE_RULES, SOURCE_MODEL or SOURCE_NONE. */
  source: Uint8Array;
};

/** Merge two prediction vectors (each an index into its own class list, -1 = abstain). */
export function combinePredictions(rulePred: Int32Array, ruleClasses: readonly string[], modelPred: Int32Array, modelClasses: readonly string[]): HybridPrediction {
  const n = rulePred.length;
  if (modelPred.length !== n) throw new RangeError(`rules predicted ${n} rows, the model ${modelPred.length}`);
  const classes = [...ruleClasses];
  for (const c of modelClasses) if (!classes.includes(c)) classes.push(c);
  const fromModel = Int32Array.from(modelClasses, (c) => classes.indexOf(c));
  const pred = new Int32Array(n);
  const source = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = rulePred[i];
    if (r >= 0) { pred[i] = r; source[i] = SOURCE_RULES; continue; }
    const m = modelPred[i];
    if (m >= 0 && m < fromModel.length) { pred[i] = fromModel[m]; source[i] = SOURCE_MODEL; } else pred[i] = -1;
  }
  return { classes, pred, source };
}

/** Anything that predicts class indices for a table (e.g. the dense head's predictor). */
export type TablePredictor = { classes: string[]; predict(table: Table): Int32Array };

/**
 * A RuleClassifier whose abstentions are filled by a model. The rule classifier should be
 * built with `abstain: 'abstain'`; with a default class configured the model is never asked.
 */
export class HybridClassifier {
  constructor(readonly rules: RuleClassifier, readonly model: TablePredictor) {}

  get classes(): string[] {
    const out = [...this.rules.classes];
    for (const c of this.model.classes) if (!out.includes(c)) out.push(c);
    return out;
  }

  predictWithSource(table: Table): HybridPrediction {
    return combinePredictions(this.rules.predict(table), this.rules.classes, this.model.predict(table), this.model.classes);
  }

  predict(table: Table): Int32Array {
    return this.predictWithSource(table).pred;
  }
}
