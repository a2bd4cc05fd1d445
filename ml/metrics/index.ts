export { confusionMatrix, classReport, cell, type ConfusionMatrix, type ClassReport, type ClassMetrics } from './confusion.ts';
export { labelCodes, labelValues } from './labels.ts';
export { agreement, type Agreement } from './agreement.ts';
