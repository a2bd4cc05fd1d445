/** The class → colour function for the open project, re-made when the classes it depends on change. */
import { useMemo } from 'react';
import { appStore } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { modelStore } from '../model/model-store.ts';
import { classColours } from './colours.ts';

export function useClassColours(): (name: string) => string {
  const dataset = appStore.use((s) => s.dataset);
  const label = projectStore.use((s) => s.doc.label);
  const labels = projectStore.use((s) => s.doc.labels);
  const rules = projectStore.use((s) => s.doc.rules);
  const predicted = modelStore.use((s) => s.predictions?.classes);
  return useMemo(() => classColours({ dataset, doc: { label, labels, rules }, predicted }), [dataset, label, labels, rules, predicted]);
}

/** The same, outside React (for code that runs on an action or a job). */
export function currentClassColours(): (name: string) => string {
  const { doc } = projectStore.get();
  return classColours({ dataset: appStore.get().dataset, doc, predicted: modelStore.get().predictions?.classes });
}
