/// <reference types="vite/client" />
/**
 * The training worker: the dense head's train and predict jobs off the UI thread.
 *   new Worker(new URL('../workers/train.worker.ts', import.meta.url), { type: 'module' })
 *   runJob(worker, 'train', input, { onPreview, signal })
 *   runJob(worker, 'predict', { model, x, dim })
 *   runJob(worker, 'backend', 'auto')   // what the UI shows
 *   runJob(worker, 'train-tabular', { table, label, options })   // Compare's model on the columns
 * (types: ml/jobs/catalog.ts)
 *
 * The .wasm binaries are imported as asset URLs, so Vite emits them next to the bundle and the
 * URLs are relative to it: that works over loopback HTTP (browser mode) and from file://
 * (Electron) alike. Only the non-threaded builds are shipped: threads are off.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import { serveJobs } from '../jobs/worker-host.ts';
import { configureBackend, initBackend, type BackendInfo, type BackendName } from '../../ml/train/backend.ts';
import { trainHead } from '../../ml/train/head.ts';
import { predictWithModel } from '../../ml/train/predict-job.ts';
import { trainTabularJob } from '../../ml/train/tabular.ts';
import type { JobFn } from '../../ml/jobs/job.ts';
import type { EpochLog, TrainInput, TrainResult } from '../../ml/train/types.ts';

configureBackend({ wasmPaths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd } });

let pref: BackendName | 'auto' = 'auto';

const backend: JobFn<BackendName | 'auto' | undefined, BackendInfo> = async (input) => {
  if (input === 'auto' || input === 'wasm' || input === 'cpu' || input === 'tensorflow') pref = input;
  return initBackend(pref);
};

const train: JobFn<TrainInput, TrainResult, EpochLog> = async (input, ctx) => {
  await initBackend(pref);
  return trainHead(input, ctx);
};

const predict: typeof predictWithModel = async (input, ctx) => {
  await initBackend(pref);
  return predictWithModel(input, ctx);
};

const trainTabular: typeof trainTabularJob = async (input, ctx) => {
  await initBackend(pref);
  return trainTabularJob(input, ctx);
};

serveJobs({ train, predict, backend, 'train-tabular': trainTabular });
