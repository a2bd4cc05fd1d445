/**
 * Opening data. A failure shows a located error and leaves whatever was open untouched:
 * a bad file never costs the user their current dataset, rules or labels.
 *
 * Files are opened as a job in the top bar (bytes read, rows, rows/s, Cancel): in browser mode
 * a picked or dropped file streams to the backend as the request body, which parses it as it
 * arrives; a file the host can read itself (the desktop dialog, `npm start -- PATH`) is opened
 * by path and streamed from disk. Nothing reads the whole file into the page first.
 */
import { ApiError, type HostFile, type OpenedDataset, type OpenProgress } from '../../ml/api.ts';
import type { JobProgress } from '../../ml/jobs/job.ts';
import { api, isDesktop, uploadFile } from '../api/client.ts';
import { trackJob } from '../jobs/run-job.ts';
import { appStore, toast } from '../store/app.ts';
import { createStore } from '../store/create.ts';
import { clearHistory } from '../store/history.ts';
import { loadProjectFor } from '../project/store.ts';

/** Files named on the command line, shown on the start screen. */
export const startupStore = createStore<{ files: HostFile[] }>({ files: [] });

/** Opens what `load` gives; null means the user cancelled (nothing changes). */
async function open(what: string, load: () => Promise<OpenedDataset | null>, busy = true): Promise<void> {
  appStore.set({ busy: busy ? `Opening ${what}…` : null, error: null });
  try {
    const dataset = await load();
    if (!dataset) {
      appStore.set({ busy: null });
      toast(`Stopped opening ${what}.`);
      return;
    }
    await loadProjectFor(dataset.key, { labelColumn: dataset.schema.labelColumn });
    clearHistory();
    appStore.set({ dataset, view: 'schema', busy: null });
  } catch (err) {
    const info = err instanceof ApiError ? err.info : { message: (err as Error).message };
    appStore.set({ busy: null, error: info });
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

export const openDemo = (id: string, title = id) => open(title, () => api.openDemo(id));

/** A file from the file input or a drop. */
export async function openBrowserFile(file: File): Promise<void> {
  // The desktop IPC carries bytes, not streams (its dialog opens by path instead).
  if (isDesktop) return open(file.name, async () => api.openFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }));
  await open(file.name, () => openAsJob(file.name, (job, signal) => uploadFile(file, job, signal)), false);
}

/** A file the host reads itself: chosen in the desktop dialog or given as `npm start -- PATH`. */
export const openHostFile = (file: HostFile) => open(file.name, () => openAsJob(file.name, (job) => api.openPath(file.path, job)), false);

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

export async function loadDemos(): Promise<void> {
  try {
    appStore.set({ demos: await api.listDemos() });
  } catch (err) {
    appStore.set({ error: err instanceof ApiError ? err.info : { message: String(err) } });
  }
}
