/**
 * Folders of images as a project's data. A folder opened by path (electron/backend/images.ts)
 * and a folder the page read (renderer/media/local-folder.ts) become the same table through the
 * same ml/images code, so the same folder has the same dataset key either way. A project
 * records the folder's listing (the hash in that key) and keys its rows by path, so labels
 * follow their files when the folder gains, loses or reorders images.
 */
import type { OpenedDataset } from '../api.ts';
import { hashStrings } from '../images/folder-table.ts';
import { inferSchema } from '../table/index.ts';
import type { Table } from '../table/types.ts';
import type { DataSource, PageDataset } from './contract.ts';

export type FolderSource = Extract<DataSource, { kind: 'folder' }>;

/** The column a folder's rows are matched by (each row is one file). */
export const FOLDER_ID_COLUMN = 'path';

/** The listing hash of a folder table: what folderKey hashes (its rows' paths, in row order). */
export function listingOf(table: Table): string {
  const c = table.columns.find((x) => x.name === FOLDER_ID_COLUMN);
  if (!c || c.type !== 'text') throw new Error(`A folder of images needs its text column "${FOLDER_ID_COLUMN}".`);
  return hashStrings(c.values.map((v) => v ?? ''));
}

/** The source of a folder dataset found at `place` (nulls for a folder the page read). */
export function folderSource(name: string, table: Table, place: { path: string | null; relativePath: string | null }): FolderSource {
  return { kind: 'folder', name, ...place, listing: listingOf(table), rows: table.n, idColumn: FOLDER_ID_COLUMN };
}

/** The key the page gave this folder (folderKey over the table's rows): its name and listing. */
export const pageKey = (page: PageDataset): string => `folder:${page.name}:${listingOf(page.table)}`;

/**
 * The dataset a page's folder table stands for, checked against the key the page gave it (a
 * table that is not that folder's would put labels on the wrong rows).
 */
export function pageDataset(key: string, page: PageDataset): OpenedDataset {
  const own = pageKey(page);
  if (key !== own) throw new Error(`The folder table sent for "${key}" is not that folder's: its name and paths make the key "${own}".`);
  return { key, name: page.name, table: page.table, schema: inferSchema(page.table), synthetic: false, embeddings: [], media: page.media };
}
