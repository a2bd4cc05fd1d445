/**
 * Making new project folders: from a data file (by path, or uploaded and copied in), a folder
 * of images (by path, or the table of one the page read), a demo, or as a copy of an open
 * project (Save as…, which writes the live state as fresh snapshots so the copy is healthy
 * even when the original needed recovery).
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { basename, extname, join, relative, resolve } from 'node:path';
import type { OpenedDataset } from '../../ml/api.ts';
import type { DataSource, NewProjectSpec } from '../../ml/project/contract.ts';
import { DIRS } from '../../ml/project/layout.ts';
import { emptyLabels } from '../../ml/project/labels.ts';
import { PROJECT_FORMAT, PROJECT_SUFFIX, PROJECT_VERSION, projectName, rowSpaceOf, type ProjectManifest } from '../../ml/project/manifest.ts';
import { encodeRowKeys, rowKeys, rowKeysFile } from '../../ml/project/rowkeys.ts';
import { folderSource, pageDataset, pageKey, type FolderSource } from '../../ml/project/folder-source.ts';
import { exists } from './durable.ts';
import type { OpenProject } from './open-project.ts';
import { createProjectFolder } from './project-folder.ts';
import { placeOf, sha256, type DataOpeners } from './project-data.ts';

/** The data a new project starts from, loaded when it can be (then the first loadProjectData is instant). */
export type NewSource = { source: DataSource; dataset: OpenedDataset | null; dataPath: string | null; upload: { name: string; bytes: Uint8Array } | null };

export async function resolveNewSource(spec: NewProjectSpec, openers: DataOpeners): Promise<NewSource> {
  const idColumn = spec.idColumn ?? null;
  const s = spec.source;
  let result: NewSource;
  if ('demo' in s) {
    const info = openers.demoInfo(s.demo);
    if (!info) throw new Error(`There is no demo dataset called "${s.demo}".`);
    const dataset = await openers.openDemo(s.demo);
    result = { source: { kind: 'demo', id: s.demo, name: info.title, rows: dataset.table.n, idColumn }, dataset, dataPath: null, upload: null };
  } else if ('page' in s) {
    const dataset = pageDataset(pageKey(s.page), s.page);
    result = { source: withId(folderSource(s.page.name, dataset.table, { path: null, relativePath: null }), idColumn), dataset, dataPath: null, upload: null };
  } else if ('path' in s && (await isFolder(s.path))) {
    const path = resolve(s.path);
    const dataset = await openers.openFolder(path);
    result = { source: withId(folderSource(dataset.name, dataset.table, { path, relativePath: null }), idColumn), dataset, dataPath: path, upload: null };
  } else {
    const path = 'path' in s ? resolve(s.path) : s.file.path ? resolve(s.file.path) : null;
    let bytes: Uint8Array;
    if ('file' in s) bytes = s.file.bytes;
    else {
      try {
        bytes = new Uint8Array(await readFile(path!));
      } catch (err) {
        throw new Error((err as NodeJS.ErrnoException).code === 'ENOENT' ? `data file not found at ${path}` : `${path} could not be read (${(err as Error).message}).`);
      }
    }
    const name = path ? basename(path) : basename((s as { file: { name: string } }).file.name);
    const hash = sha256(bytes);
    const dataset = await openers.openBytes(name, bytes, hash);
    result = {
      source: { kind: 'file', name, path, relativePath: null, hash, rows: dataset.table.n, idColumn },
      dataset, dataPath: path, upload: path ? null : { name, bytes },
    };
  }
  const id = result.source.idColumn;
  if (id !== null && !result.dataset!.table.columns.some((c) => c.name === id)) throw new Error(`The id column "${id}" is not in ${result.source.name}.`);
  return result;
}

/** A folder's rows are matched by path unless the spec names another id column. */
const withId = (source: FolderSource, idColumn: string | null): FolderSource => (idColumn === null ? source : { ...source, idColumn });

const isFolder = (path: string) => stat(path).then((st) => st.isDirectory(), () => false);

/** `parent/name.mtproj`; without a chosen name, "<prefix><data>" with a number if taken. */
export async function projectTarget(parent: string, name: string | undefined, dataName: string, prefix = 'Untitled '): Promise<string> {
  if (name !== undefined) {
    const target = join(parent, `${projectName(name)}${PROJECT_SUFFIX}`);
    if (await exists(target)) throw new Error(`There is already a project called "${projectName(name)}" in ${parent}.`);
    return target;
  }
  const base = projectName(`${prefix}${dataName.slice(0, dataName.length - extname(dataName).length) || dataName}`);
  for (let i = 1; ; i++) {
    const target = join(parent, `${base}${i === 1 ? '' : ` ${i}`}${PROJECT_SUFFIX}`);
    if (!(await exists(target))) return target;
  }
}

/** Creates the folder (atomically) and returns its path. */
export async function createProject(parent: string, name: string | undefined, src: NewSource): Promise<string> {
  await mkdir(parent, { recursive: true });
  const target = await projectTarget(resolve(parent), name, src.source.name);
  const embedded = src.upload ? `${DIRS.data}/${src.upload.name}` : null;
  const source: DataSource = src.source.kind === 'demo' ? src.source : { ...src.source, ...placeOf(target, src.dataPath, embedded) };
  const manifest: ProjectManifest = { format: PROJECT_FORMAT, version: PROJECT_VERSION, id: randomUUID(), createdAt: new Date().toISOString(), source, settings: {} };
  const space = rowSpaceOf(source);
  const extra = src.dataset && space
    ? [{ path: `${DIRS.rowkeys}/${rowKeysFile(space, source.idColumn)}`, bytes: encodeRowKeys(rowKeys(src.dataset.table, source.idColumn), space, source.idColumn) }]
    : [];
  if (src.upload) extra.push({ path: embedded!, bytes: src.upload.bytes });
  await createProjectFolder(target, { manifest, document: null, labels: emptyLabels(source.rows ?? 0, space), runs: [] }, extra);
  return target;
}

/** Save as…: a new project at `target` with the live state, its artefacts, fingerprints and copied-in data. */
export async function saveCopy(p: OpenProject, target: string): Promise<string> {
  if (await exists(target)) throw new Error(`There is already a project at ${target}.`);
  await mkdir(resolve(target, '..'), { recursive: true });
  const s = p.manifest.source;
  const source: DataSource = s.kind !== 'demo' && s.path ? { ...s, relativePath: relative(target, s.path).split('\\').join('/') } : s;
  const manifest: ProjectManifest = { ...p.manifest, id: randomUUID(), createdAt: new Date().toISOString(), source };
  delete manifest.migratedFrom;
  const copies = [DIRS.artifacts, DIRS.rowkeys, DIRS.data, DIRS.setAside].map((d) => ({ from: join(p.folder, d), to: d }));
  await createProjectFolder(target, { ...p.content, manifest }, [], copies);
  return target;
}
