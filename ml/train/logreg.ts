/**
 * Multinomial logistic regression on the same features: the baseline the dense head must
 * beat to earn its hidden layer. Same estimator interface, same training loop (a net with no
 * hidden layer, L2-penalised), standardised inputs, weights as plain arrays.
 */
import { fitNet } from './loop.ts';
import { checkLayers, type Layer } from './net.ts';
import { forwardSync, scoresFrom } from './predict.ts';
import type { FitHooks, FitReport, LogRegJSON, Matrix, Scaler, TrainOptions } from './types.ts';

/** No early stopping by default: the L2 penalty is the regulariser, as in scikit-learn. */
export const LOGREG_DEFAULTS = { epochs: 100, learningRate: 1e-2, l2: 1e-3, dropout: 0, validation: 'none' } as const;

export class LogisticRegression {
  private layer: Layer | null = null;
  private scaler: Scaler | null = null;
  classes: string[] = [];

  constructor(readonly options: TrainOptions = {}) {}

  async fit(x: Matrix, y: Int32Array, classes: string[], hooks: FitHooks = {}): Promise<FitReport> {
    if (classes.length < 2) throw new Error(`fit: need at least 2 classes, got ${classes.length}`);
    const opts: TrainOptions = { epochs: LOGREG_DEFAULTS.epochs, validation: LOGREG_DEFAULTS.validation, ...this.options };
    const { layers, scaler, report } = await fitNet(x, y, classes.length, { hiddenSizes: [], defaults: LOGREG_DEFAULTS }, opts, hooks);
    this.layer = layers[0];
    this.scaler = scaler;
    this.classes = [...classes];
    return report;
  }

  predictProba(x: Matrix): Float32Array {
    return forwardSync([this.net()], this.scaler, x, 'proba');
  }

  predict(x: Matrix): Int32Array {
    return scoresFrom(this.predictProba(x), this.classes.length).predicted;
  }

  toJSON(): LogRegJSON {
    const L = this.net();
    return {
      kind: 'logistic-regression',
      version: 1,
      classes: [...this.classes],
      dim: L.inDim,
      mean: Array.from(this.scaler?.mean ?? new Float32Array(L.inDim)),
      std: Array.from(this.scaler?.std ?? new Float32Array(L.inDim).fill(1)),
      w: Array.from(L.w),
      b: Array.from(L.b),
    };
  }

  static fromJSON(json: LogRegJSON): LogisticRegression {
    if (json?.kind !== 'logistic-regression' || json.version !== 1) throw new Error('Not a logistic regression model (expected kind "logistic-regression", version 1)');
    const layer: Layer = { inDim: json.dim, outDim: json.classes.length, w: Float32Array.from(json.w), b: Float32Array.from(json.b) };
    checkLayers([layer], 'Logistic regression');
    if (json.mean.length !== json.dim || json.std.length !== json.dim) throw new Error(`Logistic regression: scaler has ${json.mean.length} values, expected ${json.dim}`);
    const m = new LogisticRegression();
    m.layer = layer;
    m.scaler = { mean: Float32Array.from(json.mean), std: Float32Array.from(json.std) };
    m.classes = [...json.classes];
    return m;
  }

  private net(): Layer {
    if (!this.layer) throw new Error('This model is not trained yet: call fit first');
    return this.layer;
  }
}
