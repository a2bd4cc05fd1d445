/**
 * Opening a folder of images, every way a user can: by path (desktop folder dialog,
 * `npm start -- FOLDER`, typed), picked with the page's directory picker, or dropped on the
 * page (browser mode: the files stay in the page). All go through openDataset, so a folder that
 * cannot be opened shows a located error and leaves what was open untouched. Long listings say
 * how far they got in the busy line (the backend is polled; a picked folder reports itself).
 */
import { api, isDesktop } from '../api/client.ts';
import type { PageDataset } from '../../ml/project/contract.ts';
import { openDataset } from '../dataset/open.ts';
import { pageFolder } from '../project/open.ts';
import { appStore } from '../store/app.ts';
import { datasetFromPicked, pickedFromDrop, pickedFromInput } from './local-folder.ts';

const POLL_MS = 250;

const showProgress = (what: string) => (done: number, total: number) => {
  if (appStore.get().busy) appStore.set({ busy: `Opening ${what}: ${done.toLocaleString()} / ${total.toLocaleString()} files read` });
};

/** Opens the folder at `path` through the backend. */
export function openFolderPath(path: string): Promise<void> {
  const name = path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || path;
  return openDataset(name, async () => {
    const progress = showProgress(name);
    const timer = setInterval(() => {
      void api.backendProgress().then((p) => { if (p && p.total > 0) progress(p.done, p.total); }, () => undefined);
    }, POLL_MS);
    try {
      return await api.openFolder(path);
    } finally {
      clearInterval(timer);
    }
  });
}

/** Desktop: the native folder dialog. Returns false when there is none (browser mode: use the picker). */
export async function openFolderWithDialog(): Promise<boolean> {
  if (!isDesktop) return false;
  const path = await api.pickFolder();
  if (path) await openFolderPath(path);
  return true;
}

/** The files of `<input type="file" webkitdirectory>`. */
export function openPickedFolder(files: FileList | File[]): Promise<void> {
  const { name, picked } = pickedFromInput(files);
  return openDataset(name, () => datasetFromPicked(name, picked, showProgress(name)));
}

/**
 * The files of a directory picker as the table of a folder the page read, for locating the data
 * of a project whose folder was picked in the page before (a reload loses the page's files).
 */
export async function pageFolderFromPicked(files: FileList | File[]): Promise<PageDataset> {
  const { name, picked } = pickedFromInput(files);
  appStore.set({ busy: `Opening ${name}…`, error: null });
  try {
    const page = pageFolder(await datasetFromPicked(name, picked, showProgress(name)));
    if (!page) throw new Error(`${name}: not read as a folder of images or texts in this page.`);
    return page;
  } catch (err) {
    appStore.set({ busy: null });
    throw err;
  }
}

/** A folder dropped on the page (DataTransferItem.webkitGetAsEntry()). */
export function openDroppedFolder(entry: FileSystemDirectoryEntry): Promise<void> {
  return openDataset(entry.name, async () => datasetFromPicked(entry.name, await pickedFromDrop(entry), showProgress(entry.name)));
}

/** The dropped folder among a drop's items, if the user dropped one. */
export function droppedFolder(items: DataTransferItemList): FileSystemDirectoryEntry | null {
  for (const item of Array.from(items)) {
    const entry = item.kind === 'file' ? item.webkitGetAsEntry() : null;
    if (entry?.isDirectory) return entry as FileSystemDirectoryEntry;
  }
  return null;
}
