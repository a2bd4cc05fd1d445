/** Generated tables for the decision-tree tests: numeric (optionally integer-valued) and categorical columns with missing values. */
import { mulberry32 } from '../../../ml/random.ts';
import type { Column, Table } from '../../../ml/table/types.ts';

export type GenOptions = { n: number; seed: number; classes?: number; numeric?: number; categorical?: number; integer?: boolean; missing?: number };

/** Class depends on the first columns plus noise, so trees have real splits to find. */
export function generate(o: GenOptions): { table: Table; y: Int32Array } {
  const r = mulberry32(o.seed);
  const K = o.classes ?? 2, nNum = o.numeric ?? 4, nCat = o.categorical ?? 0, miss = o.missing ?? 0;
  const columns: Column[] = [];
  const z = new Float64Array(o.n);
  for (let j = 0; j < nNum; j++) {
    const values = new Float32Array(o.n);
    for (let i = 0; i < o.n; i++) {
      const g = (r() + r() + r() - 1.5) * 2;
      values[i] = o.integer ? Math.round(g * 40) : g;
      z[i] += (j % 2 ? -1 : 1) * g / (j + 1);
      if (r() < miss * (j % 2 ? 1 : 0.5)) { values[i] = NaN; if (j === 1) z[i] += 0.8; } // missingness carries signal on column 1
    }
    columns.push({ name: `x${j}`, type: 'numeric', values });
  }
  for (let j = 0; j < nCat; j++) {
    const L = 3 + 2 * j;
    const dictionary = Array.from({ length: L }, (_, v) => `c${j}_${v}`);
    const codes = new Int32Array(o.n);
    for (let i = 0; i < o.n; i++) {
      codes[i] = r() < miss ? -1 : Math.floor(r() * L);
      if (codes[i] >= 0) z[i] += ((codes[i] * 7) % L) / L - 0.5;
    }
    columns.push({ name: `g${j}`, type: 'categorical', codes, dictionary });
  }
  const y = new Int32Array(o.n);
  for (let i = 0; i < o.n; i++) {
    const v = z[i] + (r() - 0.5) * 1.2;
    y[i] = K === 2 ? (v > 0.3 ? 1 : 0) : Math.min(K - 1, Math.max(0, Math.floor((v + 1.5) / (3 / K))));
  }
  columns.push({ name: 'label', type: 'categorical', codes: y, dictionary: Array.from({ length: K }, (_, c) => `k${c}`) });
  return { table: { n: o.n, columns }, y };
}
