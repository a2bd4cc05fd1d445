/**
 * Opening data and projects. A failure shows a located error and leaves whatever was open
 * untouched: a bad file never costs the user their current dataset, rules or labels. On
 * success the project is loaded and every feature is reset for the new dataset in one place
 * (`resetFeatures`): no feature listens for dataset changes on its own.
 *
 * Files are opened as a job in the top bar (bytes read, rows, rows/s, Cancel): in browser mode
 * a picked or dropped file streams to the backend as the request body, which parses it as it
 * arrives; a file the host can read itself (the desktop dialog, `npm start -- PATH`) is opened
 * by path and streamed from disk. Nothing reads the whole file into the page first.
 */
import { ApiError, type HostFile, type OpenedDataset, type OpenedProject, type OpenProgress, type ProjectData, type ProjectState } from '../../ml/api.ts';
import type { JobProgress } from '../../ml/jobs/job.ts';
import { api, isDesktop, uploadFile } from '../api/client.ts';
import { trackJob } from '../jobs/run-job.ts';
import { appStore, toast, VIEW_IDS, type View } from '../store/app.ts';
import { batch, createStore } from '../store/create.ts';
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
import { exportStore, initialExport } from '../export/export-store.ts';
import { VIEWS } from './views.tsx';

/** Files named on the command line, shown on the start screen. */
export const startupStore = createStore<{ files: HostFile[] }>({ files: [] });

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
  exportStore.set(initialExport());
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

/**
 * Opens data (demo, file, folder) and then the project of that data. `load` giving null means
 * the user cancelled (nothing changes); `busy` false when the open shows as a job instead.
 */
export async function openDataset(what: string, load: () => Promise<OpenedDataset | null>, busy = true): Promise<void> {
  appStore.set({ busy: busy ? `Opening ${what}…` : null, error: null });
  try {
    const dataset = await load();
    if (!dataset) {
      appStore.set({ busy: null });
      toast(`Stopped opening ${what}.`);
      return;
    }
    await saveNow();
    const r = await projectForData(dataset);
    if (!r) { appStore.set({ busy: null }); return; }
    show(r.opened, r.data, dataset);
  } catch (err) {
    failed(err);
  }
}

const jobId = () => `open-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export function describeOpen(p: OpenProgress): JobProgress {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0.2 ? ` · ${Math.round(p.rows / seconds).toLocaleString()} rows/s` : '';
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(b < 10 * 2 ** 20 ? 1 : 0)} MB`;
  const of = p.total ? ` of ${mb(p.total)}` : '';
  return { done: p.bytes, total: p.total ?? 0, message: `${p.rows.toLocaleString()} rows · ${mb(p.bytes)}${of}${rate}` };
}

/** A file open as a visible job: progress polled from the backend; Cancel stops it there too. */
function openAsJob(name: string, start: (job: string, signal: AbortSignal) => Promise<OpenedDataset>): Promise<OpenedDataset | null> {
  return trackJob(`Opening ${name}`, async (signal, progress) => {
    const job = jobId();
    const cancel = () => void api.cancelOpen(job).catch(() => {});
    signal.addEventListener('abort', cancel);
    const timer = setInterval(() => {
      void api.openProgress(job).then((p) => { if (p && !signal.aborted) progress(describeOpen(p)); }, () => {});
    }, 250);
    try {
      return await start(job, signal);
    } finally {
      clearInterval(timer);
      signal.removeEventListener('abort', cancel);
    }
  });
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

/** A file from the file input or a drop. */
export async function openBrowserFile(file: File): Promise<void> {
  // The desktop IPC carries bytes, not streams (its dialog opens by path instead).
  if (isDesktop) return openDataset(file.name, async () => api.openFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }));
  await openDataset(file.name, () => openAsJob(file.name, (job, signal) => uploadFile(file, job, signal)), false);
}

/** A file the host reads itself: chosen in the desktop dialog or given as `npm start -- PATH`. */
export const openHostFile = (file: HostFile) => openDataset(file.name, () => openAsJob(file.name, (job) => api.openPath(file.path, job)), false);

/** Desktop: the native dialog. Returns false when there is none (browser mode uses a file input). */
export async function openWithDialog(): Promise<boolean> {
  const picked = await api.pickFile();
  if (!picked) return false;
  await openHostFile(picked);
  return true;
}

const OPENED_AT_START = 'machine-teacher-opened-startup';

/** The command line's files; the first is opened once per tab (not again on every reload). */
export async function loadStartupFiles(): Promise<void> {
  const files = await api.startupFiles().catch(() => []);
  startupStore.set({ files });
  if (files.length && !sessionStorage.getItem(OPENED_AT_START) && !appStore.get().dataset) {
    sessionStorage.setItem(OPENED_AT_START, '1');
    await openHostFile(files[0]);
  }
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
