/**
 * openProjectFor through the real host and the page's HTTP client: the project for data the app
 * just opened — a demo, an uploaded file, a file by path, a folder of images by path, a folder
 * the page read itself (renderer/media/local-folder.ts, run here on real File objects) — found
 * again by a second call, created when there is none, refused while another tab writes it. The
 * folder source: reopened by path from the recents, or, picked in the page, a problem that says
 * to pick it again while the project keeps its labels, document and artefacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { OpenedDataset, PageDataset } from '../../../ml/api.ts';
import { dispatch } from '../../../electron/backend/dispatch.ts';
import { datasetFromPicked } from '../../../renderer/media/local-folder.ts';
import { fixture, makeFolder } from '../images/fixtures.ts';
import { csv, labelledRows, opened, session, startServer, tmp, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(() => s.close());

const IMAGES = { 'cats/a.png': fixture('red.png'), 'cats/b.jpg': fixture('blue.jpg'), 'dogs/c.gif': fixture('yellow.gif'), 'dogs/d.png': fixture('grey.png') };

/** The folder as the page reads it: File objects, paths relative to the picked folder. */
async function pickedInPage(name: string, files: Record<string, Uint8Array>): Promise<{ dataset: OpenedDataset; page: PageDataset }> {
  const picked = Object.entries(files).map(([path, bytes]) => ({ path, file: new File([new Uint8Array(bytes)], basename(path)) }));
  const dataset = await datasetFromPicked(name, picked);
  if (dataset.media.kind !== 'image-files') throw new Error('expected image-file media');
  return { dataset, page: { kind: 'page-folder', name: dataset.name, table: dataset.table, media: dataset.media } };
}

const pathOfRow = (d: OpenedDataset, path: string) => {
  const c = d.table.columns.find((x) => x.name === 'path');
  return c?.type === 'text' ? c.values.indexOf(path) : -1;
};

describe('openProjectFor', () => {
  it('a demo: makes an untitled project for it, hands over the opened data, and finds it again', async () => {
    const a = session('a');
    const ds = await s.client.openDemo('lending_club');
    const first = opened(await s.client.openProjectFor(a, ds.key, 'write'));
    expect(first.access).toBe('write');
    expect(first.project.name).toBe('Untitled Lending Club loans');
    expect(first.project.source).toMatchObject({ kind: 'demo', id: 'lending_club', rows: 9857 });
    const data = await s.client.loadProjectData(a, first.project.handle);
    expect(data.dataset?.key).toBe(ds.key);
    expect(data.dataset?.table.n).toBe(9857);
    await s.client.editLabels(a, first.project.handle, { classes: ['bad', 'good'], rows: [4], values: [0] });
    await s.client.closeProject(a, first.project.handle);

    const b = session('b');
    const again = opened(await s.client.openProjectFor(b, ds.key, 'write'));
    expect(again.project.path).toBe(first.project.path);
    expect(again.labels.values[4]).toBe(0);
    await s.client.closeProject(b, again.project.handle);
  });

  it('a file uploaded by the page: copied into its new project, found again by a second upload of the same bytes', async () => {
    const a = session('a');
    const bytes = new TextEncoder().encode(csv([1, 2, 3, 4, 5, 6]));
    const ds = await s.client.openFile({ name: 'upload.csv', bytes });
    const p = opened(await s.client.openProjectFor(a, ds.key, 'write'));
    expect(p.project.source).toMatchObject({ kind: 'file', name: 'upload.csv', path: null, relativePath: 'data/upload.csv', rows: 6 });
    expect((await s.client.loadProjectData(a, p.project.handle)).dataset?.table.n).toBe(6);
    await s.client.editLabels(a, p.project.handle, { classes: ['x'], rows: [5], values: [0] });
    await s.client.closeProject(a, p.project.handle);

    // Reopened from the recents list, the copy inside the project is the data.
    const reopened = opened(await s.client.openProject(a, p.project.path, 'write'));
    const data = await s.client.loadProjectData(a, reopened.project.handle);
    expect(data.problem).toBeNull();
    expect(data.labels.values[5]).toBe(0);
    await s.client.closeProject(a, reopened.project.handle);

    const again = await s.client.openFile({ name: 'upload.csv', bytes });
    const second = opened(await s.client.openProjectFor(a, again.key, 'write'));
    expect(second.project.path).toBe(p.project.path);
    await s.client.closeProject(a, second.project.handle);
  });

  it('a file by path: the first loadProjectData is the data just opened (not read again), new project or found; a changed file finds its project and the labels follow', async () => {
    const a = session('a');
    const dir = tmp('mt-for-file-');
    const file = join(dir, 'loans.csv');
    writeFileSync(file, csv([1, 2, 3, 4]));
    const ds = await s.client.openFile({ name: 'loans.csv', bytes: new Uint8Array(Buffer.from(csv([1, 2, 3, 4]))), path: file });
    const p = opened(await s.client.openProjectFor(a, ds.key, 'write'));
    expect(p.project.source).toMatchObject({ kind: 'file', path: file, rows: 4 });
    // Gone from disk between the two calls: the data handed over is the one openFile read.
    renameSync(file, `${file}.away`);
    const data = await s.client.loadProjectData(a, p.project.handle);
    expect(data.dataset?.table.n).toBe(4);
    expect(data.problem).toBeNull();
    renameSync(`${file}.away`, file);
    await s.client.editLabels(a, p.project.handle, { classes: ['k'], rows: [0, 3], values: [0, 0] });
    await s.client.closeProject(a, p.project.handle);

    // Two rows added: another key, the same place — the same project, labels matched by content.
    appendFileSync(file, '0,0.0,0\n9,4.5,2\n');
    const grown = await s.client.openFile({ name: 'loans.csv', bytes: new Uint8Array(Buffer.from(`${csv([1, 2, 3, 4])}0,0.0,0\n9,4.5,2\n`)), path: file });
    expect(grown.key).not.toBe(ds.key);
    const same = opened(await s.client.openProjectFor(a, grown.key, 'write'));
    expect(same.project.path).toBe(p.project.path);
    renameSync(file, `${file}.away`);
    const moved = await s.client.loadProjectData(a, same.project.handle);
    renameSync(`${file}.away`, file);
    expect(moved.dataset?.table.n).toBe(6);
    expect(moved.relocation?.message).toBe('2 of 2 labelled rows matched (by row content).');
    expect(Object.fromEntries(labelledRows(moved.labels.values))).toEqual({ 0: 0, 3: 0 });
    await s.client.closeProject(a, same.project.handle);
    // The project now records the grown file, so its key finds it directly.
    const reopened = opened(await s.client.openProject(a, p.project.path, 'read-only'));
    expect(reopened.project.source).toMatchObject({ kind: 'file', path: file, rows: 6 });
    await s.client.closeProject(a, reopened.project.handle);
  });

  it('refuses a second writer (locked, with the project path), opens it read-only when asked', async () => {
    const a = session('tab-a');
    const b = session('tab-b');
    const ds = await s.client.openDemo('spamassassin');
    const first = opened(await s.client.openProjectFor(a, ds.key, 'write'));
    const second = await s.client.openProjectFor(b, ds.key, 'write');
    expect(second.kind).toBe('locked');
    if (second.kind === 'locked') {
      expect(second.holder).toMatchObject({ where: 'this-app', session: a });
      expect(second.path).toBe(first.project.path);
    }
    const ro = opened(await s.client.openProjectFor(b, ds.key, 'read-only'));
    expect(ro.access).toBe('read-only');
    expect(ro.project.path).toBe(first.project.path);
    expect((await s.client.loadProjectData(b, ro.project.handle)).dataset?.table.n).toBe(ds.table.n);
    await s.client.closeProject(b, ro.project.handle);
    await s.client.closeProject(a, first.project.handle);
    expect(readdirSync(join(s.dataDir, 'projects')).filter((f) => f.startsWith('Untitled SpamAssassin'))).toHaveLength(1);
  });

  it('finds a project whose project.json is damaged (as opening it recovers it), never making an empty one beside it', async () => {
    const a = session('a');
    const ds = await s.client.openDemo('fashion_mnist');
    const p = opened(await s.client.openProjectFor(a, ds.key, 'write'));
    await s.client.editLabels(a, p.project.handle, { classes: ['shirt'], rows: [7], values: [0] });
    await s.client.closeProject(a, p.project.handle);
    const again = opened(await s.client.openProject(a, p.project.path, 'write'));
    await s.client.closeProject(a, again.project.handle); // a second compaction: previous/ has a copy
    writeFileSync(join(p.project.path, 'project.json'), '{"format": "machine-teacher-proj');
    const found = opened(await s.client.openProjectFor(a, ds.key, 'write'));
    expect(found.project.path).toBe(p.project.path);
    expect(found.recovered[0]).toMatch(/^project\.json was damaged/);
    expect(found.labels.values[7]).toBe(0);
    await s.client.closeProject(a, found.project.handle);
  });

  it('says what is wrong with a key it never saw, and refuses a page table that is not the folder its key names', async () => {
    const a = session('a');
    await expect(s.client.openProjectFor(a, 'file:never.csv:0123456789abcdef', 'write')).rejects.toThrow('Open the data again: nothing is known here about "file:never.csv:0123456789abcdef"');
    const { page } = await pickedInPage('pets', IMAGES);
    await expect(s.client.openProjectFor(a, 'folder:pets:0000000000000000', 'write', page)).rejects.toThrow(/is not that folder's: its name and paths make the key "folder:pets:[0-9a-f]{16}"/);
    const bad = await dispatch(s.backend, 'openProjectFor', [a, 'folder:pets:x', 'write', { ...page, media: { ...page.media, source: 'backend' } }]);
    expect(bad).toEqual({ ok: false, error: { message: 'Invalid arguments for openProjectFor: args[3].media.source: expected one of "page", found "backend"' } });
  });
});

describe('folders of images as project data', () => {
  it('by path: reopened from the recents through the folder, its images readable; a folder that gained images keeps its labels by path', async () => {
    const a = session('a');
    const root = makeFolder(IMAGES);
    const ds = await s.client.openFolder(root);
    const p = opened(await s.client.openProjectFor(a, ds.key, 'write'));
    expect(p.project.source).toMatchObject({ kind: 'folder', name: basename(root), path: root, rows: 4, idColumn: 'path', listing: ds.key.split(':').at(-1) });
    expect((await s.client.loadProjectData(a, p.project.handle)).dataset?.key).toBe(ds.key);
    const dog = pathOfRow(ds, 'dogs/c.gif');
    await s.client.editLabels(a, p.project.handle, { classes: ['keep'], rows: [dog], values: [0] });
    await s.client.closeProject(a, p.project.handle);
    const recent = (await s.client.listRecentProjects()).projects.find((r) => r.path === p.project.path);
    expect(recent).toMatchObject({ dataset: basename(root), rows: 4, labelled: 1, missing: false });

    writeFileSync(join(root, 'cats', '0-new.png'), fixture('rgb.png'));
    const again = opened(await s.client.openProject(a, p.project.path, 'write'));
    const data = await s.client.loadProjectData(a, again.project.handle);
    expect(data.problem).toBeNull();
    expect(data.dataset?.table.n).toBe(5);
    expect(data.relocation?.message).toBe('1 of 1 labelled rows matched (by file path).');
    const row = pathOfRow(data.dataset!, 'dogs/c.gif');
    expect(row).not.toBe(dog);
    expect(Object.fromEntries(labelledRows(data.labels.values))).toEqual({ [row]: 0 });
    const batch = await s.client.readImages(data.dataset!.key, Uint32Array.of(row));
    expect(batch.data.subarray(batch.offsets[0], batch.offsets[1])).toEqual(fixture('yellow.gif'));
    await s.client.closeProject(a, again.project.handle);

    // Moved: "not found at" until located, then the project records the new place.
    const moved = `${root}-moved`;
    renameSync(root, moved);
    const third = opened(await s.client.openProject(a, p.project.path, 'write'));
    expect((await s.client.loadProjectData(a, third.project.handle)).problem).toMatchObject({ kind: 'missing', message: `folder of images not found at ${root}` });
    const located = await s.client.locateData(a, third.project.handle, { path: moved }, {});
    expect(located.relocation).toBeNull();
    expect(Object.fromEntries(labelledRows(located.labels.values))).toEqual({ [row]: 0 });
    await s.client.closeProject(a, third.project.handle);
    const last = opened(await s.client.openProject(a, p.project.path, 'read-only'));
    expect(last.project.source).toMatchObject({ path: moved });
    await s.client.closeProject(a, last.project.handle);
  });

  it('picked in the page: a project for the table the page sent; later it asks for the folder again and loses nothing', async () => {
    const a = session('a');
    const { dataset, page } = await pickedInPage('holiday', IMAGES);
    const p = opened(await s.client.openProjectFor(a, dataset.key, 'write', page));
    expect(p.project.name).toBe('Untitled holiday');
    expect(p.project.source).toMatchObject({ kind: 'folder', name: 'holiday', path: null, relativePath: null, rows: 4, idColumn: 'path' });
    const first = await s.client.loadProjectData(a, p.project.handle);
    expect(first.dataset).toMatchObject({ key: dataset.key, name: 'holiday', media: { kind: 'image-files', source: 'page' } });
    expect(first.dataset?.table.n).toBe(4);
    const cat = pathOfRow(dataset, 'cats/b.jpg');
    await s.client.editLabels(a, p.project.handle, { classes: ['blue'], rows: [cat], values: [0] });
    await s.client.saveDocument(a, p.project.handle, { version: 2, note: 'kept' });
    await s.client.saveProjectArtifact(a, p.project.handle, 'layout.bin', Uint8Array.of(9, 9));
    // The same folder picked again finds the same project.
    const second = opened(await s.client.openProjectFor(a, dataset.key, 'write', (await pickedInPage('holiday', IMAGES)).page));
    expect(second.project.path).toBe(p.project.path);
    await s.client.closeProject(a, p.project.handle);

    // From the recents list: the backend cannot reach the page's files.
    const again = opened(await s.client.openProject(a, p.project.path, 'write'));
    const data = await s.client.loadProjectData(a, again.project.handle);
    expect(data.dataset).toBeNull();
    expect(data.problem).toMatchObject({ kind: 'missing', path: 'holiday' });
    expect(data.problem?.message).toMatch(/pick the folder "holiday" again\. The project, its labels and everything made on it are kept\.$/);
    expect(data.labels.values[cat]).toBe(0);
    expect(again.document).toEqual({ version: 2, note: 'kept' });
    expect(await s.client.loadProjectArtifact(a, again.project.handle, 'layout.bin')).toEqual(Uint8Array.of(9, 9));

    // Picked again, with one image more: the labels follow their file.
    const grown = await pickedInPage('holiday', { ...IMAGES, 'birds/e.webp': fixture('green.webp') });
    const located = await s.client.locateData(a, again.project.handle, { page: grown.page }, {});
    const row = pathOfRow(grown.dataset, 'cats/b.jpg');
    expect(located.relocation?.message).toBe('1 of 1 labelled rows matched (by file path).');
    expect(Object.fromEntries(labelledRows(located.labels.values))).toEqual({ [row]: 0 });
    await s.client.closeProject(a, again.project.handle);
    const after = opened(await s.client.openProject(a, p.project.path, 'read-only'));
    expect(after.project.source).toMatchObject({ kind: 'folder', path: null, rows: 5, listing: grown.dataset.key.split(':').at(-1) });
    expect(after.labels.values[row]).toBe(0);
    await s.client.closeProject(a, after.project.handle);
  });

  it('the same folder opened by path and picked in the page has one key, so one project', async () => {
    const a = session('a');
    const root = makeFolder(IMAGES);
    const byPath = await s.client.openFolder(root);
    const p = opened(await s.client.openProjectFor(a, byPath.key, 'write'));
    await s.client.closeProject(a, p.project.handle);
    const { dataset, page } = await pickedInPage(basename(root), IMAGES);
    expect(dataset.key).toBe(byPath.key);
    const fromPage = opened(await s.client.openProjectFor(a, dataset.key, 'write', page));
    expect(fromPage.project.path).toBe(p.project.path);
    // The page does not know the path, but the project still does.
    expect((await s.client.loadProjectData(a, fromPage.project.handle)).dataset?.media).toMatchObject({ source: 'page' });
    await s.client.closeProject(a, fromPage.project.handle);
    const after = opened(await s.client.openProject(a, p.project.path, 'read-only'));
    expect(after.project.source).toMatchObject({ kind: 'folder', path: root });
    await s.client.closeProject(a, after.project.handle);
  });

  it('createProject takes a folder by path or the table of one the page read', async () => {
    const a = session('a');
    const root = makeFolder(IMAGES);
    const byPath = await s.client.createProject(a, { source: { path: root }, name: 'folder by path' });
    expect(byPath.project.source).toMatchObject({ kind: 'folder', path: root, rows: 4, idColumn: 'path' });
    expect((await s.client.loadProjectData(a, byPath.project.handle)).dataset?.media).toMatchObject({ kind: 'image-files', source: 'backend' });
    await s.client.closeProject(a, byPath.project.handle);
    const { page } = await pickedInPage('trip', IMAGES);
    const fromPage = await s.client.createProject(a, { source: { page }, name: 'folder from page' });
    expect(fromPage.project.source).toMatchObject({ kind: 'folder', name: 'trip', path: null, rows: 4 });
    // A file project is not located to a folder, nor a folder project to a file.
    await expect(s.client.locateData(a, fromPage.project.handle, { file: { name: 'x.csv', bytes: new TextEncoder().encode(csv([1])) } }, {}))
      .rejects.toThrow('The data of this project is the folder of images "trip": locate the folder, not a file.');
    await s.client.closeProject(a, fromPage.project.handle);
  });
});
