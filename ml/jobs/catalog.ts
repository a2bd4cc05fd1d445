/**
 * Every job a worker serves, by name: its input, output and preview types. `serveJobs` (in
 * the worker) and `runJob` (in the app) both read this one map, so a job name, its input and
 * what comes back can never disagree between the two ends, and no caller casts.
 */
import type { UmapInput } from '../embed/umap.ts';
import type { SimilarityInput } from '../embed/similarity-job.ts';
import type { EmbedImageFilesInput, EmbedImageFilesOutput, EmbedTextsInput } from '../embed/models/embed-jobs.ts';
import type { GreyImages } from '../embed/models/types.ts';
import type { ThumbnailsInput, ThumbnailsOutput } from '../images/thumbnail-job.ts';
import type { BackendInfo, BackendName } from '../train/backend.ts';
import type { PredictInput, PredictResult } from '../train/predict-job.ts';
import type { EpochLog, TrainInput, TrainResult } from '../train/types.ts';
import type { TabularJobInput, TabularJobOutput } from '../train/tabular.ts';
import type { SuggestInput, SuggestResult } from '../rules/suggest.ts';

type Job<Input, Output, Preview = never> = { input: Input; output: Output; preview: Preview };

export type JobCatalog = {
  umap: Job<UmapInput, Float32Array, Float32Array>;
  similarity: Job<SimilarityInput, Float32Array>;
  train: Job<TrainInput, TrainResult, EpochLog>;
  predict: Job<PredictInput, PredictResult>;
  backend: Job<BackendName | 'auto' | undefined, BackendInfo>;
  'embed-texts': Job<EmbedTextsInput, Float32Array>;
  'embed-images': Job<GreyImages, Float32Array>;
  /** A model on the table's columns → label (ml/train/tabular.ts: trainTabularJob). */
  'train-tabular': Job<TabularJobInput, TabularJobOutput, EpochLog>;
  'embed-image-files': Job<EmbedImageFilesInput, EmbedImageFilesOutput>;
  'decode-thumbnails': Job<ThumbnailsInput, ThumbnailsOutput>;
  suggest: Job<SuggestInput, SuggestResult>;
};

export type JobName = keyof JobCatalog;
export type JobInput<K extends JobName> = JobCatalog[K]['input'];
export type JobOutput<K extends JobName> = JobCatalog[K]['output'];
export type JobPreview<K extends JobName> = JobCatalog[K]['preview'];
