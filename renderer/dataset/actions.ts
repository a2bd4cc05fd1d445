/** Opening data and moving between tabs, as actions (buttons, menus and keys all run these). */
import { defineAction } from '../actions/types.ts';
import type { View } from '../store/app.ts';
import { openBrowserFile, openDemo as open, openWithDialog } from './open.ts';

export const openDemoAction = defineAction<{ id: string; title: string }>({
  name: 'open-demo', label: 'Open a demo dataset', perform: (_s, { id, title }) => open(id, title),
});

export const openFileAction = defineAction<File>({ name: 'open-dropped-file', label: 'Open a file', perform: (_s, file) => openBrowserFile(file) });

/** Desktop: the native dialog. In browser mode the start screen's file picker does this. */
export const openDialog = defineAction({ name: 'open-file', label: 'Open…', keys: ['mod+o'], group: 'General', perform: async () => { await openWithDialog(); } });

export const goHome = defineAction({
  name: 'go-home', label: 'Start screen',
  perform: () => {
    if (typeof location !== 'undefined' && location.hash) window.history.replaceState(null, '', location.pathname + location.search);
    return { view: { app: { dataset: null, help: false } } };
  },
});

export const showView = defineAction<View>({
  name: 'show-view', label: 'Show a tab', when: (s) => s.dataset !== null,
  perform: (_s, view) => ({ view: { app: { view }, ui: { view } } }),
});

export const DATASET_ACTIONS = [openDemoAction, openFileAction, openDialog, goHome, showView];
