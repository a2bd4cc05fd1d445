/**
 * The open project: which project folder it is (its handle with the backend, write or
 * read-only), what the user made (`doc`, undoable) and how they were looking (`ui`). Only
 * renderer/project/history.ts writes `doc`; `ui` is written by view actions. Saving is
 * renderer/project/persist.ts: the document debounced, every label edit journalled and
 * acknowledged once it is on disk.
 */
import type { LabelChoice, ProjectDoc, ProjectInfo, ProjectUi } from '../../ml/api.ts';
import { emptyProject } from '../../ml/project/state.ts';
import { createStore } from '../store/create.ts';

export type SaveState = 'idle' | 'pending' | 'saved' | 'error';

/** Label edits sent to the journal: how many the backend has confirmed on disk, how many are on their way. */
export type LabelSync = { acked: number; pending: number; error: string | null };

export type ProjectSlice = {
  /** The dataset key (caches, "is it still the same data"); null before anything is open. */
  key: string | null;
  project: ProjectInfo | null;
  handle: string | null;
  access: 'write' | 'read-only';
  doc: ProjectDoc;
  ui: ProjectUi;
  /** The document's save state. */
  saving: SaveState;
  labels: LabelSync;
};

const fresh = emptyProject();
export const projectStore = createStore<ProjectSlice>({
  key: null, project: null, handle: null, access: 'write', doc: fresh.doc, ui: fresh.ui, saving: 'idle', labels: { acked: 0, pending: 0, error: null },
});

/** Read-only accessors for feature code. */
export const currentDoc = (): ProjectDoc => projectStore.get().doc;
export const canWrite = (): boolean => projectStore.get().access === 'write' && projectStore.get().handle !== null;

export type { LabelChoice };
