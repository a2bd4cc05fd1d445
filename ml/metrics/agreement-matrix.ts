/**
 * Rules × model agreement: a (k+1)×(k+1) matrix of counts and shares — rule class or abstain
 * down, model class or abstain across — over a set of rows, and for any cell its rows with
 * the model's most confident answers first (Zeno's "most confident disagreements" list).
 */
import type { RowSet } from './rows.ts';
import { argsortDesc } from './sort.ts';

export type AgreementMatrix = {
  /** Class names; index k (= classes.length) is "abstain" on either side. */
  classes: string[];
  /** (k+1)×(k+1), row-major: counts[r·(k+1) + c] rows where the rules say r and the model c. */
  counts: Int32Array;
  /** counts / total (0 when there are no rows). */
  shares: Float64Array;
  total: number;
  /** Rows where both predict the same class. */
  agree: number;
  /** Rows where both predict, different classes. */
  disagree: number;
  /** The rows the matrix is over. */
  rows: Pick<RowSet, 'count' | 'what' | 'description'>;
  /** Per table row: its cell id, or -1 outside `rows` (used by cellRows). */
  cellOf: Int32Array;
  /** The model's confidence per row (cellRows sorts by it). */
  confidence: Float32Array;
};

/** The cell of rule class r and model class c (-1 or ≥ k = abstain) in a (k+1)×(k+1) matrix. */
export const cellId = (r: number, c: number, k: number): number => (r >= 0 && r < k ? r : k) * (k + 1) + (c >= 0 && c < k ? c : k);

/** The matrix from each row's cell (-1 = not counted) and the cell counts. */
export function agreementFromCells(cellOf: Int32Array, counts: Int32Array, classes: string[], rows: Pick<RowSet, 'count' | 'what' | 'description'>, confidence: Float32Array): AgreementMatrix {
  const k = classes.length, w = k + 1;
  let agree = 0, both = 0;
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) { both += counts[r * w + c]; if (r === c) agree += counts[r * w + c]; }
  const total = rows.count;
  const shares = Float64Array.from(counts, (x) => (total ? x / total : 0));
  return { classes, counts, shares, total, agree, disagree: both - agree, rows: { count: rows.count, what: rows.what, description: rows.description }, cellOf, confidence };
}

export const everyRow = (n: number): Pick<RowSet, 'count' | 'what' | 'description'> => ({ count: n, what: 'rows', description: `${n.toLocaleString('en-US')} rows` });

/**
 * `rulePred`, `modelPred` index `classes` (-1 = abstain); `confidence` is the model's.
 * `rows` null = every row.
 */
export function agreementMatrix(rulePred: Int32Array, modelPred: Int32Array, confidence: Float32Array, classes: string[], rows: RowSet | null): AgreementMatrix {
  const n = rulePred.length, k = classes.length, w = k + 1;
  if (modelPred.length !== n || confidence.length !== n || (rows && rows.mask.length !== n)) throw new RangeError(`agreement: rules predict ${n} rows, the model ${modelPred.length}, confidences ${confidence.length}, row mask ${rows?.mask.length}`);
  const counts = new Int32Array(w * w), cellOf = new Int32Array(n);
  const M = rows?.mask;
  for (let i = 0; i < n; i++) {
    if (M && !M[i]) { cellOf[i] = -1; continue; }
    const id = cellId(rulePred[i], modelPred[i], k);
    cellOf[i] = id;
    counts[id]++;
  }
  return agreementFromCells(cellOf, counts, classes, rows ?? everyRow(n), confidence);
}

/** Count in a cell; -1 reads the abstain row / column. */
export function agreementCount(m: AgreementMatrix, ruleClass: number, modelClass: number): number {
  const k = m.classes.length;
  return m.counts[(ruleClass < 0 ? k : ruleClass) * (k + 1) + (modelClass < 0 ? k : modelClass)];
}

/**
 * The rows of one cell (rule class r, model class c; -1 = abstain), the model's most
 * confident first; ties and rows without a confidence (NaN, last) in row order.
 */
export function cellRows(m: AgreementMatrix, ruleClass: number, modelClass: number): Uint32Array {
  const k = m.classes.length;
  const id = (ruleClass < 0 ? k : ruleClass) * (k + 1) + (modelClass < 0 ? k : modelClass);
  const rows = new Uint32Array(m.counts[id]);
  let j = 0;
  for (let i = 0; i < m.cellOf.length; i++) if (m.cellOf[i] === id) rows[j++] = i;
  return byConfidence(rows, m.confidence);
}

/** `rows` by `confidence` descending; rows with NaN confidence after the others, in row order. */
export function byConfidence(rows: Uint32Array, confidence: Float32Array): Uint32Array {
  const { order, dropped } = argsortDesc(confidence, rows);
  if (!dropped) return order;
  const out = new Uint32Array(rows.length);
  out.set(order);
  let j = order.length;
  for (const i of rows) { const c = confidence[i]; if (c !== c) out[j++] = i; }
  return out;
}
