/**
 * The one typed contract between the UI and the backend. The Electron preload exposes
 * exactly this object; the browser-mode host serves exactly this object over HTTP; the
 * renderer has one client per transport. Every argument is checked at the boundary by
 * `validateArgs` before a handler sees it.
 */
import type { Table, TableSchema } from './table/types.ts';
import type { RuleSet } from './rules/spec.ts';
import type { ExportBundleRequest, ExportBundleResult, ExportFileResult, ExportLabelsRequest } from './export/requests.ts';
import type { Brush } from './rules/brushes.ts';
import type { TeachSettings } from './train/teach-options.ts';
import type { ProjectsApi } from './project/contract.ts';

export type * from './project/contract.ts';
export type { ExportBundleRequest, ExportBundleResult, ExportFileResult, ExportLabelsRequest } from './export/requests.ts';

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
  /** Sizes the demo comes in (each opened by its own id); absent = one size, `rows`. */
  sizes?: DemoSize[];
};

/** One size of a demo: the id to open and its rows (the first size is the default, `id` itself). */
export type DemoSize = { id: string; rows: number };

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
  /** What an item looks like when shown: grey images, image files, a text column, or just its table row. */
  media: Media;
  /** Files that could not be read (bad images, paths refused or missing) and folder entries skipped; absent when none. */
  problems?: MediaProblem[];
};

/** A file the user should hear about: its row (absent for a skipped folder entry), its path and why. */
export type MediaProblem = { row?: number; path: string; problem: string; detail: string };

/** n×dim row-major Float32 vectors with a name saying where they came from. */
export type Embedding = { id: string; title: string; dim: number; data: Float32Array };

export type Media =
  | { kind: 'image'; width: number; height: number; /** n×width×height grey bytes */ pixels: Uint8Array }
  | ImageFilesMedia
  | { kind: 'text'; column: string }
  | { kind: 'row' };

/**
 * Images kept as files: the text column `column` holds each row's path as the user sees it.
 * The bytes come from the backend (`readImages` with the dataset key: files under a folder the
 * user opened, never outside) or, for a folder picked in the page in browser mode, from the
 * page's own File objects (renderer/media reads both the same way).
 */
export type ImageFilesMedia = {
  kind: 'image-files';
  column: string;
  source: 'backend' | 'page';
  /** Changes whenever any file's path, size or modification time does: keys whole-dataset caches. */
  fingerprint: string;
};

/**
 * Image bytes for some rows, in the order asked: row k's file is `data[offsets[k]..offsets[k+1])`
 * with type `mime[k]`, or `errors[k]` says why it could not be read (empty bytes then).
 */
export type ImageBatch = { rows: Uint32Array; offsets: Uint32Array; data: Uint8Array; mime: string[]; errors: (string | null)[] };

/** How far a long backend call (opening a big folder) has got. */
export type BackendProgress = { task: string; done: number; total: number };

/** Most rows one readImages call may ask for, and most bytes it returns (the rest say "ask again"). */
export const IMAGE_BATCH_ROWS = 512;
export const IMAGE_BATCH_BYTES = 64 * 1024 * 1024;

/** Human labels on items: a class list and sparse [row, classIndex] pairs. */
export type Labels = { classes: string[]; assigned: [number, number][] };

export type ScaleKind = 'linear' | 'log' | 'quantile';
/** How one axis of the parallel coordinates is drawn. */
export type AxisPref = { hidden?: boolean; inverted?: boolean; scale?: ScaleKind };

/** The label the rules and models are scored against: a column (or none), and whether it is still the guess. */
export type LabelChoice = { column: string | null; guessed: boolean };

/**
 * Everything the user *made* on a dataset. Every change to it is a user action that enters
 * the undo history (renderer/project/history.ts), and it is saved as you go.
 */
export type ProjectDoc = {
  rules: RuleSet;
  label: LabelChoice;
  /** Columns the user marked "not a feature" (ids, leaks): never in a map, a model or a suggestion. */
  notFeatures: string[];
  /** Labels the user gave on the embedding map (null until the first one). */
  labels: Labels | null;
  /** Embeddings the user added from files, stored as dataset artefacts; restored on open. */
  importedEmbeddings: ImportedEmbeddingRef[];
  /** Parallel-coordinates axes: display order (empty = the default) and per-axis scale/invert/hide. */
  axes: { order: string[]; prefs: Record<string, AxisPref> };
  brushes: Brush[];
  /** The teach panel's training settings. */
  teach: TeachSettings;
};

/** How the user was *looking* when they left (restored on open, never undone). */
export type ProjectUi = {
  view?: string;
  rulesColour?: { kind: 'label' | 'rules' | 'model' | 'none' } | { kind: 'column'; column: string };
  map?: { embeddingId: string | null; colour: { kind: string; column?: string }; pointSize: number; opacity: number };
};

/**
 * The renderer's project document: what it made, how it was looking, a version for migrations.
 * Saved whole with saveDocument (as its JsonObject); the labels go through editLabels instead.
 */
export type ProjectState = { version: 2; doc: ProjectDoc; ui: ProjectUi; updatedAt: string };

/**
 * What earlier versions saved; a migrated project's document is one, minus its labels (those are
 * in the project's labels). Read by ml/project/state.ts `upgradeProject`, never written.
 */
export type ProjectStateV1 = {
  version: 1;
  rules: RuleSet;
  labelColumn: string | null;
  labels: Labels | null;
  importedEmbeddings?: ImportedEmbeddingRef[];
  updatedAt: string;
};

/** An embedding added from a file: its id and title on the map, and the artefact with its vectors. */
export type ImportedEmbeddingRef = { id: string; title: string; artifact: string };

/** A file's bytes; `path` is where it lives on this machine when the host knows it (desktop dialog). */
export type FilePayload = { name: string; bytes: Uint8Array; path?: string };

/**
 * A file the user chose on the host, outside the page: in the desktop open dialog, or as
 * `npm start -- PATH`. The backend reads only such files (and its own data folder).
 */
export type HostFile = { name: string; path: string; size: number };

/** How far opening a file has got: bytes read of `total` (null when unknown) and rows parsed. */
export type OpenProgress = { bytes: number; total: number | null; rows: number; elapsedMs: number };

export type HostInfo = { version: string; mode: 'desktop' | 'browser'; node: string };

/** Projects (ml/project/contract.ts): a `.mtproj` folder per piece of work, durable label edits, locks. */
export interface MachineTeacherApi extends ProjectsApi {
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
  /**
   * App-wide caches that belong to no project (the image vector cache, keyed by image content and
   * shared by every dataset): one file `name` in the cache `cache`. Null when it is not there.
   */
  loadCacheArtifact(cache: string, name: string): Promise<Uint8Array | null>;
  saveCacheArtifact(cache: string, name: string, bytes: Uint8Array): Promise<void>;
  /** Opens a folder of images by path (ImageFolder labels from subfolders); the folder becomes readable for image media. */
  openFolder(path: string): Promise<OpenedDataset>;
  /** Desktop: the native folder dialog, returning the chosen path. Browser mode returns null (the page uses a directory picker). */
  pickFolder(): Promise<string | null>;
  /** Bytes of the image files of some rows of an opened dataset with backend image media (at most IMAGE_BATCH_ROWS rows). */
  readImages(key: string, rows: Uint32Array): Promise<ImageBatch>;
  /** What a long call still running (openFolder) has done so far, or null when nothing is running. */
  backendProgress(): Promise<BackendProgress | null>;
  /**
   * A classifier bundle (rules / model / hybrid) measured on the open dataset `key`. Desktop:
   * written to a folder; browser mode: returned as one .zip. Says the exact predict command.
   */
  exportBundle(request: ExportBundleRequest): Promise<ExportBundleResult>;
  /** The open dataset with the user's labels, rule and model predictions, as CSV / JSON lines / Parquet. */
  exportLabels(request: ExportLabelsRequest): Promise<ExportFileResult>;
}

export type ApiMethod = keyof MachineTeacherApi;

/** Commands the desktop menu sends to the window: each is the name of a renderer action. */
export const MENU_COMMANDS = ['open-file', 'open-folder', 'open-project', 'export', 'go-home', 'undo', 'redo', 'shortcuts'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export const isMenuCommand = (v: unknown): v is MenuCommand => typeof v === 'string' && (MENU_COMMANDS as readonly string[]).includes(v);

/** An error that crossed the boundary: a message for the user and, for bad files, where. */
export type ApiErrorInfo = { message: string; location?: { file: string; row?: number; column?: string | number; byte?: number } };

export class ApiError extends Error {
  constructor(readonly info: ApiErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
  }
}

export { API_METHODS, isApiMethod, validateArgs, argsProblem } from './api-validate.ts';
