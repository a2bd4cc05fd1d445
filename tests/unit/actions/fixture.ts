/** A small open dataset and a fresh project for testing actions in Node (the real stores, no DOM). */
import type { OpenedDataset } from '../../../ml/api.ts';
import { emptyProject } from '../../../ml/project/state.ts';
import { appStore, type View } from '../../../renderer/store/app.ts';
import { projectStore } from '../../../renderer/project/store.ts';
import { clearHistory } from '../../../renderer/project/history.ts';
import { initialRulesView, rulesView } from '../../../renderer/rules/store.ts';
import { mapStore } from '../../../renderer/map/map-store.ts';
import { initialQueue, queueStore } from '../../../renderer/model/queue-store.ts';

export const N = 10;

export function dataset(): OpenedDataset {
  const codes = Int32Array.from({ length: N }, (_, i) => i % 3);
  const x = Float32Array.from({ length: N }, (_, i) => i / 2);
  return {
    key: 'test:actions', name: 't', synthetic: false, embeddings: [], media: { kind: 'row' },
    table: { n: N, columns: [{ name: 'x', type: 'numeric', values: x }, { name: 'truth', type: 'categorical', codes, dictionary: ['cat', 'dog', 'eel'] }] },
    schema: { n: N, columns: [], labelColumn: 'truth', labelGuess: { column: 'truth', reason: 'test' } },
  };
}

/** Opens the test dataset on `view` with an empty project and no history (no backend: key null, nothing is saved). */
export function openFresh(view: View = 'map'): void {
  const p = emptyProject({ column: 'truth', guessed: true });
  appStore.set({ dataset: dataset(), view, help: false });
  projectStore.set({ key: null, doc: p.doc, ui: p.ui });
  rulesView.set(initialRulesView());
  mapStore.set({ selection: new Uint32Array(0), focus: -1 });
  queueStore.set(initialQueue());
  clearHistory();
}
