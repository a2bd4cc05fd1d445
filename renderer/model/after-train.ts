/**
 * What follows a finished run: colour the map by prediction (first run), refresh the head's
 * hidden layer on the map if it is shown, rebuild an open queue, save the model. Also the
 * commands on a trained model: re-project, and select what the model calls a class.
 */
import type { TrainResult } from '../../ml/train/types.ts';
import { appStore, toast } from '../store/app.ts';
import { modelStore } from './model-store.ts';
import { closeQueue } from './queue-store.ts';
import { initialTeach, teachStore, type RunSummary } from './teach-store.ts';
import { colourByPrediction, mapColourKind, putHeadHidden, selectRows } from './map-link.ts';
import { refreshOpenQueue } from './queue-build.ts';
import { saveModel } from './persist.ts';

export function afterTraining(result: TrainResult, summary: RunSummary, classMap: Int32Array): void {
  const kind = mapColourKind();
  if (summary.run === 1 && kind !== 'prediction' && kind !== 'confidence') colourByPrediction();
  if (teachStore.get().projectedRun > 0) {
    // The hidden layer changed with the weights: the re-projected map must show the new one.
    void putHeadHidden(result.hidden, summary.hidden, false).catch((err: Error) => toast(`Could not refresh the re-projection: ${err.message}`));
    teachStore.set({ projectedRun: summary.run });
  }
  refreshOpenQueue();
  void saveModel(result.model, summary, classMap);
}

/** "Re-project with the model": UMAP of the hidden layer; the map animates to it. */
export async function reproject(): Promise<void> {
  const acts = teachStore.get().hiddenActs;
  if (!acts) { toast('Train a model first'); return; }
  try {
    teachStore.set({ projectedRun: acts.run });
    await putHeadHidden(acts.data, acts.dim, true);
  } catch (err) {
    appStore.set({ error: { message: `Could not re-project: ${(err as Error).message}` } });
  }
}

/** "Model says X": selects those rows on the map. */
export function selectPredicted(classIndex: number): void {
  const p = modelStore.get().predictions;
  if (!p) return;
  let count = 0;
  for (let i = 0; i < p.predicted.length; i++) if (p.predicted[i] === classIndex) count++;
  const rows = new Uint32Array(count);
  for (let i = 0, j = 0; i < p.predicted.length; i++) if (p.predicted[i] === classIndex) rows[j++] = i;
  selectRows(rows);
  toast(`Selected ${count.toLocaleString()} items the model calls "${p.classes[classIndex]}"`);
}

// A model belongs to its dataset: opening another one starts the teach panel afresh.
let openKey: string | null = null;
appStore.subscribe(() => {
  const key = appStore.get().dataset?.key ?? null;
  if (key === openKey) return;
  openKey = key;
  teachStore.set({ ...initialTeach(), settings: teachStore.get().settings });
  modelStore.set({ predictions: null });
  closeQueue();
});
