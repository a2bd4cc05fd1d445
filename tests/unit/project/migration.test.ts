/**
 * Migration: a data folder written by the pre-project store (the frozen copy in
 * tests/fixtures/legacy-project-store.ts, the code users ran) becomes projects on first start,
 * nothing dropped — every field, every label, every artefact, even a file that is not valid
 * JSON — and opening that data again (openProjectFor with its key) finds the work in the projects.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenedProject, ProjectStateV1 as ProjectState } from '../../../ml/api.ts';
import { createHash } from 'node:crypto';
import { ProjectStore } from '../../fixtures/legacy-project-store.ts';
import { legacyBase } from '../../../electron/backend/legacy-migration.ts';
import { csv, labelledRows, opened, session, startServer, tmp } from './helpers.ts';

const state = (extra: Partial<ProjectState> & Record<string, unknown>): ProjectState => ({
  version: 1, rules: { rules: [], defaultClass: null }, labelColumn: null, labels: null, updatedAt: '2026-11-01T10:00:00.000Z', ...extra,
});

const DEMO_KEY = 'demo:lending_club';
const ODD_KEY = 'file:my data (v2).csv:0123456789abcdef';
const LONG_KEY = `file:${'a'.repeat(80)}.csv:fedcba9876543210`;
const ARTIFACT_ONLY_KEY = 'demo:spamassassin';
const CORRUPT_KEY = 'demo:fashion_mnist';

async function oldDataFolder(): Promise<{ dataDir: string; states: Record<string, ProjectState> }> {
  const dataDir = tmp('mt-legacy-');
  const store = new ProjectStore(join(dataDir, 'projects'));
  const states: Record<string, ProjectState> = {
    [DEMO_KEY]: state({
      rules: { rules: [{ id: 'r1', when: { range: { column: 'int_rate', min: 15 } }, then: 'bad', priority: 1 }], defaultClass: 'good' } as unknown as ProjectState['rules'],
      labelColumn: 'Class',
      labels: { classes: ['bad', 'good'], assigned: [[0, 1], [5, 0], [9856, 1]] },
      importedEmbeddings: [{ id: 'emb', title: 'My vectors', artifact: 'embedding-emb.bin' }],
      somethingNewer: { kept: true },
    }),
    [ODD_KEY]: state({ labels: { classes: ['a', 'b', 'c'], assigned: [[2, 2], [3, 0]] } }),
    [LONG_KEY]: state({ labelColumn: 'y' }),
  };
  for (const [key, s] of Object.entries(states)) await store.save(key, s);
  await store.saveArtifact(DEMO_KEY, 'embedding-emb.bin', Uint8Array.of(1, 2, 3, 4));
  await store.saveArtifact(DEMO_KEY, 'layout-raw-1.bin', new Uint8Array(64).fill(7));
  await store.saveArtifact(ARTIFACT_ONLY_KEY, 'layout-use_lite-2.bin', Uint8Array.of(5));
  writeFileSync(join(dataDir, 'projects', `${legacyBase(CORRUPT_KEY)}.json`), '{"version": 1, "rules": {"rul');
  return { dataDir, states };
}

/** A migrated project holds the old state whole: every field but the labels in its document, the labels in its labels. */
function expectMigrated(p: OpenedProject, saved: ProjectState): void {
  const { labels, version: _version, ...rest } = saved;
  expect(p.document).toEqual(rest);
  expect(p.labels.classes).toEqual(labels?.classes ?? []);
  expect([...labelledRows(p.labels.values)]).toEqual(labels?.assigned ?? []);
}

describe('migration from per-dataset files', () => {
  it('turns every old file into a project, found again by opening its data', async () => {
    const { dataDir, states } = await oldDataFolder();
    const projectsDir = join(dataDir, 'projects');
    const before = readdirSync(projectsDir).sort();
    const s = await startServer(dataDir);
    try {
      const r = session('r');
      const byKey: Record<string, OpenedProject> = {};
      for (const key of [...Object.keys(states), ARTIFACT_ONLY_KEY, CORRUPT_KEY]) byKey[key] = opened(await s.client.openProjectFor(r, key, 'read-only'));
      for (const [key, saved] of Object.entries(states)) expectMigrated(byKey[key], saved);
      const art = (key: string, name: string) => s.client.loadProjectArtifact(r, byKey[key].project.handle, name);
      expect(await art(DEMO_KEY, 'embedding-emb.bin')).toEqual(Uint8Array.of(1, 2, 3, 4));
      expect(await art(DEMO_KEY, 'layout-raw-1.bin')).toEqual(new Uint8Array(64).fill(7));
      expect(await art(ARTIFACT_ONLY_KEY, 'layout-use_lite-2.bin')).toEqual(Uint8Array.of(5));
      expect(byKey[CORRUPT_KEY].document).toBeNull();
      for (const p of Object.values(byKey)) await s.client.closeProject(r, p.project.handle);

      // The old files are moved aside, not deleted; each project keeps its original verbatim.
      expect(readdirSync(join(projectsDir, '.before-projects')).sort()).toEqual(before);
      const folders = readdirSync(projectsDir).filter((f) => f.endsWith('.mtproj')).sort();
      expect(folders).toEqual(['Fashion-MNIST (5,000 images).mtproj', 'Lending Club loans.mtproj', 'SpamAssassin emails.mtproj', 'a'.repeat(55) + '.mtproj', 'my_data_v2_.mtproj'].sort());
      const base = legacyBase(DEMO_KEY);
      expect(readFileSync(join(projectsDir, 'Lending Club loans.mtproj', 'migrated-from', `${base}.json`)))
        .toEqual(readFileSync(join(projectsDir, '.before-projects', `${base}.json`)));
      expect(readFileSync(join(projectsDir, 'Fashion-MNIST (5,000 images).mtproj', 'migrated-from', `${legacyBase(CORRUPT_KEY)}.json`), 'utf8')).toBe('{"version": 1, "rules": {"rul');

      // The start screen lists them, with their label counts.
      const recents = (await s.client.listRecentProjects()).projects;
      expect(recents.find((r) => r.name === 'Lending Club loans')).toMatchObject({ dataset: 'Lending Club loans', rows: 9857, labelled: 3, missing: false });
      expect(recents.find((r) => r.name === 'my_data_v2_')).toMatchObject({ dataset: 'my_data_v2_.csv', rows: null, labelled: 2 });

      // Opened the new way: the document carries every field but the labels.
      const a = session('a');
      const p = opened(await s.client.openProject(a, join(projectsDir, 'Lending Club loans.mtproj'), 'read-only'));
      expect(p.document).toMatchObject({ labelColumn: 'Class', importedEmbeddings: [{ artifact: 'embedding-emb.bin' }], somethingNewer: { kept: true } });
      expect([p.labels.values[0], p.labels.values[5], p.labels.values[9856]]).toEqual([1, 0, 1]);
      await s.client.closeProject(a, p.project.handle);

      // Work continues in the migrated project when its data is opened again.
      const w = session('w');
      const ds = await s.client.openDemo('lending_club');
      const writing = opened(await s.client.openProjectFor(w, ds.key, 'write'));
      expect(writing.project.path).toBe(join(projectsDir, 'Lending Club loans.mtproj'));
      expect((await s.client.loadProjectData(w, writing.project.handle)).labels.values[9856]).toBe(1);
      await s.client.editLabels(w, writing.project.handle, { rows: [7], values: [0] });
      await s.client.closeProject(w, writing.project.handle);
    } finally {
      await s.close();
    }
    // Starting again migrates nothing twice, and the work is there.
    const again = await startServer(dataDir);
    try {
      expect(readdirSync(projectsDir).filter((f) => f.endsWith('.mtproj'))).toHaveLength(5);
      const reloaded = opened(await again.client.openProjectFor(session('x'), DEMO_KEY, 'read-only'));
      expect(Object.fromEntries(labelledRows(reloaded.labels.values))).toEqual({ 0: 1, 5: 0, 7: 0, 9856: 1 });
      expectMigrated({ ...reloaded, labels: { ...reloaded.labels, values: reloaded.labels.values.map((v, r) => (r === 7 ? -1 : v)) } }, states[DEMO_KEY]);
    } finally {
      await again.close();
    }
  });

  it('a migrated file project meets its data when the file is opened again: labels on their rows, the upload kept in the project', async () => {
    const dataDir = tmp('mt-legacy-data-');
    const store = new ProjectStore(join(dataDir, 'projects'));
    const bytes = new TextEncoder().encode(csv([10, 11, 12, 13, 14]));
    const hash16 = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    // A short name keeps its hash in the old file name; a long one lost it (the old store cut names at 60 characters).
    const shortName = 'my data (v2).csv';
    const longName = `${'b'.repeat(80)}.csv`;
    await store.save(`file:${shortName}:${hash16}`, state({ labels: { classes: ['x', 'y'], assigned: [[1, 1], [4, 0]] } }));
    await store.save(`file:${longName}:${hash16}`, state({ labels: { classes: ['z'], assigned: [[2, 0]] } }));
    const s = await startServer(dataDir);
    try {
      const a = session('a');
      for (const [name, want] of [[shortName, { 1: 1, 4: 0 }], [longName, { 2: 0 }]] as const) {
        const ds = await s.client.openFile({ name, bytes });
        expect(ds.key).toBe(`file:${name}:${hash16}`);
        const p = opened(await s.client.openProjectFor(a, ds.key, 'write'));
        expect(p.project.path.startsWith(join(dataDir, 'projects'))).toBe(true);
        const data = await s.client.loadProjectData(a, p.project.handle);
        expect(data.problem).toBeNull();
        expect(Object.fromEntries(labelledRows(data.labels.values))).toEqual(want);
        await s.client.closeProject(a, p.project.handle);
        // It now knows its data: reopened from the recents list, the copy in the project is read.
        const again = opened(await s.client.openProject(a, p.project.path, 'write'));
        expect(again.project.source).toMatchObject({ kind: 'file', name, path: null, relativePath: `data/${name}`, rows: 5 });
        const reread = await s.client.loadProjectData(a, again.project.handle);
        expect(reread.dataset?.table.n).toBe(5);
        expect(Object.fromEntries(labelledRows(reread.labels.values))).toEqual(want);
        await s.client.closeProject(a, again.project.handle);
      }
      expect(readdirSync(join(dataDir, 'projects')).filter((f) => f.endsWith('.mtproj'))).toHaveLength(2);
    } finally {
      await s.close();
    }
  });
});
