/**
 * Project commands: open one from its folder (recents, Open project…), answer "it is open in
 * another window", rename, Save as, and point a project at its moved data file.
 */
import type { DataLocation, OpenMode } from '../../ml/api.ts';
import { api } from '../api/client.ts';
import { defineAction } from '../actions/types.ts';
import { openProjectPath } from '../dataset/open.ts';
import { appStore } from '../store/app.ts';
import { projectStore } from './store.ts';
import { saveNow } from './persist.ts';
import { sessionId } from './session.ts';
import { adopt } from './open.ts';

export const openProjectAt = defineAction<{ path: string }>({
  name: 'project.open', label: 'Open a project', perform: (_s, { path }) => openProjectPath(path),
});

/** Desktop: the native dialog for a .mtproj folder (browser mode types a path on the start screen). */
export const openProjectDialog = defineAction({
  name: 'open-project', label: 'Open project…',
  perform: async () => {
    const path = await api.pickProjectLocation('open');
    if (path) await openProjectPath(path);
  },
});

export const answerLocked = defineAction<{ mode: OpenMode | null }>({
  name: 'project.locked-choice', label: 'Open read-only or take over',
  when: (s) => s.app.locked !== null,
  perform: (s, { mode }) => { s.app.locked?.choose(mode); },
});

export const renameProject = defineAction<{ name: string }>({
  name: 'project.rename', label: 'Rename the project',
  when: (s) => projectStore.get().handle !== null && s.app.dataset !== null,
  perform: async (_s, { name }) => {
    const { handle } = projectStore.get();
    if (!handle || !name.trim()) return;
    const info = await api.renameProject(sessionId(), handle, name.trim());
    projectStore.set({ project: info });
    window.history.replaceState(null, '', `#project=${encodeURIComponent(info.path)}`);
    appStore.set({ toast: `Renamed to ${info.name}` });
  },
});

/** "Save as…": a copy of the project under a new name (or path); the copy is what stays open. */
export const saveProjectAs = defineAction<{ target: string }>({
  name: 'project.save-as', label: 'Save the project as…',
  when: () => projectStore.get().handle !== null,
  perform: async (_s, { target }) => {
    const { handle, key, doc, ui } = projectStore.get();
    if (!handle || !target.trim()) return;
    await saveNow();
    const opened = await api.saveProjectAs(sessionId(), handle, target.trim());
    adopt(opened, key, { version: 2, doc, ui, updatedAt: new Date().toISOString() });
    window.history.replaceState(null, '', `#project=${encodeURIComponent(opened.project.path)}`);
    appStore.set({ toast: `Saved as ${opened.project.path}` });
  },
});

/** The data file moved or changed: point the project at it (a path on this machine, or a file picked in the page). */
export const locateData = defineAction<{ where: DataLocation; matchByPosition?: boolean }>({
  name: 'project.locate', label: 'Locate the data file',
  when: () => projectStore.get().handle !== null,
  perform: async (_s, { where, matchByPosition }) => {
    const { handle, project } = projectStore.get();
    if (!handle || !project) return;
    appStore.set({ busy: 'Opening the data…', error: null });
    try {
      await api.locateData(sessionId(), handle, where, { matchByPosition });
    } catch (err) {
      appStore.set({ busy: null, error: { message: (err as Error).message } });
      return;
    }
    // Open it again as a whole: the data, its matched labels and the document come back together.
    await openProjectPath(project.path);
  },
});

export const PROJECT_ACTIONS = [openProjectAt, openProjectDialog, answerLocked, renameProject, saveProjectAs, locateData];
