/**
 * The project part of the backend contract (ml/api.ts extends ProjectsApi). A project is one
 * folder `name.mtproj/`; the renderer opens it, then sends a document snapshot (small JSON,
 * whole-object replacement) and label edits (deltas). Every write resolves only once its
 * journal entry is on disk and fsynced, so "saved" in the UI is true.
 *
 * Every call carries the caller's session id: a random id per page (kept in sessionStorage,
 * so a reload of the same tab stays the owner). The session holding the write lock is the
 * only writer; others read, or take over.
 */
import type { FilePayload, ImageFilesMedia, Media, OpenedDataset } from '../api.ts';
import type { Table } from '../table/types.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Where a project's rows come from. A file source may be missing or changed; the project keeps working. */
export type DataSource =
  | {
      kind: 'file';
      /** File name as the user knows it. */
      name: string;
      /** Absolute path where it was last found; null when never known (uploads copied in, migrated projects). */
      path: string | null;
      /** Path relative to the project folder (`data/x.csv` for a file copied into the project). */
      relativePath: string | null;
      /** SHA-256 of the file's bytes (hex; migrated projects know only its first 16 digits); null when unknown. */
      hash: string | null;
      rows: number | null;
      /** Column whose values identify a row, used to match rows when the file changes. */
      idColumn: string | null;
    }
  | { kind: 'demo'; id: string; name: string; rows: number | null; idColumn: string | null }
  | {
      kind: 'folder';
      /** The folder's own name. */
      name: string;
      /** Absolute path where it was last opened; null for a folder picked in the browser page (the page never learns paths). */
      path: string | null;
      /** The same place relative to the project folder (moving both together works); null when unknown. */
      relativePath: string | null;
      /**
       * 16 hex digits over the image paths in it (the hash in its dataset key, ml/images/folder-table.ts
       * folderKey): a file added, removed or renamed changes it. Null when unknown.
       */
      listing: string | null;
      rows: number | null;
      /** 'path' for a folder made by this version: labels follow their files' paths when files come and go. */
      idColumn: string | null;
    };

/**
 * A folder of images or of texts the page read itself (browser mode: picked or dropped). Its files
 * stay in the page; the backend sees only this table (renderer/media/local-folder.ts builds it with
 * the same ml/images or ml/texts code as openFolder, so the same folder gives the same key either way).
 */
export type PageDataset = { kind: 'page-folder'; name: string; table: Table; media: PageMedia };

/** The media of a page-read folder: image files the page holds, or the text column of a folder of texts. */
export type PageMedia = ImageFilesMedia | Extract<Media, { kind: 'text' }>;

/** What the renderer is told about an open project. `handle` names it in every later call. */
export type ProjectInfo = {
  handle: string;
  /** Stable id stored in project.json (a copy made by Save as gets a new one). */
  id: string;
  /** The folder name without `.mtproj`. */
  name: string;
  /** Absolute path of the `.mtproj` folder. */
  path: string;
  source: DataSource;
  /** Project-wide settings owned by project.json (view state belongs in the document). */
  settings: JsonObject;
  createdAt: string;
};

/** Labels over the rows of the project's data: one class index per row (-1 unlabelled). */
export type LabelSnapshot = {
  classes: string[];
  values: Int32Array;
  /** Labels kept for rows that are no longer in the data file (never dropped; matched again if they come back). */
  kept: number;
};

/** A change to the labels: optionally a new class list, then `values[j]` (-1 = unlabelled) for `rows[j]`. */
export type LabelEdit = { classes?: string[]; rows: Uint32Array | number[]; values: Int32Array | number[] };

/** Resolved once the write is durable. `seq` orders it among all writes to the project. */
export type SaveAck = { seq: number };

export type OpenMode = 'write' | 'read-only' | 'take-over';

/** Who holds a project open for writing. */
export type LockHolder = {
  where: 'this-app' | 'other-process' | 'other-computer';
  pid: number;
  host: string;
  session: string;
  since: string;
  /** Last call from that session, when it is in this app. */
  lastActive: string | null;
};

export type OpenedProject = {
  project: ProjectInfo;
  access: 'write' | 'read-only';
  /** The renderer's document as last saved (null for a new project). */
  document: JsonObject | null;
  labels: LabelSnapshot;
  /** Run history, oldest first. */
  runs: JsonObject[];
  /** What was damaged and how it was recovered, one clear sentence each (empty when all was well). */
  recovered: string[];
};

export type OpenProjectResult =
  | ({ kind: 'opened' } & OpenedProject)
  | { kind: 'locked'; holder: LockHolder; message: string; /** The project's folder (for openProject read-only / take-over). */ path: string };

export type DataProblem = { kind: 'missing' | 'unmatchable' | 'unreadable'; path: string; message: string };

/** How labels followed a changed data file: "9,850 of 9,857 labelled rows matched; 7 labels kept …". */
export type RelocationReport = {
  by: 'id' | 'row-content' | 'position';
  labelled: number;
  matched: number;
  kept: number;
  /** Labels kept earlier whose rows are back in this file. */
  rematched: number;
  /** Cached artefacts made on the previous rows (layouts, embeddings), moved aside, not deleted. */
  setAside: string[];
  message: string;
};

/** The project's data, loaded: `labels` is what to show (it may have been matched to a changed file). */
export type ProjectData = {
  dataset: OpenedDataset | null;
  problem: DataProblem | null;
  relocation: RelocationReport | null;
  labels: LabelSnapshot;
};

/**
 * Where the data is: a file or a folder of images by path on this machine, a file uploaded by the
 * page (copied into the project), or a folder of images the page read (its files stay in the page).
 */
export type DataLocation = { path: string } | { file: FilePayload } | { page: PageDataset };

export type NewProjectSpec = {
  /** A `path` may name a folder of images (opened as openFolder opens it). */
  source: DataLocation | { demo: string };
  /** Folder name without `.mtproj`; default "Untitled <dataset>". */
  name?: string;
  /** Parent folder; default: the projects folder under the data dir. */
  folder?: string;
  idColumn?: string;
};

export type RecentProject = {
  path: string;
  name: string;
  dataset: string;
  rows: number | null;
  labelled: number;
  lastOpened: string;
  /** The folder is not where it was (moved or deleted): offer Open project… */
  missing: boolean;
};

export interface ProjectsApi {
  /** Recently opened projects, newest first, and where new ones go by default. */
  listRecentProjects(): Promise<{ projects: RecentProject[]; defaultFolder: string }>;
  /** Creates `name.mtproj/` for a data file or demo and opens it for writing. */
  createProject(session: string, spec: NewProjectSpec): Promise<OpenedProject>;
  /** Opens a `.mtproj` folder; `locked` when another window writes it (ask: read-only or take over). */
  openProject(session: string, path: string, mode: OpenMode): Promise<OpenProjectResult>;
  /**
   * The project for data just opened (openDemo, openFile, openFolder — the backend remembers what
   * they opened — or a folder the page read, sent as `page`): the most recent project whose data
   * has this dataset key, else the most recent one whose data was last found at the same path
   * (the file or folder changed since: the first loadProjectData matches the labels to it and
   * says how), opened in `mode`. None: a new untitled project for the data, opened for writing.
   * The first loadProjectData then returns the dataset just opened without loading it again.
   */
  openProjectFor(session: string, key: string, mode: OpenMode, page?: PageDataset): Promise<OpenProjectResult>;
  /**
   * Loads the data, matching labels to it when it changed; a missing file or folder is a `problem`,
   * not an error (so is a page-picked folder after a restart: the page must pick it again).
   */
  loadProjectData(session: string, handle: string): Promise<ProjectData>;
  /**
   * Points the project at its data's new place (or a changed copy): a file for a file project, a
   * folder by path or as `page` for a folder project. The project is untouched until it succeeds.
   */
  locateData(session: string, handle: string, where: DataLocation, options: { matchByPosition?: boolean }): Promise<ProjectData>;
  /** Writes all pending edits, compacts, releases the lock. */
  closeProject(session: string, handle: string): Promise<void>;
  /** Replaces the document; resolves when it is durable. */
  saveDocument(session: string, handle: string, document: JsonObject): Promise<SaveAck>;
  /** Applies a label delta; resolves when it is durable (group commit within a few ms). */
  editLabels(session: string, handle: string, edit: LabelEdit): Promise<SaveAck>;
  /** Appends a run to the history; resolves when durable. */
  addRun(session: string, handle: string, run: JsonObject): Promise<SaveAck>;
  /** Renames the folder (in place); the handle stays valid. */
  renameProject(session: string, handle: string, name: string): Promise<ProjectInfo>;
  /** Copies the project to `target` (a folder path, or a bare name in the projects folder) and opens the copy instead. */
  saveProjectAs(session: string, handle: string, target: string): Promise<OpenedProject>;
  /** Changes the id column (row fingerprints are recomputed) or project settings. */
  updateProjectMeta(session: string, handle: string, patch: { idColumn?: string | null; settings?: JsonObject }): Promise<ProjectInfo>;
  /** Desktop: the native dialog for a project folder to open, or where to save one. Browser mode: null (the page asks for a path). */
  pickProjectLocation(purpose: 'open' | 'save'): Promise<string | null>;
  loadProjectArtifact(session: string, handle: string, name: string): Promise<Uint8Array | null>;
  saveProjectArtifact(session: string, handle: string, name: string, bytes: Uint8Array): Promise<void>;
}
