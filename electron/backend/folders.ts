/**
 * Opening a folder by path: a folder with images opens as an image folder (images.ts, as
 * always); one with .txt/.md/.eml files and no image opens as a table of texts whose `text`
 * column is the media USE-lite reads. The folder is walked once for both decisions.
 */
import type { Media, MediaProblem } from '../../ml/api.ts';
import { formatFromName } from '../../ml/images/sniff.ts';
import { walkFolder } from '../../ml/images/list-folder.node.ts';
import type { Table } from '../../ml/table/types.ts';
import { buildTextTable, TEXT_COLUMNS, textFolderKey } from '../../ml/texts/folder-table.ts';
import { isTextFolder, listTextFolder } from '../../ml/texts/list-folder.node.ts';
import type { ImageFiles } from './images.ts';

export type OpenedAnyFolder = { key: string; name: string; table: Table; media: Media; problems: MediaProblem[] };

const skippedProblems = (skipped: { path: string; reason: string }[]): MediaProblem[] => skipped.map((s) => ({ path: s.path, problem: 'skipped', detail: s.reason }));

export async function openAnyFolder(images: ImageFiles, path: string): Promise<OpenedAnyFolder> {
  const walked = await walkFolder(path);
  if (!isTextFolder(walked, (name) => formatFromName(name) !== null)) return images.openFolder(path, undefined, walked);
  const listing = await listTextFolder(walked);
  const { table, problems } = buildTextTable(listing.entries);
  return {
    key: textFolderKey(listing.name, listing.entries),
    name: listing.name,
    table,
    media: { kind: 'text', column: TEXT_COLUMNS.text },
    problems: [...problems, ...skippedProblems(listing.skipped)],
  };
}
