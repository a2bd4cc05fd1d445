/**
 * "What to label next": a queue of rows picked from the model's answers, and a cursor the
 * keyboard moves (J/K, arrows) while 1–9 label the current item and 0 unlabels it. A queue
 * is a snapshot (a Uint32Array of rows) taken when opened: labelling an item moves on to the
 * next one without reshuffling the list under the user's eyes; a retrain rebuilds it.
 * Written only by actions (renderer/model/actions.ts).
 */
import { createStore } from '../store/create.ts';

export type QueueKind = 'least-confident' | 'label-disagrees' | 'rules-disagree';

export const QUEUE_TITLES: Record<QueueKind, string> = {
  'least-confident': 'Least confident',
  'label-disagrees': 'Model disagrees with your label',
  'rules-disagree': 'Model and rules disagree',
};

export type QueueState = {
  kind: QueueKind | null;
  rows: Uint32Array;
  pos: number;
  /** Predictions version the queue was built from. */
  version: number;
  /** Items labelled from this queue since it was opened. */
  labelled: number;
};

export const initialQueue = (): QueueState => ({ kind: null, rows: new Uint32Array(0), pos: 0, version: 0, labelled: 0 });
export const queueStore = createStore<QueueState>(initialQueue());
