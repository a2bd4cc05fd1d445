/** Labels as actions: label/unlabel, classes, and undo/redo of each, computed by history (no action writes its own undo). */
import { beforeEach, describe, expect, it } from 'vitest';
import { projectStore } from '../../../renderer/project/store.ts';
import { redo, undo } from '../../../renderer/project/history.ts';
import { run } from '../../../renderer/actions/registry.ts';
import { addClass, adoptColumnClasses, classCounts, labelRows, renameClass, rowClasses, toAssigned } from '../../../renderer/labels/labels.ts';
import { N, openFresh } from './fixture.ts';

const labels = () => projectStore.get().doc.labels;
const dense = () => Array.from(rowClasses(labels(), N));
const label = (rows: number[], classIndex: number) => run(labelRows, { rows: Uint32Array.from(rows), classIndex });

beforeEach(() => openFresh());

describe('labels', () => {
  it('derives a dense column from sparse pairs and back, ignoring out-of-range pairs', () => {
    const l = { classes: ['a', 'b'], assigned: [[1, 0], [4, 1], [20, 0], [5, 7]] as [number, number][] };
    const d = rowClasses(l, 6);
    expect(Array.from(d)).toEqual([-1, 0, -1, -1, 1, -1]);
    expect(toAssigned(d)).toEqual([[1, 0], [4, 1]]);
  });

  it('labels rows, counts per class, and undo/redo restores exactly', async () => {
    await run(addClass, { name: 'spam' });
    await run(addClass, { name: 'ham' });
    await run(addClass, { name: 'spam' }); // taken: nothing changes
    expect(labels()?.classes).toEqual(['spam', 'ham']);
    await label([1, 2, 3], 0);
    await label([3, 4], 1);
    expect(dense()).toEqual([-1, 0, 0, 1, 1, -1, -1, -1, -1, -1]);
    const { perClass, unlabelled } = classCounts(labels(), N);
    expect(Array.from(perClass)).toEqual([2, 2]);
    expect(unlabelled).toBe(6);
    expect(undo()).toBe('label 2 items "ham"');
    expect(dense()).toEqual([-1, 0, 0, 0, -1, -1, -1, -1, -1, -1]);
    redo();
    expect(dense()).toEqual([-1, 0, 0, 1, 1, -1, -1, -1, -1, -1]);
    await label([2, 3], -1);
    expect(dense()).toEqual([-1, 0, -1, -1, 1, -1, -1, -1, -1, -1]);
    undo();
    expect(dense()).toEqual([-1, 0, 0, 1, 1, -1, -1, -1, -1, -1]);
    expect(labels()?.assigned).toEqual([[1, 0], [2, 0], [3, 1], [4, 1]]);
  });

  it('refuses an empty selection and a class that does not exist, and records nothing', async () => {
    await run(addClass, { name: 'a' });
    await label([], 0);
    await label([1], 3);
    expect(dense().every((k) => k === -1)).toBe(true);
    expect(undo()).toBe('add class "a"');
    expect(undo()).toBeNull();
  });

  it('renames and adopts the classes of a column, each undoable', async () => {
    await run(addClass, { name: 'dog' });
    await run(adoptColumnClasses, { column: 'truth' });
    expect(labels()?.classes).toEqual(['dog', 'cat', 'eel']);
    await run(renameClass, { index: 1, name: 'kitten' });
    await run(renameClass, { index: 1, name: 'dog' }); // name taken
    expect(labels()?.classes).toEqual(['dog', 'kitten', 'eel']);
    undo();
    expect(labels()?.classes).toEqual(['dog', 'cat', 'eel']);
    undo();
    expect(labels()?.classes).toEqual(['dog']);
  });

  it('undoing "add class" after its labels were undone leaves no dangling class index', async () => {
    await run(addClass, { name: 'x' });
    await label([0], 0);
    undo();
    undo();
    expect(labels()).toBeNull(); // exactly as before the first class
    redo();
    redo();
    expect(dense()[0]).toBe(0);
  });
});
