/**
 * Teach-panel and queue commands as actions. R trains / retrains (on the map); while a queue
 * is open J/K (or arrows) step through it, 1–9 label the current item with that class and
 * move on, 0 unlabels it; Escape (renderer/actions/app-actions.ts) closes it. The training
 * settings are part of the project document, so changing one is an undo step.
 */
import type { TeachSettings } from '../../ml/train/teach-options.ts';
import { DEFAULT_SETTINGS } from '../../ml/train/teach-options.ts';
import { defineAction, type ActionResult } from '../actions/types.ts';
import type { ActionState } from '../actions/state.ts';
import { labelRowsResult } from '../labels/labels.ts';
import { UNLABELLED } from '../../ml/project/label-delta.ts';
import { cancelTraining, train } from './train-run.ts';
import { reproject } from './after-train.ts';
import { buildQueueResult } from './queue-build.ts';
import type { QueueKind, QueueState } from './queue-store.ts';
import type { TrainSource } from './teach-store.ts';

const onMap = (s: ActionState) => s.dataset !== null && s.app.view === 'map';
const queueOpen = (s: ActionState) => s.queue.kind !== null && s.queue.rows.length > 0;
const closed = { kind: null, rows: new Uint32Array(0), pos: 0, labelled: 0 };

export const trainModel = defineAction({
  name: 'teach.train', label: 'Train / retrain the model', keys: ['r'], group: 'Teach',
  when: (s) => s.dataset !== null, keyContext: (s) => onMap(s),
  perform: () => train(),
});

export const cancelTrain = defineAction({ name: 'teach.cancel', label: 'Cancel training', perform: () => cancelTraining() });

export const setSource = defineAction<TrainSource>({
  name: 'teach.source', label: 'Learn from', perform: (_s, source) => ({ view: { teach: { source } } }),
});

export const changeSettings = defineAction<Partial<TeachSettings>>({
  name: 'teach.settings', label: 'Change the training settings',
  perform: (s, patch) => ({ change: { doc: { teach: { ...s.doc.teach, ...patch } } }, label: `training settings: ${Object.entries(patch).map(([k, v]) => `${k} ${v}`).join(', ')}` }),
});

export const resetSettings = defineAction({
  name: 'teach.reset-settings', label: 'Reset the training settings',
  perform: () => ({ change: { doc: { teach: { ...DEFAULT_SETTINGS } } }, label: 'reset training settings' }),
});

export const reprojectMap = defineAction({ name: 'teach.reproject', label: 'Re-project with the model', perform: () => reproject() });

/** "Model says X": selects those rows on the map. */
export const selectPredicted = defineAction<{ classIndex: number }>({
  name: 'teach.select-predicted', label: 'Select what the model calls a class',
  perform: (s, { classIndex }) => {
    const p = s.model.predictions;
    if (!p) return;
    const rows: number[] = [];
    for (let i = 0; i < p.predicted.length; i++) if (p.predicted[i] === classIndex) rows.push(i);
    return { view: { map: { selection: Uint32Array.from(rows) } }, toast: `Selected ${rows.length.toLocaleString()} items the model calls "${p.classes[classIndex]}"` };
  },
});

export const openQueue = defineAction<{ kind: QueueKind }>({
  name: 'queue.open', label: 'What to label next',
  perform: (s, { kind }) => (s.queue.kind === kind ? { view: { queue: closed } } : buildQueueResult(s, kind)),
});

/** Which uncertainty strategy "What to label next" uses (ml/train/queues.ts); an open uncertainty queue is rebuilt with it. */
export const setQueueStrategy = defineAction<QueueState['strategy']>({
  name: 'queue.strategy', label: 'How to pick uncertain items',
  perform: (s, strategy) => {
    const open = s.queue.kind !== null && s.queue.kind === s.queue.strategy;
    if (!open) return { view: { queue: { strategy } } };
    const rebuilt = buildQueueResult(s, strategy);
    return { ...rebuilt, view: { ...rebuilt.view, queue: { ...rebuilt.view?.queue, strategy } } };
  },
});

export const closeQueue = defineAction({ name: 'queue.close', label: 'Close the queue', perform: () => ({ view: { queue: closed } }) });

function step(s: ActionState, delta: number): ActionResult | void {
  const { rows, pos } = s.queue;
  if (rows.length === 0) return;
  const next = Math.min(rows.length - 1, Math.max(0, pos + delta));
  return { view: { queue: { pos: next }, map: { focus: rows[next] } } };
}

export const queueNext = defineAction({
  name: 'queue.next', label: 'Next item in the queue', keys: ['j', 'ArrowDown', 'ArrowRight'], group: 'Queue',
  when: queueOpen, keyContext: (s) => onMap(s) && s.map.viewer < 0, perform: (s) => step(s, 1),
});
export const queuePrev = defineAction({
  name: 'queue.prev', label: 'Previous item in the queue', keys: ['k', 'ArrowUp', 'ArrowLeft'], group: 'Queue',
  when: queueOpen, keyContext: (s) => onMap(s) && s.map.viewer < 0, perform: (s) => step(s, -1),
});

/** Labels the queue's current item and moves on to the next one. */
export const labelQueueItem = defineAction<{ classIndex: number }>({
  name: 'queue.label', label: 'Label the current item with class 1–9 (0 removes), then move on', group: 'Queue',
  keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  when: queueOpen, keyContext: onMap,
  keyValue: (_s, key) => ({ classIndex: key === '0' ? UNLABELLED : Number(key) - 1 }),
  perform: (s, { classIndex }) => {
    const { rows, pos } = s.queue;
    const row = rows[pos];
    const classes = s.doc.labels?.classes ?? [];
    if (classIndex >= classes.length) return { toast: classes.length ? `There are ${classes.length} classes: press 1–${Math.min(9, classes.length)}` : 'Add a class first' };
    const labelled = labelRowsResult(s, Uint32Array.of(row), classIndex);
    if (!labelled.change) return labelled;
    const last = pos >= rows.length - 1;
    const next = last ? pos : pos + 1;
    return {
      ...labelled,
      view: { queue: { pos: next, labelled: s.queue.labelled + 1 }, map: { focus: rows[next] } },
      toast: last ? 'End of the queue — press R to retrain' : labelled.toast,
    };
  },
});

/** A class for items outside every class the user made (common in real data): made on first use. */
export const NONE_OF_MINE = 'none of my classes';

export const labelQueueNone = defineAction({
  name: 'queue.none', label: 'The current item is none of my classes', group: 'Queue',
  when: queueOpen,
  perform: (s) => {
    const classes = s.doc.labels?.classes ?? [];
    const k = classes.indexOf(NONE_OF_MINE);
    const { rows, pos } = s.queue;
    const index = k >= 0 ? k : classes.length;
    const next = Math.min(rows.length - 1, pos + 1);
    return {
      change: { labels: { ...(k < 0 ? { classes: [...classes, NONE_OF_MINE] } : {}), rows: Uint32Array.of(rows[pos]), values: Int32Array.of(index) } },
      label: `item #${rows[pos]} is none of my classes`,
      view: { queue: { pos: next, labelled: s.queue.labelled + 1 }, map: { focus: rows[next] } },
    };
  },
});

export const TEACH_ACTIONS = [setQueueStrategy, labelQueueNone, trainModel, cancelTrain, setSource, changeSettings, resetSettings, reprojectMap, selectPredicted,
  openQueue, closeQueue, queueNext, queuePrev, labelQueueItem];
