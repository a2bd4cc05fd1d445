/**
 * project.json: the versioned manifest of a `.mtproj` folder — what the data is (path,
 * content hash, rows, id column) and project settings. Readable by people; checked on read so
 * a newer format is refused (opening it here would lose what the newer version wrote) and a
 * damaged one is reported, never silently replaced.
 */
import type { DataSource, JsonObject } from './contract.ts';

export const PROJECT_FORMAT = 'machine-teacher-project';
export const PROJECT_VERSION = 1;
export const PROJECT_SUFFIX = '.mtproj';

export type ProjectManifest = {
  format: typeof PROJECT_FORMAT;
  version: typeof PROJECT_VERSION;
  id: string;
  createdAt: string;
  source: DataSource;
  settings: JsonObject;
  /** The per-dataset file of an older version this project was migrated from. */
  migratedFrom?: string;
};

/** A project file this version must not open (made by a newer version). Not recoverable by falling back. */
export class ProjectFormatError extends Error {
  override name = 'ProjectFormatError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrOrNull = (v: unknown) => v === null || typeof v === 'string';
const isRows = (v: unknown) => v === null || (Number.isInteger(v) && (v as number) >= 0);

function checkSource(s: unknown): s is DataSource {
  if (!isObject(s) || !isStrOrNull(s.idColumn) || !isRows(s.rows) || typeof s.name !== 'string') return false;
  if (s.kind === 'demo') return typeof s.id === 'string';
  if (s.kind === 'folder') return isStrOrNull(s.path) && isStrOrNull(s.relativePath) && isStrOrNull(s.listing);
  return s.kind === 'file' && isStrOrNull(s.path) && isStrOrNull(s.relativePath) && isStrOrNull(s.hash);
}

/**
 * Checks a parsed manifest. Returns what is wrong (for the "damaged" message) or null.
 * Throws ProjectFormatError for a newer version or a foreign file.
 */
export function checkManifest(v: unknown, file: string): string | null {
  if (!isObject(v)) return 'it is not a JSON object';
  if (v.format !== PROJECT_FORMAT) throw new ProjectFormatError(`${file} is not a Machine Teacher project file (format "${String(v.format)}").`);
  if (typeof v.version !== 'number' || v.version > PROJECT_VERSION) {
    throw new ProjectFormatError(`${file} was written by a newer Machine Teacher (project format ${String(v.version)}); this version reads format ${PROJECT_VERSION}. Update the app to open it.`);
  }
  if (typeof v.id !== 'string' || typeof v.createdAt !== 'string') return 'its id or creation date is missing';
  if (!checkSource(v.source)) return 'its data source is incomplete';
  if (!isObject(v.settings)) return 'its settings are missing';
  return null;
}

/** project.json's text: the manifest plus the journal position it is current to. */
export function manifestText(manifest: ProjectManifest, seq: number): string {
  const { format, version, ...rest } = manifest;
  return `${JSON.stringify({ format, version, seq, ...rest }, null, 2)}\n`;
}

/** Parses project.json: the manifest and its seq, or why it is damaged (ProjectFormatError is thrown). */
export function parseManifest(text: string, file: string): { manifest: ProjectManifest; seq: number } | { damaged: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { damaged: text.length === 0 ? 'it is empty' : 'it is not valid JSON (cut short?)' };
  }
  const problem = checkManifest(v, file);
  if (problem) return { damaged: problem };
  const { seq, ...manifest } = v as ProjectManifest & { seq?: unknown };
  return { manifest, seq: Number.isInteger(seq) ? (seq as number) : 0 };
}

/** A name usable as a folder name on every desktop OS (the user sees it as the project's name). */
export function projectName(raw: string): string {
  const printable = Array.from(raw, (ch) => (ch.charCodeAt(0) < 32 ? '-' : ch)).join('');
  const name = printable.replace(/[<>:"/\\|?*]+/g, '-').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, 100).trim();
  if (!name) throw new Error(`"${raw}" cannot be a project name: use letters, digits, spaces or - _ .`);
  return name;
}

/** The folder's name without `.mtproj`. */
export const nameOfFolder = (folderName: string): string =>
  folderName.endsWith(PROJECT_SUFFIX) ? folderName.slice(0, -PROJECT_SUFFIX.length) : folderName;

/**
 * The dataset key the app gives this data when it opens it (OpenedDataset.key: `demo:<id>`,
 * `file:<name>:<hash16>`, `folder:<name>:<listing>`), when the source knows enough for one.
 */
export function datasetKeyOf(source: DataSource): string | null {
  if (source.kind === 'demo') return `demo:${source.id}`;
  if (source.kind === 'folder') return source.listing ? `folder:${source.name}:${source.listing}` : null;
  return source.hash ? `file:${source.name}:${source.hash.slice(0, 16)}` : null;
}

/**
 * Which rows the labels refer to: a file's content (the first 16 hex digits of its hash, all a
 * migrated project knows), a folder's listing, or a demo of a given size. Labels in one space
 * never apply to another without matching rows (ml/project/relocate.ts).
 */
export function rowSpaceOf(source: DataSource): string | null {
  if (source.kind === 'demo') return `demo-${source.id}-${source.rows ?? 'n'}`;
  if (source.kind === 'folder') return source.listing ? `folder-${source.listing}` : null;
  return source.hash ? `file-${source.hash.slice(0, 16)}` : null;
}
