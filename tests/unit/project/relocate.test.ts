/**
 * Data that moved or changed. Pure matching (duplicates in order, kept labels found again, by
 * position), then through the host: a moved file is "not found" until located; a changed file
 * has its rows matched by content or id column, with the report the user reads, and no label
 * is ever dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyLabels } from '../../../ml/project/labels.ts';
import { matchLabels } from '../../../ml/project/relocate.ts';
import { rowKeys } from '../../../ml/project/rowkeys.ts';
import { loadTable } from '../../../ml/table/index.ts';
import { csv, labelledRows, opened, session, startServer, tmp, type TestServer } from './helpers.ts';

const keysOf = async (text: string, id: string | null = null) => rowKeys(await loadTable('t.csv', new TextEncoder().encode(text)), id);

describe('row keys and matching', () => {
  it('keys rows by content regardless of column order, and by id when asked', async () => {
    const a = await keysOf('x,y\n1,a\n2,b\n');
    const b = await keysOf('y,x\nb,2\na,1\n');
    expect([b[1], b[0]]).toEqual([a[0], a[1]]);
    const byId = await keysOf('id,x\n7,1\n8,2\n', 'id');
    const byIdChanged = await keysOf('id,x\n8,20\n7,10\n', 'id');
    expect([byIdChanged[1], byIdChanged[0]]).toEqual([byId[0], byId[1]]);
    await expect(keysOf('x\n1\n', 'nope')).rejects.toThrow('The id column "nope" is not in the data.');
  });

  it('maps the k-th duplicate to the k-th, keeps what is gone, and finds kept labels again', () => {
    const labels = emptyLabels(4, 'old');
    labels.classes = ['a', 'b'];
    labels.values.set([0, 1, -1, 1]); // rows with keys 5, 5, 6, 9
    const first = matchLabels({ labels, oldKeys: Float64Array.of(5, 5, 6, 9), newKeys: Float64Array.of(6, 5, 7, 5), newN: 4, newSpace: 'new', by: 'row-content' });
    expect(Array.from(first.labels.values)).toEqual([-1, 0, -1, 1]);
    expect(first.report).toMatchObject({ labelled: 3, matched: 2, kept: 1, rematched: 0 });
    expect(first.report.message).toBe('2 of 3 labelled rows matched; 1 label kept for rows no longer in the file (by row content).');
    expect(Array.from(first.labels.keptKeys)).toEqual([9]);
    const back = matchLabels({ labels: first.labels, oldKeys: Float64Array.of(6, 5, 7, 5), newKeys: Float64Array.of(9, 6, 5, 7, 5), newN: 5, newSpace: 'again', by: 'row-content' });
    expect(Array.from(back.labels.values)).toEqual([1, -1, 0, -1, 1]);
    expect(back.report.message).toBe('2 of 2 labelled rows matched; 1 label kept earlier found its row again (by row content).');
    expect(back.labels.keptValues.length).toBe(0);
  });

  it('matches by position when asked, keeping labels past the new end', () => {
    const labels = emptyLabels(3, null);
    labels.classes = ['a'];
    labels.values.set([0, -1, 0]);
    const r = matchLabels({ labels, oldKeys: null, newKeys: null, newN: 2, newSpace: 'n', by: 'position' });
    expect(Array.from(r.labels.values)).toEqual([0, -1]);
    expect(r.report.message).toBe('1 of 2 labelled rows matched; 1 label kept for rows no longer in the file (by row position, as asked).');
  });
});

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(() => s.close());

describe('a data file that moved or changed', () => {
  it('moved: "data file not found at …", the project intact; Locate points it at the new place', async () => {
    const dir = tmp('mt-data-');
    const file = join(dir, 'loans.csv');
    writeFileSync(file, csv([1, 2, 3, 4]));
    const a = session('a');
    const p = await s.client.createProject(a, { source: { path: file } });
    expect(p.project.source).toMatchObject({ kind: 'file', name: 'loans.csv', path: file, rows: 4 });
    await s.client.editLabels(a, p.project.handle, { classes: ['x'], rows: [2], values: [0] });
    await s.client.closeProject(a, p.project.handle);
    const moved = join(tmp('mt-moved-'), 'loans.csv');
    renameSync(file, moved);
    const r = opened(await s.client.openProject(a, p.project.path, 'write'));
    const data = await s.client.loadProjectData(a, r.project.handle);
    expect(data.dataset).toBeNull();
    expect(data.problem).toEqual({ kind: 'missing', path: file, message: `data file not found at ${file}` });
    expect(data.labels.values[2]).toBe(0);
    const located = await s.client.locateData(a, r.project.handle, { path: moved }, {});
    expect(located.problem).toBeNull();
    expect(located.relocation).toBeNull();
    expect(located.labels.values[2]).toBe(0);
    await s.client.closeProject(a, r.project.handle);
    const again = opened(await s.client.openProject(a, p.project.path, 'write'));
    expect(again.project.source).toMatchObject({ path: moved });
    expect((await s.client.loadProjectData(a, again.project.handle)).dataset?.table.n).toBe(4);
    await s.client.closeProject(a, again.project.handle);
  });

  it('moved together with the project folder: found relative to the project', async () => {
    const dir = tmp('mt-together-');
    writeFileSync(join(dir, 'd.csv'), csv([1, 2]));
    const a = session('a');
    const p = await s.client.createProject(a, { source: { path: join(dir, 'd.csv') }, folder: dir, name: 'with data' });
    await s.client.closeProject(a, p.project.handle);
    const moved = tmp('mt-moved-both-');
    renameSync(dir, join(moved, 'box'));
    const r = opened(await s.client.openProject(a, join(moved, 'box', 'with data.mtproj'), 'write'));
    const data = await s.client.loadProjectData(a, r.project.handle);
    expect(data.problem).toBeNull();
    expect(data.dataset?.table.n).toBe(2);
    await s.client.closeProject(a, r.project.handle);
  });

  it('changed (rows removed and added): labels follow their rows by content; the gone ones are kept and come back', async () => {
    const dir = tmp('mt-changed-');
    const file = join(dir, 'items.csv');
    const ids = Array.from({ length: 20 }, (_, i) => i);
    writeFileSync(file, csv(ids));
    const a = session('a');
    const p = await s.client.createProject(a, { source: { path: file } });
    const h = p.project.handle;
    expect((await s.client.loadProjectData(a, h)).dataset?.table.n).toBe(20);
    await s.client.editLabels(a, h, { classes: ['no', 'yes'], rows: [0, 5, 6, 19], values: [1, 0, 1, 0] });
    await s.client.saveProjectArtifact(a, h, 'layout-raw.bin', Uint8Array.of(9));
    // Rows 5 and 6 deleted, 3 rows appended, the rest shuffled.
    const changed = [...ids.filter((i) => i !== 5 && i !== 6).reverse(), 100, 101, 102];
    writeFileSync(file, csv(changed));
    const data = await s.client.loadProjectData(a, h);
    expect(data.relocation?.message).toBe('2 of 4 labelled rows matched; 2 labels kept for rows no longer in the file (by row content).');
    expect(data.relocation?.setAside).toEqual(['layout-raw.bin']);
    expect(data.labels.kept).toBe(2);
    const byId = (values: Int32Array, order: number[]) => Object.fromEntries([...labelledRows(values)].map(([r, v]) => [order[r], v]));
    expect(byId(data.labels.values, changed)).toEqual({ 0: 1, 19: 0 });
    expect(await s.client.loadProjectArtifact(a, h, 'layout-raw.bin')).toBeNull();
    await s.client.closeProject(a, h);

    // The rows come back: so do their labels.
    writeFileSync(file, csv(ids));
    const r = opened(await s.client.openProject(a, p.project.path, 'write'));
    expect(r.labels.kept).toBe(2);
    const back = await s.client.loadProjectData(a, r.project.handle);
    expect(back.relocation?.message).toBe('2 of 2 labelled rows matched; 2 labels kept earlier found their rows again (by row content).');
    expect(byId(back.labels.values, ids)).toEqual({ 0: 1, 5: 0, 6: 1, 19: 0 });
    await s.client.closeProject(a, r.project.handle);
  });

  it('changed with an id column: rows match by id even when their values changed', async () => {
    const dir = tmp('mt-id-');
    const file = join(dir, 'people.csv');
    writeFileSync(file, 'id,score\n10,1\n11,2\n12,3\n');
    const a = session('a');
    const p = await s.client.createProject(a, { source: { path: file }, idColumn: 'id' });
    await s.client.loadProjectData(a, p.project.handle);
    await s.client.editLabels(a, p.project.handle, { classes: ['k'], rows: [1], values: [0] });
    writeFileSync(file, 'id,score\n12,30\n11,20\n13,40\n');
    const data = await s.client.loadProjectData(a, p.project.handle);
    expect(data.relocation).toMatchObject({ by: 'id', labelled: 1, matched: 1, kept: 0 });
    expect(Array.from(data.labels.values)).toEqual([-1, 0, -1]);
    await s.client.closeProject(a, p.project.handle);
  });
});
