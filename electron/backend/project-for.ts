/**
 * The project for data the app just opened (openProjectFor). The backend remembers what its
 * recent openDemo / openFile / openFolder calls opened, by dataset key, so it can make a project
 * for that data and hand the dataset to the first loadProjectData instead of loading it again.
 * A key finds the most recent project whose data has that key — open in this process, then the
 * recent projects, then the projects folder (a migrated project also answers to the key of the
 * old file it came from) — else the most recent one whose data was last found at the same path.
 */
import { resolve } from 'node:path';
import type { OpenedDataset } from '../../ml/api.ts';
import type { DataSource, PageDataset } from '../../ml/project/contract.ts';
import { folderSource, pageDataset } from '../../ml/project/folder-source.ts';
import { DIRS } from '../../ml/project/layout.ts';
import { datasetKeyOf, type ProjectManifest } from '../../ml/project/manifest.ts';
import { exists } from './durable.ts';
import { legacyBase } from './legacy-migration.ts';
import type { OpenProject } from './open-project.ts';
import type { NewSource } from './project-create.ts';
import { dataCandidates, placeOf, type DataOpeners, type Located } from './project-data.ts';
import { readManifest, scanProjects } from './project-folder.ts';
import type { Recents } from './recents.ts';

/** Data the backend opened, ready to become (or meet) a project. */
export type OpenedData = NewSource & { dataset: OpenedDataset };

/** Datasets remembered with their tables (the newest few: a table can be big). */
const KEEP = 3;

/** What the recent open calls opened, by dataset key. */
export class RecentlyOpened {
  private readonly entries = new Map<string, OpenedData>();

  remember(data: OpenedData): void {
    const key = data.dataset.key;
    this.entries.delete(key);
    this.entries.set(key, data);
    for (const old of this.entries.keys()) if (this.entries.size > KEEP) this.entries.delete(old);
  }

  get(key: string): OpenedData | null {
    return this.entries.get(key) ?? null;
  }
}

/** A folder the page read: its table, checked against its key (the page never tells a path). */
export function pageData(key: string, page: PageDataset): OpenedData {
  const dataset = pageDataset(key, page);
  return { source: folderSource(page.name, page.table, { path: null, relativePath: null }), dataset, dataPath: null, upload: null };
}

/** A demo can always be opened again (a restarted backend has not seen it yet); null for other keys. */
export async function demoData(openers: DataOpeners, key: string): Promise<OpenedData | null> {
  if (!key.startsWith('demo:')) return null;
  const id = key.slice('demo:'.length);
  const info = openers.demoInfo(id);
  if (!info) throw new Error(`There is no demo dataset called "${id}".`);
  const dataset = await openers.openDemo(id);
  return { source: { kind: 'demo', id, name: info.title, rows: dataset.table.n, idColumn: null }, dataset, dataPath: null, upload: null };
}

type Candidate = { folder: string; manifest: ProjectManifest };
export type Where = { open: OpenProject[]; recents: Recents; defaultFolder: string };

/** Every project that could be the one, most likely first: this session's open ones, the other open ones, recents, the projects folder. */
async function candidates(where: Where, session: string): Promise<Candidate[]> {
  const open = [...where.open].sort((a, b) => Number(b.sessions.has(session)) - Number(a.sessions.has(session)));
  const out: Candidate[] = open.map((p) => ({ folder: p.folder, manifest: p.manifest }));
  const seen = new Set(out.map((c) => c.folder));
  for (const e of await where.recents.list()) {
    if (e.missing || seen.has(e.path)) continue;
    const manifest = await readManifest(e.path);
    if (manifest) { out.push({ folder: e.path, manifest }); seen.add(e.path); }
  }
  const scanned = (await scanProjects(where.defaultFolder)).filter((c) => !seen.has(c.folder));
  return [...out, ...scanned.sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt))];
}

const placeIn = (s: DataSource): string | null => (s.kind !== 'demo' && s.path ? resolve(s.path) : null);

/**
 * The folder of the project for `key`: `sameKey` when its data has that key, else (when `path`
 * is given) a project whose data was last found at `path`, of the same kind. Null when none.
 */
export async function findProjectFor(where: Where, session: string, key: string, data: { kind: DataSource['kind']; path: string | null } | null): Promise<{ folder: string; sameKey: boolean } | null> {
  const all = await candidates(where, session);
  const base = legacyBase(key);
  const byKey = all.find((c) => datasetKeyOf(c.manifest.source) === key || c.manifest.migratedFrom === base);
  if (byKey) return { folder: byKey.folder, sameKey: true };
  const path = data?.path ? resolve(data.path) : null;
  const byPath = path ? all.find((c) => c.manifest.source.kind === data!.kind && placeIn(c.manifest.source) === path) : undefined;
  return byPath ? { folder: byPath.folder, sameKey: false } : null;
}

/**
 * The opened data as project `p` will record it: by path, the place it was found (a moved file is
 * recorded at its new place); without one (an upload, a folder the page read), the place the
 * project knows while the data is still there, else an upload is copied in and a page folder has none.
 */
export async function locatedFor(p: OpenProject, data: OpenedData): Promise<Located> {
  const current = p.manifest.source;
  const s = data.source;
  const dataset = data.dataset;
  const idColumn = current.kind === s.kind ? current.idColumn : s.idColumn;
  if (s.kind === 'demo') return { source: { ...s, idColumn }, dataset };
  if (data.dataPath) return { source: { ...s, ...placeOf(p.folder, data.dataPath, null), idColumn }, dataset };
  if (current.kind === s.kind) {
    for (const c of dataCandidates(p.folder, current)) {
      if (await exists(c)) return { source: { ...s, path: current.path, relativePath: current.relativePath, idColumn }, dataset };
    }
  }
  if (!data.upload) return { source: { ...s, path: null, relativePath: null, idColumn }, dataset };
  const embedded = `${DIRS.data}/${data.upload.name}`;
  return { source: { ...s, ...placeOf(p.folder, null, embedded), idColumn }, dataset, bytes: data.upload.bytes, embedded };
}
