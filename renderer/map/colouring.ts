/** The map's current colouring, from what the user picked to colour by and the data behind it. */
import type { Labels, OpenedDataset } from '../../ml/api.ts';
import type { Predictions } from '../model/model-store.ts';
import { rowClasses } from '../labels/labels.ts';
import { categorical, columnColouring, ramp, uniform, type ColourBy, type Colouring } from './colours.ts';

export type ColouringInputs = {
  dataset: OpenedDataset;
  colourBy: ColourBy;
  labels: Labels | null;
  predictions: Predictions | null;
  similarity: { values: Float32Array; of: string } | null;
};

export function computeColouring({ dataset, colourBy, labels, predictions, similarity }: ColouringInputs): Colouring {
  const n = dataset.table.n;
  switch (colourBy.kind) {
    case 'truth':
    case 'column': {
      const name = colourBy.column ?? dataset.schema.labelColumn;
      return (name && columnColouring(dataset.table, name)) || uniform('No column to colour by', n);
    }
    case 'human':
      if (!labels || labels.classes.length === 0) return uniform('No classes yet — add one on the right', n, '#7b8aa3');
      return categorical('Your labels', rowClasses(labels, n), labels.classes);
    case 'prediction':
      return predictions ? categorical('Model prediction', predictions.predicted, predictions.classes) : uniform('No predictions yet — train a model', n, '#7b8aa3');
    case 'confidence':
      return predictions ? ramp('Model confidence (top-1 − top-2)', predictions.margin, { min: 0, max: 1, low: 'unsure', high: 'sure' }) : uniform('No predictions yet — train a model', n, '#7b8aa3');
    case 'similarity':
      return similarity ? ramp(`Similarity to ${similarity.of}`, similarity.values, { low: 'different', high: 'similar' }) : uniform('Pick an item and press S', n, '#7b8aa3');
  }
}
