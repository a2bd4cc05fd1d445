/**
 * Compare's own model: "Train a model on the columns → <label>" fits a dense head on the
 * table's columns (ml/train/tabular.ts, the `train-tabular` job in the training worker, with
 * progress and Cancel in the top bar), never on the label or a not-a-feature column. A seeded
 * stratified fifth of the labelled rows is held out, and Compare scores the model only there.
 * Saved with the project as an artefact and scored again on open, so a reload brings it back.
 */
import type { OpenedDataset } from '../../ml/api.ts';
import { TabularClassifier, type HeldOutMetrics, type TabularModelJSON } from '../../ml/train/tabular.ts';
import { labelCodes } from '../../ml/metrics/labels.ts';
import { defineAction } from '../actions/types.ts';
import { commit } from '../actions/registry.ts';
import { runJob, trackJob } from '../jobs/run-job.ts';
import { loadArtifact, saveArtifact } from '../project/persist.ts';
import { rowsFromBase64, rowsToBase64 } from '../project/rows-base64.ts';
import { appStore, toast } from '../store/app.ts';
import { createStore } from '../store/create.ts';
import { trainWorker } from '../model/train-run.ts';
import type { Predictions } from '../model/model-store.ts';

export const TABLE_MODEL_ARTIFACT = 'table-model.json';

export type TableModel = {
  label: string;
  model: TabularModelJSON;
  metrics: HeldOutMetrics | null;
  predictions: Predictions;
  finishedAt: string;
};

export type TableModelState = { model: TableModel | null; training: boolean; error: string | null };
export const tableModelStore = createStore<TableModelState>({ model: null, training: false, error: null });
export const resetTableModel = () => tableModelStore.set({ model: null, training: false, error: null });

/** What is saved: the model, and which rows it held out (row numbers, rows-base64.ts). */
type SavedTableModel = { version: 1; label: string; model: TabularModelJSON; metrics: HeldOutMetrics | null; heldOut: string; finishedAt: string };


/** Every row's class, probabilities and margin, and the rows it trained on (labelled, not held out). */
function predictionsOf(d: OpenedDataset, m: { label: string; classes: string[]; proba: Float32Array; predicted: Int32Array; heldOut: Uint8Array }): Predictions {
  const k = m.classes.length;
  const margin = new Float32Array(d.table.n);
  for (let i = 0; i < d.table.n; i++) {
    let a = 0, b = 0;
    for (let c = 0; c < k; c++) { const p = m.proba[i * k + c]; if (p > a) { b = a; a = p; } else if (p > b) b = p; }
    margin[i] = a - b;
  }
  const truth = labelCodes(d.table, m.label, m.classes);
  const trained: number[] = [];
  for (let i = 0; i < d.table.n; i++) if (truth[i] >= 0 && !m.heldOut[i]) trained.push(i);
  return { classes: m.classes, predicted: m.predicted, proba: m.proba, margin, embeddingId: 'table-columns', trainedOn: Uint32Array.from(trained), source: `column ${m.label}`, version: Date.now() };
}

async function save(t: TableModel, heldOut: Uint8Array): Promise<void> {
  const rows: number[] = [];
  heldOut.forEach((h, i) => { if (h) rows.push(i); });
  const saved: SavedTableModel = { version: 1, label: t.label, model: t.model, metrics: t.metrics, heldOut: rowsToBase64(Uint32Array.from(rows)), finishedAt: t.finishedAt };
  try {
    await saveArtifact(TABLE_MODEL_ARTIFACT, new TextEncoder().encode(JSON.stringify(saved)));
  } catch {
    // A convenience: one click trains it again.
  }
}

export const trainTableModel = defineAction({
  name: 'compare.train-model', label: 'Train a model on the columns',
  when: (s) => s.dataset !== null && s.doc.label.column !== null && !tableModelStore.get().training,
  perform: async (s) => {
    const d = s.dataset!;
    const label = s.doc.label.column!;
    tableModelStore.set({ training: true, error: null });
    try {
      const input = { table: d.table, label, options: { notFeatures: s.doc.notFeatures } };
      const out = await trackJob(`Training a model on the columns → ${label}`, (signal, progress) => runJob(trainWorker(), 'train-tabular', input, { signal, onProgress: progress }));
      if (appStore.get().dataset?.key !== d.key) return;
      if (!out) { tableModelStore.set({ training: false }); return; }
      const predictions = predictionsOf(d, { label, classes: out.model.classes, proba: out.proba, predicted: out.predicted, heldOut: out.heldOut });
      const model: TableModel = { label, model: out.model, metrics: out.metrics, predictions, finishedAt: new Date().toISOString() };
      tableModelStore.set({ model, training: false });
      commit({ toast: `Trained on the columns → ${label} in ${(out.ms / 1000).toFixed(1)} s; scored on ${out.metrics?.measuredOn ?? 'no held-out rows'}` });
      await save(model, out.heldOut);
    } catch (err) {
      tableModelStore.set({ training: false, error: (err as Error).message });
    }
  },
});

/** On open: the saved table model scores the rows again (plain JS, the same numbers as the CLI). */
export async function restoreTableModel(d: OpenedDataset): Promise<void> {
  const bytes = await loadArtifact(TABLE_MODEL_ARTIFACT).catch(() => null);
  if (!bytes || appStore.get().dataset?.key !== d.key) return;
  try {
    const saved = JSON.parse(new TextDecoder().decode(bytes)) as SavedTableModel;
    if (saved.version !== 1) throw new Error('it was saved by a different version of the app');
    const scores = TabularClassifier.fromJSON(saved.model).score(d.table);
    const heldOut = new Uint8Array(d.table.n);
    for (const r of rowsFromBase64(saved.heldOut)) if (r < d.table.n) heldOut[r] = 1;
    const predictions = predictionsOf(d, { label: saved.label, classes: saved.model.classes, proba: scores.proba, predicted: scores.predicted, heldOut });
    if (appStore.get().dataset?.key !== d.key) return;
    tableModelStore.set({ model: { label: saved.label, model: saved.model, metrics: saved.metrics, predictions, finishedAt: saved.finishedAt }, training: false, error: null });
  } catch (err) {
    toast(`The saved table model could not be loaded: ${(err as Error).message}. Train it again on Compare.`);
  }
}
