/**
 * Image files through the contract, driven by the renderer's own HTTP client against the real
 * browser-mode host: open a folder, read rows' bytes in batches, and never a file outside
 * what the user opened (paths in tables, `..`, links, rows of another dataset). The emoji demo
 * opens the same way with its precomputed features.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { ApiError, IMAGE_BATCH_ROWS, type ImageBatch, type MachineTeacherApi } from '../../../ml/api.ts';
import { createBackend } from '../../../electron/backend/backend.ts';
import { dispatch } from '../../../electron/backend/dispatch.ts';
import { ImageFiles } from '../../../electron/backend/images.ts';
import { startBrowserHost } from '../../../electron/browser-host.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';
import { httpClient } from '../../../renderer/api/client.ts';
import { inferSchema, loadTable } from '../../../ml/table/index.ts';
import { fixture, makeFolder } from './fixtures.ts';

let server: Server;
let client: MachineTeacherApi;
const backend = createBackend({ mode: 'browser', version: 'test', datasetsDir: DATASETS_DIR, dataDir: mkdtempSync(join(tmpdir(), 'mt-img-host-')) });

beforeAll(async () => {
  let url: string, token: string;
  ({ server, url, token } = await startBrowserHost({ api: backend, staticDirs: {} }));
  client = httpClient(new URL(url).origin, token);
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const bytesOf = (b: ImageBatch, k: number) => b.data.subarray(b.offsets[k], b.offsets[k + 1]);

describe('openFolder and readImages', () => {
  it('opens a folder as a table with image-file media and serves its rows\' bytes', async () => {
    const root = makeFolder({ 'cats/a.png': fixture('red.png'), 'cats/b.jpg': fixture('blue.jpg'), 'dogs/c.gif': fixture('yellow.gif'), 'dogs/d.png': 'not a png' });
    const ds = await client.openFolder(root);
    expect(ds.key).toMatch(/^folder:mt-images-\w+:[0-9a-f]{16}$/);
    expect(ds.table.n).toBe(4);
    expect(ds.schema.labelColumn).toBe('label');
    expect(ds.media).toMatchObject({ kind: 'image-files', column: 'path', source: 'backend' });
    expect(ds.problems).toEqual([{ row: 3, path: 'dogs/d.png', problem: 'not an image', detail: 'not an image: a text file' }]);
    const batch = await client.readImages(ds.key, Uint32Array.from([2, 0, 3]));
    expect(Array.from(batch.rows)).toEqual([2, 0, 3]);
    expect(bytesOf(batch, 0)).toEqual(fixture('yellow.gif'));
    expect(bytesOf(batch, 1)).toEqual(fixture('red.png'));
    expect(batch.mime).toEqual(['image/gif', 'image/png', '']);
    expect(batch.errors).toEqual([null, null, 'not an image (its bytes are not JPEG, PNG, GIF, WebP or BMP)']);
    expect(bytesOf(batch, 2).length).toBe(0);
  });

  it('refuses rows it does not have, datasets it never opened, and oversized batches', async () => {
    const ds = await client.openFolder(makeFolder({ 'a.png': fixture('red.png') }));
    expect((await client.readImages(ds.key, Uint32Array.from([5]))).errors).toEqual(['row 5 is not in this dataset (1 rows)']);
    await expect(client.readImages('folder:never:opened', Uint32Array.from([0]))).rejects.toThrow(/No images are open for folder:never:opened/);
    expect(await dispatch(backend, 'readImages', [ds.key, new Uint32Array(IMAGE_BATCH_ROWS + 1)])).toEqual({ ok: false, error: { message: `Invalid arguments for readImages: args[1]: expected a Uint32Array of 1–${IMAGE_BATCH_ROWS} rows, found Uint32Array(${IMAGE_BATCH_ROWS + 1})` } });
    expect(await dispatch(backend, 'readImages', [ds.key, [0, 1]])).toMatchObject({ ok: false });
  });

  it('refuses a file swapped for a link out of the folder after it was opened', async () => {
    const outside = makeFolder({ 'secret.png': fixture('rgb.png') });
    const root = makeFolder({ 'a.png': fixture('red.png') });
    const ds = await client.openFolder(root);
    rmSync(join(root, 'a.png'));
    symlinkSync(join(outside, 'secret.png'), join(root, 'a.png'));
    expect((await client.readImages(ds.key, Uint32Array.from([0]))).errors).toEqual(['refused: the file is outside the opened folder']);
  });

  it('lists a vanished file as missing when its row is read', async () => {
    const root = makeFolder({ 'a.png': fixture('red.png'), 'b.png': fixture('red.png') });
    const ds = await client.openFolder(root);
    rmSync(join(root, 'b.png'));
    const batch = await client.readImages(ds.key, Uint32Array.from([0, 1]));
    expect(batch.errors).toEqual([null, 'no such file']);
  });

  it('says why a folder cannot be opened, as a message the UI shows', async () => {
    const err = await client.openFolder(makeFolder({ 'notes.pdf': 'hi' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toMatch(/no JPEG, PNG, WebP, GIF or BMP files in this folder/);
  });
});

describe('tables with an image-path column', () => {
  it('an uploaded table resolves absolute paths inside an opened folder only; the rest are refused, rows kept', async () => {
    const root = makeFolder({ 'x/a.png': fixture('red.png'), 'x/b.png': fixture('blue.jpg') });
    await client.openFolder(root);
    const outside = makeFolder({ 'secret.png': fixture('rgb.png') });
    const csv = ['image,score', `${root}/x/a.png,1`, `${outside}/secret.png,2`, `${root}/x/../../etc/passwd.png,3`, 'x/b.png,4', `${root}/x/gone.png,5`].join('\n');
    const ds = await client.openFile({ name: 'paths.csv', bytes: new TextEncoder().encode(csv) });
    expect(ds.media).toMatchObject({ kind: 'image-files', column: 'image', source: 'backend' });
    expect(ds.table.n).toBe(5);
    expect(ds.problems?.map((p) => [p.row, p.problem])).toEqual([[1, 'outside folder'], [2, 'outside folder'], [3, 'missing'], [4, 'missing']]);
    expect(ds.problems?.[0].detail).toBe(`refused: ${outside}/secret.png is not inside a folder you opened`);
    expect(ds.problems?.[2].detail).toMatch(/relative path needs the table's folder/);
    const batch = await client.readImages(ds.key, Uint32Array.from([0, 1, 2, 4]));
    expect(bytesOf(batch, 0)).toEqual(fixture('red.png'));
    expect(batch.errors.slice(1)).toEqual([`refused: ${outside}/secret.png is not inside a folder you opened`, expect.stringMatching(/^refused/), 'no such file']);
    expect(bytesOf(batch, 1).length + bytesOf(batch, 2).length).toBe(0);
  });

  it('a table opened by path resolves relative paths against its own folder, never above it', async () => {
    const top = makeFolder({ 'table/imgs/a.png': fixture('red.png'), 'table/imgs/b.jpg': fixture('blue.jpg'), 'x.png': fixture('red.png') });
    const dir = join(top, 'table'); // x.png exists, but above the table's folder
    const csv = 'file,label\nimgs/a.png,cat\nimgs/b.jpg,dog\n../x.png,cat\n./imgs/missing.png,dog\n';
    const table = await loadTable('labels.csv', new TextEncoder().encode(csv));
    const images = new ImageFiles();
    const found = await images.tableMedia('file:labels', table, inferSchema(table), dir);
    expect(found?.media.column).toBe('file');
    expect(found?.problems.map((p) => [p.row, p.problem, p.detail])).toEqual([
      [2, 'outside folder', 'refused: the path climbs out of its folder with ".."'],
      [3, 'missing', 'no such file'],
    ]);
    const batch = await images.read('file:labels', Uint32Array.from([0, 1, 2]));
    expect(bytesOf(batch, 1)).toEqual(fixture('blue.jpg'));
    expect(batch.errors[2]).toMatch(/^refused/);
  });
});

describe('the emoji demo', () => {
  it('opens as a folder of colour images with its label, precomputed MobileNetV2 features and readable files', async () => {
    const demos = await client.listDemos();
    expect(demos.find((d) => d.id === 'emoji')).toMatchObject({ kind: 'images', rows: 717, synthetic: false });
    const ds = await client.openDemo('emoji');
    expect(ds.key).toBe('demo:emoji');
    expect(ds.table.n).toBe(717);
    expect(ds.schema.labelColumn).toBe('label');
    const label = ds.table.columns.find((c) => c.name === 'label');
    expect(label?.type === 'categorical' && label.dictionary).toEqual(['animals', 'flags', 'food', 'smileys', 'symbols', 'transport']);
    expect(ds.embeddings.map((e) => [e.id, e.dim, e.data.length])).toEqual([['mobilenet_v2', 1280, 717 * 1280]]);
    const batch = await client.readImages(ds.key, Uint32Array.from([0, 716]));
    expect(batch.errors).toEqual([null, null]);
    expect(batch.mime).toEqual(['image/png', 'image/png']);
  });
});
