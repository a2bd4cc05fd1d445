/**
 * Reading and writing the files of one `.mtproj` folder: loading everything recovery needs,
 * creating a new folder atomically, and compaction (fresh snapshots, the old ones kept in
 * previous/, journal segments nobody needs any more removed). The state itself and the
 * rules for replaying it are pure (ml/project/recover.ts).
 */
import { copyFile, mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { DIRS, FILES, SNAPSHOT_KINDS, type SnapshotKind } from '../../ml/project/layout.ts';
import { obsoleteSegments, segmentName, segmentStart } from '../../ml/project/journal.ts';
import { encodeLabelSnapshot, type LabelState } from '../../ml/project/labels.ts';
import { manifestText, parseManifest, PROJECT_SUFFIX, type ProjectManifest } from '../../ml/project/manifest.ts';
import { documentText, recover, runsText, type ProjectFiles, type SnapshotSeqs } from '../../ml/project/recover.ts';
import type { JsonObject } from '../../ml/project/contract.ts';
import { copyTreeDurable, exists, fsyncDir, readOptional, writeDurable, writeSynced } from './durable.ts';

export type ProjectContent = { manifest: ProjectManifest; document: JsonObject | null; labels: LabelState; runs: JsonObject[] };

export type SnapshotBytes = { [K in SnapshotKind]: Uint8Array | string };

/** The bytes of every snapshot of `content` at journal position `seq`. */
export function snapshotBytes(c: ProjectContent, seq: number): SnapshotBytes {
  return {
    manifest: manifestText(c.manifest, seq),
    document: documentText(c.document, seq),
    labels: encodeLabelSnapshot(c.labels, seq),
    runs: runsText(c.runs, seq),
  };
}

export async function readProjectFiles(folder: string): Promise<ProjectFiles> {
  const read = async (kind: SnapshotKind) => ({
    current: await readOptional(join(folder, FILES[kind])),
    previous: await readOptional(join(folder, DIRS.previous, FILES[kind])),
  });
  const names = await readdir(join(folder, DIRS.journal)).catch(() => [] as string[]);
  const segments = [];
  for (const name of names) {
    const start = segmentStart(name);
    if (start !== null) segments.push({ start, bytes: (await readOptional(join(folder, DIRS.journal, name))) ?? new Uint8Array(0) });
  }
  return { manifest: await read('manifest'), document: await read('document'), labels: await read('labels'), runs: await read('runs'), segments };
}

/**
 * Creates a project folder in one step: everything is written and fsynced in a hidden
 * `.partial` folder, which is then renamed into place (a crash leaves no half project).
 * `copies` brings folders over (artefacts, data, … of another project; `to` is relative).
 */
export async function createProjectFolder(
  target: string, content: ProjectContent, extra: { path: string; bytes: Uint8Array }[], copies: { from: string; to: string }[] = [],
): Promise<void> {
  const partial = join(dirname(target), `.${basename(target)}.partial-${randomBytes(4).toString('hex')}`);
  await mkdir(join(partial, DIRS.journal), { recursive: true });
  for (const c of copies) if (await exists(c.from)) await copyTreeDurable(c.from, join(partial, c.to), () => false);
  const bytes = snapshotBytes(content, 0);
  for (const kind of SNAPSHOT_KINDS) await writeDurable(join(partial, FILES[kind]), bytes[kind]);
  for (const f of extra) await writeDurable(join(partial, f.path), f.bytes);
  await writeDurable(join(partial, DIRS.journal, segmentName(1)), new Uint8Array(0));
  await fsyncDir(partial);
  try {
    await rename(partial, target);
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  }
  await fsyncDir(dirname(target));
}

/**
 * Writes the snapshots made at `seq`: each current one is first copied to previous/ (so a current
 * file is never missing), then replaced by rename. Returns the seqs the folder now has.
 * Journal segments older than every previous snapshot are removed afterwards.
 */
export async function writeSnapshots(folder: string, bytes: SnapshotBytes, seq: number, seqs: SnapshotSeqs): Promise<SnapshotSeqs> {
  const fresh: Partial<Record<SnapshotKind, string>> = {};
  for (const kind of SNAPSHOT_KINDS) fresh[kind] = await writeSynced(join(folder, FILES[kind]), bytes[kind]);
  await mkdir(join(folder, DIRS.previous), { recursive: true });
  const next = {} as SnapshotSeqs;
  for (const kind of SNAPSHOT_KINDS) {
    const { current, previous } = seqs[kind];
    if (current !== null) {
      const keep = join(folder, DIRS.previous, FILES[kind]);
      const tmp = `${keep}.${process.pid}.tmp`;
      await copyFile(join(folder, FILES[kind]), tmp);
      await rename(await syncedCopy(tmp), keep);
    }
    next[kind] = { current: seq, previous: current ?? previous };
  }
  await fsyncDir(join(folder, DIRS.previous));
  for (const kind of SNAPSHOT_KINDS) await rename(fresh[kind]!, join(folder, FILES[kind]));
  await fsyncDir(folder);
  const keepAfter = Math.min(...SNAPSHOT_KINDS.map((k) => next[k].previous ?? 0));
  await removeSegments(folder, keepAfter);
  return next;
}

async function syncedCopy(path: string): Promise<string> {
  const handle = await open(path, 'r+');
  try { await handle.sync(); } finally { await handle.close(); }
  return path;
}

async function removeSegments(folder: string, keepAfter: number): Promise<void> {
  const dir = join(folder, DIRS.journal);
  const starts = (await readdir(dir)).map(segmentStart).filter((s): s is number => s !== null);
  const obsolete = obsoleteSegments(starts, keepAfter);
  for (const start of obsolete) await unlink(join(dir, segmentName(start)));
  if (obsolete.length > 0) await fsyncDir(dir);
}

/** Moves a damaged current snapshot into damaged/ (kept for inspection, never deleted). */
export async function moveAside(folder: string, kind: SnapshotKind): Promise<void> {
  const from = join(folder, FILES[kind]);
  if (!(await readOptional(from))) return;
  await mkdir(join(folder, DIRS.damaged), { recursive: true });
  await rename(from, join(folder, DIRS.damaged, `${FILES[kind]}.${new Date().toISOString().replace(/[:.]/g, '-')}`));
  await fsyncDir(folder);
}

/**
 * The manifest of the project at `folder` as opening it would find it: project.json, or — when
 * that is damaged (rare, so only then is the cost paid) — what recovery makes of the previous
 * copy and the journal. Null when there is no project there that this version can read.
 */
export async function readManifest(folder: string): Promise<ProjectManifest | null> {
  const bytes = await readOptional(join(folder, FILES.manifest));
  try {
    const parsed = bytes ? parseManifest(new TextDecoder().decode(bytes), FILES.manifest) : null;
    if (parsed && 'manifest' in parsed) return parsed.manifest;
    if (!(await exists(join(folder, DIRS.journal))) && !(await exists(join(folder, DIRS.previous)))) return null;
    return recover(await readProjectFiles(folder)).manifest;
  } catch {
    return null;
  }
}

/** The projects directly inside a folder, with their manifests (damaged ones as recovery finds them; unrecoverable ones left out). */
export async function scanProjects(dir: string): Promise<{ folder: string; manifest: ProjectManifest }[]> {
  const out: { folder: string; manifest: ProjectManifest }[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith(PROJECT_SUFFIX)) continue;
    const manifest = await readManifest(join(dir, name));
    if (manifest) out.push({ folder: join(dir, name), manifest });
  }
  return out;
}
