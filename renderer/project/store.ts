/**
 * What the user made on the open dataset — rules and labels — loaded when a dataset opens
 * and autosaved (debounced) on every change, so a reload or crash loses nothing.
 * Feature folders read and write it through `projectStore` / `updateProject`.
 */
import type { Labels, ProjectState } from '../../ml/api.ts';
import type { RuleSet } from '../../ml/rules/spec.ts';
import { api } from '../api/client.ts';
import { appStore } from '../store/app.ts';
import { createStore } from '../store/create.ts';

export const emptyProject = (): ProjectState => ({
  version: 1,
  rules: { rules: [], defaultClass: null } satisfies RuleSet,
  labelColumn: null,
  labels: null,
  updatedAt: new Date(0).toISOString(),
});

type ProjectSlice = { key: string | null; project: ProjectState; saving: 'idle' | 'pending' | 'saved' | 'error' };
export const projectStore = createStore<ProjectSlice>({ key: null, project: emptyProject(), saving: 'idle' });

let timer: ReturnType<typeof setTimeout> | undefined;
const SAVE_DELAY_MS = 300;

async function flush(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const { key, project } = projectStore.get();
  if (!key) return;
  try {
    await api.saveProject(key, project);
    if (projectStore.get().key === key) projectStore.set({ saving: 'saved' });
  } catch (err) {
    projectStore.set({ saving: 'error' });
    appStore.set({ error: { message: `Could not save your work: ${(err as Error).message}. It is kept in this window; try again.` } });
  }
}

/** Apply a change to the project and schedule a save. */
export function updateProject(patch: Partial<Omit<ProjectState, 'version'>>): void {
  projectStore.set((s) => ({ project: { ...s.project, ...patch, updatedAt: new Date().toISOString() }, saving: 'pending' }));
  clearTimeout(timer);
  timer = setTimeout(() => void flush(), SAVE_DELAY_MS);
}

export const setLabels = (labels: Labels | null) => updateProject({ labels });
export const setRules = (rules: RuleSet) => updateProject({ rules });

/** Called when a dataset opens: save what is pending for the previous one, then load this one's. */
export async function loadProjectFor(key: string, defaults: Partial<ProjectState> = {}): Promise<void> {
  if (timer) await flush();
  const saved = await api.loadProject(key);
  projectStore.set({ key, project: saved ?? { ...emptyProject(), ...defaults }, saving: saved ? 'saved' : 'idle' });
}

/** Saves right away (e.g. before the page unloads). */
export const saveNow = flush;

if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', () => { if (timer) void flush(); });
}
