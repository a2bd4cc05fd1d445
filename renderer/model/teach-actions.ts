/**
 * Keyboard and button commands of the teach panel, as actions: R trains / retrains; while a
 * queue is open J/K (or arrows) step through it, 1–9 label the current item with that class
 * (undoable, via labelRows) and move on, 0 unlabels it, Escape closes the queue.
 */
import { registerActions, type Action } from '../actions/registry.ts';
import { appStore, toast } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { labelRows } from '../labels/labels.ts';
import { closeQueue, currentRow, queueActive, queueStore, step } from './queue-store.ts';
import { train } from './train-run.ts';
import { focusRow } from './map-link.ts';

function moveAndFocus(delta: number): void {
  const row = step(delta);
  if (row >= 0) focusRow(row);
}

function labelCurrent(classIndex: number): void {
  const row = currentRow();
  if (row < 0) return;
  const classes = projectStore.get().project.labels?.classes ?? [];
  if (classIndex >= classes.length) { toast(classes.length ? `There are ${classes.length} classes: press 1–${Math.min(9, classes.length)}` : 'Add a class first'); return; }
  if (!labelRows(Uint32Array.of(row), classIndex)) return;
  queueStore.set((s) => ({ labelled: s.labelled + 1 }));
  const { pos, rows } = queueStore.get();
  if (pos < rows.length - 1) moveAndFocus(1);
  else toast('End of the queue — press R to retrain');
}

export function registerTeachActions(): () => void {
  const hasData = () => appStore.get().dataset !== null;
  const inQueue = () => hasData() && queueActive();
  const digits: Action[] = Array.from({ length: 9 }, (_, i) => ({
    id: `teach.queue.label-${i + 1}`,
    label: `Label the current item with class ${i + 1}`,
    keys: [String(i + 1)],
    enabled: inQueue,
    perform: () => labelCurrent(i),
  }));
  return registerActions([
    { id: 'teach.train', label: 'Train / retrain the model', keys: ['r'], enabled: hasData, perform: () => train() },
    { id: 'teach.queue.next', label: 'Next item in the queue', keys: ['j', 'ArrowDown', 'ArrowRight'], enabled: inQueue, perform: () => moveAndFocus(1) },
    { id: 'teach.queue.prev', label: 'Previous item in the queue', keys: ['k', 'ArrowUp', 'ArrowLeft'], enabled: inQueue, perform: () => moveAndFocus(-1) },
    { id: 'teach.queue.unlabel', label: 'Remove the current item’s label', keys: ['0'], enabled: inQueue, perform: () => labelCurrent(-1) },
    { id: 'teach.queue.close', label: 'Close the queue', keys: ['Escape'], enabled: inQueue, perform: closeQueue },
    ...digits,
  ]);
}
