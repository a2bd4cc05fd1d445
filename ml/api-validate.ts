/**
 * Argument checks for every method of the contract, run by both hosts (Electron IPC and the
 * browser-mode HTTP host) before a handler sees anything. Deep: a project is checked field by
 * field (its rules with validateRuleSet, its labels pair by pair), and every problem names its
 * path ("args[1].labels.assigned[3][1]: …") so a bad caller can be fixed. Sizes are bounded so
 * a hostile message cannot make the backend build something huge.
 */
import type { ApiMethod, MachineTeacherApi } from './api.ts';
import { validateRuleSet } from './rules/validate.ts';

type Check = (v: unknown, path: string) => string | null;

const MAX_TEXT = 4096;
const MAX_CLASSES = 10_000;
const MAX_LABELS = 50_000_000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
const found = (v: unknown): string => (v === undefined ? 'nothing' : ArrayBuffer.isView(v) ? v.constructor.name : JSON.stringify(v)?.slice(0, 40) ?? typeof v);

/** A string of 1..max characters without control characters (no NUL, no line breaks). */
const text = (max = MAX_TEXT, empty = false): Check => (v, path) => {
  if (typeof v !== 'string') return `${path}: expected a string, found ${found(v)}`;
  if ((!empty && v.length === 0) || v.length > max) return `${path}: expected ${empty ? '0' : '1'}–${max} characters, found ${v.length}`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(v)) return `${path}: control characters are not allowed`;
  return null;
};
const artifactName: Check = (v, path) => (typeof v === 'string' && /^[A-Za-z0-9_.-]{1,120}$/.test(v) && !/^\.+$/.test(v) ? null : `${path}: expected a file name of letters, digits, _ . - (1–120), found ${found(v)}`);
const jobId: Check = (v, path) => (typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? null : `${path}: expected a job id of letters, digits, _ - (1–64), found ${found(v)}`);
const demoId: Check = (v, path) => (typeof v === 'string' && /^[a-z0-9_]{1,64}$/.test(v) ? null : `${path}: expected a demo id, found ${found(v)}`);
const bytes: Check = (v, path) => (v instanceof Uint8Array ? null : `${path}: expected bytes (Uint8Array), found ${found(v)}`);
const path: Check = (v, at) => (typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT && !v.includes('\u0000') ? null : `${at}: expected a file path, found ${found(v)}`);

function fields(v: unknown, at: string, spec: Record<string, Check>, optional: string[] = []): string | null {
  if (!isObj(v)) return `${at}: expected an object, found ${found(v)}`;
  for (const [k, check] of Object.entries(spec)) {
    if (!(k in v) && optional.includes(k)) continue;
    const problem = check(v[k], `${at}.${k}`);
    if (problem) return problem;
  }
  return null;
}

const filePayload: Check = (v, at) => fields(v, at, { name: text(1024), bytes });

function labels(v: unknown, at: string): string | null {
  if (v === null) return null;
  if (!isObj(v)) return `${at}: expected labels or null, found ${found(v)}`;
  const { classes, assigned } = v;
  if (!Array.isArray(classes) || classes.length > MAX_CLASSES) return `${at}.classes: expected an array of at most ${MAX_CLASSES} class names`;
  for (let i = 0; i < classes.length; i++) {
    const p = text(256, true)(classes[i], `${at}.classes[${i}]`);
    if (p) return p;
  }
  if (!Array.isArray(assigned) || assigned.length > MAX_LABELS) return `${at}.assigned: expected an array of at most ${MAX_LABELS.toLocaleString('en-US')} [row, class] pairs`;
  for (let i = 0; i < assigned.length; i++) {
    const pair: unknown = assigned[i];
    if (!Array.isArray(pair) || pair.length !== 2) return `${at}.assigned[${i}]: expected a [row, class] pair, found ${found(pair)}`;
    const [row, cls] = pair as unknown[];
    if (!Number.isSafeInteger(row) || (row as number) < 0) return `${at}.assigned[${i}][0]: expected a row index (an integer ≥ 0), found ${found(row)}`;
    if (!Number.isInteger(cls) || (cls as number) < 0 || (cls as number) >= classes.length) return `${at}.assigned[${i}][1]: expected a class index below ${classes.length}, found ${found(cls)}`;
  }
  return null;
}

function importedEmbeddings(v: unknown, at: string): string | null {
  if (!Array.isArray(v) || v.length > 1000) return `${at}: expected an array of at most 1000 embeddings`;
  for (let i = 0; i < v.length; i++) {
    const p = fields(v[i], `${at}[${i}]`, { id: text(1024), title: text(1024), artifact: artifactName });
    if (p) return p;
  }
  return null;
}

/** Plain JSON of bounded depth: what another part of the app may add to a project. */
function plainData(v: unknown, at: string, depth = 0): string | null {
  if (depth > 16) return `${at}: nested too deeply`;
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? null : `${at}: expected a finite number`;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) { const p = plainData(v[i], `${at}[${i}]`, depth + 1); if (p) return p; }
    return null;
  }
  if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) { const p = plainData(x, `${at}.${k}`, depth + 1); if (p) return p; }
    return null;
  }
  return `${at}: expected plain JSON data, found ${found(v)}`;
}

const KNOWN_PROJECT_FIELDS = new Set(['version', 'rules', 'labelColumn', 'labels', 'importedEmbeddings', 'updatedAt']);

/**
 * A ProjectState from the page. Known fields are checked deeply; fields other parts of the
 * app add must be plain JSON (they bring their own check here when they carry meaning).
 */
function project(v: unknown, at: string): string | null {
  if (!isObj(v)) return `${at}: expected a project object, found ${found(v)}`;
  if (v.version !== 1) return `${at}.version: expected 1, found ${found(v.version)}`;
  const rules = validateRuleSet(v.rules, `${at}.rules`);
  if (!rules.ok) return rules.error;
  if (v.labelColumn !== null) {
    const p = text()(v.labelColumn, `${at}.labelColumn`);
    if (p) return p;
  }
  const l = labels(v.labels, `${at}.labels`);
  if (l) return l;
  if (v.importedEmbeddings !== undefined) {
    const p = importedEmbeddings(v.importedEmbeddings, `${at}.importedEmbeddings`);
    if (p) return p;
  }
  const u = text(64)(v.updatedAt, `${at}.updatedAt`);
  if (u) return u;
  for (const [k, x] of Object.entries(v)) {
    if (KNOWN_PROJECT_FIELDS.has(k)) continue;
    const p = plainData(x, `${at}.${k}`);
    if (p) return p;
  }
  return null;
}

/** Dataset keys are made by the backend (`demo:…`, `file:<name>:<hash>`); only their size and NUL are checked. */
const datasetKey = path;

/** Each method's arguments, by position. */
const SIGNATURES: { [M in ApiMethod]: Check[] } = {
  hostInfo: [],
  listDemos: [],
  openDemo: [demoId],
  openFile: [filePayload],
  pickFile: [],
  startupFiles: [],
  openPath: [path, jobId],
  openProgress: [jobId],
  cancelOpen: [jobId],
  loadProject: [datasetKey],
  saveProject: [datasetKey, project],
  loadArtifact: [datasetKey, artifactName],
  saveArtifact: [datasetKey, artifactName, bytes],
};

export const API_METHODS = Object.keys(SIGNATURES) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(SIGNATURES, name);
}

/** What is wrong with `args` for `method`, or null when they are fine. */
export function argsProblem(method: ApiMethod, args: unknown): string | null {
  if (!Array.isArray(args)) return `args: expected an array, found ${found(args)}`;
  const checks = SIGNATURES[method];
  if (args.length !== checks.length) return `args: ${method} takes ${checks.length} argument${checks.length === 1 ? '' : 's'}, found ${args.length}`;
  for (let i = 0; i < checks.length; i++) {
    const p = checks[i](args[i], `args[${i}]`);
    if (p) return p;
  }
  return null;
}

export function validateArgs<M extends ApiMethod>(method: M, args: unknown): args is Parameters<MachineTeacherApi[M]> {
  return argsProblem(method, args) === null;
}
