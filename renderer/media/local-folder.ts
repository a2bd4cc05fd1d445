/**
 * A folder picked or dropped in the page (browser mode, where the page cannot learn paths):
 * its files stay in the page as File objects — nothing is uploaded — and the table is built
 * here by the same ml/ code the backend uses, from each file's first and last bytes. The
 * result is an OpenedDataset like any other (media source 'page'); renderer/media/source.ts
 * reads the bytes from the Files, so thumbnails and embeddings do not care where they came from.
 */
import type { OpenedDataset } from '../../ml/api.ts';
import { buildImageTable, folderFingerprint, folderKey, sortEntries, type ImageEntry } from '../../ml/images/folder-table.ts';
import { safeRelative } from '../../ml/images/paths.ts';
import { formatFromName, HEAD_BYTES, HEAD_MAX, inspectImage, TAIL_BYTES } from '../../ml/images/sniff.ts';
import { inferSchema } from '../../ml/table/index.ts';
import { registerPageFiles } from './source.ts';

/** A picked file and its path inside the picked folder ('cats/001.jpg'). */
export type PickedFile = { file: File; path: string };

/** Header reads in flight: each is a small IPC to the browser's file backend. */
const CONCURRENCY = 16;

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

async function entryOf({ file, path }: PickedFile): Promise<ImageEntry> {
  const size = file.size;
  try {
    let head = await bytesOf(file.slice(0, HEAD_BYTES));
    const tail = size > head.length ? await bytesOf(file.slice(Math.max(0, size - TAIL_BYTES))) : head.subarray(Math.max(0, head.length - TAIL_BYTES));
    let info = inspectImage(head, tail, size);
    if (info.needMore) {
      head = await bytesOf(file.slice(0, HEAD_MAX));
      info = inspectImage(head, tail, size);
    }
    return { path, bytes: size, mtimeMs: file.lastModified, info };
  } catch (err) {
    return { path, bytes: size, mtimeMs: file.lastModified, info: { format: null, width: NaN, height: NaN, problem: 'unreadable', detail: `cannot read it (${err instanceof Error ? err.message : String(err)})` } };
  }
}

/**
 * Builds the dataset of a picked folder named `name`. Files that are not images by extension,
 * and hidden files and folders, are left out (as the backend's listing does).
 */
export async function datasetFromPicked(name: string, picked: PickedFile[], onProgress?: (done: number, total: number) => void): Promise<OpenedDataset> {
  const images = picked.filter((p) => formatFromName(p.path) && !p.path.split('/').some((part) => part.startsWith('.')) && safeRelative(p.path).ok);
  if (images.length === 0) throw new Error(`${name}: no JPEG, PNG, WebP, GIF or BMP files in this folder or its subfolders`);
  const entries: ImageEntry[] = new Array(images.length);
  let next = 0;
  let done = 0;
  const work = async () => {
    while (next < images.length) {
      const k = next++;
      entries[k] = await entryOf(images[k]);
      if (++done % 200 === 0 || done === images.length) onProgress?.(done, images.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, images.length) }, work));
  const byPath = new Map(images.map((p) => [p.path, p.file]));
  const sorted = sortEntries(entries);
  const { table, problems } = buildImageTable(sorted);
  const key = folderKey(name, sorted);
  registerPageFiles(key, sorted.map((e) => byPath.get(e.path) ?? null));
  const dataset: OpenedDataset = {
    key, name, table, schema: inferSchema(table), synthetic: false, embeddings: [],
    media: { kind: 'image-files', column: 'path', source: 'page', fingerprint: folderFingerprint(sorted) },
  };
  return problems.length > 0 ? { ...dataset, problems } : dataset;
}

/** Files from `<input type="file" webkitdirectory>`: paths relative to the picked folder, and its name. */
export function pickedFromInput(files: FileList | File[]): { name: string; picked: PickedFile[] } {
  const list = Array.from(files);
  const first = list[0]?.webkitRelativePath ?? '';
  const name = first.includes('/') ? first.slice(0, first.indexOf('/')) : 'folder';
  const picked = list.map((file) => {
    const rel = file.webkitRelativePath || file.name;
    return { file, path: rel.startsWith(`${name}/`) ? rel.slice(name.length + 1) : rel };
  });
  return { name, picked };
}

/** Every file under a dropped folder (FileSystem entries API), with paths relative to it. */
export async function pickedFromDrop(root: FileSystemDirectoryEntry): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const readAll = (dir: FileSystemDirectoryEntry) => new Promise<FileSystemEntry[]>((resolve, reject) => {
    const reader = dir.createReader();
    const all: FileSystemEntry[] = [];
    // readEntries returns at most ~100 entries a call: read until it returns none.
    const more = () => reader.readEntries((batch) => { if (batch.length === 0) resolve(all); else { all.push(...batch); more(); } }, reject);
    more();
  });
  const walk = async (dir: FileSystemDirectoryEntry, prefix: string) => {
    for (const entry of await readAll(dir)) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, path);
      else if (entry.isFile) out.push({ path, file: await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)) });
    }
  };
  await walk(root, '');
  return out;
}
