/**
 * "What to label next": a queue of rows picked from the model's answers, and a cursor the
 * keyboard moves (J/K, arrows) while 1–9 label the current item and 0 unlabels it. A queue
 * is a snapshot (a Uint32Array of rows) taken when opened: labelling an item moves on to the
 * next one without reshuffling the list under the user's eyes; a retrain rebuilds it.
 * Written only by actions (renderer/model/actions.ts).
 */
import { createStore } from '../store/create.ts';

import { DEFAULT_QUEUE, QUEUE_STRATEGIES, type QueueStrategy } from '../../ml/train/queues.ts';

/** The uncertainty strategies (ml/train/queues.ts), plus the queues of disagreements and of rows picked in Compare. */
export type QueueKind = Exclude<QueueStrategy, 'random'> | 'label-disagrees' | 'rules-disagree' | 'picked';

export const QUEUE_TITLES: Record<QueueKind, string> = {
  'least-confident': QUEUE_STRATEGIES['least-confident'].title,
  'smallest-margin': QUEUE_STRATEGIES['smallest-margin'].title,
  entropy: QUEUE_STRATEGIES.entropy.title,
  'margin-diversity': QUEUE_STRATEGIES['margin-diversity'].title,
  'label-disagrees': 'Model disagrees with your label',
  'rules-disagree': 'Model and rules disagree',
  picked: 'Rows picked in Compare',
};

export type QueueState = {
  kind: QueueKind | null;
  rows: Uint32Array;
  pos: number;
  /** Predictions version the queue was built from. */
  version: number;
  /** Items labelled from this queue since it was opened. */
  labelled: number;
  /** The uncertainty strategy "What to label next" uses (the measured best by default). */
  strategy: Exclude<QueueStrategy, 'random'>;
};

export const initialQueue = (): QueueState => ({ kind: null, rows: new Uint32Array(0), pos: 0, version: 0, labelled: 0, strategy: DEFAULT_QUEUE === 'random' ? 'smallest-margin' : DEFAULT_QUEUE });
export const queueStore = createStore<QueueState>(initialQueue());
