/**
 * Opening data. A failure shows a located error and leaves whatever was open untouched:
 * a bad file never costs the user their current dataset, rules or labels. On success the
 * project is loaded and every feature is reset for the new dataset in one place
 * (`resetFeatures`): no feature listens for dataset changes on its own.
 */
import { ApiError, type OpenedDataset, type ProjectState } from '../../ml/api.ts';
import { api } from '../api/client.ts';
import { appStore, VIEW_IDS, type View } from '../store/app.ts';
import { batch } from '../store/create.ts';
import { clearHistory } from '../project/history.ts';
import { loadProjectFor } from '../project/store.ts';
import { initialRulesView, rulesView, type ColourBy } from '../rules/store.ts';
import { resetMap } from '../map/map-store.ts';
import { resetTeach } from '../model/after-train.ts';
import { clearThumbnails } from '../media/thumbnails.ts';
import { restoreModel } from '../model/restore.ts';
import { HEAD_HIDDEN_ID } from '../model/map-link.ts';
import { VIEWS } from './views.tsx';

/** The tab to open on: the one the user left, else the one that fits the data (a map demo opens on Map). */
function firstView(d: OpenedDataset, state: ProjectState): View {
  const saved = VIEW_IDS.find((v) => v === state.ui.view);
  const available = (v: View) => VIEWS.find((x) => x.id === v)?.available(d) ?? false;
  if (saved && available(saved)) return saved;
  return d.embeddings.length > 0 ? 'map' : 'schema';
}

/** Every feature starts afresh on the new dataset, restoring how the user left it. */
function resetFeatures(d: OpenedDataset, state: ProjectState): void {
  const label = state.doc.label.column;
  const colour: ColourBy = state.ui.rulesColour ?? { kind: label ? 'label' : 'none' };
  rulesView.set(initialRulesView(colour));
  resetMap(d, state.doc, state.ui);
  resetTeach();
  clearThumbnails();
  void restoreModel(d, state.ui.map?.embeddingId === HEAD_HIDDEN_ID);
}

async function open(what: string, load: () => Promise<OpenedDataset>): Promise<void> {
  appStore.set({ busy: `Opening ${what}…`, error: null });
  try {
    const dataset = await load();
    const guess = dataset.schema.labelGuess?.column ?? dataset.schema.labelColumn;
    const state = await loadProjectFor(dataset.key, { column: guess, guessed: true });
    batch(() => {
      clearHistory();
      appStore.set({ dataset, view: firstView(dataset, state), busy: null });
      resetFeatures(dataset, state);
    });
  } catch (err) {
    const info = err instanceof ApiError ? err.info : { message: (err as Error).message };
    appStore.set({ busy: null, error: info });
  }
}

/** Opens a demo; the page URL remembers it, so a reload comes back to the same project. */
export async function openDemo(id: string, title = id): Promise<void> {
  await open(title, () => api.openDemo(id));
  if (appStore.get().dataset?.key === `demo:${id}` && typeof location !== 'undefined') window.history.replaceState(null, '', `#demo=${encodeURIComponent(id)}`);
}

/** After a reload: reopen the demo the URL names, if any. */
export async function reopenFromUrl(): Promise<void> {
  const m = typeof location !== 'undefined' ? /^#demo=([^&]+)$/.exec(location.hash) : null;
  if (m && !appStore.get().dataset) await openDemo(decodeURIComponent(m[1]));
}

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
    await reopenFromUrl();
  } catch (err) {
    appStore.set({ error: err instanceof ApiError ? err.info : { message: String(err) } });
  } finally {
    // Start-up is over (demos listed, a project named by the URL reopened): tests wait for this.
    if (typeof document !== 'undefined') document.documentElement.dataset.ready = 'true';
  }
}

/** The one way to open a dataset (folders of images use it too: renderer/media/open-folder.ts). */
export { open as openDataset };
