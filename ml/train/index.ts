/**
 * The training module's public surface (what the model UI and the worker import):
 * backend choice, the dense head + its job, the logistic-regression baseline, table
 * features and the "what to label next" queues.
 */
export { initBackend, configureBackend, backendInfo, type BackendInfo, type BackendName } from './backend.ts';
export { DenseHead, trainHead, HEAD_DEFAULTS } from './head.ts';
export { LogisticRegression } from './logreg.ts';
export { tableFeatures, applyFeatures, type TableFeatures, type FeatureSpec } from './features.ts';
export { labelNext, smallestMargin, labelDisagreements, modelRuleDisagreements, DEFAULT_QUEUE, QUEUE_STRATEGIES, type QueueStrategy, type LabelNextInput, type QueueEmbedding } from './queues.ts';
export { predictWithModel, type PredictInput, type PredictResult } from './predict-job.ts';
export type * from './types.ts';
