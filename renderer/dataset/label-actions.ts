/**
 * Choosing the label column (or none) and marking columns "not a feature": project document
 * changes like any other (undoable, saved). Everything downstream — rule metrics, the map's
 * "Table columns", the model's features, colours — reads the document, so it follows.
 */
import { classCount } from '../../ml/table/label.ts';
import type { Table } from '../../ml/table/types.ts';
import { defineAction } from '../actions/types.ts';

/** Columns that can be a label: 2–50 classes (categorical, or integer numbers), not free text. */
export function labelCandidates(table: Table): string[] {
  return table.columns.filter((c) => { const d = classCount(c); return d !== null && d >= 2 && d <= 50; }).map((c) => c.name);
}

export const chooseLabel = defineAction<{ column: string | null }>({
  name: 'label.choose', label: 'Choose the label column',
  when: (s) => s.dataset !== null,
  perform: (s, { column }) => {
    if (column !== null && !s.dataset!.table.columns.some((c) => c.name === column)) return { toast: `There is no column "${column}"` };
    if (column === s.doc.label.column && !s.doc.label.guessed) return;
    // A label is never a feature: choosing one takes it off the not-a-feature list (it is out anyway).
    const notFeatures = s.doc.notFeatures.filter((c) => c !== column);
    return {
      change: { doc: { label: { column, guessed: false }, notFeatures } },
      label: column ? `label column ${column}` : 'no label column',
      view: column === null && s.rules.colourBy.kind === 'label' ? { rules: { colourBy: { kind: 'none' } } } : undefined,
      toast: column ? `Scoring against ${column}; it is left out of every feature` : 'No label column: rules and models have nothing to be scored against',
    };
  },
});

export const markNotFeature = defineAction<{ column: string; notFeature: boolean }>({
  name: 'columns.not-feature', label: 'Mark a column "not a feature"',
  perform: (s, { column, notFeature }) => {
    const has = s.doc.notFeatures.includes(column);
    if (has === notFeature) return;
    const notFeatures = notFeature ? [...s.doc.notFeatures, column] : s.doc.notFeatures.filter((c) => c !== column);
    return { change: { doc: { notFeatures } }, label: `${column} ${notFeature ? 'is not a feature' : 'is a feature again'}` };
  },
});

export const LABEL_CHOICE_ACTIONS = [chooseLabel, markNotFeature];
