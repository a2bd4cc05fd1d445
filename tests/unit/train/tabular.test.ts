/**
 * Table models on their own columns (ml/train/tabular.ts): they learn, never see the label or
 * a "not a feature" column, hold out a seeded stratified share whose metrics are recomputable
 * from the rows they name, predict the same after a JSON round trip, leave no tensors behind,
 * and run as the `train-tabular` job.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../ml/train/backend.node.ts';
import { TabularClassifier, trainTabular, trainTabularJob } from '../../../ml/train/tabular.ts';
import { classReport } from '../../../ml/metrics/confusion.ts';
import { labelCodes } from '../../../ml/metrics/labels.ts';
import { CancelledError, directContext } from '../../../ml/jobs/job.ts';
import { mulberry32 } from '../../../ml/random.ts';
import type { Table } from '../../../ml/table/types.ts';

beforeAll(async () => { await initBackend(); });

/** y = [x1 + x2 + (grade = B ? 1.5 : 0) > 0.5], a few missing x2; `leak` is the label in disguise. */
function table(n: number, seed: number): Table {
  const rng = mulberry32(seed);
  const x1 = new Float32Array(n), x2 = new Float32Array(n), leak = new Float32Array(n), noise = new Float32Array(n);
  const grade = new Int32Array(n), y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = rng() * 4 - 2;
    x2[i] = rng() < 0.05 ? NaN : rng() * 4 - 2;
    grade[i] = Math.floor(rng() * 3);
    noise[i] = rng();
    y[i] = x1[i] + (x2[i] || 0) + (grade[i] === 1 ? 1.5 : 0) > 0.5 ? 1 : 0;
    leak[i] = y[i] * 10 + rng();
  }
  return { n, columns: [
    { name: 'x1', type: 'numeric', values: x1 }, { name: 'x2', type: 'numeric', values: x2 },
    { name: 'grade', type: 'categorical', codes: grade, dictionary: ['A', 'B', 'C'] },
    { name: 'leak', type: 'numeric', values: leak }, { name: 'noise', type: 'numeric', values: noise },
    { name: 'note', type: 'text', values: Array.from({ length: n }, (_, i) => `row ${i}`) },
    { name: 'Class', type: 'categorical', codes: y, dictionary: ['no', 'yes'] },
  ] };
}

const data = table(3000, 1);

describe('trainTabular', () => {
  for (const model of ['dense', 'logistic'] as const) {
    it(`${model}: learns the columns, held-out accuracy above 0.9, metrics recomputable from the held-out rows`, async () => {
      const fit = await trainTabular(data, 'Class', { model, notFeatures: ['leak'], seed: 3 });
      expect(fit.classifier.kind).toBe(model);
      expect(fit.classifier.classes).toEqual(['no', 'yes']);
      const names = [...fit.features.numeric.map((s) => s.name), ...fit.features.categorical.map((s) => s.name)];
      expect(names).toEqual(['x1', 'x2', 'noise', 'grade']);
      const held = [...fit.heldOut.keys()].filter((i) => fit.heldOut[i]);
      const truth = labelCodes(data, 'Class', ['no', 'yes']);
      // Stratified: about 20% of each class.
      for (const c of [0, 1]) {
        const all = Array.from(truth).filter((t) => t === c).length;
        expect(held.filter((i) => truth[i] === c).length).toBe(Math.round(all * 0.2));
      }
      const report = classReport(Int32Array.from(held, (i) => truth[i]), Int32Array.from(held, (i) => fit.predicted[i]), ['no', 'yes']);
      expect(fit.metrics!.rows).toBe(held.length);
      expect(fit.metrics!.accuracy).toBe(report.accuracy);
      expect(fit.metrics!.accuracy!).toBeGreaterThan(0.9);
      expect(fit.metrics!.measuredOn).toMatch(/^600 held-out rows \(a stratified 20% of the labelled rows, seed 3\)/);
      expect(Array.from(fit.classifier.predict(data))).toEqual(Array.from(fit.predicted));
    });
  }

  it('the label and "not a feature" columns never reach the features; without notFeatures the leak would', async () => {
    const opts = { model: 'logistic' as const, seed: 1, train: { epochs: 5 } };
    const leaky = await trainTabular(data, 'Class', opts);
    expect(leaky.features.numeric.map((s) => s.name)).toEqual(['x1', 'x2', 'leak', 'noise']);
    expect(leaky.metrics!.accuracy!).toBeGreaterThan(0.99); // what a leak looks like
    // Only noise left: held-out accuracy falls to about the majority share.
    const clean = await trainTabular(data, 'Class', { ...opts, notFeatures: ['leak', 'x1', 'x2', 'grade'] });
    expect(clean.features.numeric.map((s) => s.name)).toEqual(['noise']);
    expect(clean.features.categorical).toEqual([]);
    const majority = Math.max(...[0, 1].map((c) => Array.from(labelCodes(data, 'Class', ['no', 'yes'])).filter((t) => t === c).length)) / data.n;
    expect(clean.metrics!.accuracy!).toBeLessThan(majority + 0.05);
    for (const fit of [leaky, clean]) {
      expect(fit.features.numeric.some((s) => s.name === 'Class')).toBe(false);
      expect(fit.features.categorical.some((s) => s.name === 'Class')).toBe(false);
    }
  });

  it('is seeded (same seed, same model), round-trips through JSON and leaves no tensors', async () => {
    const before = tf.memory().numTensors;
    const a = await trainTabular(data, 'Class', { seed: 9, train: { epochs: 3 } });
    const b = await trainTabular(data, 'Class', { seed: 9, train: { epochs: 3 } });
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(b.heldOut)).toEqual(Array.from(a.heldOut));
    expect(b.classifier.toJSON()).toEqual(a.classifier.toJSON());
    const back = TabularClassifier.fromJSON(JSON.parse(JSON.stringify(a.classifier.toJSON())));
    expect(Array.from(back.predictProba(data))).toEqual(Array.from(a.proba));
  });

  it('counts categorical values it never saw (all-zero one-hot) and names a missing feature column', async () => {
    const fit = await trainTabular(data, 'Class', { model: 'logistic', seed: 2, train: { epochs: 2 } });
    const other: Table = { ...data, columns: data.columns.map((c) => (c.name === 'grade' ? { name: 'grade', type: 'categorical', codes: Int32Array.from({ length: data.n }, (_, i) => i % 4), dictionary: ['A', 'B', 'C', 'Z'] } : c)) };
    expect(fit.classifier.score(other).unknown).toEqual([{ column: 'grade', count: 750 }]);
    const without: Table = { ...data, columns: data.columns.filter((c) => c.name !== 'x2') };
    expect(() => fit.classifier.predict(without)).toThrow(/"x2" is missing or not numeric/);
  });

  it('runs as the train-tabular job: previews per epoch, the model as JSON, cancellable', async () => {
    const previews: number[] = [];
    const out = await trainTabularJob({ table: data, label: 'Class', options: { model: 'logistic', train: { epochs: 4 } } }, directContext({ onPreview: (l) => previews.push(l.epoch) }));
    expect(previews).toEqual([1, 2, 3, 4]);
    expect(out.model.kind).toBe('tabular-model');
    expect(out.heldOut.length).toBe(data.n);
    const controller = new AbortController();
    controller.abort();
    await expect(trainTabularJob({ table: data, label: 'Class' }, directContext({ signal: controller.signal }))).rejects.toBeInstanceOf(CancelledError);
  });

  it('refuses a label with one class and a holdout out of range', async () => {
    const one: Table = { n: 3, columns: [{ name: 'x', type: 'numeric', values: Float32Array.of(1, 2, 3) }, { name: 'y', type: 'categorical', codes: Int32Array.of(0, 0, 0), dictionary: ['a'] }] };
    await expect(trainTabular(one, 'y')).rejects.toThrow(/only one class/);
    await expect(trainTabular(data, 'Class', { holdout: 1 })).rejects.toThrow(/holdout/);
  });
});
