/**
 * "What the model adds / what the rules add", on rows with a reference label: rows the model
 * gets right where the rules abstain or are wrong, and rows the rules get right where the
 * model is wrong or abstains. Counts (and counts per class) are computed at once; the row
 * lists, the model's most confident first, when asked for (`addsRows`) — one of them holds
 * most of the table, and sorting it after every rule edit would be wasted.
 */
import type { RowSet } from './rows.ts';
import { byConfidence } from './agreement-matrix.ts';

export type AddsGroup = 'modelWhereRulesAbstain' | 'modelWhereRulesWrong' | 'rulesWhereModelWrong' | 'bothRight' | 'neitherRight';
const GROUPS: AddsGroup[] = ['modelWhereRulesAbstain', 'modelWhereRulesWrong', 'rulesWhereModelWrong', 'bothRight', 'neitherRight'];
/** Number of groups, and the group byte of rows outside the set. */
export const ADDS_GROUPS = GROUPS.length, OUTSIDE = 255;

export type Adds = {
  /** Rows per group: the model right where the rules abstain / are wrong; the rules right where the model is wrong or abstains; both right; neither. */
  counts: Record<AddsGroup, number>;
  /** Per group, rows of each reference class (index = class). */
  perClass: Record<AddsGroup, Int32Array>;
  rows: Pick<RowSet, 'count' | 'what' | 'description'>;
  /** Per table row: its group (index into the groups above), 255 outside the rows. */
  groupOf: Uint8Array;
  confidence: Float32Array;
};

/** The group of a labelled row (truth t ≥ 0) given the rules' and the model's answers. */
export const addsGroup = (t: number, r: number, m: number): number => (r === t ? (m === t ? 3 : 2) : m === t ? (r < 0 ? 0 : 1) : 4);

/** From each row's group (255 = not counted) and per group × truth class counts. */
export function addsFromGroups(groupOf: Uint8Array, per: Int32Array, k: number, rows: Pick<RowSet, 'count' | 'what' | 'description'>, confidence: Float32Array): Adds {
  const slice = (j: number) => per.slice(j * k, j * k + k);
  return {
    counts: Object.fromEntries(GROUPS.map((g, j) => [g, slice(j).reduce((x, y) => x + y, 0)])) as Record<AddsGroup, number>,
    perClass: Object.fromEntries(GROUPS.map((g, j) => [g, slice(j)])) as Record<AddsGroup, Int32Array>,
    rows: { count: rows.count, what: rows.what, description: rows.description },
    groupOf,
    confidence,
  };
}

export function modelAdds(truth: Int32Array, rulePred: Int32Array, modelPred: Int32Array, confidence: Float32Array, k: number, rows: RowSet): Adds {
  const n = truth.length;
  if (rulePred.length !== n || modelPred.length !== n || rows.mask.length !== n) throw new RangeError(`adds: ${n} truth rows, rules ${rulePred.length}, model ${modelPred.length}, mask ${rows.mask.length}`);
  const groupOf = new Uint8Array(n).fill(OUTSIDE);
  const per = new Int32Array(ADDS_GROUPS * k); // group × truth class
  const M = rows.mask;
  for (let i = 0; i < n; i++) {
    const t = truth[i];
    if (!M[i] || t < 0) continue;
    const g = addsGroup(t, rulePred[i], modelPred[i]);
    groupOf[i] = g;
    per[g * k + t]++;
  }
  return addsFromGroups(groupOf, per, k, rows, confidence);
}

/** The rows of one group, the model's most confident first (ties and NaN confidences in row order). */
export function addsRows(a: Adds, group: AddsGroup): Uint32Array {
  const g = GROUPS.indexOf(group);
  const rows = new Uint32Array(a.counts[group]);
  for (let i = 0, j = 0; i < a.groupOf.length; i++) if (a.groupOf[i] === g) rows[j++] = i;
  return byConfidence(rows, a.confidence);
}

/** One sentence for the positive class: "The model finds 97 bad loans the rules miss (…); the rules find 28 the model misses." */
export function describeAdds(a: Adds, positive: number, noun: string): string {
  const abstain = a.perClass.modelWhereRulesAbstain[positive], wrong = a.perClass.modelWhereRulesWrong[positive];
  const lost = a.perClass.rulesWhereModelWrong[positive];
  const fmt = (x: number) => x.toLocaleString('en-US');
  const parts = wrong ? ` (${fmt(abstain)} where they abstain, ${fmt(wrong)} where they say otherwise)` : abstain ? ' (all where they abstain)' : '';
  return `The model finds ${fmt(abstain + wrong)} ${noun} the rules miss${parts}; the rules find ${fmt(lost)} the model misses, on ${a.rows.description}.`;
}
