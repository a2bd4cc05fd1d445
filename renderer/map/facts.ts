/** The short facts shown with an item: its ground truth, the user's label, the model's guess. */
import type { OpenedDataset, Labels } from '../../ml/api.ts';
import { findColumn } from '../../ml/table/types.ts';
import type { Predictions } from '../model/model-store.ts';
import { rowClasses } from '../labels/labels.ts';
import { cellText } from './items.tsx';

export type Fact = { key: string; value: string; tone?: 'human' | 'model' };

export function itemFacts(d: OpenedDataset, row: number, labels: Labels | null, predictions: Predictions | null): Fact[] {
  const out: Fact[] = [];
  const truth = d.schema.labelColumn ? findColumn(d.table, d.schema.labelColumn) : undefined;
  if (truth) out.push({ key: truth.name, value: cellText(truth, row) });
  const k = rowClasses(labels, d.table.n)[row];
  out.push({ key: 'your label', value: k >= 0 && labels ? labels.classes[k] : '—', tone: 'human' });
  if (predictions) {
    const c = predictions.predicted[row];
    const p = predictions.proba[row * predictions.classes.length + c];
    out.push({ key: 'model', value: `${predictions.classes[c] ?? '?'} (${Math.round(p * 100)}%)`, tone: 'model' });
  }
  return out;
}
