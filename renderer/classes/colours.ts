/**
 * One class → colour mapping for the whole app (rules chart, map, legends, class list, queues,
 * Model tab, compare). A class's colour is its place in one ordered list: the label column's
 * classes, then the user's own classes, then rule targets, then what the model predicts — so
 * a user's class named like a ground-truth class gets its colour, and it is the same in every
 * view and after a reload (the list is derived from the data and the project, nothing random).
 */
import { labelValues } from '../../ml/metrics/labels.ts';
import type { OpenedDataset, ProjectDoc } from '../../ml/api.ts';
import { CATEGORY_COLOURS } from '../map/colours.ts';

export type ClassSources = { dataset: OpenedDataset | null; doc: Pick<ProjectDoc, 'label' | 'labels' | 'rules'>; predicted?: readonly string[] };

const labelCache = new WeakMap<object, Map<string, string[]>>();
function columnClasses(d: OpenedDataset, column: string): string[] {
  let m = labelCache.get(d.table);
  if (!m) labelCache.set(d.table, (m = new Map()));
  let v = m.get(column);
  if (!v) {
    try { v = labelValues(d.table, column); } catch { v = []; }
    m.set(column, v);
  }
  return v;
}

/** Every class name in colour order. */
export function classOrder(src: ClassSources): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (c: string | null | undefined) => { if (c != null && !seen.has(c)) { seen.add(c); names.push(c); } };
  const label = src.doc.label.column;
  if (src.dataset && label && src.dataset.table.columns.some((c) => c.name === label)) columnClasses(src.dataset, label).forEach(add);
  src.doc.labels?.classes.forEach(add);
  src.doc.rules.rules.forEach((r) => add(r.target));
  add(src.doc.rules.defaultClass);
  src.predicted?.forEach(add);
  return names;
}

/** A function from class name to its CSS colour (names it has not seen get the next free colours, in call order). */
export function classColours(src: ClassSources): (name: string) => string {
  const order = classOrder(src);
  const index = new Map(order.map((c, i) => [c, i]));
  return (name: string) => {
    if (!index.has(name)) index.set(name, index.size);
    return CATEGORY_COLOURS[index.get(name)! % CATEGORY_COLOURS.length];
  };
}
