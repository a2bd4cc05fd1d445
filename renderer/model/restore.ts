/**
 * Reopening a project brings its trained model back: the saved head scores every item again
 * (the predict job, in the worker), so the map's prediction colours, the queues and the Model
 * tab are as the user left them. The panel says when the model is from and whether the labels
 * changed since it was trained (then it is stale and Retrain is offered).
 */
import { loadArtifact } from '../project/persist.ts';
import type { OpenedDataset } from '../../ml/api.ts';
import { runJob } from '../jobs/run-job.ts';
import { appStore, toast } from '../store/app.ts';
import { restoreImportedEmbeddings } from '../map/ImportEmbeddings.tsx';
import { modelStore } from './model-store.ts';
import { teachStore, type RunSummary } from './teach-store.ts';
import { MODEL_ARTIFACT, parseSavedModel, trainedRowsOf } from './persist.ts';
import { featuresById } from './features.ts';
import { expandToFull } from './train-input.ts';
import { sourceText, trainWorker } from './train-run.ts';
import { putHeadHidden } from './map-link.ts';

/** `reprojected`: the map showed the head's hidden layer when the project was left (it is shown again). */
export async function restoreModel(d: OpenedDataset, reprojected: boolean): Promise<void> {
  const bytes = await loadArtifact(MODEL_ARTIFACT).catch(() => null);
  if (!bytes || appStore.get().dataset?.key !== d.key) return;
  const saved = parseSavedModel(bytes);
  if (typeof saved === 'string') { toast(`The saved model could not be loaded: ${saved}. Retrain to make a new one.`); return; }
  await restoreImportedEmbeddings(d);
  const features = featuresById(d, saved.summary.embeddingId);
  const stillOpen = () => appStore.get().dataset?.key === d.key;
  if (!stillOpen()) return;
  const summary: RunSummary = { ...saved.summary, evalTruth: Int32Array.from(saved.summary.evalTruth), evalPred: Int32Array.from(saved.summary.evalPred) };
  const missing = !features ? `its features (${summary.embeddingTitle}) are not available` : features.dim !== saved.model.dim ? `its features (${summary.embeddingTitle}) changed since` : null;
  teachStore.set({ last: summary, runs: summary.run, trainedOn: saved.labels ?? null, restored: { at: summary.finishedAt, missing } });
  if (!features || features.dim !== saved.model.dim) return;
  try {
    const result = await runJob(trainWorker(), 'predict', { model: saved.model, x: features.data, dim: features.dim });
    if (!stillOpen()) return;
    const full = expandToFull(result.predicted, result.proba, Int32Array.from(saved.classMap), summary.classes.length);
    // Older files do not say which rows the model saw: then every row counts as seen, and nothing is scored as held out.
    const trainedOn = trainedRowsOf(saved) ?? Uint32Array.from({ length: d.table.n }, (_, i) => i);
    modelStore.set({ predictions: { classes: summary.classes, predicted: full.predicted, proba: full.proba, margin: result.margin, embeddingId: features.id, trainedOn, source: sourceText(summary.source), version: 1 } });
    teachStore.set({ hiddenActs: { data: result.hidden, dim: saved.model.hidden, run: summary.run } });
    // Same weights, same inputs: the same hidden layer, so its layout comes from the cache.
    if (reprojected) {
      teachStore.set({ projectedRun: summary.run });
      await putHeadHidden(result.hidden, saved.model.hidden, true);
    }
  } catch (err) {
    toast(`The saved model could not score the items: ${(err as Error).message}. Retrain to make a new one.`);
  }
}
