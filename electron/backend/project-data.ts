/**
 * A project's data (a file, a folder of images, a demo): finding it (where it was, else beside
 * the project as it was), loading it, and deciding what happens to the labels. Same content:
 * labels stay. Moved: the project records the new place. Changed: rows are matched by id column
 * (a folder's rows by file path) or row content and the labels follow them (rebased in one
 * journal entry); labels whose rows are gone are kept. Missing or unmatchable data — and a
 * folder the page read, which the backend cannot reach — is a problem the UI shows; the
 * project is never touched by it.
 */
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { OpenedDataset } from '../../ml/api.ts';
import type { DataLocation, DataSource, ProjectData } from '../../ml/project/contract.ts';
import { DIRS } from '../../ml/project/layout.ts';
import { labelledCount, snapshotOf } from '../../ml/project/labels.ts';
import { rowSpaceOf } from '../../ml/project/manifest.ts';
import { folderSource, listingOf, pageDataset, pageKey, type FolderSource } from '../../ml/project/folder-source.ts';
import { matchLabels } from '../../ml/project/relocate.ts';
import { decodeRowKeys, encodeRowKeys, rowKeys, rowKeysFile } from '../../ml/project/rowkeys.ts';
import { exists, readOptional, writeDurable } from './durable.ts';
import type { OpenProject } from './open-project.ts';

/** How the backend opens data; backend.ts provides them (demos are cached there). */
export type DataOpeners = {
  openDemo(id: string): Promise<OpenedDataset>;
  demoInfo(id: string): { title: string; rows: number } | null;
  /** Parses a file's bytes into a dataset; throws a located LoadError on bad input. */
  openBytes(name: string, bytes: Uint8Array, hash: string): Promise<OpenedDataset>;
  /** Lists a folder of images (as openFolder does, so its rows become readable); throws when it has none. */
  openFolder(path: string): Promise<OpenedDataset>;
};

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

type Placed = Extract<DataSource, { kind: 'file' | 'folder' }>;

/** A source's candidate places: where it was, then the same place relative to the project folder. */
export function dataCandidates(folder: string, source: Placed): string[] {
  const out: string[] = [];
  if (source.path) out.push(source.path);
  if (source.relativePath) out.push(resolve(folder, source.relativePath));
  return [...new Set(out)];
}

/** The data's place as a source records it: absolute, and relative to the project (so moving both together works). */
export function placeOf(folder: string, path: string | null, embedded: string | null): { path: string | null; relativePath: string | null } {
  if (embedded) return { path: null, relativePath: embedded };
  return { path, relativePath: path && isAbsolute(path) ? relative(folder, path).split('\\').join('/') : null };
}

/** Data found for a project: its source as the project will record it, and the dataset (an upload also its bytes, to copy in). */
export type Located = { source: DataSource; dataset: OpenedDataset; bytes?: Uint8Array; embedded?: string };

type Problem = NonNullable<ProjectData['problem']>;

async function firstExisting(candidates: string[]): Promise<string | null> {
  for (const c of candidates) if (await exists(c)) return c;
  return null;
}

/** A folder source's images: by path (listed again), or the table the page read; a problem when they cannot be had. */
async function locateFolder(p: OpenProject, openers: DataOpeners, source: FolderSource, where: DataLocation | null): Promise<Located | Problem> {
  if (where && 'file' in where) throw new Error(`The data of this project is the folder of images "${source.name}": locate the folder, not a file.`);
  if (where && 'page' in where) {
    const dataset = pageDataset(pageKey(where.page), where.page);
    // The page never learns paths: a recorded place is kept only while it is this same folder.
    const place = source.listing === listingOf(dataset.table) ? { path: source.path, relativePath: source.relativePath } : { path: null, relativePath: null };
    return { source: { ...folderSource(where.page.name, dataset.table, place), idColumn: source.idColumn }, dataset };
  }
  const candidates = where ? [resolve(where.path)] : dataCandidates(p.folder, source);
  const path = await firstExisting(candidates);
  if (!path) {
    const message = candidates.length > 0
      ? `folder of images not found at ${candidates[0]}`
      : `The files of "${source.name}" were picked in the browser, which does not tell the app where they are: pick the folder "${source.name}" again. The project, its labels and everything made on it are kept.`;
    return { kind: 'missing', path: candidates[0] ?? source.name, message };
  }
  let dataset: OpenedDataset;
  try {
    dataset = await openers.openFolder(path);
  } catch (err) {
    return { kind: 'unreadable', path, message: (err as Error).message };
  }
  return { source: { ...folderSource(dataset.name, dataset.table, placeOf(p.folder, path, null)), idColumn: source.idColumn }, dataset };
}

/** Reads the data a source (or a new location) points at; a problem instead when it is not there or not readable. */
async function locate(p: OpenProject, openers: DataOpeners, where: DataLocation | null): Promise<Located | Problem> {
  const source = p.manifest.source;
  if (source.kind === 'demo' && !where) {
    const dataset = await openers.openDemo(source.id);
    return { source: { ...source, rows: dataset.table.n }, dataset };
  }
  if (source.kind === 'folder') return locateFolder(p, openers, source, where);
  if (where && 'page' in where) throw new Error(`The data of this project is the file ${source.name}: locate that file, not a folder.`);
  let path: string | null = null;
  let bytes: Uint8Array;
  let name: string;
  let embedded: string | null = null;
  if (where && 'file' in where) {
    ({ name, bytes } = where.file);
    path = where.file.path ?? null;
    if (!path) embedded = `${DIRS.data}/${basename(name)}`;
  } else {
    const candidates = where ? [resolve(where.path)] : source.kind === 'file' ? dataCandidates(p.folder, source) : [];
    path = await firstExisting(candidates);
    const shown = candidates[0] ?? source.name;
    if (!path) {
      const message = candidates.length > 0 ? `data file not found at ${shown}` : `data file ${shown} has not been located yet (this project does not know where it is)`;
      return { kind: 'missing', path: shown, message };
    }
    bytes = new Uint8Array(await readFile(path));
    name = basename(path);
  }
  const hash = sha256(bytes);
  let dataset: OpenedDataset;
  try {
    dataset = await openers.openBytes(name, bytes, hash);
  } catch (err) {
    return { kind: 'unreadable', path: path ?? name, message: (err as Error).message };
  }
  const place = placeOf(p.folder, path, embedded);
  const idColumn = source.idColumn;
  return { source: { kind: 'file', name, ...place, hash, rows: dataset.table.n, idColumn }, dataset, ...(embedded ? { bytes, embedded } : {}) };
}

const keysPath = (folder: string, space: string, idColumn: string | null) => join(folder, DIRS.rowkeys, rowKeysFile(space, idColumn));

/** The row keys of a row space: by id column when the project has them, else by content. */
async function readKeys(folder: string, space: string, idColumn: string | null): Promise<{ keys: Float64Array; idColumn: string | null } | null> {
  for (const id of idColumn === null ? [null] : [idColumn, null]) {
    const bytes = await readOptional(keysPath(folder, space, id));
    const d = bytes ? decodeRowKeys(bytes) : null;
    if (d && !('damaged' in d)) return d;
  }
  return null;
}

/** Writes the row fingerprints of the data now open, if the project does not have them yet. */
export async function ensureRowKeys(p: OpenProject, dataset: OpenedDataset, space: string, idColumn: string | null): Promise<void> {
  const have = await readKeys(p.folder, space, idColumn);
  if (have && have.idColumn === idColumn) return;
  await writeDurable(keysPath(p.folder, space, idColumn), encodeRowKeys(rowKeys(dataset.table, idColumn), space, idColumn));
}

/** Moves the artefacts made on the previous rows aside (not deleted): layouts and embeddings no longer line up. */
async function setAsideArtifacts(folder: string, oldSpace: string): Promise<string[]> {
  const from = join(folder, DIRS.artifacts);
  const names = await readdir(from).catch(() => [] as string[]);
  if (names.length === 0) return [];
  await mkdir(join(folder, DIRS.setAside), { recursive: true });
  const to = join(folder, DIRS.setAside, `${new Date().toISOString().replace(/[:.]/g, '-')}-${oldSpace}`);
  await rename(from, to);
  return names;
}

export type AttachOptions = {
  /** The calling session writes the project: the source, fingerprints and moved labels are recorded. */
  write: boolean;
  matchByPosition?: boolean;
  /** Data already loaded (just opened, or made with the project): used instead of reading the source again. */
  loaded?: Located;
  /** The loaded data is known to be the rows the labels were made on (same dataset key), even where the project has no row space. */
  sameRows?: boolean;
};

/**
 * Loads the project's data (or the data at `where`) and brings the labels along. Writes only
 * when `write` (the calling session is the writer) and everything needed succeeded.
 */
export async function attachData(p: OpenProject, openers: DataOpeners, where: DataLocation | null, opts: AttachOptions): Promise<ProjectData> {
  const write = opts.write && p.writing;
  const keep = (problem: Problem): ProjectData => ({ dataset: null, problem, relocation: null, labels: snapshotOf(p.labels, p.manifest.source.rows) });
  const found = opts.loaded ?? (await locate(p, openers, where));
  if (!('dataset' in found)) return keep(found);
  const { dataset, source } = found;
  const n = dataset.table.n;
  const space = rowSpaceOf(source)!;
  const oldSpace = p.labels.space;
  const oldSource = p.manifest.source;
  // An uploaded file is copied in only once it is adopted: a failed locate leaves the project as it was.
  const keepUpload = async () => { if (found.embedded && found.bytes) await writeDurable(join(p.folder, found.embedded), found.bytes); };
  // No known rows and no labels yet (or the labels are known to be on these rows): the project simply adopts them.
  const adopt = oldSpace === null && (opts.sameRows === true || (labelledCount(p.labels) === 0 && p.labels.keptValues.length === 0));
  if (oldSpace === space || adopt) {
    if (write) {
      await keepUpload();
      await ensureRowKeys(p, dataset, space, source.idColumn);
      if (adopt) await p.rebase({ ...p.manifest, source }, { ...p.labels, space });
      else if (JSON.stringify(source) !== JSON.stringify(oldSource)) await p.setManifest({ ...p.manifest, source });
    }
    return { dataset, problem: null, relocation: null, labels: snapshotOf(p.labels, n) };
  }
  const old = oldSpace === null ? null : await readKeys(p.folder, oldSpace, oldSource.idColumn);
  if (!old && !opts.matchByPosition) {
    return keep({ kind: 'unmatchable', path: 'path' in source ? (source.path ?? source.name) : source.name,
      message: oldSpace === null
        ? `This project does not record which version of ${source.name} its labels were made on, so they cannot be matched to rows. If this is that file, match rows by position.`
        : `${source.name} has changed since these labels were made, and this project has no fingerprints of the rows it had, so the labels cannot be matched to rows. Locate the original file, or match rows by position.` });
  }
  const idColumn = old?.idColumn ?? null;
  let newKeys: Float64Array;
  try {
    newKeys = rowKeys(dataset.table, idColumn);
  } catch (err) {
    return keep({ kind: 'unmatchable', path: source.name, message: (err as Error).message });
  }
  const by = opts.matchByPosition ? 'position' : idColumn ? 'id' : 'row-content';
  const { labels, report } = matchLabels({ labels: p.labels, oldKeys: old?.keys ?? null, newKeys, newN: n, newSpace: space, by, of: source.kind === 'folder' ? 'folder' : 'file' });
  let setAside: string[] = [];
  if (write) {
    await keepUpload();
    await writeDurable(keysPath(p.folder, space, idColumn), encodeRowKeys(newKeys, space, idColumn));
    await ensureRowKeys(p, dataset, space, source.idColumn);
    await p.rebase({ ...p.manifest, source }, labels);
    setAside = await setAsideArtifacts(p.folder, oldSpace ?? 'unknown');
    await p.compact();
  }
  return { dataset, problem: null, relocation: { ...report, setAside }, labels: snapshotOf(labels, n) };
}
