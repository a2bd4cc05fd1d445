/**
 * loadProject/saveProject/loadArtifact/saveArtifact as the current renderer calls them (by
 * dataset key), served from projects until the renderer opens projects itself. A key maps to
 * the project open for it in this process, else the most recent one with that key (or
 * migrated from that key's old file), else — on the first save — a new untitled project.
 * Saves become journal entries (the label difference, the document), acknowledged once fsynced.
 */
import type { JsonObject } from '../../ml/project/contract.ts';
import type { MachineTeacherApi, OpenedDataset, ProjectState, ProjectStateV1 } from '../../ml/api.ts';
import type { DataSource } from '../../ml/project/contract.ts';
import { dense } from '../../ml/project/labels.ts';
import { joinLegacyState, splitLegacyState } from '../../ml/project/legacy.ts';
import { legacyKeyOf } from '../../ml/project/manifest.ts';
import { exists } from './durable.ts';
import { legacyBase } from './legacy-migration.ts';
import type { OpenProject } from './open-project.ts';
import { createProject } from './project-create.ts';
import { scanProjects } from './project-folder.ts';
import type { ProjectService } from './project-service.ts';

/** The session the old renderer writes as (it sends none). */
export const LEGACY_SESSION = 'legacy-renderer';

type LegacyApi = Pick<MachineTeacherApi, 'loadProject' | 'saveProject' | 'loadArtifact' | 'saveArtifact'>;

/** What the backend saw when a key's dataset was opened: its source and (for the newest) its data. */
export type SeenDataset = { source: DataSource; dataset: OpenedDataset | null };

export function legacyRoutes(service: ProjectService, seen: (key: string) => SeenDataset | null, fallback: (key: string) => Promise<SeenDataset | null>): LegacyApi {
  const matches = (key: string) => {
    const base = legacyBase(key);
    return (p: { manifest: { source: DataSource; migratedFrom?: string } }) => legacyKeyOf(p.manifest.source) === key || p.manifest.migratedFrom === base;
  };

  async function findFolder(key: string): Promise<string | null> {
    for (const e of await service.recents.entriesFor(key)) if (await exists(e.path)) return e.path;
    const found = (await scanProjects(service.defaultFolder)).filter(matches(key));
    return found.length > 0 ? found[found.length - 1].folder : null;
  }

  /** The project for a key, open in this process (as its writer when nobody else writes it); null when none exists and `create` is false. */
  async function projectFor(key: string, create: boolean): Promise<OpenProject | null> {
    const open = service.openProjects().filter(matches(key));
    const mine = open.find((p) => p.owner === LEGACY_SESSION) ?? open.find((p) => !p.owner);
    if (mine?.owner === LEGACY_SESSION) return mine;
    let folder = mine?.folder ?? open[0]?.folder ?? (await findFolder(key));
    if (!folder) {
      if (!create) return null;
      const s = seen(key) ?? (await fallback(key));
      if (!s) throw new Error(`Nothing is known about the dataset "${key}"; open it again.`);
      folder = await createProject(service.defaultFolder, undefined, { ...s, dataPath: s.source.kind === 'file' ? s.source.path : null, upload: null });
    }
    let result = await service.openFolder(LEGACY_SESSION, folder, 'write');
    if (result.kind === 'locked') {
      if (create) throw new Error(result.message);
      result = await service.openFolder(LEGACY_SESSION, folder, 'read-only');
    }
    if (result.kind !== 'opened') return null;
    return service.get(LEGACY_SESSION, result.project.handle);
  }

  const writer = (p: OpenProject) => service.writer(LEGACY_SESSION, p.handle);

  return {
    async loadProject(key) {
      const p = await projectFor(key, false);
      if (!p) return null;
      const state = joinLegacyState(p.content.document, p.labels.classes, p.labels.values);
      // A v2 document keeps its labels in the journal; they go back inside the document.
      const doc = p.content.document as unknown as ProjectState | null;
      return doc?.version === 2 && doc.doc ? { ...doc, doc: { ...doc.doc, labels: state.labels } } : state;
    },
    async saveProject(key, state: ProjectState | ProjectStateV1) {
      const p = writer((await projectFor(key, true))!);
      // Labels go to the journal; a v2 state keeps them inside its document.
      const split = state.version === 2
        ? { ...splitLegacyState({ version: 1, labels: state.doc.labels ?? undefined }), document: JSON.parse(JSON.stringify({ ...state, doc: { ...state.doc, labels: null } })) as JsonObject }
        : splitLegacyState(state);
      const current = p.labels;
      const target = dense(current.values.length, split.rows, split.values);
      const rows: number[] = [];
      const values: number[] = [];
      for (let r = 0; r < Math.max(target.length, current.values.length); r++) {
        const want = r < target.length ? target[r] : -1;
        if (want !== (r < current.values.length ? current.values[r] : -1)) { rows.push(r); values.push(want); }
      }
      const classesChanged = JSON.stringify(split.classes) !== JSON.stringify(current.classes);
      const writes: Promise<unknown>[] = [];
      if (rows.length > 0 || classesChanged) writes.push(p.editLabels({ ...(classesChanged ? { classes: split.classes } : {}), rows, values }));
      if (JSON.stringify(split.document) !== JSON.stringify(p.content.document)) writes.push(p.saveDocument(split.document));
      await Promise.all(writes);
    },
    async loadArtifact(key, name) {
      const p = await projectFor(key, false);
      return p ? p.loadArtifact(name) : null;
    },
    async saveArtifact(key, name, bytes) {
      await writer((await projectFor(key, true))!).saveArtifact(name, bytes);
    },
  };
}
