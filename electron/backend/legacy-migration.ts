/**
 * First start after projects arrived: each `<key>-<hash12>.json` (+ `.d/` artefacts) the old
 * store wrote in `<dataDir>/projects/` becomes a `.mtproj` project. Nothing is dropped: the
 * rules, labels and every other field go into the project, the artefacts into artifacts/, the
 * original JSON verbatim into migrated-from/, and the old files are moved (not deleted) to
 * `.before-projects/`. Safe to interrupt: a project already made for a file is not made twice.
 */
import { mkdir, readdir, rename } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DataSource } from '../../ml/project/contract.ts';
import { describeLegacyKey, parseLegacyName, splitLegacyState, type LegacyName } from '../../ml/project/legacy.ts';
import { dense, emptyLabels } from '../../ml/project/labels.ts';
import { PROJECT_FORMAT, PROJECT_VERSION, rowSpaceOf, type ProjectManifest } from '../../ml/project/manifest.ts';
import { fsyncDir, readOptional } from './durable.ts';
import { createProjectFolder, scanProjects } from './project-folder.ts';
import { projectTarget } from './project-create.ts';

export const BACKUP_DIR = '.before-projects';
export const MIGRATED_DIR = 'migrated-from';

/** The old store's file name for a key (its pathFor without the folder). */
export function legacyBase(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60);
  return `${safe}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

export type MigrationReport = { migrated: string[]; messages: string[] };

type DemoInfo = (id: string) => { title: string; rows: number } | null;

function sourceFor(name: LegacyName, demoInfo: DemoInfo): DataSource {
  const d = describeLegacyKey(name.safe);
  if (d.kind === 'demo') {
    const info = demoInfo(d.id);
    return { kind: 'demo', id: d.id, name: info?.title ?? d.id, rows: info?.rows ?? null, idColumn: null };
  }
  return { kind: 'file', name: d.name, path: null, relativePath: null, hash: d.hash, rows: null, idColumn: null };
}

async function migrateOne(dir: string, name: LegacyName, demoInfo: DemoInfo, messages: string[]): Promise<string> {
  const raw = await readOptional(join(dir, `${name.base}.json`));
  let state: Record<string, unknown> = {};
  if (raw) {
    try {
      state = JSON.parse(new TextDecoder().decode(raw)) as Record<string, unknown>;
    } catch {
      messages.push(`${name.base}.json could not be read as JSON; its bytes are kept in the project's ${MIGRATED_DIR}/ folder.`);
    }
  }
  const source = sourceFor(name, demoInfo);
  const split = splitLegacyState(state);
  if (split.invalid > 0) messages.push(`${name.base}.json had ${split.invalid} malformed label entries; they are kept in ${MIGRATED_DIR}/.`);
  const labels = emptyLabels(source.rows ?? 0, rowSpaceOf(source));
  labels.classes = split.classes;
  labels.values = dense(source.rows ?? 0, split.rows, split.values);
  const manifest: ProjectManifest = {
    format: PROJECT_FORMAT, version: PROJECT_VERSION, id: randomUUID(), createdAt: new Date().toISOString(), source,
    settings: {}, migratedFrom: name.base,
  };
  const target = await projectTarget(dir, undefined, source.name, '');
  const extra = raw ? [{ path: `${MIGRATED_DIR}/${name.base}.json`, bytes: raw }] : [];
  const document = Object.keys(split.document).length > 0 ? split.document : null;
  await createProjectFolder(target, { manifest, document, labels, runs: [] }, extra, [{ from: join(dir, `${name.base}.d`), to: 'artifacts' }]);
  return target;
}

/** Migrates every old per-dataset file in `dir` (the projects folder). */
export async function migrateLegacy(dir: string, demoInfo: DemoInfo): Promise<MigrationReport> {
  const names = new Map<string, LegacyName>();
  for (const file of await readdir(dir).catch(() => [] as string[])) {
    const n = parseLegacyName(file);
    if (n && !names.has(n.base)) names.set(n.base, n);
  }
  const report: MigrationReport = { migrated: [], messages: [] };
  if (names.size === 0) return report;
  const done = new Set((await scanProjects(dir)).map((p) => p.manifest.migratedFrom).filter(Boolean));
  const backup = join(dir, BACKUP_DIR);
  await mkdir(backup, { recursive: true });
  for (const name of names.values()) {
    if (!done.has(name.base)) report.migrated.push(await migrateOne(dir, name, demoInfo, report.messages));
    for (const suffix of ['.json', '.d']) await rename(join(dir, name.base + suffix), join(backup, name.base + suffix)).catch(() => {});
  }
  await fsyncDir(backup);
  await fsyncDir(dir);
  return report;
}
