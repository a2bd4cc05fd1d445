/**
 * The open project: what the user made (`doc`, undoable) and how they were looking (`ui`),
 * loaded when a dataset opens and autosaved (debounced) after every change, so a reload or a
 * crash loses nothing. Only renderer/project/history.ts writes `doc` (every change is an
 * action that enters the undo history); `ui` is written by view actions.
 */
import type { LabelChoice, ProjectDoc, ProjectState, ProjectUi } from '../../ml/api.ts';
import { emptyProject, upgradeProject } from '../../ml/project/state.ts';
import { api } from '../api/client.ts';
import { appStore } from '../store/app.ts';
import { createStore } from '../store/create.ts';

export type SaveState = 'idle' | 'pending' | 'saved' | 'error';
type ProjectSlice = { key: string | null; doc: ProjectDoc; ui: ProjectUi; saving: SaveState };

const fresh = emptyProject();
export const projectStore = createStore<ProjectSlice>({ key: null, doc: fresh.doc, ui: fresh.ui, saving: 'idle' });

let timer: ReturnType<typeof setTimeout> | undefined;
const SAVE_DELAY_MS = 300;

const snapshot = (): ProjectState => {
  const { doc, ui } = projectStore.get();
  return { version: 2, doc, ui, updatedAt: new Date().toISOString() };
};

async function flush(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const { key } = projectStore.get();
  if (!key) return;
  try {
    await api.saveProject(key, snapshot());
    if (projectStore.get().key === key && !timer) projectStore.set({ saving: 'saved' });
  } catch (err) {
    projectStore.set({ saving: 'error' });
    appStore.set({ error: { message: `Could not save your work: ${(err as Error).message}. It is kept in this window; try again.` } });
  }
}

function scheduleSave(): void {
  clearTimeout(timer);
  timer = setTimeout(() => void flush(), SAVE_DELAY_MS);
}

/** Replaces the document (history.ts is the only caller) and schedules a save. */
export function setDoc(doc: ProjectDoc): void {
  projectStore.set({ doc, saving: 'pending' });
  scheduleSave();
}

/** Merges view state to restore next time (tab, colouring…) and schedules a save. */
export function setUi(patch: Partial<ProjectUi>): void {
  const ui = { ...projectStore.get().ui, ...patch };
  projectStore.set({ ui });
  if (projectStore.get().key) scheduleSave();
}

/** Called when a dataset opens: save what is pending for the previous one, then load this one's. */
export async function loadProjectFor(key: string, label: LabelChoice): Promise<ProjectState> {
  if (timer) await flush();
  const saved = await api.loadProject(key);
  const state = upgradeProject(saved, label);
  projectStore.set({ key, doc: state.doc, ui: state.ui, saving: saved ? 'saved' : 'idle' });
  return state;
}

/** Saves right away (e.g. before the page unloads, or before a step that must not be lost). */
export const saveNow = flush;

/** Read-only accessors for feature code. */
export const currentDoc = (): ProjectDoc => projectStore.get().doc;

/** Installed once by the App: a reload right after an edit still saves (keepalive requests). */
export function installSaveOnUnload(): () => void {
  const onUnload = () => { if (timer) void flush(); };
  window.addEventListener('beforeunload', onUnload);
  return () => window.removeEventListener('beforeunload', onUnload);
}
