/**
 * The one typed contract between the UI and the backend. The Electron preload exposes
 * exactly this object; the browser-mode host serves exactly this object over HTTP; the
 * renderer has one client per transport. Every argument is checked at the boundary by
 * `validateArgs` before a handler sees it.
 */
import type { Table, TableSchema } from './table/types.ts';
import type { RuleSet } from './rules/spec.ts';

export type DemoInfo = {
  id: string;
  title: string;
  description: string;
  kind: 'tabular' | 'images' | 'text';
  rows: number;
  /** Generated data is marked everywhere it appears. */
  synthetic: boolean;
  source: string;
  licence: string;
};

/** A dataset opened in the app: its table (columns travel as typed arrays) and schema. */
export type OpenedDataset = {
  /** Stable key for the project file: `demo:<id>` or `file:<name>:<content hash>`. */
  key: string;
  name: string;
  schema: TableSchema;
  table: Table;
  synthetic: boolean;
  /** Vectors for the embedding map, one row per table row; the UI lets the user switch. */
  embeddings: Embedding[];
  /** What an item looks like when shown: grey images, a text column, or just its table row. */
  media: Media;
};

/** n×dim row-major Float32 vectors with a name saying where they came from. */
export type Embedding = { id: string; title: string; dim: number; data: Float32Array };

export type Media =
  | { kind: 'image'; width: number; height: number; /** n×width×height grey bytes */ pixels: Uint8Array }
  | { kind: 'text'; column: string }
  | { kind: 'row' };

/** Human labels on items: a class list and sparse [row, classIndex] pairs. */
export type Labels = { classes: string[]; assigned: [number, number][] };

/** Everything the user made on a dataset; autosaved, so a reload loses nothing. */
export type ProjectState = {
  version: 1;
  rules: RuleSet;
  /** Label column the rules are scored against, if the user picked one. */
  labelColumn: string | null;
  /** Labels the user gave on the embedding map (null until the first one). */
  labels: Labels | null;
  /** Embeddings the user added from files, stored as dataset artefacts; restored on open. */
  importedEmbeddings?: ImportedEmbeddingRef[];
  updatedAt: string;
};

/** An embedding added from a file: its id and title on the map, and the artefact with its vectors. */
export type ImportedEmbeddingRef = { id: string; title: string; artifact: string };

export type FilePayload = { name: string; bytes: Uint8Array };

/**
 * A file the user chose on the host, outside the page: in the desktop open dialog, or as
 * `npm start -- PATH`. The backend reads only such files (and its own data folder).
 */
export type HostFile = { name: string; path: string; size: number };

/** How far opening a file has got: bytes read of `total` (null when unknown) and rows parsed. */
export type OpenProgress = { bytes: number; total: number | null; rows: number; elapsedMs: number };

export type HostInfo = { version: string; mode: 'desktop' | 'browser'; node: string };

export interface MachineTeacherApi {
  hostInfo(): Promise<HostInfo>;
  listDemos(): Promise<DemoInfo[]>;
  openDemo(id: string): Promise<OpenedDataset>;
  openFile(file: FilePayload): Promise<OpenedDataset>;
  /** Desktop: the native open dialog. Browser mode returns null (the page uses a file input). */
  pickFile(): Promise<HostFile | null>;
  /** Files named on the command line (`npm start -- PATH`), for the start screen to open. */
  startupFiles(): Promise<HostFile[]>;
  /** Opens a file the user chose on the host (pickFile, startupFiles), streamed from disk; `job` names it for progress and cancel. */
  openPath(path: string, job: string): Promise<OpenedDataset>;
  /** Progress of the open running as `job` (also a streamed upload), or null when there is none. */
  openProgress(job: string): Promise<OpenProgress | null>;
  /** Stops the open running as `job`; it then fails with "cancelled". */
  cancelOpen(job: string): Promise<void>;
  loadProject(key: string): Promise<ProjectState | null>;
  saveProject(key: string, state: ProjectState): Promise<void>;
  /** Binary artefacts cached per dataset (e.g. a finished UMAP layout), so reopening is instant. */
  loadArtifact(key: string, name: string): Promise<Uint8Array | null>;
  saveArtifact(key: string, name: string, bytes: Uint8Array): Promise<void>;
}

export type ApiMethod = keyof MachineTeacherApi;

/** An error that crossed the boundary: a message for the user and, for bad files, where. */
export type ApiErrorInfo = { message: string; location?: { file: string; row?: number; column?: string | number; byte?: number } };

export class ApiError extends Error {
  constructor(readonly info: ApiErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
  }
}

export { API_METHODS, isApiMethod, validateArgs, argsProblem } from './api-validate.ts';
