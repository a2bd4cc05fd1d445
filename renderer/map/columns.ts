/**
 * "Table columns (standardised)": every numeric column z-scored (missing → 0, the mean) and
 * every small categorical column one-hot, minus the label column — a map for tables that have
 * no embeddings. (ml/train/features.ts does the same for training; the map keeps its own copy
 * so it can draw before training code exists.)
 */
import type { Embedding } from '../../ml/api.ts';
import type { Table } from '../../ml/table/types.ts';

export const COLUMNS_ID = 'columns';
const MAX_ONE_HOT = 12;

export function columnsEmbedding(table: Table, exclude: (string | null)[]): Embedding | null {
  const numeric = table.columns.filter((c) => c.type === 'numeric' && !exclude.includes(c.name));
  const cats = table.columns.filter((c) => c.type === 'categorical' && !exclude.includes(c.name) && c.dictionary.length <= MAX_ONE_HOT);
  const dim = numeric.length + cats.reduce((s, c) => s + (c.type === 'categorical' ? c.dictionary.length : 0), 0);
  if (numeric.length < 2 && dim < 3) return null;
  const n = table.n;
  const data = new Float32Array(n * dim);
  let d = 0;
  for (const c of numeric) {
    if (c.type !== 'numeric') continue;
    let sum = 0, sq = 0, count = 0;
    for (let i = 0; i < n; i++) { const v = c.values[i]; if (v === v) { sum += v; sq += v * v; count++; } }
    const mean = count ? sum / count : 0;
    const sd = count ? Math.sqrt(Math.max(0, sq / count - mean * mean)) || 1 : 1;
    for (let i = 0; i < n; i++) { const v = c.values[i]; data[i * dim + d] = v === v ? (v - mean) / sd : 0; }
    d++;
  }
  for (const c of cats) {
    if (c.type !== 'categorical') continue;
    for (let i = 0; i < n; i++) if (c.codes[i] >= 0) data[i * dim + d + c.codes[i]] = 1;
    d += c.dictionary.length;
  }
  return { id: COLUMNS_ID, title: 'Table columns (standardised)', dim, data };
}
