/**
 * What the `compare` benchmark measures on: the SYNTHETIC 284,807-row credit-card table
 * (seed 1), a logistic regression on its 30 feature columns with 2-fold cross-validated
 * probabilities (every row scored by the model that did not train on it, so every row is
 * eligible), and a hand-written fraud rule set.
 */
import { generateCreditCard } from '../ml/table/generate-creditcard.ts';
import { tableFeatures } from '../ml/train/features.ts';
import { LogisticRegression } from '../ml/train/logreg.ts';
import { initBackend } from '../ml/train/backend.node.ts';
import { excludedColumns } from '../ml/table/label.ts';
import { referenceFromColumn, type Reference } from '../ml/metrics/reference.ts';
import { rowSetFromMask, type RowSet } from '../ml/metrics/rows.ts';
import { parseRules } from '../ml/rules/text.ts';
import type { RuleSet } from '../ml/rules/spec.ts';
import type { Table } from '../ml/table/types.ts';
import { mulberry32, permutation } from '../ml/random.ts';

export const FRAUD_RULES = [
  'V14 < -4.2 and V17 < -3 => 1',
  'V12 < -5 and V10 < -3 => 1',
  'V4 > 4 and V11 > 3 => 1',
  '-4.2 <= V14 < -2 and V12 < -3 => 1',
  'V10 < -6 and V16 < -4 => 1',
].join('\n');

export function fraudRules(): RuleSet {
  const { rules, errors } = parseRules(FRAUD_RULES);
  if (errors.length) throw new Error(`bench rules do not parse: ${JSON.stringify(errors)}`);
  return { rules, defaultClass: null };
}

export type CompareData = { table: Table; reference: Reference; classes: string[]; proba: Float32Array; eligible: RowSet; trainMs: number };

/** The table and cross-validated model probabilities (n × 2, classes ["0", "1"]). */
export async function compareData(folds = 2): Promise<CompareData> {
  const table = generateCreditCard({ seed: 1 });
  const reference = referenceFromColumn(table, 'Class');
  const feats = tableFeatures(table, { exclude: excludedColumns({ label: 'Class' }) });
  await initBackend('auto');
  const n = table.n, dim = feats.dim, K = reference.classes.length;
  const fold = new Uint8Array(n);
  permutation(n, mulberry32(7)).forEach((i, j) => { fold[i] = j % folds; });
  const proba = new Float32Array(n * K);
  const t0 = performance.now();
  for (let f = 0; f < folds; f++) {
    const train: number[] = [], test: number[] = [];
    for (let i = 0; i < n; i++) (fold[i] === f ? test : train).push(i);
    const take = (rows: number[]) => { const x = new Float32Array(rows.length * dim); rows.forEach((i, j) => x.set(feats.data.subarray(i * dim, i * dim + dim), j * dim)); return { data: x, dim }; };
    const model = new LogisticRegression({ epochs: 4, batchSize: 1024, validation: 'none', seed: f });
    await model.fit(take(train), Int32Array.from(train, (i) => reference.truth[i]), reference.classes);
    const p = model.predictProba(take(test));
    test.forEach((i, j) => proba.set(p.subarray(j * K, j * K + K), i * K));
  }
  const trainMs = performance.now() - t0;
  const eligible = rowSetFromMask(new Uint8Array(n).fill(1), `rows (${folds}-fold cross-validated)`);
  return { table, reference, classes: reference.classes, proba, eligible, trainMs };
}
