/**
 * Projects through the real host: create, edit, reopen; the folder layout; recents; uploads
 * copied in; the lock between sessions and processes; rename and Save as.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { ApiError } from '../../../ml/api.ts';
import { createBackend } from '../../../electron/backend/backend.ts';
import { dispatch } from '../../../electron/backend/dispatch.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';
import { csv, labelledRows, opened, session, startServer, tmp, type TestServer } from './helpers.ts';

let s: TestServer;
const backend = createBackend({ mode: 'browser', version: 'test', datasetsDir: DATASETS_DIR, dataDir: tmp('mt-boundary-') });
beforeAll(async () => { s = await startServer(); });
afterAll(() => s.close());

describe('a project', () => {
  it('is a folder with one file per kind of state, and comes back as it was saved', async () => {
    const a = session('a');
    const p = await s.client.createProject(a, { source: { demo: 'lending_club' } });
    expect(p.access).toBe('write');
    expect(p.project.name).toBe('Untitled Lending Club loans');
    expect(p.project.path).toBe(join(s.dataDir, 'projects', 'Untitled Lending Club loans.mtproj'));
    expect(p.labels.values.length).toBe(9857);
    const { handle } = p.project;
    const data = await s.client.loadProjectData(a, handle);
    expect(data.dataset?.table.n).toBe(9857);
    const ack1 = await s.client.editLabels(a, handle, { classes: ['bad', 'good'], rows: Uint32Array.of(3, 7), values: Int32Array.of(0, 1) });
    const ack2 = await s.client.editLabels(a, handle, { rows: [7, 9], values: [-1, 0] });
    expect(ack2.seq).toBeGreaterThan(ack1.seq);
    await s.client.saveDocument(a, handle, { rules: { rules: [], defaultClass: null }, tab: 'map' });
    await s.client.addRun(a, handle, { accuracy: 0.91 });
    await s.client.saveProjectArtifact(a, handle, 'layout.bin', Uint8Array.of(1, 2, 3));
    await s.client.closeProject(a, handle);

    expect(readdirSync(p.project.path).sort()).toEqual(['artifacts', 'document.json', 'journal', 'labels.bin', 'previous', 'project.json', 'rowkeys', 'runs.json']);
    const manifest = JSON.parse(readFileSync(join(p.project.path, 'project.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'machine-teacher-project', version: 1, source: { kind: 'demo', id: 'lending_club', rows: 9857 } });

    const b = session('b');
    const again = opened(await s.client.openProject(b, p.project.path, 'write'));
    expect(Object.fromEntries(labelledRows(again.labels.values))).toEqual({ 3: 0, 9: 0 });
    expect(again.labels.classes).toEqual(['bad', 'good']);
    expect(again.document).toEqual({ rules: { rules: [], defaultClass: null }, tab: 'map' });
    expect(again.runs).toEqual([{ accuracy: 0.91 }]);
    expect(again.recovered).toEqual([]);
    expect(await s.client.loadProjectArtifact(b, again.project.handle, 'layout.bin')).toEqual(Uint8Array.of(1, 2, 3));
    const recent = (await s.client.listRecentProjects()).projects.find((r) => r.path === p.project.path);
    expect(recent).toMatchObject({ dataset: 'Lending Club loans', rows: 9857, labelled: 2, missing: false });
    await s.client.closeProject(b, again.project.handle);
  });

  it('refuses a bad edit whole, with a clear message', async () => {
    const a = session('a');
    const { project } = await s.client.createProject(a, { source: { demo: 'lending_club' }, name: 'bad edits' });
    const err = (e: unknown) => (e as ApiError).info.message;
    expect(err(await s.client.editLabels(a, project.handle, { classes: ['x'], rows: [1, 99999], values: [0, 0] }).catch((e) => e))).toBe('Row 99999 is not in the data (it has 9857 rows).');
    expect(err(await s.client.editLabels(a, project.handle, { rows: [1], values: [0] }).catch((e) => e))).toBe('Row 1: class 0 does not exist (0 classes).');
    await s.client.editLabels(a, project.handle, { classes: ['x', 'y'], rows: [1, 2], values: [0, 1] });
    expect(err(await s.client.editLabels(a, project.handle, { classes: ['x'], rows: [], values: [] }).catch((e) => e))).toMatch(/1 labels still use the classes this edit removes/);
    const r = opened(await s.client.openProject(a, project.path, 'write'));
    expect(Object.fromEntries(labelledRows(r.labels.values))).toEqual({ 1: 0, 2: 1 });
    await s.client.closeProject(a, project.handle);
  });

  it('copies an uploaded file into the project so it reopens without the upload', async () => {
    const a = session('a');
    const bytes = new TextEncoder().encode(csv([1, 2, 3, 4, 5]));
    const p = await s.client.createProject(a, { source: { file: { name: 'small.csv', bytes } } });
    expect(p.project.source).toMatchObject({ kind: 'file', name: 'small.csv', path: null, relativePath: 'data/small.csv', rows: 5 });
    await s.client.editLabels(a, p.project.handle, { classes: ['k'], rows: [4], values: [0] });
    await s.client.closeProject(a, p.project.handle);
    const again = opened(await s.client.openProject(a, p.project.path, 'write'));
    const data = await s.client.loadProjectData(a, again.project.handle);
    expect(data.problem).toBeNull();
    expect(data.dataset?.table.n).toBe(5);
    expect(data.labels.values[4]).toBe(0);
    await s.client.closeProject(a, again.project.handle);
  });
});

describe('the lock', () => {
  it('tells a second tab the project is open elsewhere; read-only cannot write; take over moves the writing', async () => {
    const a = session('tab-a');
    const b = session('tab-b');
    const p = await s.client.createProject(a, { source: { demo: 'lending_club' }, name: 'locked' });
    const second = await s.client.openProject(b, p.project.path, 'write');
    expect(second.kind).toBe('locked');
    if (second.kind === 'locked') {
      expect(second.holder).toMatchObject({ where: 'this-app', pid: process.pid, session: a });
      expect(second.message).toMatch(/open in another window or tab of this app/);
    }
    const ro = opened(await s.client.openProject(b, p.project.path, 'read-only'));
    expect(ro.access).toBe('read-only');
    const refused = await s.client.editLabels(b, ro.project.handle, { classes: ['x'], rows: [0], values: [0] }).catch((e: ApiError) => e.info.message);
    expect(refused).toBe('This project is open read-only here; the change was not saved.');
    await s.client.editLabels(a, p.project.handle, { classes: ['x'], rows: [1], values: [0] });

    const taken = opened(await s.client.openProject(b, p.project.path, 'take-over'));
    expect(taken.access).toBe('write');
    expect(taken.labels.values[1]).toBe(0);
    const lost = await s.client.editLabels(a, p.project.handle, { rows: [2], values: [0] }).catch((e: ApiError) => e.info.message);
    expect(lost).toMatch(/^This project is now open for writing in another window \(it was taken over\)/);
    await s.client.editLabels(b, taken.project.handle, { rows: [3], values: [0] });
    const lock = JSON.parse(readFileSync(join(p.project.path, 'lock.json'), 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid, session: b, host: hostname() });
    await s.client.closeProject(b, taken.project.handle);
    await s.client.closeProject(a, p.project.handle);
    expect(existsSync(join(p.project.path, 'lock.json'))).toBe(false);
  });

  it('keeps out another live process, takes over a dead one silently', async () => {
    const a = session('a');
    const p = await s.client.createProject(a, { source: { demo: 'lending_club' }, name: 'other process' });
    await s.client.editLabels(a, p.project.handle, { classes: ['x'], rows: [5], values: [0] });
    await s.client.closeProject(a, p.project.handle);
    const lockFile = join(p.project.path, 'lock.json');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(lockFile, JSON.stringify({ app: 'machine-teacher', pid: other.pid, session: 'someone-else', host: hostname(), since: '2026-01-01T00:00:00Z' }));
      const r = await s.client.openProject(a, p.project.path, 'write');
      expect(r.kind).toBe('locked');
      if (r.kind === 'locked') expect(r.holder).toMatchObject({ where: 'other-process', pid: other.pid });
      const taken = opened(await s.client.openProject(a, p.project.path, 'take-over'));
      expect(taken.access).toBe('write');
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
      await s.client.closeProject(a, taken.project.handle);
    } finally {
      other.kill();
    }
    writeFileSync(lockFile, JSON.stringify({ app: 'machine-teacher', pid: 1, session: 'far', host: 'elsewhere.example', since: '2026-01-01T00:00:00Z' }));
    const far = await s.client.openProject(a, p.project.path, 'write');
    expect(far.kind === 'locked' && far.message).toBe('This project is open on another computer (elsewhere.example). Open it read-only, or take it over (the other window stops saving).');
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    writeFileSync(lockFile, JSON.stringify({ app: 'machine-teacher', pid: dead.pid, session: 'gone', host: hostname(), since: '2026-01-01T00:00:00Z' }));
    const r = opened(await s.client.openProject(a, p.project.path, 'write'));
    expect(r.access).toBe('write');
    expect(r.labels.values[5]).toBe(0);
    await s.client.closeProject(a, r.project.handle);
  });
});

describe('the boundary', () => {
  it('refuses malformed project calls before they reach the store', async () => {
    const bad = (m: string, args: unknown[]) => dispatch(backend, m, args);
    expect(await bad('editLabels', ['short', 'handle-123456', { rows: [1], values: [0] }])).toEqual({ ok: false, error: { message: 'Invalid arguments for editLabels: args[0]: expected a session id (8–80 letters, digits, _ -), found "short"' } });
    expect(await bad('editLabels', ['session-1234', 'handle-123456', { rows: [1.5], values: [0] }])).toMatchObject({ ok: false });
    expect(await bad('editLabels', ['session-1234', 'handle-123456', { rows: [1], values: [-2] }])).toMatchObject({ ok: false });
    expect(await bad('saveDocument', ['session-1234', 'handle-123456', { f: () => 1 }])).toMatchObject({ ok: false });
    expect(await bad('saveDocument', ['session-1234', 'handle-123456', { n: NaN }])).toMatchObject({ ok: false });
    expect(await bad('openProject', ['session-1234', '/x', 'sometimes'])).toMatchObject({ ok: false });
    expect(await bad('saveProjectArtifact', ['session-1234', 'handle-123456', '../x', new Uint8Array(1)])).toMatchObject({ ok: false });
    expect(await bad('editLabels', ['session-1234', 'handle-123456', { rows: [1], values: [0] }]))
      .toEqual({ ok: false, error: { message: 'This project is not open here any more (the app may have restarted). Open it again.' } });
  });
});

describe('naming and copying', () => {
  it('renames the folder in place and keeps writing; Save as makes an independent copy', async () => {
    const a = session('a');
    const p = await s.client.createProject(a, { source: { demo: 'lending_club' } });
    await s.client.editLabels(a, p.project.handle, { classes: ['x'], rows: [1], values: [0] });
    const renamed = await s.client.renameProject(a, p.project.handle, 'Loans review');
    expect(renamed.path).toBe(join(s.dataDir, 'projects', 'Loans review.mtproj'));
    expect(existsSync(p.project.path)).toBe(false);
    await s.client.editLabels(a, p.project.handle, { rows: [2], values: [0] });
    const copyDir = tmp('mt-saveas-');
    const copy = await s.client.saveProjectAs(a, p.project.handle, join(copyDir, 'Loans copy'));
    expect(copy.project.path).toBe(join(copyDir, 'Loans copy.mtproj'));
    expect(copy.project.id).not.toBe(renamed.id);
    expect(Object.fromEntries(labelledRows(copy.labels.values))).toEqual({ 1: 0, 2: 0 });
    await s.client.editLabels(a, copy.project.handle, { rows: [3], values: [0] });
    await s.client.closeProject(a, copy.project.handle);
    const original = opened(await s.client.openProject(a, renamed.path, 'write'));
    expect(Object.fromEntries(labelledRows(original.labels.values))).toEqual({ 1: 0, 2: 0 });
    await s.client.closeProject(a, original.project.handle);
    const recents = (await s.client.listRecentProjects()).projects.map((r) => r.path);
    expect(recents).toContain(renamed.path);
    expect(recents).not.toContain(p.project.path);
  });
});
