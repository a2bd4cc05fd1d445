/**
 * The trained head is saved with the dataset as an artefact ('model-head.json': the weights
 * as plain arrays plus what the panel shows), so the work survives a reload.
 */
import type { HeadJSON } from '../../ml/train/types.ts';
import { api } from '../api/client.ts';
import { appStore } from '../store/app.ts';
import type { RunSummary } from './teach-store.ts';

export const MODEL_ARTIFACT = 'model-head.json';

export type SavedModel = {
  version: 1;
  model: HeadJSON;
  /** compact class index → label class index (classes with too few labels were left out). */
  classMap: number[];
  summary: Omit<RunSummary, 'evalTruth' | 'evalPred'> & { evalTruth: number[]; evalPred: number[] };
};

export async function saveModel(model: HeadJSON, summary: RunSummary, classMap: Int32Array): Promise<void> {
  const key = appStore.get().dataset?.key;
  if (!key) return;
  const saved: SavedModel = { version: 1, model, classMap: Array.from(classMap), summary: { ...summary, evalTruth: Array.from(summary.evalTruth), evalPred: Array.from(summary.evalPred) } };
  try {
    await api.saveArtifact(key, MODEL_ARTIFACT, new TextEncoder().encode(JSON.stringify(saved)));
  } catch {
    // Saving the model is a convenience: the labels (autosaved) are what matter; retraining restores it.
  }
}
