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

export type HostInfo = { version: string; mode: 'desktop' | 'browser'; node: string };

export interface MachineTeacherApi {
  hostInfo(): Promise<HostInfo>;
  listDemos(): Promise<DemoInfo[]>;
  openDemo(id: string): Promise<OpenedDataset>;
  openFile(file: FilePayload): Promise<OpenedDataset>;
  /** Desktop: the native open dialog. Browser mode returns null (the page uses a file input). */
  pickFile(): Promise<FilePayload | null>;
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

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 4096;
const isName = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_.-]{1,120}$/.test(v);
const isFile = (v: unknown): v is FilePayload =>
  typeof v === 'object' && v !== null && isString((v as FilePayload).name) && (v as FilePayload).bytes instanceof Uint8Array;
const isProject = (v: unknown): v is ProjectState =>
  typeof v === 'object' && v !== null && (v as ProjectState).version === 1 && typeof (v as ProjectState).rules === 'object';

/** Argument checks for each method, run by every host before dispatch. */
const validators: { [M in ApiMethod]: (args: unknown[]) => boolean } = {
  hostInfo: (a) => a.length === 0,
  listDemos: (a) => a.length === 0,
  openDemo: (a) => a.length === 1 && isString(a[0]),
  openFile: (a) => a.length === 1 && isFile(a[0]),
  pickFile: (a) => a.length === 0,
  loadProject: (a) => a.length === 1 && isString(a[0]),
  saveProject: (a) => a.length === 2 && isString(a[0]) && isProject(a[1]),
  loadArtifact: (a) => a.length === 2 && isString(a[0]) && isName(a[1]),
  saveArtifact: (a) => a.length === 3 && isString(a[0]) && isName(a[1]) && a[2] instanceof Uint8Array,
};

export const API_METHODS = Object.keys(validators) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(validators, name);
}

export function validateArgs(method: ApiMethod, args: unknown): args is Parameters<MachineTeacherApi[typeof method]> {
  return Array.isArray(args) && validators[method](args);
}
