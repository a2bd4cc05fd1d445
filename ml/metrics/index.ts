export { confusionMatrix, classReport, cell, type ConfusionMatrix, type ClassReport, type ClassMetrics } from './confusion.ts';
export { labelCodes, labelValues } from './labels.ts';
export { agreement, type Agreement } from './agreement.ts';
export { wilsonInterval, accuracySentence, percentOf, normalQuantile, type Interval } from './interval.ts';
export { liftFor, formatLift, type Lift } from './lift.ts';
export { rankBySeparation, oneVsRestAuc, type AxisSeparation } from './separation.ts';
