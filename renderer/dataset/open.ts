/**
 * Opening data. A failure shows a located error and leaves whatever was open untouched:
 * a bad file never costs the user their current dataset, rules or labels.
 */
import { ApiError, type OpenedDataset } from '../../ml/api.ts';
import { api } from '../api/client.ts';
import { appStore } from '../store/app.ts';
import { clearHistory } from '../store/history.ts';
import { loadProjectFor } from '../project/store.ts';

async function open(what: string, load: () => Promise<OpenedDataset>): Promise<void> {
  appStore.set({ busy: `Opening ${what}…`, error: null });
  try {
    const dataset = await load();
    await loadProjectFor(dataset.key, { labelColumn: dataset.schema.labelColumn });
    clearHistory();
    appStore.set({ dataset, view: 'schema', busy: null });
  } catch (err) {
    const info = err instanceof ApiError ? err.info : { message: (err as Error).message };
    appStore.set({ busy: null, error: info });
  }
}

export const openDemo = (id: string, title = id) => open(title, () => api.openDemo(id));

export async function openBrowserFile(file: File): Promise<void> {
  await open(file.name, async () => api.openFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }));
}

/** Desktop: the native dialog. Returns false when there is none (browser mode uses a file input). */
export async function openWithDialog(): Promise<boolean> {
  const picked = await api.pickFile();
  if (!picked) return false;
  await open(picked.name, () => api.openFile(picked));
  return true;
}

export async function loadDemos(): Promise<void> {
  try {
    appStore.set({ demos: await api.listDemos() });
  } catch (err) {
    appStore.set({ error: err instanceof ApiError ? err.info : { message: String(err) } });
  }
}

/** The one way to open a dataset (folders of images use it too: renderer/media/open-folder.ts). */
export { open as openDataset };
