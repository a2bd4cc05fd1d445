/** The map's current colouring, from what the user picked to colour by and the data behind it. */
import type { Labels, OpenedDataset } from '../../ml/api.ts';
import { labelCodes, labelValues } from '../../ml/metrics/labels.ts';
import type { Predictions } from '../model/model-store.ts';
import { rowClasses } from '../labels/labels.ts';
import { categorical, columnColouring, ramp, uniform, type ColourBy, type Colouring } from './colours.ts';

export type ColouringInputs = {
  dataset: OpenedDataset;
  colourBy: ColourBy;
  labels: Labels | null;
  predictions: Predictions | null;
  similarity: { values: Float32Array; of: string } | null;
  /** The label column (its classes are coloured as classes), or null. */
  label: string | null;
  /** The app's one class → colour mapping. */
  colourOf: (name: string) => string;
};

export function computeColouring({ dataset, colourBy, labels, predictions, similarity, label, colourOf }: ColouringInputs): Colouring {
  const n = dataset.table.n;
  switch (colourBy.kind) {
    case 'truth':
    case 'column': {
      const name = colourBy.kind === 'truth' ? label : colourBy.column ?? null;
      if (name && name === label) {
        const classes = labelValues(dataset.table, name);
        return categorical(name, labelCodes(dataset.table, name, classes), classes, colourOf);
      }
      return (name && columnColouring(dataset.table, name)) || uniform(colourBy.kind === 'truth' ? 'No label column — choose one on Schema' : 'No column to colour by', n);
    }
    case 'human':
      if (!labels || labels.classes.length === 0) return uniform('No classes yet — add one on the right', n, '#7b8aa3');
      return categorical('Your labels', rowClasses(labels, n), labels.classes, colourOf);
    case 'prediction':
      return predictions ? categorical('Model prediction', predictions.predicted, predictions.classes, colourOf) : uniform('No predictions yet — train a model', n, '#7b8aa3');
    case 'confidence':
      return predictions ? ramp('Model confidence (top-1 − top-2)', predictions.margin, { min: 0, max: 1, low: 'unsure', high: 'sure' }) : uniform('No predictions yet — train a model', n, '#7b8aa3');
    case 'similarity':
      return similarity ? ramp(`Similarity to ${similarity.of}`, similarity.values, { low: 'different', high: 'similar' }) : uniform('Pick an item and press S', n, '#7b8aa3');
  }
}
