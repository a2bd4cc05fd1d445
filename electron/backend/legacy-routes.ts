/**
 * loadProject/saveProject/loadArtifact/saveArtifact as the current renderer calls them (by
 * dataset key), served from projects until the renderer opens projects itself. A key maps to
 * the project open for it in this process, else the most recent one with that key (or
 * migrated from that key's old file), else — on the first save — a new untitled project.
 * Saves become journal entries (the label difference, the document), acknowledged once fsynced.
 */
import type { JsonObject } from '../../ml/project/contract.ts';
import type { MachineTeacherApi, ProjectState, ProjectStateV1 } from '../../ml/api.ts';
import { dense } from '../../ml/project/labels.ts';
import { joinLegacyState, splitLegacyState } from '../../ml/project/legacy.ts';
import { FOLDER_ID_COLUMN } from '../../ml/project/folder-source.ts';
import type { OpenProject } from './open-project.ts';
import type { DataOpeners } from './project-data.ts';
import { createProject, type NewSource } from './project-create.ts';
import { findProjectFor } from './project-for.ts';
import type { ProjectService } from './project-service.ts';

/** The session the old renderer writes as (it sends none). */
export const LEGACY_SESSION = 'legacy-renderer';

type LegacyApi = Pick<MachineTeacherApi, 'loadProject' | 'saveProject' | 'loadArtifact' | 'saveArtifact'>;

/** A key the backend has not opened since it started: what the key itself says about its data. */
function fromKey(key: string, demoInfo: DataOpeners['demoInfo']): NewSource | null {
  if (key.startsWith('demo:')) {
    const id = key.slice(5);
    const info = demoInfo(id);
    return { source: { kind: 'demo', id, name: info?.title ?? id, rows: info?.rows ?? null, idColumn: null }, dataset: null, dataPath: null, upload: null };
  }
  // A folder the page read never reaches the backend: its key says its name and listing.
  const f = /^folder:(.*):([0-9a-f]{16})$/.exec(key);
  if (f) return { source: { kind: 'folder', name: f[1], path: null, relativePath: null, listing: f[2], rows: null, idColumn: FOLDER_ID_COLUMN }, dataset: null, dataPath: null, upload: null };
  const m = /^file:(.*):([0-9a-f]{16})$/.exec(key);
  return m ? { source: { kind: 'file', name: m[1], path: null, relativePath: null, hash: m[2], rows: null, idColumn: null }, dataset: null, dataPath: null, upload: null } : null;
}

export function legacyRoutes(service: ProjectService): LegacyApi {
  /** The project for a key, open in this process (as its writer when nobody else writes it); null when none exists and `create` is false. */
  async function projectFor(key: string, create: boolean): Promise<OpenProject | null> {
    let folder = (await findProjectFor({ open: service.openProjects(), recents: service.recents, defaultFolder: service.defaultFolder }, LEGACY_SESSION, key, null))?.folder ?? null;
    if (!folder) {
      if (!create) return null;
      const s = service.openedData.get(key) ?? fromKey(key, service.opts.openers.demoInfo);
      if (!s) throw new Error(`Nothing is known about the dataset "${key}"; open it again.`);
      folder = await createProject(service.defaultFolder, undefined, s);
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
