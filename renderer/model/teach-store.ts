/**
 * State of the teach panel itself: settings, the run in progress (its live curve), and what
 * the last finished run measured. The per-row predictions others read live in model-store.ts;
 * this store only holds what the panel and the Model tab show, so a new epoch re-renders the
 * curve and nothing else.
 */
import { createStore } from '../store/create.ts';
import type { EpochPoint } from './draw-curves.ts';
import { DEFAULT_SETTINGS } from '../../ml/train/teach-options.ts';

/** What the model learns from: the user's labels, or a ground-truth column of the table. */
export type TrainSource = { kind: 'labels' } | { kind: 'column'; column: string };

export type RunSummary = {
  source: TrainSource;
  /** Embedding id the head was trained on ('columns' = standardised table columns). */
  embeddingId: string;
  embeddingTitle: string;
  /** The label class list the predictions index into. */
  classes: string[];
  /** Classes that had enough items to train on, and items per each. */
  trainClasses: string[];
  trainCounts: number[];
  /** Items predicted, per class, over the whole dataset. */
  predictedCounts: number[];
  /** Accuracy on held-out items (validation split; the test split for column training). */
  heldOutAcc: number | null;
  heldOutLabel: string;
  /** How many items that accuracy was measured on (0: none held out; the figure is then not an estimate). */
  heldOutN?: number;
  /** Truth and prediction (indices into trainClasses) of the items the Model tab scores. */
  evalTruth: Int32Array;
  evalPred: Int32Array;
  /** What those items are: the test split, or the labelled items (which the model saw). */
  evalOn: string;
  history: EpochPoint[];
  backend: string;
  trainMs: number;
  /** Label → predictions on screen, as the user waits for it. */
  totalMs: number;
  hidden: number;
  finishedAt: string;
  run: number;
};

/** The teach panel's view state; its settings are part of the project document (doc.teach, undoable). */
export type TeachState = {
  source: TrainSource;
  status: 'idle' | 'training' | 'cancelled' | 'error';
  /** The curve of the run in progress (or the last one). */
  curve: EpochPoint[];
  totalEpochs: number;
  /** The job's last progress message ("Epoch 3/30", "Refitting on all labels…"). */
  progress: string | null;
  backend: string | null;
  last: RunSummary | null;
  error: string | null;
  /** The head's hidden layer of the last run (n × hidden), kept for re-projection. */
  hiddenActs: { data: Float32Array; dim: number; run: number } | null;
  /** Run number whose hidden layer is on the map as 'head_hidden' (0 = none yet). */
  projectedRun: number;
  runs: number;
  /** labelsFingerprint of the labels the current model learned from (stale when they differ now). */
  trainedOn: string | null;
  /** The model was loaded from the project (not trained in this session): when, and why it cannot score, if so. */
  restored: { at: string; missing: string | null } | null;
};

export const initialTeach = (): TeachState => ({
  source: { kind: 'labels' },
  status: 'idle',
  curve: [],
  totalEpochs: DEFAULT_SETTINGS.epochs,
  progress: null,
  backend: null,
  last: null,
  error: null,
  hiddenActs: null,
  projectedRun: 0,
  runs: 0,
  trainedOn: null,
  restored: null,
});

export const teachStore = createStore<TeachState>(initialTeach());

