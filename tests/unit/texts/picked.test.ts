/** A folder of texts picked in the page (browser mode): the same table and key as by path, and a project through openProjectFor. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argsProblem } from '../../../ml/api-validate.ts';
import { datasetFromPicked, type PickedFile } from '../../../renderer/media/local-folder.ts';
import { pageFolder } from '../../../renderer/project/open.ts';
import { opened, session, startServer, type TestServer } from '../project/helpers.ts';
import { textFolder } from './fixtures.ts';

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(() => s.close());

/** Every file under `root` as the directory picker gives it (hidden ones too: the page must leave them out). */
function pick(root: string, dir = root): PickedFile[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) return pick(root, abs);
    return [{ path: relative(root, abs).split('\\').join('/'), file: new File([readFileSync(abs)], name) }];
  });
}

describe('a text folder picked in the page', () => {
  it('is the table the backend builds by path, with the same key, and its page table makes one project with it', async () => {
    const root = textFolder();
    const byPath = await s.client.openFolder(root);
    const inPage = await datasetFromPicked(basename(root), pick(root));
    expect(inPage.key).toBe(byPath.key);
    expect(inPage.media).toEqual({ kind: 'text', column: 'text' });
    expect(inPage.table).toEqual(byPath.table);
    expect(inPage.problems?.map((p) => p.path).sort()).toEqual(['ham/binary.txt', 'spam/empty.txt', 'spam/latin1.txt']);

    // Only the page's own table travels: the one the backend opened by path has a place it knows.
    expect(pageFolder(byPath)).toBeUndefined();
    const page = pageFolder(inPage);
    expect(page).toMatchObject({ kind: 'page-folder', media: { kind: 'text', column: 'text' } });
    const a = session('p');
    const p = opened(await s.client.openProjectFor(a, inPage.key, 'write', page));
    expect(p.project.source).toMatchObject({ kind: 'folder', path: null, rows: 7, idColumn: 'path' });
    const data = await s.client.loadProjectData(a, p.project.handle);
    expect(data.dataset?.media).toEqual({ kind: 'text', column: 'text' });
    expect(data.dataset?.table.n).toBe(7);
    await s.client.closeProject(a, p.project.handle);
  });

  it('a page text table is checked at the boundary: its media column must be a text column it has', () => {
    const table = { n: 1, columns: [{ name: 'path', type: 'text', values: ['a.txt'] }, { name: 'bytes', type: 'numeric', values: new Float32Array([3]) }] };
    const page = (media: unknown) => ({ kind: 'page-folder', name: 'notes', table, media });
    expect(argsProblem('openProjectFor', ['session-1234', 'folder:notes:1', 'write', page({ kind: 'text', column: 'path' })])).toBeNull();
    expect(argsProblem('openProjectFor', ['session-1234', 'folder:notes:1', 'write', page({ kind: 'text', column: 'text' })])).toMatch(/media\.column: the table has no column "text"/);
    expect(argsProblem('openProjectFor', ['session-1234', 'folder:notes:1', 'write', page({ kind: 'text', column: 'bytes' })])).toMatch(/media\.column: column "bytes" is numeric, not text/);
    expect(argsProblem('openProjectFor', ['session-1234', 'folder:notes:1', 'write', page({ kind: 'row' })])).toMatch(/media\.kind: expected one of "image-files", "text"/);
  });
});
