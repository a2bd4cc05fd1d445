/**
 * One training run, from the button (or R) to predictions on the map: gather labels and
 * features, train the head in the 'train' worker (visible in the top bar with Cancel, live
 * curve in the panel), then publish predictions, the summary and the hidden layer.
 *
 * The UI path stays lean for the ≤ 2 s label → retrain → redraw loop: the features go to the
 * worker by structured clone (the map still uses them), results come back transferred, and
 * the only per-row work here is one pass for counts and, when some class had too few labels
 * to train, one pass to put answers back into the label class list.
 */
import type { EpochLog, TrainInput, TrainResult } from '../../ml/train/types.ts';
import { teachOptions } from '../../ml/train/teach-options.ts';
import { findColumn } from '../../ml/table/types.ts';
import { runJob, trackJob, type JobWorker } from '../jobs/run-job.ts';
import { appStore, toast } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { rowClasses } from '../labels/labels.ts';
import { labelsFingerprint } from '../../ml/project/label-delta.ts';
import { validationSize } from '../../ml/train/validation.ts';
import { modelStore } from './model-store.ts';
import { teachStore, type RunSummary, type TrainSource } from './teach-store.ts';
import { countPredicted, expandToFull, heldOutScore, splitColumn, trainSetFromLabels, type TrainSet } from './train-input.ts';
import { resolveFeatures } from './features.ts';
import { afterTraining } from './after-train.ts';

let worker: JobWorker<'train' | 'predict' | 'backend'> | null = null;
let running: AbortController | null = null;

export function trainWorker(): JobWorker<'train' | 'predict' | 'backend'> {
  worker ??= new Worker(new URL('../workers/train.worker.ts', import.meta.url), { type: 'module' });
  return worker;
}

/** Columns of the table that hold a ground truth to train on (categorical, 2–20 values). */
export function groundTruthColumns(): string[] {
  const ds = appStore.get().dataset;
  if (!ds) return [];
  const preferred = ds.schema.labelColumn;
  return ds.schema.columns
    .filter((c) => c.kind === 'label' || (c.name === preferred))
    .map((c) => c.name)
    .filter((name) => { const col = findColumn(ds.table, name); return col?.type === 'categorical' && col.dictionary.length >= 2 && col.dictionary.length <= 20; });
}

type Plan =
  | { ok: false; message: string }
  | { ok: true; set: TrainSet; fullClasses: string[]; test: { rows: Uint32Array; y: Int32Array } | null; heldOutLabel: string };

/** What a run would train on right now, or what is missing (the panel shows this live). */
export function planRun(source: TrainSource): Plan {
  const ds = appStore.get().dataset;
  if (!ds) return { ok: false, message: 'Open a dataset first.' };
  if (source.kind === 'column') {
    const col = findColumn(ds.table, source.column);
    if (!col || col.type !== 'categorical') return { ok: false, message: `Column "${source.column}" has no classes to train on.` };
    const split = splitColumn(col.codes, col.dictionary, { seed: projectStore.get().doc.teach.seed });
    if ('message' in split) return { ok: false, message: split.message };
    return { ok: true, set: split, fullClasses: split.classes, test: { rows: split.testRows, y: split.testY }, heldOutLabel: `test accuracy (${split.testRows.length.toLocaleString()} held-out rows)` };
  }
  const labels = projectStore.get().doc.labels;
  const ready = trainSetFromLabels(rowClasses(labels, ds.table.n), labels?.classes ?? []);
  if (!ready.ok) return { ok: false, message: ready.message };
  return { ok: true, set: ready.set, fullClasses: labels!.classes, test: null, heldOutLabel: 'validation accuracy' };
}

export const isTraining = () => running !== null;

/** Starts the worker's backend (tfjs-node / wasm SIMD / cpu) early, so the panel can say which. */
export async function queryBackend(): Promise<void> {
  if (teachStore.get().backend) return;
  try {
    const info = await runJob(trainWorker(), 'backend', 'auto');
    teachStore.set({ backend: backendLabel(info) });
  } catch (err) {
    teachStore.set({ backend: null, error: `No TensorFlow.js backend could start: ${(err as Error).message}` });
  }
}

export function cancelTraining(): void {
  running?.abort();
}

/** Train (or retrain) with the current settings; resolves when predictions are published. */
export async function train(): Promise<void> {
  if (running) { toast('Already training — Cancel first to start over'); return; }
  const ds = appStore.get().dataset;
  const { source } = teachStore.get();
  const settings = projectStore.get().doc.teach;
  const plan = planRun(source);
  if (!ds || !plan.ok) { toast(plan.ok ? 'Open a dataset first' : plan.message); return; }
  const features = resolveFeatures(ds, source.kind === 'column' ? source.column : null);
  if (!features) { toast('No features to train on: this dataset has no embedding and no numeric columns'); return; }
  const t0 = performance.now();
  const controller = new AbortController();
  running = controller;
  teachStore.set({ status: 'training', curve: [], totalEpochs: settings.epochs, error: null });
  const input: TrainInput = {
    x: features.data, dim: features.dim, rows: plan.set.rows, y: plan.set.y, classes: plan.set.classes, ...teachOptions(settings),
  };
  try {
    const result = await trackJob(`Training on ${plan.set.rows.length.toLocaleString()} items`, (signal, progress) => {
      signal.addEventListener('abort', () => controller.abort());
      return runJob(trainWorker(), 'train', input, {
        signal: controller.signal,
        onProgress: (p) => { progress(p); teachStore.set({ progress: p.message ?? null }); },
        onPreview: (log) => teachStore.set((s) => ({ curve: [...s.curve, log] })),
      });
    });
    if (!result) { teachStore.set({ status: 'cancelled' }); toast('Training cancelled — the previous model is kept'); return; }
    if (appStore.get().dataset?.key !== ds.key) return; // the user opened another dataset meanwhile
    publish(result, plan, features, source, t0);
  } catch (err) {
    teachStore.set({ status: 'error', error: (err as Error).message });
  } finally {
    running = null;
  }
}

function publish(result: TrainResult, plan: Extract<Plan, { ok: true }>, features: { id: string; title: string }, source: TrainSource, t0: number): void {
  const k = plan.fullClasses.length;
  const full = expandToFull(result.predicted, result.proba, plan.set.classMap, k);
  const prev = modelStore.get().predictions;
  modelStore.set({
    predictions: { classes: plan.fullClasses, predicted: full.predicted, proba: full.proba, margin: result.margin, embeddingId: features.id, trainedOn: plan.set.rows, source: sourceText(source), version: (prev?.version ?? 0) + 1 },
  });
  let heldOutAcc: number | null;
  // Column training scores the test split; label training the validation epoch early stopping
  // chose (lowest validation loss — not the luckiest accuracy).
  const evalRows = plan.test ? plan.test.rows : plan.set.rows;
  const evalTruth = plan.test ? plan.test.y : plan.set.y;
  const evalPred = new Int32Array(evalRows.length);
  for (let i = 0; i < evalRows.length; i++) evalPred[i] = result.predicted[evalRows[i]];
  let heldOutN = 0;
  if (plan.test) {
    heldOutAcc = heldOutScore(result.predicted, plan.test.rows, plan.test.y, plan.set.classes.length).acc;
    heldOutN = plan.test.rows.length;
  } else {
    heldOutN = validationSize(plan.set.y, plan.set.classes.length, projectStore.get().doc.teach.seed).n;
    const best = result.history.filter((h) => Number.isFinite(h.valLoss)).reduce<EpochLog | null>((m, h) => (!m || h.valLoss < m.valLoss ? h : m), null);
    heldOutAcc = best ? best.valAcc : null;
  }
  const runs = teachStore.get().runs + 1;
  const summary: RunSummary = {
    source, embeddingId: features.id, embeddingTitle: features.title, classes: plan.fullClasses,
    trainClasses: plan.set.classes, trainCounts: plan.set.counts, predictedCounts: countPredicted(full.predicted, k),
    heldOutAcc, heldOutLabel: plan.heldOutLabel, heldOutN, evalTruth, evalPred,
    evalOn: plan.test ? `${evalRows.length.toLocaleString()} held-out test rows` : `your ${evalRows.length.toLocaleString()} labelled items (the final model was refit on them, so this is optimistic)`, history: result.history,
    backend: backendLabel(result.backend), trainMs: result.ms, totalMs: performance.now() - t0,
    hidden: result.model.hidden, finishedAt: new Date().toISOString(), run: runs,
  };
  teachStore.set({ status: 'idle', last: summary, runs, backend: summary.backend, hiddenActs: { data: result.hidden, dim: result.model.hidden, run: runs }, trainedOn: labelsFingerprint(projectStore.get().doc.labels), restored: null });
  afterTraining(result, summary, plan.set.classMap, plan.set.rows);
}

/** What a model learned from, as the panels say it. */
export const sourceText = (s: TrainSource): string => (s.kind === 'labels' ? 'your labels' : `column ${s.column}`);

export function backendLabel(b: { name: string; simd: boolean }): string {
  if (b.name === 'tensorflow') return 'tfjs-node';
  if (b.name === 'wasm') return b.simd ? 'wasm SIMD' : 'wasm';
  return 'cpu';
}
