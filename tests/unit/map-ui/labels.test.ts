/** Labels over project.labels: dense ↔ sparse, label/unlabel, classes, and undo/redo of each. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDataset } from '../../../ml/api.ts';
import { appStore } from '../../../renderer/store/app.ts';
import { projectStore, emptyProject } from '../../../renderer/project/store.ts';
import { clearHistory, redo, undo } from '../../../renderer/store/history.ts';
import { addClass, adoptColumnClasses, classCounts, labelRows, renameClass, rowClasses, toAssigned } from '../../../renderer/labels/labels.ts';

const N = 10;
function dataset(): OpenedDataset {
  const codes = Int32Array.from({ length: N }, (_, i) => i % 3);
  return {
    key: 'test:labels', name: 't', synthetic: false, embeddings: [], media: { kind: 'row' },
    table: { n: N, columns: [{ name: 'truth', type: 'categorical', codes, dictionary: ['cat', 'dog', 'eel'] }] },
    schema: { n: N, columns: [], labelColumn: 'truth', labelGuess: { column: 'truth', reason: 'test' } },
  };
}
const dense = () => Array.from(rowClasses(projectStore.get().project.labels, N));

beforeEach(() => {
  appStore.set({ dataset: dataset() });
  projectStore.set({ key: null, project: emptyProject() });
  clearHistory();
});

describe('labels', () => {
  it('derives a dense column from sparse pairs and back, ignoring out-of-range pairs', () => {
    const labels = { classes: ['a', 'b'], assigned: [[1, 0], [4, 1], [20, 0], [5, 7]] as [number, number][] };
    const d = rowClasses(labels, 6);
    expect(Array.from(d)).toEqual([-1, 0, -1, -1, 1, -1]);
    expect(toAssigned(d)).toEqual([[1, 0], [4, 1]]);
  });

  it('labels rows, counts per class, and undo/redo restores exactly', () => {
    expect(addClass('spam')).toBe(0);
    expect(addClass('ham')).toBe(1);
    expect(addClass('spam')).toBe(-1); // taken
    expect(labelRows(Uint32Array.of(1, 2, 3), 0)).toBe(true);
    expect(labelRows(Uint32Array.of(3, 4), 1)).toBe(true);
    expect(dense()).toEqual([-1, 0, 0, 1, 1, -1, -1, -1, -1, -1]);
    const { perClass, unlabelled } = classCounts(projectStore.get().project.labels, N);
    expect(Array.from(perClass)).toEqual([2, 2]);
    expect(unlabelled).toBe(6);
    undo();
    expect(dense()).toEqual([-1, 0, 0, 0, -1, -1, -1, -1, -1, -1]);
    redo();
    expect(dense()).toEqual([-1, 0, 0, 1, 1, -1, -1, -1, -1, -1]);
    expect(labelRows(Uint32Array.of(2, 3), -1)).toBe(true);
    expect(dense()).toEqual([-1, 0, -1, -1, 1, -1, -1, -1, -1, -1]);
    undo();
    expect(dense()).toEqual([-1, 0, 0, 1, 1, -1, -1, -1, -1, -1]);
    expect(projectStore.get().project.labels?.assigned).toEqual([[1, 0], [2, 0], [3, 1], [4, 1]]);
  });

  it('refuses an empty selection and a class that does not exist', () => {
    addClass('a');
    expect(labelRows(new Uint32Array(0), 0)).toBe(false);
    expect(labelRows(Uint32Array.of(1), 3)).toBe(false);
    expect(dense().every((k) => k === -1)).toBe(true);
  });

  it('renames and adopts the classes of a column, each undoable', () => {
    addClass('dog');
    expect(adoptColumnClasses('truth')).toBe(true);
    expect(projectStore.get().project.labels?.classes).toEqual(['dog', 'cat', 'eel']);
    expect(renameClass(1, 'kitten')).toBe(true);
    expect(renameClass(1, 'dog')).toBe(false); // name taken
    expect(projectStore.get().project.labels?.classes).toEqual(['dog', 'kitten', 'eel']);
    undo();
    expect(projectStore.get().project.labels?.classes).toEqual(['dog', 'cat', 'eel']);
    undo();
    expect(projectStore.get().project.labels?.classes).toEqual(['dog']);
  });

  it('undoing "add class" after its labels were undone leaves no dangling class index', () => {
    addClass('x');
    labelRows(Uint32Array.of(0), 0);
    undo();
    undo();
    expect(projectStore.get().project.labels?.classes).toEqual([]);
    expect(projectStore.get().project.labels?.assigned).toEqual([]);
  });
});
