/**
 * "Table columns (standardised)": the table's numeric columns z-scored and small categoricals
 * one-hot (ml/train/features.ts, the same features the model trains on), minus the label
 * column — a map for tables that have no embeddings.
 */
import type { Embedding } from '../../ml/api.ts';
import type { Table } from '../../ml/table/types.ts';
import { tableFeatures } from '../../ml/train/features.ts';

export const COLUMNS_ID = 'columns';

export function columnsEmbedding(table: Table, exclude: (string | null)[]): Embedding | null {
  try {
    const { data, dim } = tableFeatures(table, { exclude });
    return dim >= 2 ? { id: COLUMNS_ID, title: 'Table columns (standardised)', dim, data } : null;
  } catch {
    return null; // no usable columns: the map offers file import instead
  }
}
