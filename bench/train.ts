/**
 * Training and prediction speed of the dense head (wasm backend) against tfjs set-ups measured
 * in the same run, all tf.sequential Dense(64, relu) → Dropout → Dense(softmax):
 *
 * - fair: what a careful tfjs user writes — the same wasm backend, model.fit with batch 256 and
 *   the same Adam learning rate for the full 10 epochs; model.predict with batch 1024 on all rows;
 * - the previous baseline: the cpu backend with the default batch 32, shortened (fewer epochs /
 *   rows) and scaled linearly (most of its ratio is backend and batch size, not our code).
 *
 *   npx tsx bench/run.ts train [--quick]
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../ml/train/backend.node.ts';
import { DenseHead, trainHead } from '../ml/train/head.ts';
import { gaussianBlobs } from '../ml/train/synthetic.ts';
import { directContext } from '../ml/jobs/job.ts';

const N = 5000;
const DIM = 1280;
const EPOCHS = 10;
const HIDDEN = 64;
const K = 10;
const PREDICT_N = 100_000;
/** The fast set-up: big batches, Adam with a learning rate tuned for them. */
const FAST = { batchSize: 256, learningRate: 3e-3 };

const secs = (ms: number) => (ms / 1000).toFixed(2);
const classes = Array.from({ length: K }, (_, i) => `c${i}`);

function sequential(dropout: boolean): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [DIM], units: HIDDEN, activation: 'relu' }),
      ...(dropout ? [tf.layers.dropout({ rate: 0.2 })] : []),
      tf.layers.dense({ units: K, activation: 'softmax' }),
    ],
  });
}

/** model.fit for `epochs` epochs; seconds, and the final training loss. */
async function fitSeconds(x: Float32Array, y: Int32Array, epochs: number, batchSize: number, learningRate: number): Promise<{ s: number; loss: number }> {
  const model = sequential(true);
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xs = tf.tensor2d(x, [y.length, DIM]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), K));
  const t = performance.now();
  const h = await model.fit(xs, ys, { epochs, batchSize, verbose: 0 });
  const s = (performance.now() - t) / 1000;
  tf.dispose([xs, ys]);
  model.dispose();
  return { s, loss: Number(h.history.loss.at(-1)) };
}

async function predictSeconds(x: Float32Array, n: number, batchSize: number): Promise<number> {
  const model = sequential(false);
  const xs = tf.tensor2d(x.subarray(0, n * DIM), [n, DIM]);
  const t = performance.now();
  const out = model.predict(xs, { batchSize }) as tf.Tensor;
  await out.data();
  const s = (performance.now() - t) / 1000;
  tf.dispose([xs, out]);
  model.dispose();
  return s;
}

export default async function bench(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const { x, y } = gaussianBlobs({ n: N + 2000, dim: DIM, classes: K, separation: 5, seed: 1 });
  const train = { data: x.subarray(0, N * DIM), dim: DIM };
  const yTrain = y.slice(0, N);

  const info = await initBackend('wasm');
  console.log(`backend: ${info.name}${info.simd ? ' (SIMD)' : ''}, threads off; 2 shared cores, load ${(await import('node:os')).loadavg()[0].toFixed(1)}`);

  // Warm-up: the first wasm kernels compile lazily.
  await new DenseHead({ hidden: HIDDEN, epochs: 1, validation: 'none', ...FAST }).fit({ data: x.subarray(0, 512 * DIM), dim: DIM }, y.slice(0, 512), classes);

  const head = new DenseHead({ hidden: HIDDEN, epochs: EPOCHS, validation: 'none', seed: 1, ...FAST });
  let t = performance.now();
  const report = await head.fit(train, yTrain, classes);
  const fastTrain = (performance.now() - t) / 1000;
  const test = { data: x.subarray(N * DIM), dim: DIM };
  const pred = head.predict(test);
  let ok = 0;
  for (let i = 0; i < pred.length; i++) ok += pred[i] === y[N + i] ? 1 : 0;
  console.log(`fast: batch ${FAST.batchSize}, lr ${FAST.learningRate}: final loss ${report.history.at(-1)!.loss.toFixed(3)}, held-out accuracy ${(ok / pred.length).toFixed(3)}`);

  // 100k rows: the 5,000 tiled 20× (predict speed does not depend on the values).
  const big = new Float32Array(PREDICT_N * DIM);
  for (let r = 0; r < PREDICT_N; r += N) big.set(train.data.subarray(0, Math.min(N, PREDICT_N - r) * DIM), r * DIM);
  t = performance.now();
  const scores = await head.score({ data: big, dim: DIM });
  const fastPredict = (performance.now() - t) / 1000;
  if (scores.predicted.length !== PREDICT_N) throw new Error('predict returned the wrong number of rows');

  // The app's loop: 20 labels per class on 5,000 items, train (validation + refit) and score all.
  t = performance.now();
  const labelled = Uint32Array.from({ length: 200 }, (_, i) => i);
  const r = await trainHead({ x: train.data, dim: DIM, rows: labelled, y: yTrain.slice(0, 200), classes, seed: 1 }, directContext());
  const loopMs = performance.now() - t;

  // Fair: the same wasm backend, batch 256 and the same learning rate, the full 10 epochs; predict in batches of 1024.
  await tf.setBackend('wasm');
  await fitSeconds(train.data.subarray(0, 512 * DIM), yTrain.slice(0, 512), 1, FAST.batchSize, FAST.learningRate); // warm-up
  const fair = await fitSeconds(train.data, yTrain, EPOCHS, FAST.batchSize, FAST.learningRate);
  const fairPredict = await predictSeconds(big, PREDICT_N, 1024);

  // The previous baseline, on cpu with batch 32: shortened and scaled.
  await tf.setBackend('cpu');
  await tf.ready();
  const naiveEpochs = quick ? 1 : 2;
  const naiveTrain = ((await fitSeconds(train.data, yTrain, naiveEpochs, 32, 1e-3)).s * EPOCHS) / naiveEpochs;
  const naiveRows = quick ? 5000 : 10_000;
  const naivePredict = ((await predictSeconds(big, naiveRows, 32)) * PREDICT_N) / naiveRows;
  await initBackend('wasm');
  await tf.setBackend('wasm');

  console.log(`fair baseline: tf.sequential + model.fit on the same wasm backend, batch ${FAST.batchSize}, lr ${FAST.learningRate}, all ${EPOCHS} epochs (final loss ${fair.loss.toFixed(3)}); model.predict batch 1024 on all ${PREDICT_N.toLocaleString('en-US')} rows`);
  console.log(`previous baseline: cpu backend, model.fit/predict batch 32, ${naiveEpochs} epochs and ${naiveRows.toLocaleString('en-US')} rows measured, scaled linearly`);
  console.log(`train 5000x1280x10: ${fastTrain.toFixed(2)} s — ${(fair.s / fastTrain).toFixed(1)}x the fair baseline [${fair.s.toFixed(2)} s], ${(naiveTrain / fastTrain).toFixed(1)}x the cpu batch-32 one [${naiveTrain.toFixed(1)} s]`);
  console.log(`predict 100000x1280: ${fastPredict.toFixed(2)} s — ${(fairPredict / fastPredict).toFixed(1)}x the fair baseline [${fairPredict.toFixed(2)} s], ${(naivePredict / fastPredict).toFixed(1)}x the cpu batch-32 one [${naivePredict.toFixed(1)} s]`);
  console.log(`label→retrain→rescore, 200 labels on 5000x1280 (validation + refit + score all): ${secs(loopMs)} s, ${r.history.length} epochs`);
}
