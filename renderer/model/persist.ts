/**
 * The trained head is saved with the dataset as an artefact ('model-head.json': the weights
 * as plain arrays plus what the panel shows, and a fingerprint of the labels it learned
 * from), so the work survives a reload (renderer/model/restore.ts loads it).
 */
import { saveArtifact } from '../project/persist.ts';
import { rowsFromBase64, rowsToBase64 } from '../project/rows-base64.ts';
import type { HeadJSON } from '../../ml/train/types.ts';
import { labelsFingerprint } from '../../ml/project/label-delta.ts';
import { appStore } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import type { RunSummary } from './teach-store.ts';

export const MODEL_ARTIFACT = 'model-head.json';

export type SavedModel = {
  version: 1;
  model: HeadJSON;
  /** compact class index → label class index (classes with too few labels were left out). */
  classMap: number[];
  summary: Omit<RunSummary, 'evalTruth' | 'evalPred'> & { evalTruth: number[]; evalPred: number[] };
  /** labelsFingerprint of the labels at training time (absent in files from before it existed). */
  labels?: string;
  /** The rows it was trained on, as little-endian uint32 in base64 (absent in older files). */
  trainedOn?: string;
};

/** The saved training rows (empty when the file predates them: then nothing counts as held out). */
export function trainedRowsOf(saved: SavedModel): Uint32Array | null {
  if (!saved.trainedOn) return null;
  return rowsFromBase64(saved.trainedOn);
}

export async function saveModel(model: HeadJSON, summary: RunSummary, classMap: Int32Array, trainedOn: Uint32Array): Promise<void> {
  const key = appStore.get().dataset?.key;
  if (!key) return;
  const saved: SavedModel = {
    version: 1, model, classMap: Array.from(classMap), labels: labelsFingerprint(projectStore.get().doc.labels), trainedOn: rowsToBase64(trainedOn),
    summary: { ...summary, evalTruth: Array.from(summary.evalTruth), evalPred: Array.from(summary.evalPred) },
  };
  try {
    await saveArtifact(MODEL_ARTIFACT, new TextEncoder().encode(JSON.stringify(saved)));
  } catch {
    // Saving the model is a convenience: the labels (autosaved) are what matter; retraining restores it.
  }
}

/** Parses a saved model, or says why it cannot be used. */
export function parseSavedModel(bytes: Uint8Array): SavedModel | string {
  try {
    const v = JSON.parse(new TextDecoder().decode(bytes)) as Partial<SavedModel>;
    if (v.version !== 1 || !v.model || !Array.isArray(v.classMap) || !v.summary) return 'it was saved by a different version of the app';
    return v as SavedModel;
  } catch (err) {
    return `it is damaged (${(err as Error).message})`;
  }
}
