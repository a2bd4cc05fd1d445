/**
 * Opening data and projects. A failure shows a located error and leaves whatever was open
 * untouched: a bad file never costs the user their current dataset, rules or labels. On
 * success the project is loaded and every feature is reset for the new dataset in one place
 * (`resetFeatures`): no feature listens for dataset changes on its own.
 */
import { ApiError, type OpenedDataset, type OpenedProject, type ProjectData, type ProjectState } from '../../ml/api.ts';
import { api } from '../api/client.ts';
import { appStore, VIEW_IDS, type View } from '../store/app.ts';
import { batch } from '../store/create.ts';
import { clearHistory } from '../project/history.ts';
import { saveNow } from '../project/persist.ts';
import { adopt, projectAt, projectForData, stateFrom } from '../project/open.ts';
import { initialRulesView, rulesView, type ColourBy } from '../rules/store.ts';
import { resetMap } from '../map/map-store.ts';
import { resetTeach } from '../model/after-train.ts';
import { restoreModel } from '../model/restore.ts';
import { HEAD_HIDDEN_ID } from '../model/map-link.ts';
import { clearThumbnails } from '../media/thumbnails.ts';
import { compareStore, initialCompare } from '../compare/compare-store.ts';
import { initialSuggest, suggestStore } from '../rules/suggest-store.ts';
import { resetTableModel, restoreTableModel } from '../compare/table-model.ts';
import { VIEWS } from './views.tsx';

/** The tab to open on: the one the user left, else the one that fits the data (a map demo opens on Map). */
function firstView(d: OpenedDataset, state: ProjectState): View {
  const saved = VIEW_IDS.find((v) => v === state.ui.view);
  const available = (v: View) => VIEWS.find((x) => x.id === v)?.available(d) ?? false;
  if (saved && available(saved)) return saved;
  return d.embeddings.length > 0 || d.media.kind === 'image-files' ? 'map' : 'schema';
}

/** Every feature starts afresh on the new dataset, restoring how the user left it. */
function resetFeatures(d: OpenedDataset, state: ProjectState): void {
  const label = state.doc.label.column;
  const colour: ColourBy = state.ui.rulesColour ?? { kind: label ? 'label' : 'none' };
  rulesView.set(initialRulesView(colour));
  resetMap(d, state.doc, state.ui);
  resetTeach();
  compareStore.set(initialCompare());
  resetTableModel();
  suggestStore.set(initialSuggest());
  clearThumbnails();
  void restoreModel(d, state.ui.map?.embeddingId === HEAD_HIDDEN_ID);
  void restoreTableModel(d);
}

/** The page URL names the open project, so a reload comes back to it. */
function rememberInUrl(path: string): void {
  if (typeof location !== 'undefined') window.history.replaceState(null, '', `#project=${encodeURIComponent(path)}`);
}

/** Shows an opened project with its data (or the screen saying its data is missing). */
function show(opened: OpenedProject, data: ProjectData, fallback: OpenedDataset | null): void {
  const dataset = data.dataset ?? fallback;
  const guess = dataset ? { column: dataset.schema.labelGuess?.column ?? dataset.schema.labelColumn, guessed: true } : { column: null, guessed: true };
  const state = stateFrom(opened.document, data.labels, guess);
  const notices = [...opened.recovered, ...(data.relocation ? [data.relocation.message] : [])];
  batch(() => {
    adopt(opened, dataset?.key ?? null, state);
    clearHistory();
    rememberInUrl(opened.project.path);
    if (!dataset || data.problem) {
      appStore.set({ dataset: null, dataProblem: data.problem ?? { kind: 'missing', path: '', message: 'This project’s data could not be opened.' }, busy: null, notice: notices.join(' ') || null });
      return;
    }
    appStore.set({ dataset, dataProblem: null, view: firstView(dataset, state), busy: null, notice: notices.join(' ') || null });
    resetFeatures(dataset, state);
  });
}

const failed = (err: unknown) => appStore.set({ busy: null, error: err instanceof ApiError ? err.info : { message: (err as Error).message } });

/** Opens data (demo, file, folder) and then the project of that data. */
export async function openDataset(what: string, load: () => Promise<OpenedDataset>): Promise<void> {
  appStore.set({ busy: `Opening ${what}…`, error: null });
  try {
    const dataset = await load();
    await saveNow();
    const r = await projectForData(dataset);
    if (!r) { appStore.set({ busy: null }); return; }
    show(r.opened, r.data, dataset);
  } catch (err) {
    failed(err);
  }
}

/** Opens a project folder (recent projects, Open project…, a reload). */
export async function openProjectPath(path: string): Promise<void> {
  appStore.set({ busy: 'Opening the project…', error: null });
  try {
    await saveNow();
    const r = await projectAt(path);
    if (!r) { appStore.set({ busy: null }); return; }
    show(r.opened, r.data, null);
  } catch (err) {
    failed(err);
  }
}

export const openDemo = (id: string, title = id) => openDataset(title, () => api.openDemo(id));

export async function openBrowserFile(file: File): Promise<void> {
  await openDataset(file.name, async () => api.openFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }));
}

/** Desktop: the native dialog. Returns false when there is none (browser mode uses a file input). */
export async function openWithDialog(): Promise<boolean> {
  const picked = await api.pickFile();
  if (!picked) return false;
  await openDataset(picked.name, () => api.openFile(picked));
  return true;
}

/** After a reload: reopen the project the URL names, if any. */
async function reopenFromUrl(): Promise<void> {
  const m = typeof location !== 'undefined' ? /^#project=(.+)$/.exec(location.hash) : null;
  if (m && !appStore.get().dataset) await openProjectPath(decodeURIComponent(m[1]));
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
