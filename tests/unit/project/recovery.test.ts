/**
 * Damaged project folders, opened through the real host: a truncated snapshot or manifest is
 * recovered from the previous one and the journal with a clear message; a torn journal tail is
 * ignored and cut off by the next writer; what cannot be recovered opens read-only and the
 * damaged files are left as they were. Compaction keeps only the segments still needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiError } from '../../../ml/api.ts';
import { labelledRows, opened, session, startServer, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(() => s.close());

const segments = (path: string) => readdirSync(join(path, 'journal')).sort();

/** The app killed and started again on the same data folder: a fresh backend; the old one is dropped without closing anything. */
async function crash(): Promise<void> {
  const old = s;
  s = await startServer(old.dataDir);
  await old.close();
}

/** A project compacted twice (previous/ exists) with more edits in the journal only, then the app killed. */
async function twoGenerations(name: string) {
  const a = session('a');
  const p = await s.client.createProject(a, { source: { demo: 'lending_club' }, name });
  await s.client.editLabels(a, p.project.handle, { classes: ['bad', 'good'], rows: [10, 11], values: [0, 1] });
  await s.client.closeProject(a, p.project.handle);
  const b = opened(await s.client.openProject(a, p.project.path, 'write'));
  await s.client.editLabels(a, b.project.handle, { rows: [12], values: [0] });
  await s.client.closeProject(a, b.project.handle);
  const c = opened(await s.client.openProject(a, p.project.path, 'write'));
  await s.client.editLabels(a, c.project.handle, { rows: [13], values: [1] });
  await crash();
  return { a, path: p.project.path };
}

const expected = { 10: 0, 11: 1, 12: 0, 13: 1 };

describe('recovery', () => {
  it('labels.bin cut short: recovered from the previous snapshot and the journal, with a message', async () => {
    const { a, path } = await twoGenerations('cut labels');
    const file = join(path, 'labels.bin');
    truncateSync(file, statSync(file).size - 7);
    const r = opened(await s.client.openProject(a, path, 'write'));
    expect(r.access).toBe('write');
    expect(Object.fromEntries(labelledRows(r.labels.values))).toEqual(expected);
    expect(r.recovered[0]).toMatch(/^labels\.bin was damaged \(its checksum does not match \(truncated or corrupted\)\); recovered from the previous snapshot and the journal\.$/);
    expect(readdirSync(join(path, 'damaged'))[0]).toMatch(/^labels\.bin\./);
    await s.client.closeProject(a, r.project.handle);
  });

  it('project.json overwritten with garbage: recovered from the previous copy; the damaged file is moved aside', async () => {
    const { a, path } = await twoGenerations('garbage manifest');
    writeFileSync(join(path, 'project.json'), '{"format": "machine-teacher-proj');
    const r = opened(await s.client.openProject(a, path, 'write'));
    expect(r.access).toBe('write');
    expect(r.recovered[0]).toMatch(/^project\.json was damaged \(it is not valid JSON \(cut short\?\)\); recovered from the previous snapshot/);
    expect(r.project.source).toMatchObject({ kind: 'demo', id: 'lending_club' });
    expect(Object.fromEntries(labelledRows(r.labels.values))).toEqual(expected);
    expect(readdirSync(join(path, 'damaged'))[0]).toMatch(/^project\.json\./);
    expect(JSON.parse(readFileSync(join(path, 'project.json'), 'utf8')).format).toBe('machine-teacher-project');
    await s.client.closeProject(a, r.project.handle);
  });

  it('a torn journal tail is ignored (nothing confirmed is lost) and cut off by the next writer', async () => {
    const { a, path } = await twoGenerations('torn tail');
    const journal = join(path, 'journal', segments(path).at(-1)!);
    const goodSize = statSync(journal).size;
    const entry = readFileSync(journal);
    appendFileSync(journal, entry.subarray(0, Math.floor(entry.length / 2)));
    const r = opened(await s.client.openProject(a, path, 'write'));
    expect(r.recovered.join(' ')).toMatch(/The journal ended in an incomplete entry \(\d+ bytes, a write cut short when the app stopped\)\. It was never confirmed as saved; it is ignored and nothing confirmed was lost\./);
    expect(Object.fromEntries(labelledRows(r.labels.values))).toEqual(expected);
    expect(statSync(journal).size).toBe(goodSize);
    await s.client.editLabels(a, r.project.handle, { rows: [14], values: [0] });
    await crash();
    const again = opened(await s.client.openProject(a, path, 'write'));
    expect(Object.fromEntries(labelledRows(again.labels.values))).toEqual({ ...expected, 14: 0 });
    expect(again.recovered).toEqual([]);
    await s.client.closeProject(a, again.project.handle);
  });

  it('labels that cannot be recovered: read-only with the reason, files untouched, Save as keeps the rest', async () => {
    const a = session('a');
    const p = await s.client.createProject(a, { source: { demo: 'lending_club' }, name: 'lost labels' });
    await s.client.editLabels(a, p.project.handle, { classes: ['x'], rows: [1], values: [0] });
    await s.client.saveDocument(a, p.project.handle, { rules: { rules: [{ kept: true }] } });
    await s.client.closeProject(a, p.project.handle);
    const b = opened(await s.client.openProject(a, p.project.path, 'write'));
    await s.client.editLabels(a, b.project.handle, { rows: [2], values: [0] });
    await s.client.closeProject(a, b.project.handle); // previous/ now at the first compaction; journal from there
    writeFileSync(join(p.project.path, 'labels.bin'), 'not labels');
    rmSync(join(p.project.path, 'previous', 'labels.bin'));
    const damagedBytes = readFileSync(join(p.project.path, 'labels.bin'));
    const r = opened(await s.client.openProject(a, p.project.path, 'write'));
    expect(r.access).toBe('read-only');
    expect(r.recovered.join(' ')).toMatch(/labels\.bin is damaged \(it is not a file of this kind.*\) and there is no readable earlier copy\./);
    expect(r.recovered.at(-1)).toMatch(/^Opened read-only: labels\.bin could not be fully recovered, and saving would overwrite what is left\. Use Save as…/);
    const refused = await s.client.editLabels(a, r.project.handle, { rows: [3], values: [0] }).catch((e: ApiError) => e.info.message);
    expect(refused).toBe('This project is open read-only here; the change was not saved.');
    expect(readFileSync(join(p.project.path, 'labels.bin'))).toEqual(damagedBytes);
    const copy = await s.client.saveProjectAs(a, r.project.handle, 'lost labels rescued');
    expect(copy.access).toBe('write');
    expect(copy.document).toEqual({ rules: { rules: [{ kept: true }] } });
    await s.client.closeProject(a, copy.project.handle);
  });

  it('compaction keeps the segments the previous snapshot needs and drops the rest', async () => {
    const a = session('a');
    const p = await s.client.createProject(a, { source: { demo: 'lending_club' }, name: 'segments' });
    let handle = p.project.handle;
    for (let round = 0; round < 4; round++) {
      await s.client.editLabels(a, handle, { classes: ['x'], rows: [round], values: [0] });
      await s.client.closeProject(a, handle);
      expect(segments(p.project.path).length).toBeLessThanOrEqual(3);
      handle = opened(await s.client.openProject(a, p.project.path, 'write')).project.handle;
    }
    const r = opened(await s.client.openProject(a, p.project.path, 'write'));
    expect(Object.fromEntries(labelledRows(r.labels.values))).toEqual({ 0: 0, 1: 0, 2: 0, 3: 0 });
    expect(r.recovered).toEqual([]);
    await s.client.closeProject(a, handle);
  });
});
