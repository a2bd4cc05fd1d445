import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../ml/train/backend.node.ts';
import { DenseHead, trainHead } from '../../../ml/train/head.ts';
import { gaussianBlobs } from '../../../ml/train/synthetic.ts';
import { CancelledError, directContext } from '../../../ml/jobs/job.ts';
import type { EpochLog, TrainInput } from '../../../ml/train/types.ts';

const dim = 32;
const classes = ['a', 'b', 'c'];
const blobs = gaussianBlobs({ n: 600, dim, classes: 3, separation: 6, seed: 7 });
const trainRows = Uint32Array.from({ length: 150 }, (_, i) => i);

function input(extra: Partial<TrainInput> = {}): TrainInput {
  return { x: blobs.x, dim, rows: trainRows, y: blobs.y.slice(0, 150), classes, seed: 42, epochs: 15, ...extra };
}

function accuracy(pred: Int32Array, from: number): number {
  let ok = 0;
  for (let i = from; i < pred.length; i++) ok += pred[i] === blobs.y[i] ? 1 : 0;
  return ok / (pred.length - from);
}

beforeAll(async () => {
  const info = await initBackend();
  expect(['wasm', 'cpu', 'tensorflow']).toContain(info.name);
});

describe('trainHead', () => {
  it('learns a separable set: held-out accuracy above 0.9, one preview per epoch, every row scored', async () => {
    const previews: EpochLog[] = [];
    const r = await trainHead(input(), directContext({ onPreview: (l) => previews.push(l) }));
    expect(accuracy(r.predicted, 150)).toBeGreaterThan(0.9);
    expect(previews.length).toBe(r.history.length);
    expect(previews.length).toBeGreaterThan(1);
    expect(r.history[0].loss).toBeGreaterThan(r.history.at(-1)!.loss);
    expect(r.predicted.length).toBe(600);
    expect(r.proba.length).toBe(600 * 3);
    expect(r.margin.length).toBe(600);
    expect(r.hidden.length).toBe(600 * 64);
    // Probabilities sum to one and the margin is top-1 minus top-2.
    const p = Array.from(r.proba.subarray(0, 3)).sort((a, b) => b - a);
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 4);
    expect(r.margin[0]).toBeCloseTo(p[0] - p[1], 5);
  });

  it('is reproducible: the same seed gives the same weights and predictions; another seed does not', async () => {
    const a = await trainHead(input(), directContext());
    const b = await trainHead(input(), directContext());
    const c = await trainHead(input({ seed: 43 }), directContext());
    expect(b.model.w1).toEqual(a.model.w1);
    expect(b.proba).toEqual(a.proba);
    expect(c.model.w1).not.toEqual(a.model.w1);
  });

  it('leaves no tensors behind after train + predict', async () => {
    await trainHead(input({ epochs: 2 }), directContext()); // warm-up: backends allocate lazily
    const before = tf.memory().numTensors;
    const r = await trainHead(input({ epochs: 3, classWeights: 'balanced' }), directContext());
    const head = DenseHead.fromJSON(r.model);
    head.predict({ data: blobs.x, dim });
    head.transform({ data: blobs.x, dim });
    await head.score({ data: blobs.x, dim });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops when cancelled, with a CancelledError and no leaked tensors', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let epochs = 0;
    const run = trainHead(input({ epochs: 500, validation: 'none', batchSize: 16 }), directContext({
      signal: controller.signal,
      onPreview: () => { if (++epochs === 2) controller.abort(); },
    }));
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(epochs).toBeLessThan(5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad input with a clear message', async () => {
    await expect(trainHead(input({ rows: Uint32Array.of(1, 2), y: Int32Array.of(0) }), directContext())).rejects.toThrow(/2 labelled rows but 1 labels/);
    await expect(trainHead(input({ rows: Uint32Array.of(5000), y: Int32Array.of(0) }), directContext())).rejects.toThrow(/outside the 600 rows/);
    await expect(trainHead(input({ y: new Int32Array(150).fill(7) }), directContext())).rejects.toThrow(/class 7/);
  });
});

describe('DenseHead', () => {
  it('round-trips through JSON and predicts identically', async () => {
    const head = new DenseHead({ hidden: 16, epochs: 5, seed: 3 });
    await head.fit({ data: blobs.x.subarray(0, 150 * dim), dim }, blobs.y.slice(0, 150), classes);
    const json = JSON.parse(JSON.stringify(head.toJSON()));
    const back = DenseHead.fromJSON(json);
    const x = { data: blobs.x, dim };
    expect(back.classes).toEqual(classes);
    expect(back.predictProba(x)).toEqual(head.predictProba(x));
    expect(back.predict(x)).toEqual(head.predict(x));
    expect(back.transform(x)).toEqual(head.transform(x));
    expect(head.transform(x).length).toBe(600 * 16);
  });

  it('refuses to predict before fit and rejects a corrupt model', () => {
    expect(() => new DenseHead().predict({ data: blobs.x, dim })).toThrow(/not trained/);
    expect(() => DenseHead.fromJSON({ kind: 'dense-head', version: 1, classes, dim, hidden: 4, activation: 'relu', mean: [], std: [], w1: [], b1: [], w2: [], b2: [] })).toThrow(/scaler/);
  });
});
