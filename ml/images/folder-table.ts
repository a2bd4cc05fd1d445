/**
 * A folder of images as a table, from a listing (who lists — Node's fs, or the page's
 * directory picker — does not matter here). One row per image file, sorted by path; columns
 * to draw rules on (width, height, bytes, format), the ImageFolder label from the first
 * subfolder, the path the media reads, and a `problem` column when some files are bad.
 * Bad files keep their row (a placeholder in the UI) so nothing the user has is dropped.
 */
import type { Column, Table } from '../table/types.ts';
import { comparePaths, fileName, folderLabel } from './paths.ts';
import type { ImageInfo } from './sniff.ts';

/** One image file of a listing: where it is (relative, '/'-separated), its size and header facts. */
export type ImageEntry = { path: string; bytes: number; mtimeMs: number; info: ImageInfo };

/** Something in the folder that is not a row: a symlink loop, a link out of the folder, an unreadable subfolder. */
export type SkippedEntry = { path: string; reason: string };

export type FolderListing = {
  /** The folder's own name, for titles and keys. */
  name: string;
  entries: ImageEntry[];
  skipped: SkippedEntry[];
  /** Files ignored because their extension is not an image's (READMEs, .DS_Store, …). */
  ignored: number;
};

/** A row whose file has a problem, with the sentence to show. */
export type RowProblem = { row: number; path: string; problem: string; detail: string };

/** The columns a folder table has (label and problem only when they carry something). */
export const IMAGE_COLUMNS = { path: 'path', file: 'file', label: 'label', format: 'format', width: 'width', height: 'height', bytes: 'bytes', problem: 'problem' } as const;

function categorical(name: string, values: (string | null)[]): Column {
  const dictionary = [...new Set(values.filter((v): v is string => v !== null))].sort(comparePaths);
  const index = new Map(dictionary.map((v, i) => [v, i]));
  return { name, type: 'categorical', codes: Int32Array.from(values, (v) => (v === null ? -1 : index.get(v)!)), dictionary };
}

/** Sorts entries by path (code-unit order, so every host builds the same rows). */
export function sortEntries(entries: ImageEntry[]): ImageEntry[] {
  return [...entries].sort((a, b) => comparePaths(a.path, b.path));
}

/** The table of a listing plus every row that has a problem. Entries must be sorted (sortEntries). */
export function buildImageTable(entries: readonly ImageEntry[]): { table: Table; problems: RowProblem[] } {
  const n = entries.length;
  const labels = entries.map((e) => folderLabel(e.path));
  const columns: Column[] = [
    { name: IMAGE_COLUMNS.path, type: 'text', values: entries.map((e) => e.path) },
    { name: IMAGE_COLUMNS.file, type: 'text', values: entries.map((e) => fileName(e.path)) },
  ];
  if (labels.some((l) => l !== null)) columns.push(categorical(IMAGE_COLUMNS.label, labels));
  columns.push(
    categorical(IMAGE_COLUMNS.format, entries.map((e) => e.info.format)),
    { name: IMAGE_COLUMNS.width, type: 'numeric', values: Float32Array.from(entries, (e) => e.info.width) },
    { name: IMAGE_COLUMNS.height, type: 'numeric', values: Float32Array.from(entries, (e) => e.info.height) },
    { name: IMAGE_COLUMNS.bytes, type: 'numeric', values: Float32Array.from(entries, (e) => e.bytes) },
  );
  const problems: RowProblem[] = [];
  entries.forEach((e, row) => {
    if (e.info.problem) problems.push({ row, path: e.path, problem: e.info.problem, detail: e.info.detail ?? e.info.problem });
  });
  if (problems.length > 0) columns.push(categorical(IMAGE_COLUMNS.problem, entries.map((e) => e.info.problem ?? 'ok')));
  return { table: { n, columns }, problems };
}

/** Two 32-bit FNV-1a hashes over length-prefixed strings: a 16-hex-digit key (not cryptographic). */
export function hashStrings(parts: Iterable<string>): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const eat = (code: number) => {
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 13);
  };
  for (const s of parts) {
    eat(s.length & 0xffff); eat(s.length >>> 16);
    for (let i = 0; i < s.length; i++) eat(s.charCodeAt(i));
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * The project key of a folder: its name and the set of paths in it. Labels are stored by row,
 * so a folder that gains or loses files is a new dataset (its cached image vectors, keyed by
 * content, still carry over); editing a file in place keeps the key.
 */
export const folderKey = (name: string, entries: readonly ImageEntry[]): string => `folder:${name}:${hashStrings(entries.map((e) => e.path))}`;

/** Changes whenever any file's path, size or modification time does: keys the whole-folder embedding cache. */
export const folderFingerprint = (entries: readonly ImageEntry[]): string =>
  hashStrings(entries.flatMap((e) => [e.path, String(e.bytes), String(Math.round(e.mtimeMs))]));
