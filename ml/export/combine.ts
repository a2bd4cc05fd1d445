/**
 * A bundle's answer per row from its parts: the rules' class (or abstain), the model's
 * probabilities, and — for a hybrid — the rules first and the model where they abstain
 * (ml/classify/hybrid.ts). Classes are matched by name into the bundle's class list.
 */
import { combinePredictions, SOURCE_MODEL, SOURCE_NONE, SOURCE_RULES } from '../classify/hybrid.ts';
import { argmaxRows } from '../train/forward-js.ts';

export { SOURCE_MODEL, SOURCE_NONE, SOURCE_RULES };

/** Class indices re-expressed in another class list (by name; -1 stays -1). */
export function mapClasses(pred: Int32Array, from: readonly string[], to: readonly string[]): Int32Array {
  const map = Int32Array.from(from, (c) => to.indexOf(c));
  return pred.map((p) => (p >= 0 ? map[p] : -1));
}

/** n × k.length probabilities re-expressed in `to` (classes `to` has and `from` lacks get 0). */
export function mapProba(proba: Float32Array, from: readonly string[], to: readonly string[]): Float32Array {
  const k = from.length, K = to.length, n = proba.length / k;
  const map = Int32Array.from(from, (c) => to.indexOf(c));
  const out = new Float32Array(n * K);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[i * K + map[c]] = proba[i * k + c];
  return out;
}

export type Answers = {
  /** Per row, an index into the bundle's classes or -1 (abstain). */
  pred: Int32Array;
  /** SOURCE_RULES / SOURCE_MODEL / SOURCE_NONE per row. */
  source: Uint8Array;
  /** n × classes probabilities: the model's where it decided, the rules' where they did; null for rules without a model. */
  proba: Float32Array | null;
  /** Each part alone, in the bundle's classes (for metrics). */
  rulePred: Int32Array | null;
  modelPred: Int32Array | null;
};

export type RuleAnswers = { pred: Int32Array; proba: Float32Array; classes: readonly string[] };

export function combine(rules: RuleAnswers | null, modelProba: Float32Array | null, modelClasses: readonly string[], classes: readonly string[], n: number): Answers {
  const rulePred = rules ? mapClasses(rules.pred, rules.classes, classes) : null;
  const modelPred = modelProba ? mapClasses(argmaxRows(modelProba, modelClasses.length), modelClasses, classes) : null;
  if (!modelPred || !modelProba) {
    const pred = rulePred ?? new Int32Array(n).fill(-1);
    return { pred, source: Uint8Array.from(pred, (p) => (p >= 0 ? SOURCE_RULES : SOURCE_NONE)), proba: null, rulePred, modelPred };
  }
  const mp = mapProba(modelProba, modelClasses, classes);
  if (!rulePred || !rules) return { pred: modelPred, source: new Uint8Array(n).fill(SOURCE_MODEL), proba: mp, rulePred, modelPred };
  const { pred, source } = combinePredictions(rulePred, classes, modelPred, classes);
  const rp = mapProba(rules.proba, rules.classes, classes);
  const K = classes.length;
  for (let i = 0; i < n; i++) if (source[i] === SOURCE_RULES) mp.set(rp.subarray(i * K, (i + 1) * K), i * K);
  return { pred, source, proba: mp, rulePred, modelPred };
}
