import { describe, expect, it } from 'vitest';
import { applyLabelEdit, labelsFingerprint, rowClasses } from '../../../ml/project/label-delta.ts';
import { emptyDoc, upgradeProject } from '../../../ml/project/state.ts';
import type { ProjectStateV1 } from '../../../ml/api.ts';

describe('label edits', () => {
  it('apply, and their inverse restores exactly (rows and classes)', () => {
    const start = { classes: ['a', 'b'], assigned: [[0, 0], [2, 1], [3, 1]] as [number, number][] };
    const { labels, inverse } = applyLabelEdit(start, { rows: Uint32Array.of(2, 5), values: Int32Array.of(0, 1) }, 6);
    expect(Array.from(rowClasses(labels, 6))).toEqual([0, -1, 0, 1, -1, 1]);
    expect(applyLabelEdit(labels, inverse, 6).labels).toEqual(start);
    // Shrinking the class list unlabels rows past it; the inverse brings them back.
    const shrink = applyLabelEdit(start, { classes: ['a'], rows: new Uint32Array(0), values: new Int32Array(0) }, 6);
    expect(shrink.labels).toEqual({ classes: ['a'], assigned: [[0, 0]] });
    expect(applyLabelEdit(shrink.labels, shrink.inverse, 6).labels).toEqual(start);
    expect(() => applyLabelEdit(start, { rows: Uint32Array.of(9), values: Int32Array.of(0) }, 6)).toThrow(/row 9/);
  });

  it('fingerprints change with any label and stay for the same labels', () => {
    const a = { classes: ['x', 'y'], assigned: [[1, 0], [4, 1]] as [number, number][] };
    expect(labelsFingerprint(a)).toBe(labelsFingerprint({ classes: ['x', 'y'], assigned: [[1, 0], [4, 1]] }));
    expect(labelsFingerprint(a)).not.toBe(labelsFingerprint({ ...a, assigned: [[1, 0], [4, 0]] }));
    expect(labelsFingerprint(a)).not.toBe(labelsFingerprint({ ...a, classes: ['x', 'z'] }));
  });
});

describe('project versions', () => {
  it('a v1 project (rules, label column, labels, imported embeddings) upgrades with nothing lost', () => {
    const v1: ProjectStateV1 = {
      version: 1, rules: { rules: [{ id: 'r1', name: '', target: 'bad', enabled: true, when: { op: 'range', column: 'x', lo: 1, hi: null, loOpen: false, hiOpen: false } }], defaultClass: null },
      labelColumn: 'Class', labels: { classes: ['a'], assigned: [[3, 0]] }, importedEmbeddings: [{ id: 'file:e.npy', title: 'e', artifact: 'import-e.npy.emb' }], updatedAt: '2026-11-01T00:00:00.000Z',
    };
    const up = upgradeProject(v1, { column: 'Class', guessed: true });
    expect(up.version).toBe(2);
    expect(up.doc.rules).toEqual(v1.rules);
    expect(up.doc.labels).toEqual(v1.labels);
    expect(up.doc.importedEmbeddings).toEqual(v1.importedEmbeddings);
    expect(up.doc.label).toEqual({ column: 'Class', guessed: true });
    expect(upgradeProject({ ...v1, labelColumn: 'term' }, { column: 'Class', guessed: true }).doc.label).toEqual({ column: 'term', guessed: false });
  });

  it('a v2 project missing newer fields gets their defaults; nothing saved → an empty project with the guess', () => {
    const partial = { version: 2 as const, doc: { rules: { rules: [], defaultClass: 'good' } } as never, ui: { view: 'map' }, updatedAt: 'x' };
    const up = upgradeProject(partial, { column: 'y', guessed: true });
    expect(up.doc.rules.defaultClass).toBe('good');
    expect(up.doc.teach).toEqual(emptyDoc().teach);
    expect(up.doc.axes).toEqual({ order: [], prefs: {} });
    expect(up.ui.view).toBe('map');
    expect(upgradeProject(null, { column: 'y', guessed: true }).doc.label).toEqual({ column: 'y', guessed: true });
  });
});
