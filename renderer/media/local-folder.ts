/**
 * A folder picked or dropped in the page (browser mode, where the page cannot learn paths):
 * its files stay in the page as File objects — nothing is uploaded — and the table is built
 * here by the same ml/ code the backend uses (ml/images from each image's first and last bytes,
 * ml/texts from each text's first MAX_TEXT_BYTES). The result is an OpenedDataset like any
 * other. Images get media source 'page': renderer/media/source.ts reads their bytes from the
 * Files, so thumbnails and embeddings do not care where they came from. Texts are in the table.
 */
import type { OpenedDataset } from '../../ml/api.ts';
import { buildImageTable, folderFingerprint, folderKey, sortEntries, type ImageEntry } from '../../ml/images/folder-table.ts';
import { safeRelative } from '../../ml/images/paths.ts';
import { formatFromName, HEAD_BYTES, HEAD_MAX, inspectImage, TAIL_BYTES } from '../../ml/images/sniff.ts';
import { inferSchema } from '../../ml/table/index.ts';
import type { Table } from '../../ml/table/types.ts';
import { buildTextTable, decodeText, isTextName, MAX_TEXT_BYTES, sortTextEntries, TEXT_COLUMNS, textFolderKey, type TextEntry } from '../../ml/texts/folder-table.ts';
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

/** A picked text file read as the backend reads one (ml/texts/list-folder.node.ts): its first MAX_TEXT_BYTES (+3 to finish a cut UTF-8 sequence). */
async function textEntryOf({ file, path }: PickedFile): Promise<TextEntry> {
  try {
    const head = await bytesOf(file.slice(0, MAX_TEXT_BYTES + 3));
    return { path, bytes: file.size, mtimeMs: file.lastModified, info: decodeText(path, head, file.size) };
  } catch (err) {
    return { path, bytes: file.size, mtimeMs: file.lastModified, info: { text: '', subject: null, problem: 'unreadable', detail: `cannot read it (${err instanceof Error ? err.message : String(err)})` } };
  }
}

/** Reads `files` with `read`, CONCURRENCY at a time, in order. */
async function readAll<T>(files: PickedFile[], read: (p: PickedFile) => Promise<T>, onProgress?: (done: number, total: number) => void): Promise<T[]> {
  const out: T[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const work = async () => {
    while (next < files.length) {
      const k = next++;
      out[k] = await read(files[k]);
      if (++done % 200 === 0 || done === files.length) onProgress?.(done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, work));
  return out;
}

/**
 * Tables of text folders the page read itself. Their media ({kind:'text'}) is the same as a text
 * folder the backend opened by path, so this is how renderer/project/open.ts pageFolder tells them apart.
 */
const pageTextTables = new WeakSet<Table>();

/** Whether `table` is a text folder's this page read (its table must travel with openProjectFor). */
export const isPageTextTable = (table: Table): boolean => pageTextTables.has(table);

/** The dataset of a picked folder of texts: the same table, key and media the backend's openAnyFolder gives. */
async function textDataset(name: string, texts: PickedFile[], onProgress?: (done: number, total: number) => void): Promise<OpenedDataset> {
  const entries = sortTextEntries(await readAll(texts, textEntryOf, onProgress));
  const { table, problems } = buildTextTable(entries);
  pageTextTables.add(table);
  const dataset: OpenedDataset = {
    key: textFolderKey(name, entries), name, table, schema: inferSchema(table), synthetic: false, embeddings: [],
    media: { kind: 'text', column: TEXT_COLUMNS.text },
  };
  return problems.length > 0 ? { ...dataset, problems } : dataset;
}

/**
 * Builds the dataset of a picked folder named `name`. Hidden files and folders are left out (as
 * the backend's listing does). A folder with .txt/.md/.eml files and no image is a folder of
 * texts (as openAnyFolder decides); otherwise files that are not images by extension are left out.
 */
export async function datasetFromPicked(name: string, picked: PickedFile[], onProgress?: (done: number, total: number) => void): Promise<OpenedDataset> {
  const listed = picked.filter((p) => !p.path.split('/').some((part) => part.startsWith('.')) && safeRelative(p.path).ok);
  const images = listed.filter((p) => formatFromName(p.path));
  const texts = listed.filter((p) => isTextName(p.path));
  if (images.length === 0 && texts.length > 0) return textDataset(name, texts, onProgress);
  if (images.length === 0) throw new Error(`${name}: no JPEG, PNG, WebP, GIF or BMP images, nor .txt, .md or .eml texts, in this folder or its subfolders`);
  const entries = await readAll(images, entryOf, onProgress);
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
