/** A folder of texts opened by path as a project's data: reopened through the folder, labels follow their files by path. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDataset } from '../../../ml/api.ts';
import { labelledRows, opened, session, startServer, type TestServer } from '../project/helpers.ts';
import { textFolder } from './fixtures.ts';

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(() => s.close());

const rowOf = (d: OpenedDataset, path: string) => {
  const c = d.table.columns.find((x) => x.name === 'path');
  return c?.type === 'text' ? c.values.indexOf(path) : -1;
};

describe('a text folder as a project', () => {
  it('is reopened from its folder as texts, and a folder that gained a file keeps its labels by path', async () => {
    const a = session('t');
    const root = textFolder();
    const ds = await s.client.openFolder(root);
    const p = opened(await s.client.openProjectFor(a, ds.key, 'write'));
    expect(p.project.source).toMatchObject({ kind: 'folder', path: root, rows: 7, idColumn: 'path' });
    const offer = rowOf(ds, 'spam/offer.eml');
    await s.client.editLabels(a, p.project.handle, { classes: ['spam'], rows: [offer], values: [0] });
    await s.client.closeProject(a, p.project.handle);

    writeFileSync(join(root, 'ham', '0-first.txt'), 'sorted before every other ham file');
    const again = opened(await s.client.openProject(a, p.project.path, 'write'));
    const data = await s.client.loadProjectData(a, again.project.handle);
    expect(data.problem).toBeNull();
    expect(data.dataset?.media).toEqual({ kind: 'text', column: 'text' });
    expect(data.dataset?.table.n).toBe(8);
    const row = rowOf(data.dataset!, 'spam/offer.eml');
    expect(row).toBe(offer + 1);
    expect(Object.fromEntries(labelledRows(data.labels.values))).toEqual({ [row]: 0 });
    await s.client.closeProject(a, again.project.handle);
  });
});
