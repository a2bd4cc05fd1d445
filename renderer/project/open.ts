/**
 * Opening a project: for data just opened (a demo, a file, a folder — the project of that
 * data, made if there is none) or from its folder (recent projects, Open project…). A project
 * another window writes asks first (read-only, or take over); a project whose data file moved
 * opens onto a "data not found" screen with Locate…, its work untouched.
 */
import type { JsonObject, LabelChoice, LabelSnapshot, OpenMode, OpenProjectResult, OpenedDataset, OpenedProject, ProjectData, ProjectState } from '../../ml/api.ts';
import type { PageDataset } from '../../ml/project/contract.ts';
import { toAssigned } from '../../ml/project/label-delta.ts';
import { upgradeProject } from '../../ml/project/state.ts';
import { api } from '../api/client.ts';
import { isPageTextTable } from '../media/local-folder.ts';
import { appStore } from '../store/app.ts';
import { projectStore } from './store.ts';
import { resetPersistence } from './persist.ts';
import { sessionId } from './session.ts';

/** The project's saved document and labels as today's state (labels come from the journal, the rest from the document). */
export function stateFrom(document: JsonObject | null, labels: LabelSnapshot, guess: LabelChoice): ProjectState {
  const sparse = labels.classes.length > 0 || labels.values.some((v) => v >= 0) ? { classes: labels.classes.slice(), assigned: toAssigned(labels.values) } : null;
  const d = document as Record<string, unknown> | null;
  if (d && d.version === 2 && typeof d.doc === 'object' && d.doc) {
    const saved = d as unknown as ProjectState;
    return upgradeProject({ ...saved, doc: { ...saved.doc, labels: sparse } }, guess);
  }
  if (d && typeof d.rules === 'object') {
    // Saved before projects (migrated): rules, label column, imported embeddings; labels in the journal.
    return upgradeProject({ version: 1, rules: d.rules as ProjectState['doc']['rules'], labelColumn: typeof d.labelColumn === 'string' ? d.labelColumn : null, labels: sparse,
      importedEmbeddings: Array.isArray(d.importedEmbeddings) ? (d.importedEmbeddings as ProjectState['doc']['importedEmbeddings']) : [], updatedAt: String(d.updatedAt ?? '') }, guess);
  }
  const fresh = upgradeProject(null, guess);
  return { ...fresh, doc: { ...fresh.doc, labels: sparse } };
}

/** Asks the user what to do with a project another window writes; resolves with their choice (null: do not open). */
function askLocked(message: string): Promise<OpenMode | null> {
  return new Promise((resolve) => appStore.set({ locked: { message, choose: (mode) => { appStore.set({ locked: null }); resolve(mode); } } }));
}

async function withLock(open: (mode: OpenMode) => Promise<OpenProjectResult>): Promise<OpenedProject | null> {
  let r = await open('write');
  if (r.kind === 'locked') {
    const busy = appStore.get().busy;
    appStore.set({ busy: null });
    const mode = await askLocked(r.message);
    if (!mode) return null;
    appStore.set({ busy });
    r = await open(mode);
    if (r.kind === 'locked') throw new Error(r.message);
  }
  return r;
}

/**
 * A folder (of images or texts) the page read itself, as the backend needs it: the backend never saw this data (its
 * files stay in the page), so the table travels with openProjectFor. Undefined for data the backend opened.
 */
export function pageFolder(dataset: OpenedDataset): PageDataset | undefined {
  const media = dataset.media;
  const page = { kind: 'page-folder', name: dataset.name, table: dataset.table } as const;
  if (media.kind === 'image-files' && media.source === 'page') return { ...page, media };
  if (media.kind === 'text' && isPageTextTable(dataset.table)) return { ...page, media };
  return undefined;
}

/** The project of data just opened, with its data (already loaded: the backend keeps it for this first call). */
export async function projectForData(dataset: OpenedDataset): Promise<{ opened: OpenedProject; data: ProjectData } | null> {
  const page = pageFolder(dataset);
  const opened = await withLock((mode) => api.openProjectFor(sessionId(), dataset.key, mode, page));
  if (!opened) return null;
  const data = await api.loadProjectData(sessionId(), opened.project.handle);
  return { opened, data };
}

/** A project from its folder, with its data (or the problem finding it). */
export async function projectAt(path: string): Promise<{ opened: OpenedProject; data: ProjectData } | null> {
  const opened = await withLock((mode) => api.openProject(sessionId(), path, mode));
  if (!opened) return null;
  return { opened, data: await api.loadProjectData(sessionId(), opened.project.handle) };
}

/** Makes `opened` the project of this window (the previous one's pending saves were flushed by the caller). */
export function adopt(opened: OpenedProject, key: string | null, state: ProjectState): void {
  resetPersistence();
  projectStore.set({
    key, project: opened.project, handle: opened.project.handle, access: opened.access, doc: state.doc, ui: state.ui,
    saving: opened.document ? 'saved' : 'idle', labels: { acked: 0, pending: 0, error: null },
  });
}
