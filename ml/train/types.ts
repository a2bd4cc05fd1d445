/**
 * Shared shapes of the training module: matrices as flat columns-of-rows Float32Arrays,
 * per-epoch logs, options and the JSON form of a trained model (plain arrays, so an exported
 * classifier runs without the app and without TensorFlow.js).
 */
import type { BackendInfo } from './backend.ts';

/** n×dim row-major values; n = data.length / dim. */
export type Matrix = { data: Float32Array; dim: number };

export function rowsOf(m: Matrix): number {
  if (!Number.isInteger(m.dim) || m.dim <= 0) throw new Error(`Matrix: dim must be a positive integer, got ${m.dim}`);
  if (m.data.length % m.dim !== 0) throw new Error(`Matrix: ${m.data.length} values is not a multiple of dim ${m.dim}`);
  return m.data.length / m.dim;
}

/** One point of the live loss/accuracy curves. val* are NaN when there is no validation. */
export type EpochLog = { epoch: number; loss: number; acc: number; valLoss: number; valAcc: number };

/**
 * 'auto': hold out 20% stratified when every class has ≥ 10 labels, else k-fold (k = min(5,
 * smallest class)) when every class has ≥ 2, else none. The validation curve picks the epoch
 * count (early stopping with `patience`); the final model is then refit on all labels.
 */
export type ValidationMode = 'auto' | 'holdout' | 'kfold' | 'none';

export type TrainOptions = {
  /** Hidden units (DenseHead only). Default 64. */
  hidden?: number;
  /** Maximum epochs. Default 30. */
  epochs?: number;
  /** Adam learning rate. Default 1e-3 (DenseHead), 1e-2 (logistic regression). */
  learningRate?: number;
  /** Dropout rate after the hidden layer. Default 0.2. */
  dropout?: number;
  /** Rows per step. Default: about a tenth of the training rows, between 16 and 256. */
  batchSize?: number;
  /** L2 penalty on weights (mean over rows). Default 0 (DenseHead), 1e-3 (logistic regression). */
  l2?: number;
  /** Seeds weight init, dropout, shuffling and validation splits. Default 0. */
  seed?: number;
  /** 'balanced': weight each class by n / (classes × count), like scikit-learn. Default null. */
  classWeights?: 'balanced' | null;
  validation?: ValidationMode;
  /** Epochs without validation improvement (accuracy; loss breaks ties) before stopping. Default 8. */
  patience?: number;
  /** Refit on all labels for the chosen epoch count after validation. Default true. */
  refit?: boolean;
  /** Per-dimension standardisation; default: computed from the training rows. */
  scaler?: Scaler | null;
};

/** Per-dimension standardisation folded into the model (part of its JSON). */
export type Scaler = { mean: Float32Array; std: Float32Array };

/** Hooks for a fit: cancellation between steps, one log per epoch, progress. */
export type FitHooks = {
  signal?: AbortSignal;
  onEpoch?: (log: EpochLog) => void;
  onProgress?: (done: number, total: number, message: string) => void;
};

export type FitReport = {
  history: EpochLog[];
  /** Epochs the final model was trained for (after early stopping). */
  epochs: number;
  validation: Exclude<ValidationMode, 'auto'>;
};

/** A trained dense head: weights as plain row-major arrays. */
export type HeadJSON = {
  kind: 'dense-head';
  version: 1;
  classes: string[];
  dim: number;
  hidden: number;
  activation: 'relu';
  /** Applied before the first layer: (x - mean) / std. */
  mean: number[];
  std: number[];
  /** dim×hidden, hidden, hidden×classes, classes. */
  w1: number[];
  b1: number[];
  w2: number[];
  b2: number[];
};

export type LogRegJSON = {
  kind: 'logistic-regression';
  version: 1;
  classes: string[];
  dim: number;
  mean: number[];
  std: number[];
  /** dim×classes, classes. */
  w: number[];
  b: number[];
};

/** What predicting every row gives (see predict.ts). */
export type Scores = {
  predicted: Int32Array;
  /** n×classes row-major softmax probabilities. */
  proba: Float32Array;
  /** Top-1 minus top-2 probability per row (small = unsure). */
  margin: Float32Array;
};

export type TrainInput = TrainOptions & {
  /** n×dim row-major features of EVERY row (all are predicted after training). */
  x: Float32Array;
  dim: number;
  /** Labelled row indices. */
  rows: Uint32Array;
  /** Class index (into `classes`) per labelled row. */
  y: Int32Array;
  classes: string[];
  seed: number;
};

export type TrainResult = Scores & {
  model: HeadJSON;
  history: EpochLog[];
  /** n×hidden hidden-layer activations, for re-projecting the map. */
  hidden: Float32Array;
  backend: BackendInfo;
  /** Wall time of the whole job. */
  ms: number;
};
