/**
 * Splits of the labelled rows for validation, class weights and the standardiser. All pure and
 * seeded: the same labels and seed give the same folds, so a retrain is reproducible.
 */
import { mulberry32, permutation } from '../random.ts';
import type { Matrix, Scaler, ValidationMode } from './types.ts';
import { rowsOf } from './types.ts';

/** Positions (into the labelled arrays) for training and validation. */
export type Split = { train: Uint32Array; val: Uint32Array };

export function classCounts(y: Int32Array, k: number): Int32Array {
  const counts = new Int32Array(k);
  for (let i = 0; i < y.length; i++) {
    const c = y[i];
    if (c < 0 || c >= k || !Number.isInteger(c)) throw new Error(`Label ${i} is class ${c}, expected 0..${k - 1}`);
    counts[c]++;
  }
  return counts;
}

/** The concrete strategy 'auto' stands for, given the labels (see ValidationMode). */
export function resolveValidation(mode: ValidationMode, y: Int32Array, k: number): Exclude<ValidationMode, 'auto'> {
  const counts = classCounts(y, k);
  let min = Infinity;
  for (const c of counts) if (c > 0) min = Math.min(min, c);
  if (mode === 'auto') return min >= 10 ? 'holdout' : min >= 2 ? 'kfold' : 'none';
  if ((mode === 'holdout' || mode === 'kfold') && min < 2) return 'none';
  return mode;
}

/** Groups positions by class, each group shuffled with the seeded PRNG. */
function byClass(y: Int32Array, k: number, seed: number): number[][] {
  const random = mulberry32(seed ^ 0x5bd1e995);
  const groups: number[][] = Array.from({ length: k }, () => []);
  const order = permutation(y.length, random);
  for (const i of order) groups[y[i]].push(i);
  return groups;
}

/** Stratified hold-out: `fraction` of each class (at least one, never all) to validation. */
export function stratifiedHoldout(y: Int32Array, k: number, seed: number, fraction = 0.2): Split {
  const train: number[] = [];
  const val: number[] = [];
  for (const g of byClass(y, k, seed)) {
    const nVal = g.length < 2 ? 0 : Math.min(g.length - 1, Math.max(1, Math.round(g.length * fraction)));
    // A loop, not push(...g): a spread of a 280k-row class overflows the call stack.
    for (let j = 0; j < g.length; j++) (j < nVal ? val : train).push(g[j]);
  }
  return { train: Uint32Array.from(train), val: Uint32Array.from(val) };
}

/** Stratified k folds: class members dealt round-robin, so every fold sees every class it can. */
export function stratifiedFolds(y: Int32Array, k: number, folds: number, seed: number): Split[] {
  const assign = new Int32Array(y.length);
  let offset = 0;
  for (const g of byClass(y, k, seed)) {
    g.forEach((pos, j) => (assign[pos] = (j + offset) % folds));
    offset += g.length; // rotate so small classes do not all land in fold 0
  }
  const out: Split[] = [];
  for (let f = 0; f < folds; f++) {
    const train: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < y.length; i++) (assign[i] === f ? val : train).push(i);
    out.push({ train: Uint32Array.from(train), val: Uint32Array.from(val) });
  }
  return out;
}

/** 'balanced' weights like scikit-learn: n / (classes present × count); absent classes get 0. */
export function balancedWeights(y: Int32Array, k: number): Float32Array {
  const counts = classCounts(y, k);
  const present = counts.reduce((a, c) => a + (c > 0 ? 1 : 0), 0);
  const w = new Float32Array(k);
  for (let c = 0; c < k; c++) w[c] = counts[c] > 0 ? y.length / (present * counts[c]) : 0;
  return w;
}

/** Mean and standard deviation per dimension (std floored so constant dimensions stay 0). */
export function fitScaler(x: Matrix, rows?: Uint32Array): Scaler {
  const { data, dim } = x;
  const n = rows ? rows.length : rowsOf(x);
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let r = 0; r < n; r++) {
    const base = (rows ? rows[r] : r) * dim;
    for (let d = 0; d < dim; d++) mean[d] += data[base + d];
  }
  for (let d = 0; d < dim; d++) mean[d] /= Math.max(1, n);
  for (let r = 0; r < n; r++) {
    const base = (rows ? rows[r] : r) * dim;
    for (let d = 0; d < dim; d++) {
      const v = data[base + d] - mean[d];
      sq[d] += v * v;
    }
  }
  const std = new Float32Array(dim);
  for (let d = 0; d < dim; d++) {
    const s = Math.sqrt(sq[d] / Math.max(1, n));
    std[d] = s > 1e-6 ? s : 1;
  }
  return { mean: Float32Array.from(mean), std };
}

/** Copies the given rows of x into a new matrix (labelled rows are few; copying is cheap). */
export function takeRows(x: Matrix, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * x.dim);
  for (let i = 0; i < rows.length; i++) out.set(x.data.subarray(rows[i] * x.dim, (rows[i] + 1) * x.dim), i * x.dim);
  return out;
}

/** How many labelled items validation scores (what an accuracy shown to the user was measured on). */
export function validationSize(y: Int32Array, k: number, seed: number, mode: ValidationMode = 'auto'): { mode: Exclude<ValidationMode, 'auto'>; n: number } {
  const m = resolveValidation(mode, y, k);
  return { mode: m, n: m === 'holdout' ? stratifiedHoldout(y, k, seed).val.length : m === 'kfold' ? y.length : 0 };
}
