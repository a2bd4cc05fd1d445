/**
 * What follows a finished run: colour the map by prediction (first run), refresh the head's
 * hidden layer on the map if it is shown, rebuild an open queue, save the model. Also
 * re-projection, and the reset when another dataset opens.
 */
import type { TrainResult } from '../../ml/train/types.ts';
import { appStore, toast } from '../store/app.ts';
import { commit } from '../actions/registry.ts';
import { actionState } from '../actions/state.ts';
import { modelStore } from './model-store.ts';
import { initialQueue, queueStore } from './queue-store.ts';
import { initialTeach, teachStore, type RunSummary } from './teach-store.ts';
import { colourByPrediction, mapColourKind, putHeadHidden } from './map-link.ts';
import { buildQueueResult } from './queue-build.ts';
import { saveModel } from './persist.ts';

export function afterTraining(result: TrainResult, summary: RunSummary, classMap: Int32Array, trainedOn: Uint32Array): void {
  const kind = mapColourKind();
  if (summary.run === 1 && kind !== 'prediction' && kind !== 'confidence') colourByPrediction();
  if (teachStore.get().projectedRun > 0) {
    // The hidden layer changed with the weights: the re-projected map must show the new one.
    void putHeadHidden(result.hidden, summary.hidden, false).catch((err: Error) => toast(`Could not refresh the re-projection: ${err.message}`));
    teachStore.set({ projectedRun: summary.run });
  }
  // An open queue is rebuilt from the new answers, starting at the top.
  const open = queueStore.get().kind;
  if (open) commit(buildQueueResult(actionState, open));
  void saveModel(result.model, summary, classMap, trainedOn);
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

/** A model belongs to its dataset: opening another one starts the teach panel afresh. */
export function resetTeach(): void {
  teachStore.set(initialTeach());
  modelStore.set({ predictions: null });
  queueStore.set(initialQueue());
}
