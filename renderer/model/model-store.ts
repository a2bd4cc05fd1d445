/**
 * What the trained model says about every item, for whoever shows it (map colours, parallel
 * coordinates colours, queues, compare-with-rules). Written by the model view after each
 * training run; cleared when another dataset opens.
 */
import { createStore } from '../store/create.ts';

export type Predictions = {
  /** Class names, the same list (and order) as the human labels' classes at training time. */
  classes: string[];
  /** Per row: predicted class index into `classes`. */
  predicted: Int32Array;
  /** Per row × class, row-major: softmax probabilities. */
  proba: Float32Array;
  /** Per row: top-1 minus top-2 probability (small = unsure). */
  margin: Float32Array;
  /** Embedding the model was trained on (id from OpenedDataset.embeddings, 'columns'; Compare's table model: 'table-columns'). */
  embeddingId: string;
  /** Rows it was trained on: its figures are only ever measured on the others. */
  trainedOn: Uint32Array;
  /** What it learned from, said next to figures ("your labels", "column Status"). */
  source: string;
  /** Increments with every new set of predictions, so charts know to redraw. */
  version: number;
};

export type ModelState = { predictions: Predictions | null };

export const modelStore = createStore<ModelState>({ predictions: null });
