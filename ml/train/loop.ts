/**
 * Fitting with validation: the strategy (hold-out, k-fold, none), early stopping, refit on all
 * labels. Trainers (trainer.ts) are steppable, so k-fold validation runs its k models in
 * lockstep and still draws a live averaged curve. Everything random comes from the seed.
 */
import { initLayers, type Layer } from './net.ts';
import { makeDataset, Trainer, type Stats, type TrainerConfig } from './trainer.ts';
import { balancedWeights, fitScaler, resolveValidation, stratifiedFolds, stratifiedHoldout, type Split } from './validation.ts';
import type { EpochLog, FitHooks, FitReport, Matrix, Scaler, TrainOptions } from './types.ts';
import { rowsOf } from './types.ts';

export type NetSpec = { hiddenSizes: number[]; defaults: { learningRate: number; l2: number; dropout: number } };

/** Default batch: ~10 steps per epoch on small label sets, 256 rows once there are many. */
export function defaultBatchSize(nTrain: number): number {
  return Math.max(16, Math.min(256, Math.ceil(nTrain / 10)));
}

/**
 * Fits a net on labelled rows x (n×dim) with classes y. Validation picks the epoch count
 * (early stopping on mean validation loss), then — by default — the model is refit on all
 * labels for that many epochs. Returns the weights, the scaler and the (validation) history.
 */
export async function fitNet(x: Matrix, y: Int32Array, k: number, spec: NetSpec, opts: TrainOptions, hooks: FitHooks = {}): Promise<{ layers: Layer[]; scaler: Scaler; report: FitReport }> {
  const n = rowsOf(x);
  if (y.length !== n) throw new Error(`fit: ${n} rows of features but ${y.length} labels`);
  if (n === 0) throw new Error('fit: no labelled rows to train on');
  const seed = opts.seed ?? 0;
  const maxEpochs = Math.max(1, Math.floor(opts.epochs ?? 30));
  const patience = Math.max(1, opts.patience ?? 8);
  const mode = resolveValidation(opts.validation ?? 'auto', y, k);
  const scaler = opts.scaler ?? fitScaler(x);
  const weights = opts.classWeights === 'balanced' ? balancedWeights(y, k) : null;
  const ds = makeDataset(x, scaler, y, k, weights);
  const cfg = (nTrain: number): TrainerConfig => ({
    sizes: [x.dim, ...spec.hiddenSizes, k],
    dropout: spec.hiddenSizes.length ? (opts.dropout ?? spec.defaults.dropout) : 0,
    l2: opts.l2 ?? spec.defaults.l2,
    lr: opts.learningRate ?? spec.defaults.learningRate,
    batchSize: opts.batchSize ?? defaultBatchSize(nTrain),
    seed,
  });
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const history: EpochLog[] = [];
  const splits: Split[] = mode === 'holdout' ? [stratifiedHoldout(y, k, seed)] : mode === 'kfold' ? stratifiedFolds(y, k, Math.min(5, minCount(y, k)), seed) : [];
  const refit = mode !== 'none' && (opts.refit ?? true);
  let totalEpochs = maxEpochs * (splits.length || 1) + (refit ? maxEpochs : 0);
  let done = 0;
  const tick = (message: string) => hooks.onProgress?.(++done, totalEpochs, message);
  if (mode === 'none') {
    const t = new Trainer(ds, all, null, cfg(n));
    for (let e = 1; e <= maxEpochs; e++) {
      const s = await t.epoch(hooks.signal);
      log(history, hooks, e, [s]);
      tick(`Epoch ${e}/${maxEpochs}`);
    }
    return { layers: t.weights(), scaler, report: { history, epochs: maxEpochs, validation: mode } };
  }
  const trainers = splits.map((s) => new Trainer(ds, s.train, s.val, cfg(s.train.length)));
  // Monitor validation accuracy, ties broken by loss: with few labels the validation loss
  // climbs (over-confidence) long before accuracy stops improving, so stopping on loss
  // alone ends training several epochs too early.
  let bestAcc = -Infinity;
  let bestLoss = Infinity;
  let bestEpoch = 1;
  let bestWeights: Layer[] | null = null;
  for (let e = 1; e <= maxEpochs; e++) {
    const stats: Stats[] = [];
    for (const t of trainers) {
      stats.push(await t.epoch(hooks.signal));
      tick(`Epoch ${e}/${maxEpochs}${trainers.length > 1 ? ` (${trainers.length} folds)` : ''}`);
    }
    const entry = log(history, hooks, e, stats);
    const better = entry.valAcc > bestAcc + 1e-6 || (Math.abs(entry.valAcc - bestAcc) <= 1e-6 && entry.valLoss < bestLoss - 1e-4);
    if (better) {
      bestAcc = entry.valAcc;
      bestLoss = entry.valLoss;
      bestEpoch = e;
      if (!refit) bestWeights = trainers[0].weights();
    } else if (e - bestEpoch >= patience) break;
  }
  if (!refit) return { layers: bestWeights ?? initLayers(cfg(n).sizes, seed), scaler, report: { history, epochs: bestEpoch, validation: mode } };
  totalEpochs = done + bestEpoch;
  const final = new Trainer(ds, all, null, cfg(n));
  for (let e = 1; e <= bestEpoch; e++) {
    await final.epoch(hooks.signal);
    tick(`Refitting on all labels: epoch ${e}/${bestEpoch}`);
  }
  return { layers: final.weights(), scaler, report: { history, epochs: bestEpoch, validation: mode } };
}

function minCount(y: Int32Array, k: number): number {
  const counts = new Int32Array(k);
  for (const c of y) counts[c]++;
  let min = Infinity;
  for (const c of counts) if (c > 0) min = Math.min(min, c);
  return min;
}

function log(history: EpochLog[], hooks: FitHooks, epoch: number, stats: Stats[]): EpochLog {
  const mean = (f: (s: Stats) => number) => stats.reduce((a, s) => a + f(s), 0) / stats.length;
  const entry: EpochLog = { epoch, loss: mean((s) => s.loss), acc: mean((s) => s.acc), valLoss: mean((s) => s.valLoss), valAcc: mean((s) => s.valAcc) };
  history.push(entry);
  hooks.onEpoch?.(entry);
  return entry;
}
