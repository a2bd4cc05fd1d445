/**
 * The predict job: score every row with a saved head (e.g. after reopening a project, or
 * on another embedding of the same size) without retraining. Big batches, cancellable.
 */
import type { JobFn } from '../jobs/job.ts';
import { backendInfo, type BackendInfo } from './backend.ts';
import { DenseHead } from './head.ts';
import type { HeadJSON, Scores } from './types.ts';

export type PredictInput = { model: HeadJSON; x: Float32Array; dim: number };
export type PredictResult = Scores & { hidden: Float32Array; backend: BackendInfo; ms: number };

export const predictWithModel: JobFn<PredictInput, PredictResult> = async (input, ctx) => {
  const t0 = performance.now();
  const head = DenseHead.fromJSON(input.model);
  const scores = await head.score({ data: input.x, dim: input.dim }, {
    signal: ctx.signal,
    onProgress: (done, total) => ctx.progress({ done, total, message: 'Scoring every item' }),
  });
  return { ...scores, backend: backendInfo(), ms: performance.now() - t0 };
};
