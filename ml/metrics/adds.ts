/**
 * "What the model adds / what the rules add", on rows with a reference label: rows the model
 * gets right where the rules abstain or are wrong, and rows the rules get right where the
 * model is wrong or abstains. Lists are row indices, the model's most confident first.
 */
import type { RowSet } from './rows.ts';
import { byConfidence } from './agreement-matrix.ts';

export type RowGroup = {
  rows: Uint32Array;
  /** Of those rows, how many have each reference class (index = class). */
  perClass: Int32Array;
};

export type Adds = {
  /** The model is right, the rules abstain. */
  modelWhereRulesAbstain: RowGroup;
  /** The model is right, the rules predict another class. */
  modelWhereRulesWrong: RowGroup;
  /** The rules are right, the model predicts another class or abstains. */
  rulesWhereModelWrong: RowGroup;
  bothRight: number;
  /** Neither is right (wrong or abstaining). */
  neitherRight: number;
  rows: Pick<RowSet, 'count' | 'what' | 'description'>;
};

export function modelAdds(truth: Int32Array, rulePred: Int32Array, modelPred: Int32Array, confidence: Float32Array, k: number, rows: RowSet): Adds {
  const n = truth.length;
  if (rulePred.length !== n || modelPred.length !== n || rows.mask.length !== n) throw new RangeError(`adds: ${n} truth rows, rules ${rulePred.length}, model ${modelPred.length}, mask ${rows.mask.length}`);
  const groups: number[][] = [[], [], []];
  let bothRight = 0, neitherRight = 0;
  const M = rows.mask;
  for (let i = 0; i < n; i++) {
    const t = truth[i];
    if (!M[i] || t < 0) continue;
    const r = rulePred[i] === t, m = modelPred[i] === t;
    if (r && m) bothRight++;
    else if (m) groups[rulePred[i] < 0 ? 0 : 1].push(i);
    else if (r) groups[2].push(i);
    else neitherRight++;
  }
  const group = (g: number[]): RowGroup => {
    const perClass = new Int32Array(k);
    for (const i of g) perClass[truth[i]]++;
    return { rows: byConfidence(Uint32Array.from(g), confidence), perClass };
  };
  return {
    modelWhereRulesAbstain: group(groups[0]),
    modelWhereRulesWrong: group(groups[1]),
    rulesWhereModelWrong: group(groups[2]),
    bothRight,
    neitherRight,
    rows: { count: rows.count, what: rows.what, description: rows.description },
  };
}
