/**
 * Boundary checks for the project calls (ml/api.ts spreads them into its validators): every
 * host runs them before a handler sees the arguments.
 */
import type { JsonObject, ProjectsApi } from './contract.ts';

type Validators = { [M in keyof ProjectsApi]: (args: unknown[]) => boolean };

const MAX_JSON_BYTES = 16 * 1024 * 1024;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
const isSession = (v: unknown) => typeof v === 'string' && /^[A-Za-z0-9_-]{8,80}$/.test(v);
const isHandle = isSession;
const isPath = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 4096 && !v.includes('\0');
const isName = (v: unknown) => typeof v === 'string' && /^[A-Za-z0-9_.-]{1,120}$/.test(v);
const isFile = (v: unknown) => isObj(v) && isPath(v.name) && v.bytes instanceof Uint8Array && (v.path === undefined || isPath(v.path));

/** A plain JSON object (what JSON.stringify would keep unchanged), within a size limit. */
export function isJsonObject(v: unknown): v is JsonObject {
  if (!isObj(v)) return false;
  let size = 0;
  const ok = (x: unknown, depth: number): boolean => {
    if (depth > 64) return false;
    if (x === null || typeof x === 'boolean' || typeof x === 'string') { size += typeof x === 'string' ? x.length : 4; return true; }
    if (typeof x === 'number') { size += 8; return Number.isFinite(x); }
    if (Array.isArray(x)) return x.every((e) => ok(e, depth + 1));
    if (!isObj(x) || Object.getPrototypeOf(x) !== Object.prototype) return false;
    return Object.entries(x).every(([k, e]) => { size += k.length; return ok(e, depth + 1); });
  };
  return ok(v, 0) && size < MAX_JSON_BYTES;
}

const isIntArray = (v: unknown, min: number) => Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= min && x < 2 ** 32);
const isLabelEdit = (v: unknown) =>
  isObj(v) &&
  (v.classes === undefined || (Array.isArray(v.classes) && v.classes.every((c) => typeof c === 'string'))) &&
  (v.rows instanceof Uint32Array || isIntArray(v.rows, 0)) &&
  (v.values instanceof Int32Array || isIntArray(v.values, -1));
/** Most rows a page-read folder table may have (a folder of a million images is far beyond what the page lists). */
const MAX_PAGE_ROWS = 2_000_000;
const MAX_COLUMNS = 64;

const isStrings = (v: unknown, n: number, nulls: boolean) => Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'string' || (nulls && x === null));
const isColumn = (c: unknown, n: number) =>
  isObj(c) && typeof c.name === 'string' && (
    (c.type === 'numeric' && c.values instanceof Float32Array && c.values.length === n) ||
    (c.type === 'text' && isStrings(c.values, n, true)) ||
    (c.type === 'categorical' && c.codes instanceof Int32Array && c.codes.length === n && Array.isArray(c.dictionary) && isStrings(c.dictionary, c.dictionary.length, false) &&
      c.codes.every((k) => k >= -1 && k < (c.dictionary as string[]).length)));
const isTable = (t: unknown) =>
  isObj(t) && Number.isInteger(t.n) && (t.n as number) >= 0 && (t.n as number) <= MAX_PAGE_ROWS &&
  Array.isArray(t.columns) && t.columns.length <= MAX_COLUMNS && t.columns.every((c) => isColumn(c, t.n as number));
/** A folder table the page built: image-file media from the page, reading a column the table has. */
const isPageDataset = (v: unknown) =>
  isObj(v) && v.kind === 'page-folder' && isPath(v.name) && isTable(v.table) && isObj(v.media) &&
  v.media.kind === 'image-files' && v.media.source === 'page' && typeof v.media.fingerprint === 'string' &&
  (v.table as { columns: { name: string }[] }).columns.some((c) => c.name === (v.media as { column: unknown }).column);
const isLocation = (v: unknown) => isObj(v) && (isPath(v.path) || isFile(v.file) || isPageDataset(v.page));
const isSpec = (v: unknown) =>
  isObj(v) && isObj(v.source) && (isLocation(v.source) || isPath(v.source.demo)) &&
  (v.name === undefined || isPath(v.name)) && (v.folder === undefined || isPath(v.folder)) && (v.idColumn === undefined || isPath(v.idColumn));
const isMode = (v: unknown) => v === 'write' || v === 'read-only' || v === 'take-over';
const isMetaPatch = (v: unknown) =>
  isObj(v) && (v.idColumn === undefined || v.idColumn === null || isPath(v.idColumn)) && (v.settings === undefined || isJsonObject(v.settings));

const withHandle = (a: unknown[], n: number) => a.length === n && isSession(a[0]) && isHandle(a[1]);

export const projectValidators: Validators = {
  listRecentProjects: (a) => a.length === 0,
  createProject: (a) => a.length === 2 && isSession(a[0]) && isSpec(a[1]),
  openProject: (a) => a.length === 3 && isSession(a[0]) && isPath(a[1]) && isMode(a[2]),
  // An absent `page` arrives as null over HTTP (JSON has no undefined).
  openProjectFor: (a) => (a.length === 3 || (a.length === 4 && (a[3] === undefined || a[3] === null || isPageDataset(a[3])))) && isSession(a[0]) && isPath(a[1]) && isMode(a[2]),
  loadProjectData: (a) => withHandle(a, 2),
  locateData: (a) => withHandle(a, 4) && isLocation(a[2]) && isObj(a[3]) && (a[3].matchByPosition === undefined || typeof a[3].matchByPosition === 'boolean'),
  closeProject: (a) => withHandle(a, 2),
  saveDocument: (a) => withHandle(a, 3) && isJsonObject(a[2]),
  editLabels: (a) => withHandle(a, 3) && isLabelEdit(a[2]),
  addRun: (a) => withHandle(a, 3) && isJsonObject(a[2]),
  renameProject: (a) => withHandle(a, 3) && isPath(a[2]),
  saveProjectAs: (a) => withHandle(a, 3) && isPath(a[2]),
  updateProjectMeta: (a) => withHandle(a, 3) && isMetaPatch(a[2]),
  pickProjectLocation: (a) => a.length === 1 && (a[0] === 'open' || a[0] === 'save'),
  loadProjectArtifact: (a) => withHandle(a, 3) && isName(a[2]),
  saveProjectArtifact: (a) => withHandle(a, 4) && isName(a[2]) && a[3] instanceof Uint8Array,
};
